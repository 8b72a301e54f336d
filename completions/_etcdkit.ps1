
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'etcdkit' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'etcdkit'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'etcdkit' {
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check cluster health: quorum, leader, split brain, alarms, db size')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Acquire a distributed lock and run a command while holding it')
            [CompletionResult]::new('elect', 'elect', [CompletionResultType]::ParameterValue, 'Elect a leader, observe leadership, or run a command only on the leader')
            [CompletionResult]::new('watch-metrics', 'watch-metrics', [CompletionResultType]::ParameterValue, 'Watch live cluster metrics: request rates, latencies, raft, db size, memory and CPU')
            [CompletionResult]::new('alert', 'alert', [CompletionResultType]::ParameterValue, 'Evaluate etcd''s alert rules without Prometheus; notify Slack, PagerDuty, email, webhooks')
            [CompletionResult]::new('bench', 'bench', [CompletionResultType]::ParameterValue, 'Load etcd and measure it: write, read, mixed, txn, watch and lock workloads, SLO checks')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'etcdkit;health' {
            [CompletionResult]::new('--db-warning', '--db-warning', [CompletionResultType]::ParameterName, 'Database size, as % of the quota, that is a warning')
            [CompletionResult]::new('--db-critical', '--db-critical', [CompletionResultType]::ParameterName, 'Database size, as % of the quota, that is critical')
            [CompletionResult]::new('--db-quota', '--db-quota', [CompletionResultType]::ParameterName, 'The backend quota (e.g. 8GiB) when the member does not report it; read from /metrics otherwise')
            [CompletionResult]::new('--max-apply-lag', '--max-apply-lag', [CompletionResultType]::ParameterName, 'A member whose committed index is this many entries ahead of its applied index is a warning')
            [CompletionResult]::new('--max-applied-spread', '--max-applied-spread', [CompletionResultType]::ParameterName, 'Applied indexes across members further apart than this are a warning')
            [CompletionResult]::new('--slow-read', '--slow-read', [CompletionResultType]::ParameterName, 'A linearizable read slower than this is a warning')
            [CompletionResult]::new('--fragmentation-ratio', '--fragmentation-ratio', [CompletionResultType]::ParameterName, 'A database of over 100 MiB with less than this share in use is fragmented')
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Check every member in the member list, and every given endpoint (one of another cluster is split brain)')
            [CompletionResult]::new('--nagios', '--nagios', [CompletionResultType]::ParameterName, 'Print the Nagios/Icinga plugin format: status line with perfdata (same as -o plain)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'etcdkit;lock' {
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Session lease TTL: how long the lock outlives a holder that stopped renewing it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting after this long (exit 1) [default: wait forever]')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'A counting semaphore: at most N holders at once (use the same N everywhere)')
            [CompletionResult]::new('--kill-after', '--kill-after', [CompletionResultType]::ParameterName, 'After a lost lock, how long CMD has between SIGTERM and SIGKILL')
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Do not wait: take the lock now or exit 1 saying who holds it')
            [CompletionResult]::new('--shared', '--shared', [CompletionResultType]::ParameterName, 'A shared (read) lock: shared holders run together, exclusive holders run alone')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'etcdkit;elect' {
            [CompletionResult]::new('--proposal', '--proposal', [CompletionResultType]::ParameterName, 'This candidate''s proposal value [default: hostname:pid]')
            [CompletionResult]::new('--every', '--every', [CompletionResultType]::ParameterName, 'Run CMD at each interval while leader (needs CMD)')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Session lease TTL: how soon a standby takes over from a leader that died')
            [CompletionResult]::new('--kill-after', '--kill-after', [CompletionResultType]::ParameterName, 'After lost leadership, how long CMD has between SIGTERM and SIGKILL')
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Print every leader change until interrupted (JSON Lines with -o json or into a pipe)')
            [CompletionResult]::new('--observe', '--observe', [CompletionResultType]::ParameterName, 'Print every leader change until interrupted (JSON Lines with -o json or into a pipe)')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Print every leader change until interrupted (JSON Lines with -o json or into a pipe)')
            [CompletionResult]::new('--leader', '--leader', [CompletionResultType]::ParameterName, 'Print the current leader once; exit 1 when there is none')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'etcdkit;watch-metrics' {
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Time between samples')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after this many samples [default: run until SIGINT or SIGTERM]')
            [CompletionResult]::new('--metrics-urls', '--metrics-urls', [CompletionResultType]::ParameterName, 'Where each endpoint serves /metrics, when not on its client URL (comma-separated, in order)')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Also serve the latest sample over HTTP at this address: GET /metrics (Prometheus), /api/v1/cluster/status and /api/v1/metrics/current (JSON), /healthz. A bare port binds 127.0.0.1')
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Watch every member in the member list, not only the given endpoints')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'etcdkit;alert' {
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List the rules in force: built in, changed and added by --config')
            [CompletionResult]::new('metrics', 'metrics', [CompletionResultType]::ParameterValue, 'List the metrics and figures rules can compare with thresholds')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Evaluate the rules and send notifications: as a daemon, or once (for cron)')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send a clearly marked test notification to a channel')
            [CompletionResult]::new('silence', 'silence', [CompletionResultType]::ParameterValue, 'Mute alerts that match label matchers for a while')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'etcdkit;alert;rules' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Rules, channels and routes (TOML, or YAML for .yaml/.yml); see `etcdkit help alert`')
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'etcdkit;alert;metrics' {
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'etcdkit;alert;run' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Rules, channels and routes (TOML, or YAML for .yaml/.yml); see `etcdkit help alert`')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Where alerting keeps what it remembers between runs, and the silences [default: $XDG_STATE_HOME/etcdkit/alert-state.json]')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Time between evaluations')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after this many evaluations [default: run until SIGINT or SIGTERM]')
            [CompletionResult]::new('--metrics-urls', '--metrics-urls', [CompletionResultType]::ParameterName, 'Where each endpoint serves /metrics, when not on its client URL (comma-separated, in order)')
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--once', '--once', [CompletionResultType]::ParameterName, 'Evaluate once and exit (for cron); the state file carries timers and counters over')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'etcdkit;alert;test' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Rules, channels and routes (TOML, or YAML for .yaml/.yml); see `etcdkit help alert`')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'The channel to test, by name (repeat for several)')
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'etcdkit;alert;silence' {
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Mute alerts whose labels match every matcher (label=value, !=, =~regex, !~regex)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List silences in force (--all: also those that ended in the last day)')
            [CompletionResult]::new('expire', 'expire', [CompletionResultType]::ParameterValue, 'End silences now')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'etcdkit;alert;silence;add' {
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'How long it lasts')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'When it ends, as RFC 3339 (2026-12-01T08:00:00Z)')
            [CompletionResult]::new('--comment', '--comment', [CompletionResultType]::ParameterName, 'Why')
            [CompletionResult]::new('--author', '--author', [CompletionResultType]::ParameterName, 'Who [default: $USER]')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Where alerting keeps what it remembers between runs, and the silences [default: $XDG_STATE_HOME/etcdkit/alert-state.json]')
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'etcdkit;alert;silence;list' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Where alerting keeps what it remembers between runs, and the silences [default: $XDG_STATE_HOME/etcdkit/alert-state.json]')
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Also silences that ended in the last day')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'etcdkit;alert;silence;expire' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Where alerting keeps what it remembers between runs, and the silences [default: $XDG_STATE_HOME/etcdkit/alert-state.json]')
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'etcdkit;alert;silence;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Mute alerts whose labels match every matcher (label=value, !=, =~regex, !~regex)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List silences in force (--all: also those that ended in the last day)')
            [CompletionResult]::new('expire', 'expire', [CompletionResultType]::ParameterValue, 'End silences now')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'etcdkit;alert;silence;help;add' {
            break
        }
        'etcdkit;alert;silence;help;list' {
            break
        }
        'etcdkit;alert;silence;help;expire' {
            break
        }
        'etcdkit;alert;silence;help;help' {
            break
        }
        'etcdkit;alert;help' {
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List the rules in force: built in, changed and added by --config')
            [CompletionResult]::new('metrics', 'metrics', [CompletionResultType]::ParameterValue, 'List the metrics and figures rules can compare with thresholds')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Evaluate the rules and send notifications: as a daemon, or once (for cron)')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send a clearly marked test notification to a channel')
            [CompletionResult]::new('silence', 'silence', [CompletionResultType]::ParameterValue, 'Mute alerts that match label matchers for a while')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'etcdkit;alert;help;rules' {
            break
        }
        'etcdkit;alert;help;metrics' {
            break
        }
        'etcdkit;alert;help;run' {
            break
        }
        'etcdkit;alert;help;test' {
            break
        }
        'etcdkit;alert;help;silence' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Mute alerts whose labels match every matcher (label=value, !=, =~regex, !~regex)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List silences in force (--all: also those that ended in the last day)')
            [CompletionResult]::new('expire', 'expire', [CompletionResultType]::ParameterValue, 'End silences now')
            break
        }
        'etcdkit;alert;help;silence;add' {
            break
        }
        'etcdkit;alert;help;silence;list' {
            break
        }
        'etcdkit;alert;help;silence;expire' {
            break
        }
        'etcdkit;alert;help;help' {
            break
        }
        'etcdkit;bench' {
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('write', 'write', [CompletionResultType]::ParameterValue, 'Puts: write throughput and latency')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Ranges of one key each (linearizable by default)')
            [CompletionResult]::new('mixed', 'mixed', [CompletionResultType]::ParameterValue, 'Reads and puts mixed (--read-ratio)')
            [CompletionResult]::new('txn', 'txn', [CompletionResultType]::ParameterValue, 'Compare-and-put transactions')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Put-to-event latency seen by many watchers')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Lock hand-off rate and acquire latency between contending clients')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'etcdkit;bench;write' {
            [CompletionResult]::new('--conns', '--conns', [CompletionResultType]::ParameterName, 'gRPC connections (spread over --endpoints with --target all), at most 1000')
            [CompletionResult]::new('--clients', '--clients', [CompletionResultType]::ParameterName, 'Concurrent requesters, spread over the connections: at most 10000, and no more than --total')
            [CompletionResult]::new('--total', '--total', [CompletionResultType]::ParameterName, 'Requests to send [default: 10000]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Send for this long instead of a number of requests (at most 30 days)')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Open loop at this many requests per second (0.001 to 10000000); latency counts from each request''s due time [default: closed loop, each client sends its next request when the last one is answered]')
            [CompletionResult]::new('--key-size', '--key-size', [CompletionResultType]::ParameterName, 'Key bytes after the prefix')
            [CompletionResult]::new('--val-size', '--val-size', [CompletionResultType]::ParameterName, 'Value bytes')
            [CompletionResult]::new('--key-space-size', '--key-space-size', [CompletionResultType]::ParameterName, 'Distinct keys (reads find them written beforehand)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Where the keys go, ending in ''/'' [default: a fresh /etcdkit-bench/<run id>/]')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Send to the leader only, or spread over all endpoints')
            [CompletionResult]::new('--sample', '--sample', [CompletionResultType]::ParameterName, 'Add a time series with one point per interval, e.g. 1s (100ms to 30 days)')
            [CompletionResult]::new('--slo', '--slo', [CompletionResultType]::ParameterName, 'An objective the run must meet: ''p99<=20ms'', ''mean<5ms'', ''throughput>=5000'', ''errors==0'', ''error_rate<=0.01'' (repeatable)')
            [CompletionResult]::new('--baseline', '--baseline', [CompletionResultType]::ParameterName, 'An earlier `-o json` report to compare throughput, p50 and p99 with')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'Worse than the baseline by more than this percentage is a regression')
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--sequential-keys', '--sequential-keys', [CompletionResultType]::ParameterName, 'Keys in order instead of at random')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Use a prefix that already holds keys (they are overwritten and deleted)')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Leave the keys in place at the end')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'etcdkit;bench;read' {
            [CompletionResult]::new('--conns', '--conns', [CompletionResultType]::ParameterName, 'gRPC connections (spread over --endpoints with --target all), at most 1000')
            [CompletionResult]::new('--clients', '--clients', [CompletionResultType]::ParameterName, 'Concurrent requesters, spread over the connections: at most 10000, and no more than --total')
            [CompletionResult]::new('--total', '--total', [CompletionResultType]::ParameterName, 'Requests to send [default: 10000]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Send for this long instead of a number of requests (at most 30 days)')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Open loop at this many requests per second (0.001 to 10000000); latency counts from each request''s due time [default: closed loop, each client sends its next request when the last one is answered]')
            [CompletionResult]::new('--key-size', '--key-size', [CompletionResultType]::ParameterName, 'Key bytes after the prefix')
            [CompletionResult]::new('--val-size', '--val-size', [CompletionResultType]::ParameterName, 'Value bytes')
            [CompletionResult]::new('--key-space-size', '--key-space-size', [CompletionResultType]::ParameterName, 'Distinct keys (reads find them written beforehand)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Where the keys go, ending in ''/'' [default: a fresh /etcdkit-bench/<run id>/]')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Send to the leader only, or spread over all endpoints')
            [CompletionResult]::new('--sample', '--sample', [CompletionResultType]::ParameterName, 'Add a time series with one point per interval, e.g. 1s (100ms to 30 days)')
            [CompletionResult]::new('--slo', '--slo', [CompletionResultType]::ParameterName, 'An objective the run must meet: ''p99<=20ms'', ''mean<5ms'', ''throughput>=5000'', ''errors==0'', ''error_rate<=0.01'' (repeatable)')
            [CompletionResult]::new('--baseline', '--baseline', [CompletionResultType]::ParameterName, 'An earlier `-o json` report to compare throughput, p50 and p99 with')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'Worse than the baseline by more than this percentage is a regression')
            [CompletionResult]::new('--consistency', '--consistency', [CompletionResultType]::ParameterName, 'l: linearizable (through the leader''s quorum), s: serializable (local)')
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--sequential-keys', '--sequential-keys', [CompletionResultType]::ParameterName, 'Keys in order instead of at random')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Use a prefix that already holds keys (they are overwritten and deleted)')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Leave the keys in place at the end')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'etcdkit;bench;mixed' {
            [CompletionResult]::new('--conns', '--conns', [CompletionResultType]::ParameterName, 'gRPC connections (spread over --endpoints with --target all), at most 1000')
            [CompletionResult]::new('--clients', '--clients', [CompletionResultType]::ParameterName, 'Concurrent requesters, spread over the connections: at most 10000, and no more than --total')
            [CompletionResult]::new('--total', '--total', [CompletionResultType]::ParameterName, 'Requests to send [default: 10000]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Send for this long instead of a number of requests (at most 30 days)')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Open loop at this many requests per second (0.001 to 10000000); latency counts from each request''s due time [default: closed loop, each client sends its next request when the last one is answered]')
            [CompletionResult]::new('--key-size', '--key-size', [CompletionResultType]::ParameterName, 'Key bytes after the prefix')
            [CompletionResult]::new('--val-size', '--val-size', [CompletionResultType]::ParameterName, 'Value bytes')
            [CompletionResult]::new('--key-space-size', '--key-space-size', [CompletionResultType]::ParameterName, 'Distinct keys (reads find them written beforehand)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Where the keys go, ending in ''/'' [default: a fresh /etcdkit-bench/<run id>/]')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Send to the leader only, or spread over all endpoints')
            [CompletionResult]::new('--sample', '--sample', [CompletionResultType]::ParameterName, 'Add a time series with one point per interval, e.g. 1s (100ms to 30 days)')
            [CompletionResult]::new('--slo', '--slo', [CompletionResultType]::ParameterName, 'An objective the run must meet: ''p99<=20ms'', ''mean<5ms'', ''throughput>=5000'', ''errors==0'', ''error_rate<=0.01'' (repeatable)')
            [CompletionResult]::new('--baseline', '--baseline', [CompletionResultType]::ParameterName, 'An earlier `-o json` report to compare throughput, p50 and p99 with')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'Worse than the baseline by more than this percentage is a regression')
            [CompletionResult]::new('--read-ratio', '--read-ratio', [CompletionResultType]::ParameterName, 'Share of requests that are reads, 0 to 1')
            [CompletionResult]::new('--consistency', '--consistency', [CompletionResultType]::ParameterName, 'l: linearizable, s: serializable reads')
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--sequential-keys', '--sequential-keys', [CompletionResultType]::ParameterName, 'Keys in order instead of at random')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Use a prefix that already holds keys (they are overwritten and deleted)')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Leave the keys in place at the end')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'etcdkit;bench;txn' {
            [CompletionResult]::new('--conns', '--conns', [CompletionResultType]::ParameterName, 'gRPC connections (spread over --endpoints with --target all), at most 1000')
            [CompletionResult]::new('--clients', '--clients', [CompletionResultType]::ParameterName, 'Concurrent requesters, spread over the connections: at most 10000, and no more than --total')
            [CompletionResult]::new('--total', '--total', [CompletionResultType]::ParameterName, 'Requests to send [default: 10000]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Send for this long instead of a number of requests (at most 30 days)')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Open loop at this many requests per second (0.001 to 10000000); latency counts from each request''s due time [default: closed loop, each client sends its next request when the last one is answered]')
            [CompletionResult]::new('--key-size', '--key-size', [CompletionResultType]::ParameterName, 'Key bytes after the prefix')
            [CompletionResult]::new('--val-size', '--val-size', [CompletionResultType]::ParameterName, 'Value bytes')
            [CompletionResult]::new('--key-space-size', '--key-space-size', [CompletionResultType]::ParameterName, 'Distinct keys (reads find them written beforehand)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Where the keys go, ending in ''/'' [default: a fresh /etcdkit-bench/<run id>/]')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Send to the leader only, or spread over all endpoints')
            [CompletionResult]::new('--sample', '--sample', [CompletionResultType]::ParameterName, 'Add a time series with one point per interval, e.g. 1s (100ms to 30 days)')
            [CompletionResult]::new('--slo', '--slo', [CompletionResultType]::ParameterName, 'An objective the run must meet: ''p99<=20ms'', ''mean<5ms'', ''throughput>=5000'', ''errors==0'', ''error_rate<=0.01'' (repeatable)')
            [CompletionResult]::new('--baseline', '--baseline', [CompletionResultType]::ParameterName, 'An earlier `-o json` report to compare throughput, p50 and p99 with')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'Worse than the baseline by more than this percentage is a regression')
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--sequential-keys', '--sequential-keys', [CompletionResultType]::ParameterName, 'Keys in order instead of at random')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Use a prefix that already holds keys (they are overwritten and deleted)')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Leave the keys in place at the end')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'etcdkit;bench;watch' {
            [CompletionResult]::new('--conns', '--conns', [CompletionResultType]::ParameterName, 'gRPC connections (spread over --endpoints with --target all), at most 1000')
            [CompletionResult]::new('--clients', '--clients', [CompletionResultType]::ParameterName, 'Concurrent requesters, spread over the connections: at most 10000, and no more than --total')
            [CompletionResult]::new('--total', '--total', [CompletionResultType]::ParameterName, 'Requests to send [default: 10000]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Send for this long instead of a number of requests (at most 30 days)')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Open loop at this many requests per second (0.001 to 10000000); latency counts from each request''s due time [default: closed loop, each client sends its next request when the last one is answered]')
            [CompletionResult]::new('--key-size', '--key-size', [CompletionResultType]::ParameterName, 'Key bytes after the prefix')
            [CompletionResult]::new('--val-size', '--val-size', [CompletionResultType]::ParameterName, 'Value bytes')
            [CompletionResult]::new('--key-space-size', '--key-space-size', [CompletionResultType]::ParameterName, 'Distinct keys (reads find them written beforehand)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Where the keys go, ending in ''/'' [default: a fresh /etcdkit-bench/<run id>/]')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Send to the leader only, or spread over all endpoints')
            [CompletionResult]::new('--sample', '--sample', [CompletionResultType]::ParameterName, 'Add a time series with one point per interval, e.g. 1s (100ms to 30 days)')
            [CompletionResult]::new('--slo', '--slo', [CompletionResultType]::ParameterName, 'An objective the run must meet: ''p99<=20ms'', ''mean<5ms'', ''throughput>=5000'', ''errors==0'', ''error_rate<=0.01'' (repeatable)')
            [CompletionResult]::new('--baseline', '--baseline', [CompletionResultType]::ParameterName, 'An earlier `-o json` report to compare throughput, p50 and p99 with')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'Worse than the baseline by more than this percentage is a regression')
            [CompletionResult]::new('--watchers', '--watchers', [CompletionResultType]::ParameterName, 'Watchers on the prefix; each sees every put (values are at least 16 bytes: they carry the send time)')
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--sequential-keys', '--sequential-keys', [CompletionResultType]::ParameterName, 'Keys in order instead of at random')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Use a prefix that already holds keys (they are overwritten and deleted)')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Leave the keys in place at the end')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'etcdkit;bench;lock' {
            [CompletionResult]::new('--conns', '--conns', [CompletionResultType]::ParameterName, 'gRPC connections (spread over --endpoints with --target all), at most 1000')
            [CompletionResult]::new('--clients', '--clients', [CompletionResultType]::ParameterName, 'Concurrent requesters, spread over the connections: at most 10000, and no more than --total')
            [CompletionResult]::new('--total', '--total', [CompletionResultType]::ParameterName, 'Requests to send [default: 10000]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Send for this long instead of a number of requests (at most 30 days)')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Open loop at this many requests per second (0.001 to 10000000); latency counts from each request''s due time [default: closed loop, each client sends its next request when the last one is answered]')
            [CompletionResult]::new('--key-size', '--key-size', [CompletionResultType]::ParameterName, 'Key bytes after the prefix')
            [CompletionResult]::new('--val-size', '--val-size', [CompletionResultType]::ParameterName, 'Value bytes')
            [CompletionResult]::new('--key-space-size', '--key-space-size', [CompletionResultType]::ParameterName, 'Distinct keys (reads find them written beforehand)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Where the keys go, ending in ''/'' [default: a fresh /etcdkit-bench/<run id>/]')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Send to the leader only, or spread over all endpoints')
            [CompletionResult]::new('--sample', '--sample', [CompletionResultType]::ParameterName, 'Add a time series with one point per interval, e.g. 1s (100ms to 30 days)')
            [CompletionResult]::new('--slo', '--slo', [CompletionResultType]::ParameterName, 'An objective the run must meet: ''p99<=20ms'', ''mean<5ms'', ''throughput>=5000'', ''errors==0'', ''error_rate<=0.01'' (repeatable)')
            [CompletionResult]::new('--baseline', '--baseline', [CompletionResultType]::ParameterName, 'An earlier `-o json` report to compare throughput, p50 and p99 with')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'Worse than the baseline by more than this percentage is a regression')
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--sequential-keys', '--sequential-keys', [CompletionResultType]::ParameterName, 'Keys in order instead of at random')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Use a prefix that already holds keys (they are overwritten and deleted)')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Leave the keys in place at the end')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'etcdkit;bench;help' {
            [CompletionResult]::new('write', 'write', [CompletionResultType]::ParameterValue, 'Puts: write throughput and latency')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Ranges of one key each (linearizable by default)')
            [CompletionResult]::new('mixed', 'mixed', [CompletionResultType]::ParameterValue, 'Reads and puts mixed (--read-ratio)')
            [CompletionResult]::new('txn', 'txn', [CompletionResultType]::ParameterValue, 'Compare-and-put transactions')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Put-to-event latency seen by many watchers')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Lock hand-off rate and acquire latency between contending clients')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'etcdkit;bench;help;write' {
            break
        }
        'etcdkit;bench;help;read' {
            break
        }
        'etcdkit;bench;help;mixed' {
            break
        }
        'etcdkit;bench;help;txn' {
            break
        }
        'etcdkit;bench;help;watch' {
            break
        }
        'etcdkit;bench;help;lock' {
            break
        }
        'etcdkit;bench;help;help' {
            break
        }
        'etcdkit;completions' {
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]')
            [CompletionResult]::new('--dial-timeout', '--dial-timeout', [CompletionResultType]::ParameterName, 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]')
            [CompletionResult]::new('--command-timeout', '--command-timeout', [CompletionResultType]::ParameterName, 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA bundle that signed the servers'' certificates (enables TLS) [also ETCDCTL_CACERT]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate for TLS [also ETCDCTL_CERT]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key for TLS [also ETCDCTL_KEY]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for --user [also ETCDCTL_PASSWORD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table for people, json for programs, plain for scripts and monitors')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'The same as --output (etcdctl''s name)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress or status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'etcdkit;help' {
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check cluster health: quorum, leader, split brain, alarms, db size')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Acquire a distributed lock and run a command while holding it')
            [CompletionResult]::new('elect', 'elect', [CompletionResultType]::ParameterValue, 'Elect a leader, observe leadership, or run a command only on the leader')
            [CompletionResult]::new('watch-metrics', 'watch-metrics', [CompletionResultType]::ParameterValue, 'Watch live cluster metrics: request rates, latencies, raft, db size, memory and CPU')
            [CompletionResult]::new('alert', 'alert', [CompletionResultType]::ParameterValue, 'Evaluate etcd''s alert rules without Prometheus; notify Slack, PagerDuty, email, webhooks')
            [CompletionResult]::new('bench', 'bench', [CompletionResultType]::ParameterValue, 'Load etcd and measure it: write, read, mixed, txn, watch and lock workloads, SLO checks')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'etcdkit;help;health' {
            break
        }
        'etcdkit;help;lock' {
            break
        }
        'etcdkit;help;elect' {
            break
        }
        'etcdkit;help;watch-metrics' {
            break
        }
        'etcdkit;help;alert' {
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List the rules in force: built in, changed and added by --config')
            [CompletionResult]::new('metrics', 'metrics', [CompletionResultType]::ParameterValue, 'List the metrics and figures rules can compare with thresholds')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Evaluate the rules and send notifications: as a daemon, or once (for cron)')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send a clearly marked test notification to a channel')
            [CompletionResult]::new('silence', 'silence', [CompletionResultType]::ParameterValue, 'Mute alerts that match label matchers for a while')
            break
        }
        'etcdkit;help;alert;rules' {
            break
        }
        'etcdkit;help;alert;metrics' {
            break
        }
        'etcdkit;help;alert;run' {
            break
        }
        'etcdkit;help;alert;test' {
            break
        }
        'etcdkit;help;alert;silence' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Mute alerts whose labels match every matcher (label=value, !=, =~regex, !~regex)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List silences in force (--all: also those that ended in the last day)')
            [CompletionResult]::new('expire', 'expire', [CompletionResultType]::ParameterValue, 'End silences now')
            break
        }
        'etcdkit;help;alert;silence;add' {
            break
        }
        'etcdkit;help;alert;silence;list' {
            break
        }
        'etcdkit;help;alert;silence;expire' {
            break
        }
        'etcdkit;help;bench' {
            [CompletionResult]::new('write', 'write', [CompletionResultType]::ParameterValue, 'Puts: write throughput and latency')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Ranges of one key each (linearizable by default)')
            [CompletionResult]::new('mixed', 'mixed', [CompletionResultType]::ParameterValue, 'Reads and puts mixed (--read-ratio)')
            [CompletionResult]::new('txn', 'txn', [CompletionResultType]::ParameterValue, 'Compare-and-put transactions')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Put-to-event latency seen by many watchers')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Lock hand-off rate and acquire latency between contending clients')
            break
        }
        'etcdkit;help;bench;write' {
            break
        }
        'etcdkit;help;bench;read' {
            break
        }
        'etcdkit;help;bench;mixed' {
            break
        }
        'etcdkit;help;bench;txn' {
            break
        }
        'etcdkit;help;bench;watch' {
            break
        }
        'etcdkit;help;bench;lock' {
            break
        }
        'etcdkit;help;completions' {
            break
        }
        'etcdkit;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
