
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
            cand --endpoints 'etcd endpoints, comma-separated [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection, e.g. 500ms, 2s [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand health 'Check cluster health: quorum, leader, split brain, alarms, db size'
            cand lock 'Acquire a distributed lock and run a command while holding it'
            cand elect 'Elect a leader, observe leadership, or run a command only on the leader'
            cand completions 'Print a shell completion script'
            cand generate-docs 'Write completion scripts and man pages into a directory (scripts/gen-docs runs this)'
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
            cand --endpoints 'etcd endpoints, comma-separated [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection, e.g. 500ms, 2s [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --cluster 'Check every member in the member list, not only the given endpoints'
            cand --nagios 'Print the Nagios/Icinga plugin format: status line with perfdata (same as -o plain)'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'etcdkit;lock'= {
            cand --ttl 'Session lease TTL: how long the lock outlives a holder that stopped renewing it'
            cand --timeout 'Give up waiting after this long (exit 1)'
            cand --limit 'A counting semaphore: at most N holders at once (use the same N everywhere)'
            cand --kill-after 'After a lost lock, how long CMD has between SIGTERM and SIGKILL'
            cand --endpoints 'etcd endpoints, comma-separated [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection, e.g. 500ms, 2s [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --no-wait 'Do not wait: take the lock now or exit 1 saying who holds it'
            cand --shared 'A shared (read) lock: shared holders run together, exclusive holders run alone'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'etcdkit;elect'= {
            cand --proposal 'This candidate''s proposal value [default: hostname:pid]'
            cand --every 'Run CMD at each interval while leader (needs CMD)'
            cand --ttl 'Session lease TTL: how soon a standby takes over from a leader that died'
            cand --kill-after 'After lost leadership, how long CMD has between SIGTERM and SIGKILL'
            cand --endpoints 'etcd endpoints, comma-separated [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection, e.g. 500ms, 2s [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --observe 'Print every leader change until interrupted (JSON Lines with -o json)'
            cand --leader 'Print the current leader once; exit 1 when there is none'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'etcdkit;completions'= {
            cand --endpoints 'etcd endpoints, comma-separated [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection, e.g. 500ms, 2s [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'etcdkit;generate-docs'= {
            cand --out-dir 'The directory that holds completions/ and man/'
            cand --endpoints 'etcd endpoints, comma-separated [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]'
            cand --dial-timeout 'Time to wait for a connection, e.g. 500ms, 2s [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]'
            cand --command-timeout 'Time to wait for one request [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]'
            cand --cacert 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]'
            cand --cert 'Client certificate for TLS [also ETCDCTL_CERT]'
            cand --key 'Client private key for TLS [also ETCDCTL_KEY]'
            cand --user 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]'
            cand --password 'Password for --user [also ETCDCTL_PASSWORD]'
            cand -o 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand --output 'Output format: table for people, json for programs, plain for scripts and monitors'
            cand -q 'No progress or status messages on stderr'
            cand --quiet 'No progress or status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'etcdkit;help'= {
            cand health 'Check cluster health: quorum, leader, split brain, alarms, db size'
            cand lock 'Acquire a distributed lock and run a command while holding it'
            cand elect 'Elect a leader, observe leadership, or run a command only on the leader'
            cand completions 'Print a shell completion script'
            cand generate-docs 'Write completion scripts and man pages into a directory (scripts/gen-docs runs this)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'etcdkit;help;health'= {
        }
        &'etcdkit;help;lock'= {
        }
        &'etcdkit;help;elect'= {
        }
        &'etcdkit;help;completions'= {
        }
        &'etcdkit;help;generate-docs'= {
        }
        &'etcdkit;help;help'= {
        }
    ]
    $completions[$command]
}
