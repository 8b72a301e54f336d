
use builtin;
use str;

set edit:completion:arg-completer[etcdkit] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'etcdkit'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'etcdkit'= {
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand health 'Check cluster health: quorum, leader, split brain, alarms, db size'
            cand lock 'Acquire a distributed lock and run a command while holding it'
            cand elect 'Elect a leader, observe leadership, or run a command only on the leader'
            cand watch-metrics 'Watch live cluster metrics: request rates, latencies, raft, db size, memory and CPU'
            cand alert 'Evaluate etcd''s alert rules without Prometheus; notify Slack, PagerDuty, email, webhooks'
            cand bench 'Load etcd and measure it: write, read, mixed, txn, watch and lock workloads, SLO checks'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'etcdkit;health'= {
            cand --db-warning 'Database size, as % of the quota, that is a warning'
            cand --db-critical 'Database size, as % of the quota, that is critical'
            cand --db-quota 'The backend quota (e.g. 8GiB) when the member does not report it; read from /metrics otherwise'
            cand --max-apply-lag 'A member whose committed index is this many entries ahead of its applied index is a warning'
            cand --max-applied-spread 'Applied indexes across members further apart than this are a warning'
            cand --slow-read 'A linearizable read slower than this is a warning'
            cand --fragmentation-ratio 'A database of over 100 MiB with less than this share in use is fragmented'
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand --cluster 'Check every member in the member list, and every given endpoint (one of another cluster is split brain)'
            cand --nagios 'Print the Nagios/Icinga plugin format: status line with perfdata (same as -o plain)'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'etcdkit;lock'= {
            cand --ttl 'Session lease TTL: how long the lock outlives a holder that stopped renewing it'
            cand --timeout 'Give up waiting after this long (exit 1) [default: wait forever]'
            cand --limit 'A counting semaphore: at most N holders at once (use the same N everywhere)'
            cand --kill-after 'After a lost lock, how long CMD has between SIGTERM and SIGKILL'
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand --no-wait 'Do not wait: take the lock now or exit 1 saying who holds it'
            cand --shared 'A shared (read) lock: shared holders run together, exclusive holders run alone'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'etcdkit;elect'= {
            cand --proposal 'This candidate''s proposal value [default: hostname:pid]'
            cand --every 'Run CMD at each interval while leader (needs CMD)'
            cand --ttl 'Session lease TTL: how soon a standby takes over from a leader that died'
            cand --kill-after 'After lost leadership, how long CMD has between SIGTERM and SIGKILL'
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand -l 'Print every leader change until interrupted (JSON Lines with -o json or into a pipe)'
            cand --observe 'Print every leader change until interrupted (JSON Lines with -o json or into a pipe)'
            cand --listen 'Print every leader change until interrupted (JSON Lines with -o json or into a pipe)'
            cand --leader 'Print the current leader once; exit 1 when there is none'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'etcdkit;watch-metrics'= {
            cand --interval 'Time between samples'
            cand --count 'Stop after this many samples [default: run until SIGINT or SIGTERM]'
            cand --metrics-urls 'Where each endpoint serves /metrics, when not on its client URL (comma-separated, in order)'
            cand --listen 'Also serve the latest sample over HTTP at this address: GET /metrics (Prometheus), /api/v1/cluster/status and /api/v1/metrics/current (JSON), /healthz. A bare port binds 127.0.0.1'
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand --cluster 'Watch every member in the member list, not only the given endpoints'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'etcdkit;alert'= {
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand rules 'List the rules in force: built in, changed and added by --config'
            cand metrics 'List the metrics and figures rules can compare with thresholds'
            cand run 'Evaluate the rules and send notifications: as a daemon, or once (for cron)'
            cand test 'Send a clearly marked test notification to a channel'
            cand silence 'Mute alerts that match label matchers for a while'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'etcdkit;alert;rules'= {
            cand --config 'Rules, channels and routes (TOML, or YAML for .yaml/.yml); see `etcdkit help alert`'
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'etcdkit;alert;metrics'= {
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'etcdkit;alert;run'= {
            cand --config 'Rules, channels and routes (TOML, or YAML for .yaml/.yml); see `etcdkit help alert`'
            cand --state 'Where alerting keeps what it remembers between runs, and the silences [default: $XDG_STATE_HOME/etcdkit/alert-state.json]'
            cand --interval 'Time between evaluations'
            cand --count 'Stop after this many evaluations [default: run until SIGINT or SIGTERM]'
            cand --metrics-urls 'Where each endpoint serves /metrics, when not on its client URL (comma-separated, in order)'
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand --once 'Evaluate once and exit (for cron); the state file carries timers and counters over'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'etcdkit;alert;test'= {
            cand --config 'Rules, channels and routes (TOML, or YAML for .yaml/.yml); see `etcdkit help alert`'
            cand --channel 'The channel to test, by name (repeat for several)'
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'etcdkit;alert;silence'= {
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand add 'Mute alerts whose labels match every matcher (label=value, !=, =~regex, !~regex)'
            cand list 'List silences in force (--all: also those that ended in the last day)'
            cand expire 'End silences now'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'etcdkit;alert;silence;add'= {
            cand --duration 'How long it lasts'
            cand --until 'When it ends, as RFC 3339 (2026-12-01T08:00:00Z)'
            cand --comment 'Why'
            cand --author 'Who [default: $USER]'
            cand --state 'Where alerting keeps what it remembers between runs, and the silences [default: $XDG_STATE_HOME/etcdkit/alert-state.json]'
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'etcdkit;alert;silence;list'= {
            cand --state 'Where alerting keeps what it remembers between runs, and the silences [default: $XDG_STATE_HOME/etcdkit/alert-state.json]'
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand --all 'Also silences that ended in the last day'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'etcdkit;alert;silence;expire'= {
            cand --state 'Where alerting keeps what it remembers between runs, and the silences [default: $XDG_STATE_HOME/etcdkit/alert-state.json]'
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'etcdkit;alert;silence;help'= {
            cand add 'Mute alerts whose labels match every matcher (label=value, !=, =~regex, !~regex)'
            cand list 'List silences in force (--all: also those that ended in the last day)'
            cand expire 'End silences now'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'etcdkit;alert;silence;help;add'= {
        }
        &'etcdkit;alert;silence;help;list'= {
        }
        &'etcdkit;alert;silence;help;expire'= {
        }
        &'etcdkit;alert;silence;help;help'= {
        }
        &'etcdkit;alert;help'= {
            cand rules 'List the rules in force: built in, changed and added by --config'
            cand metrics 'List the metrics and figures rules can compare with thresholds'
            cand run 'Evaluate the rules and send notifications: as a daemon, or once (for cron)'
            cand test 'Send a clearly marked test notification to a channel'
            cand silence 'Mute alerts that match label matchers for a while'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'etcdkit;alert;help;rules'= {
        }
        &'etcdkit;alert;help;metrics'= {
        }
        &'etcdkit;alert;help;run'= {
        }
        &'etcdkit;alert;help;test'= {
        }
        &'etcdkit;alert;help;silence'= {
            cand add 'Mute alerts whose labels match every matcher (label=value, !=, =~regex, !~regex)'
            cand list 'List silences in force (--all: also those that ended in the last day)'
            cand expire 'End silences now'
        }
        &'etcdkit;alert;help;silence;add'= {
        }
        &'etcdkit;alert;help;silence;list'= {
        }
        &'etcdkit;alert;help;silence;expire'= {
        }
        &'etcdkit;alert;help;help'= {
        }
        &'etcdkit;bench'= {
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand write 'Puts: write throughput and latency'
            cand read 'Ranges of one key each (linearizable by default)'
            cand mixed 'Reads and puts mixed (--read-ratio)'
            cand txn 'Compare-and-put transactions'
            cand watch 'Put-to-event latency seen by many watchers'
            cand lock 'Lock hand-off rate and acquire latency between contending clients'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'etcdkit;bench;write'= {
            cand --conns 'gRPC connections (spread over --endpoints with --target all), at most 1000'
            cand --clients 'Concurrent requesters, spread over the connections: at most 10000, and no more than --total'
            cand --total 'Requests to send [default: 10000]'
            cand --duration 'Send for this long instead of a number of requests (at most 30 days)'
            cand --rate 'Open loop at this many requests per second (0.001 to 10000000); latency counts from each request''s due time [default: closed loop, each client sends its next request when the last one is answered]'
            cand --key-size 'Key bytes after the prefix'
            cand --val-size 'Value bytes'
            cand --key-space-size 'Distinct keys (reads find them written beforehand)'
            cand --prefix 'Where the keys go, ending in ''/'' [default: a fresh /etcdkit-bench/<run id>/]'
            cand --target 'Send to the leader only, or spread over all endpoints'
            cand --sample 'Add a time series with one point per interval, e.g. 1s (100ms to 30 days)'
            cand --slo 'An objective the run must meet: ''p99<=20ms'', ''mean<5ms'', ''throughput>=5000'', ''errors==0'', ''error_rate<=0.01'' (repeatable)'
            cand --baseline 'An earlier `-o json` report to compare throughput, p50 and p99 with'
            cand --tolerance 'Worse than the baseline by more than this percentage is a regression'
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand --sequential-keys 'Keys in order instead of at random'
            cand --force 'Use a prefix that already holds keys (they are overwritten and deleted)'
            cand --keep 'Leave the keys in place at the end'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'etcdkit;bench;read'= {
            cand --conns 'gRPC connections (spread over --endpoints with --target all), at most 1000'
            cand --clients 'Concurrent requesters, spread over the connections: at most 10000, and no more than --total'
            cand --total 'Requests to send [default: 10000]'
            cand --duration 'Send for this long instead of a number of requests (at most 30 days)'
            cand --rate 'Open loop at this many requests per second (0.001 to 10000000); latency counts from each request''s due time [default: closed loop, each client sends its next request when the last one is answered]'
            cand --key-size 'Key bytes after the prefix'
            cand --val-size 'Value bytes'
            cand --key-space-size 'Distinct keys (reads find them written beforehand)'
            cand --prefix 'Where the keys go, ending in ''/'' [default: a fresh /etcdkit-bench/<run id>/]'
            cand --target 'Send to the leader only, or spread over all endpoints'
            cand --sample 'Add a time series with one point per interval, e.g. 1s (100ms to 30 days)'
            cand --slo 'An objective the run must meet: ''p99<=20ms'', ''mean<5ms'', ''throughput>=5000'', ''errors==0'', ''error_rate<=0.01'' (repeatable)'
            cand --baseline 'An earlier `-o json` report to compare throughput, p50 and p99 with'
            cand --tolerance 'Worse than the baseline by more than this percentage is a regression'
            cand --consistency 'l: linearizable (through the leader''s quorum), s: serializable (local)'
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand --sequential-keys 'Keys in order instead of at random'
            cand --force 'Use a prefix that already holds keys (they are overwritten and deleted)'
            cand --keep 'Leave the keys in place at the end'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'etcdkit;bench;mixed'= {
            cand --conns 'gRPC connections (spread over --endpoints with --target all), at most 1000'
            cand --clients 'Concurrent requesters, spread over the connections: at most 10000, and no more than --total'
            cand --total 'Requests to send [default: 10000]'
            cand --duration 'Send for this long instead of a number of requests (at most 30 days)'
            cand --rate 'Open loop at this many requests per second (0.001 to 10000000); latency counts from each request''s due time [default: closed loop, each client sends its next request when the last one is answered]'
            cand --key-size 'Key bytes after the prefix'
            cand --val-size 'Value bytes'
            cand --key-space-size 'Distinct keys (reads find them written beforehand)'
            cand --prefix 'Where the keys go, ending in ''/'' [default: a fresh /etcdkit-bench/<run id>/]'
            cand --target 'Send to the leader only, or spread over all endpoints'
            cand --sample 'Add a time series with one point per interval, e.g. 1s (100ms to 30 days)'
            cand --slo 'An objective the run must meet: ''p99<=20ms'', ''mean<5ms'', ''throughput>=5000'', ''errors==0'', ''error_rate<=0.01'' (repeatable)'
            cand --baseline 'An earlier `-o json` report to compare throughput, p50 and p99 with'
            cand --tolerance 'Worse than the baseline by more than this percentage is a regression'
            cand --read-ratio 'Share of requests that are reads, 0 to 1'
            cand --consistency 'l: linearizable, s: serializable reads'
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand --sequential-keys 'Keys in order instead of at random'
            cand --force 'Use a prefix that already holds keys (they are overwritten and deleted)'
            cand --keep 'Leave the keys in place at the end'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'etcdkit;bench;txn'= {
            cand --conns 'gRPC connections (spread over --endpoints with --target all), at most 1000'
            cand --clients 'Concurrent requesters, spread over the connections: at most 10000, and no more than --total'
            cand --total 'Requests to send [default: 10000]'
            cand --duration 'Send for this long instead of a number of requests (at most 30 days)'
            cand --rate 'Open loop at this many requests per second (0.001 to 10000000); latency counts from each request''s due time [default: closed loop, each client sends its next request when the last one is answered]'
            cand --key-size 'Key bytes after the prefix'
            cand --val-size 'Value bytes'
            cand --key-space-size 'Distinct keys (reads find them written beforehand)'
            cand --prefix 'Where the keys go, ending in ''/'' [default: a fresh /etcdkit-bench/<run id>/]'
            cand --target 'Send to the leader only, or spread over all endpoints'
            cand --sample 'Add a time series with one point per interval, e.g. 1s (100ms to 30 days)'
            cand --slo 'An objective the run must meet: ''p99<=20ms'', ''mean<5ms'', ''throughput>=5000'', ''errors==0'', ''error_rate<=0.01'' (repeatable)'
            cand --baseline 'An earlier `-o json` report to compare throughput, p50 and p99 with'
            cand --tolerance 'Worse than the baseline by more than this percentage is a regression'
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand --sequential-keys 'Keys in order instead of at random'
            cand --force 'Use a prefix that already holds keys (they are overwritten and deleted)'
            cand --keep 'Leave the keys in place at the end'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'etcdkit;bench;watch'= {
            cand --conns 'gRPC connections (spread over --endpoints with --target all), at most 1000'
            cand --clients 'Concurrent requesters, spread over the connections: at most 10000, and no more than --total'
            cand --total 'Requests to send [default: 10000]'
            cand --duration 'Send for this long instead of a number of requests (at most 30 days)'
            cand --rate 'Open loop at this many requests per second (0.001 to 10000000); latency counts from each request''s due time [default: closed loop, each client sends its next request when the last one is answered]'
            cand --key-size 'Key bytes after the prefix'
            cand --val-size 'Value bytes'
            cand --key-space-size 'Distinct keys (reads find them written beforehand)'
            cand --prefix 'Where the keys go, ending in ''/'' [default: a fresh /etcdkit-bench/<run id>/]'
            cand --target 'Send to the leader only, or spread over all endpoints'
            cand --sample 'Add a time series with one point per interval, e.g. 1s (100ms to 30 days)'
            cand --slo 'An objective the run must meet: ''p99<=20ms'', ''mean<5ms'', ''throughput>=5000'', ''errors==0'', ''error_rate<=0.01'' (repeatable)'
            cand --baseline 'An earlier `-o json` report to compare throughput, p50 and p99 with'
            cand --tolerance 'Worse than the baseline by more than this percentage is a regression'
            cand --watchers 'Watchers on the prefix; each sees every put (values are at least 16 bytes: they carry the send time)'
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand --sequential-keys 'Keys in order instead of at random'
            cand --force 'Use a prefix that already holds keys (they are overwritten and deleted)'
            cand --keep 'Leave the keys in place at the end'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'etcdkit;bench;lock'= {
            cand --conns 'gRPC connections (spread over --endpoints with --target all), at most 1000'
            cand --clients 'Concurrent requesters, spread over the connections: at most 10000, and no more than --total'
            cand --total 'Requests to send [default: 10000]'
            cand --duration 'Send for this long instead of a number of requests (at most 30 days)'
            cand --rate 'Open loop at this many requests per second (0.001 to 10000000); latency counts from each request''s due time [default: closed loop, each client sends its next request when the last one is answered]'
            cand --key-size 'Key bytes after the prefix'
            cand --val-size 'Value bytes'
            cand --key-space-size 'Distinct keys (reads find them written beforehand)'
            cand --prefix 'Where the keys go, ending in ''/'' [default: a fresh /etcdkit-bench/<run id>/]'
            cand --target 'Send to the leader only, or spread over all endpoints'
            cand --sample 'Add a time series with one point per interval, e.g. 1s (100ms to 30 days)'
            cand --slo 'An objective the run must meet: ''p99<=20ms'', ''mean<5ms'', ''throughput>=5000'', ''errors==0'', ''error_rate<=0.01'' (repeatable)'
            cand --baseline 'An earlier `-o json` report to compare throughput, p50 and p99 with'
            cand --tolerance 'Worse than the baseline by more than this percentage is a regression'
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand --sequential-keys 'Keys in order instead of at random'
            cand --force 'Use a prefix that already holds keys (they are overwritten and deleted)'
            cand --keep 'Leave the keys in place at the end'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'etcdkit;bench;help'= {
            cand write 'Puts: write throughput and latency'
            cand read 'Ranges of one key each (linearizable by default)'
            cand mixed 'Reads and puts mixed (--read-ratio)'
            cand txn 'Compare-and-put transactions'
            cand watch 'Put-to-event latency seen by many watchers'
            cand lock 'Lock hand-off rate and acquire latency between contending clients'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'etcdkit;bench;help;write'= {
        }
        &'etcdkit;bench;help;read'= {
        }
        &'etcdkit;bench;help;mixed'= {
        }
        &'etcdkit;bench;help;txn'= {
        }
        &'etcdkit;bench;help;watch'= {
        }
        &'etcdkit;bench;help;lock'= {
        }
        &'etcdkit;bench;help;help'= {
        }
        &'etcdkit;completions'= {
            cand --endpoints 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -w 'The same as --output (etcdctl''s name)'
            cand --write-out 'The same as --output (etcdctl''s name)'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'etcdkit;help'= {
            cand health 'Check cluster health: quorum, leader, split brain, alarms, db size'
            cand lock 'Acquire a distributed lock and run a command while holding it'
            cand elect 'Elect a leader, observe leadership, or run a command only on the leader'
            cand watch-metrics 'Watch live cluster metrics: request rates, latencies, raft, db size, memory and CPU'
            cand alert 'Evaluate etcd''s alert rules without Prometheus; notify Slack, PagerDuty, email, webhooks'
            cand bench 'Load etcd and measure it: write, read, mixed, txn, watch and lock workloads, SLO checks'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'etcdkit;help;health'= {
        }
        &'etcdkit;help;lock'= {
        }
        &'etcdkit;help;elect'= {
        }
        &'etcdkit;help;watch-metrics'= {
        }
        &'etcdkit;help;alert'= {
            cand rules 'List the rules in force: built in, changed and added by --config'
            cand metrics 'List the metrics and figures rules can compare with thresholds'
            cand run 'Evaluate the rules and send notifications: as a daemon, or once (for cron)'
            cand test 'Send a clearly marked test notification to a channel'
            cand silence 'Mute alerts that match label matchers for a while'
        }
        &'etcdkit;help;alert;rules'= {
        }
        &'etcdkit;help;alert;metrics'= {
        }
        &'etcdkit;help;alert;run'= {
        }
        &'etcdkit;help;alert;test'= {
        }
        &'etcdkit;help;alert;silence'= {
            cand add 'Mute alerts whose labels match every matcher (label=value, !=, =~regex, !~regex)'
            cand list 'List silences in force (--all: also those that ended in the last day)'
            cand expire 'End silences now'
        }
        &'etcdkit;help;alert;silence;add'= {
        }
        &'etcdkit;help;alert;silence;list'= {
        }
        &'etcdkit;help;alert;silence;expire'= {
        }
        &'etcdkit;help;bench'= {
            cand write 'Puts: write throughput and latency'
            cand read 'Ranges of one key each (linearizable by default)'
            cand mixed 'Reads and puts mixed (--read-ratio)'
            cand txn 'Compare-and-put transactions'
            cand watch 'Put-to-event latency seen by many watchers'
            cand lock 'Lock hand-off rate and acquire latency between contending clients'
        }
        &'etcdkit;help;bench;write'= {
        }
        &'etcdkit;help;bench;read'= {
        }
        &'etcdkit;help;bench;mixed'= {
        }
        &'etcdkit;help;bench;txn'= {
        }
        &'etcdkit;help;bench;watch'= {
        }
        &'etcdkit;help;bench;lock'= {
        }
        &'etcdkit;help;completions'= {
        }
        &'etcdkit;help;help'= {
        }
    ]
    $completions[$command]
}
