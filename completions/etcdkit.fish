# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_etcdkit_global_optspecs
    string join \n endpoints= dial-timeout= command-timeout= cacert= cert= key= user= password= insecure-skip-tls-verify= insecure-transport= keepalive-time= keepalive-timeout= d/discovery-srv= discovery-srv-name= insecure-discovery= hex= debug= max-request-bytes= max-recv-bytes= auth-jwt-token= o/output= w/write-out= q/quiet h/help V/version
end

function __fish_etcdkit_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_etcdkit_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_etcdkit_using_subcommand
    set -l cmd (__fish_etcdkit_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c etcdkit -n "__fish_etcdkit_needs_command" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_needs_command" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_needs_command" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -s V -l version -d 'Print version'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -f -a "health" -d 'Check cluster health: quorum, leader, split brain, alarms, db size'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -f -a "lock" -d 'Acquire a distributed lock and run a command while holding it'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -f -a "elect" -d 'Elect a leader, observe leadership, or run a command only on the leader'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -f -a "watch" -d 'Watch a key or a prefix and print each change, or run a command per change'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -f -a "discover" -d 'Service discovery: register instances with health checks, list, watch and pick them'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -f -a "config" -d 'Typed configuration: get, set, list, render to files, run with it as environment'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -f -a "flags" -d 'Feature flags in etcd: define, switch, evaluate, serve to OpenFeature SDKs'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -f -a "watch-metrics" -d 'Watch live cluster metrics: request rates, latencies, raft, db size, memory and CPU'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -f -a "alert" -d 'Evaluate etcd\'s alert rules without Prometheus; notify Slack, PagerDuty, email, webhooks'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -f -a "bench" -d 'Load etcd and measure it: write, read, mixed, txn, watch and lock workloads, SLO checks'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -f -a "help" -d 'Show a command\'s help or a help topic'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l metrics-urls -d 'Where each endpoint serves /metrics, when not on its client URL (comma-separated, in order)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l db-warning -d 'Database size, as % of the quota, that is a warning' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l db-critical -d 'Database size, as % of the quota, that is critical' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l db-quota -d 'The backend quota (e.g. 8GiB) when the member does not report it; read from /metrics otherwise' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l max-apply-lag -d 'A member whose committed index is this many entries ahead of its applied index is a warning' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l max-applied-spread -d 'Applied indexes across members further apart than this are a warning' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l slow-read -d 'A linearizable read slower than this is a warning' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l fragmentation-ratio -d 'A database of over 100 MiB with less than this share in use is fragmented' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l cluster -d 'Check every member in the member list, and every given endpoint (one of another cluster is split brain)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l nagios -d 'Print the Nagios/Icinga plugin format: status line with perfdata (same as -o plain)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l ttl -d 'Session lease TTL: how long the lock outlives a holder that stopped renewing it' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l timeout -d 'Give up waiting after this long (exit 1) [default: wait forever]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l limit -d 'A counting semaphore: at most N holders at once (use the same N everywhere)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l kill-after -d 'After a lost lock, how long CMD has between SIGTERM and SIGKILL' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l no-wait -d 'Do not wait: take the lock now or exit 1 saying who holds it'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l shared -d 'A shared (read) lock: shared holders run together, exclusive holders run alone'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l proposal -d 'This candidate\'s proposal value [default: hostname:pid]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l every -d 'Run CMD at each interval while leader (needs CMD)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l ttl -d 'Session lease TTL: how soon a standby takes over from a leader that died' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l kill-after -d 'After lost leadership, how long CMD has between SIGTERM and SIGKILL' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -s l -l observe -l listen -d 'Print every leader change until interrupted (JSON Lines with -o json or into a pipe)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l leader -d 'Print the current leader once; exit 1 when there is none'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l rev -d 'Print the changes from this revision on (etcdctl\'s --rev) [default: from now on]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l count -d 'End after this many events, exit 0 [default: run until SIGINT or SIGTERM]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l prefix -d 'Watch every key under KEY taken as a directory (a `/` is added when it has none)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l raw-prefix -d 'Watch every key that starts with KEY, as given (`/app` also matches `/app_other`)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l list -d 'Print the current keys first (as puts at the revision they were read at), then changes'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l prev-kv -d 'Also give each event the key\'s previous value (`prev` in JSON)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -l stop-on-error -d 'With CMD: end the watch when CMD fails, with its exit code [default: say so and go on]'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -l root -d 'The key prefix services live under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -f -a "register" -d 'Register an instance of a service and keep it registered, with a health check'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -f -a "list" -d 'List the instances of a service'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -f -a "services" -d 'List every service with its instance counts'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -f -a "watch" -d 'Print a service\'s instances as they are added, updated and removed'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -f -a "pick" -d 'Print the address of a serving instance (or several), for scripts'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -f -a "drain" -d 'Take an instance out of service (maintenance mode); it stays listed'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and not __fish_seen_subcommand_from register list services watch pick drain undrain" -f -a "undrain" -d 'Put a drained instance back in service'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l addr -d 'The address clients connect to' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l id -d 'The instance ID, unique within the service [default: the address]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l tag -d 'A tag (repeat for more)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l meta -d 'Metadata KEY=VALUE (repeat for more)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l weight -d 'The share of traffic for `discover pick --strategy weighted`' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l ttl -d 'Lease TTL: how soon the instance disappears when its registrar dies' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l check-http -d 'Check: GET this URL (2xx passing, 429 warning, else critical)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l check-tcp -d 'Check: connect to this address' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l check-grpc -d 'Check: grpc.health.v1 Check on this server (and service)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l check-exec -d 'Check: run this command (exit 0 passing, 1 warning, else critical)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l check-interval -d 'How often the check runs' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l check-timeout -d 'How long one check may take [default: 5s, or the interval when shorter]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l successes-before-passing -d 'Passes in a row before a failing instance counts as passing' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l failures-before-critical -d 'Failures in a row before a passing instance counts as warning or critical' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l deregister-after -d 'Withdraw the instance after this long critical (back once passing again)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l kill-after -d 'In sidecar mode, how long CMD has between SIGTERM and SIGKILL when etcdkit stops it' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l root -d 'The key prefix services live under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from register" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l root -d 'The key prefix services live under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -l all -d 'Every registered instance, whatever its health or drain state'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -l root -d 'The key prefix services live under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from services" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l root -d 'The key prefix services live under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -l passing -d 'Only the serving view: passing, undrained instances'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l strategy -d 'How to choose: random, round-robin or weighted' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l count -d 'How many different instances to print' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l root -d 'The key prefix services live under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from pick" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -l root -d 'The key prefix services live under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from drain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -l root -d 'The key prefix services live under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand discover; and __fish_seen_subcommand_from undrain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -l root -d 'The key prefix the tree lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -f -a "get" -d 'Print a key\'s value'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -f -a "set" -d 'Set a key\'s value (typed, guarded, checked, recorded)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -f -a "delete" -d 'Delete a key, or with --prefix a key and everything under it'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -f -a "list" -d 'List the keys under a prefix with their values'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -f -a "tree" -d 'Show the keys under a prefix as an indented tree'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -f -a "history" -d 'Show every value a key had that etcd still holds, with who changed it and why'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -f -a "diff" -d 'Show what changed under a prefix between two revisions'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -f -a "schema" -d 'JSON Schemas that writes under a prefix must pass'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -f -a "exec" -d 'Run a command with the keys under PREFIX as its environment, restarted when they change'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -f -a "watch" -d 'Print each change of a key (or of every key under a prefix) with its old and new value'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -f -a "render" -d 'Render templates into files, check them, swap them in and reload'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -f -a "export" -d 'Write the tree, or a prefix, to a snapshot file (JSON, YAML or TOML) read at one revision'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and not __fish_seen_subcommand_from get set delete list tree history diff schema exec watch render export import" -f -a "import" -d 'Apply a snapshot file to the tree: show the diff, ask, write it in one transaction'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -l root -d 'The key prefix the tree lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l file -d 'Read the value from this file (`-`: standard input) instead of VALUE' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l type -d 'How to read VALUE: string, int, float, bool or json [default: JSON if it parses, else a string]' -r -f -a "string\t''
int\t''
float\t''
bool\t''
json\t''"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l if-revision -d 'Write only if the key was last changed at this revision (compare-and-swap)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l reason -d 'Why: kept with the write\'s audit record (who, host, time), shown by `config history`' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l root -d 'The key prefix the tree lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -l if-absent -d 'Write only if the key does not exist'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l reason -d 'Why: kept with the write\'s audit record (who, host, time), shown by `config history`' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l root -d 'The key prefix the tree lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -l prefix -d 'Delete the key and every key under it'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -l root -d 'The key prefix the tree lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -l root -d 'The key prefix the tree lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from tree" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -l root -d 'The key prefix the tree lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l prefix -d 'Only the keys under this prefix, relative to --root' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l root -d 'The key prefix the tree lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -l root -d 'The key prefix the tree lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -f -a "set" -d 'Store the JSON Schema of the subtree at PREFIX'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -f -a "get" -d 'Print the schema of the subtree at PREFIX'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -f -a "list" -d 'List the prefixes that have a schema'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from schema" -f -a "delete" -d 'Remove the schema of the subtree at PREFIX'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l env-prefix -d 'Put this before every variable name (letters, digits, _), e.g. APP_' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l reload-signal -d 'On a change, send CMD this signal instead of restarting it (e.g. HUP)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l kill-signal -d 'The signal that stops CMD for a restart' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l kill-timeout -d 'How long CMD has to stop after --kill-signal before SIGKILL' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l root -d 'The key prefix the tree lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -l once -d 'Run CMD once with the environment as it is now; do not follow changes'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l root -d 'The key prefix the tree lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -l prefix -d 'Watch every key under KEY, taken as a directory (\'\' or /: the whole tree)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l template -d 'A template file (repeat, each with its --dest)' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l dest -d 'Where the --template in the same position is rendered to' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l check -d 'Run on each staged file before it replaces the old one (`{{.src}}`: the staged file)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l reload -d 'Run after a file is replaced; on failure the previous file is put back' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l resources -d 'confd\'s configuration directory: DIR/conf.d/*.toml and DIR/templates' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l wait -d 'With --watch: render once the tree is quiet for MIN, at most MAX after a change' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l cmd-timeout -d 'How long --check and --reload may run before they are killed (and count as failed)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l root -d 'The key prefix the tree lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -l watch -d 'Keep watching and render again on every change'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from render" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l format -d 'The file\'s format: json, yaml or toml [default: by --dest\'s extension, else json]' -r -f -a "json\t''
yaml\t''
toml\t''"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l dest -d 'Write the snapshot to FILE (atomically) instead of stdout' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l root -d 'The key prefix the tree lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l format -d 'The file\'s format: json, yaml or toml [default: by its extension; stdin: json]' -r -f -a "json\t''
yaml\t''
toml\t''"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l max-txn-ops -d 'The --max-txn-ops etcd runs with, when not its default 128' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l reason -d 'Why: kept with the write\'s audit record (who, host, time), shown by `config history`' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l root -d 'The key prefix the tree lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l prune -d 'Also delete the keys under the file\'s prefix that the file does not have'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l dry-run -d 'Show the changes and write nothing'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l yes -d 'Apply without asking (needed without a terminal)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -l batch -d 'Apply an import too large for one transaction in several, in key order (safe to run again)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand config; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -l root -d 'The key prefix the flag set lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -f -a "set" -d 'Define a flag, or replace its definition (validated, guarded, recorded)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -f -a "enable" -d 'Turn a flag on (state ENABLED)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -f -a "disable" -d 'Turn a flag off (state DISABLED), or every flag with --all: the kill switch'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -f -a "get" -d 'Print a flag\'s definition'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -f -a "list" -d 'List the flags: state, variants, default, targeting'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -f -a "delete" -d 'Delete a flag (one transaction, recorded)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -f -a "import" -d 'Import a flagd flag set file: show the changes, ask, write them in one transaction'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -f -a "export" -d 'Write the flag set as a flagd flag set file'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -f -a "log" -d 'Show who changed the flags, when and why'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -f -a "eval" -d 'Evaluate a flag (or every flag) for a context, as an OpenFeature SDK would'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -f -a "watch" -d 'Print each change of a flag definition, shared rule or the set\'s metadata'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and not __fish_seen_subcommand_from set enable disable get list delete import export log eval watch serve" -f -a "serve" -d 'Serve the flags to OpenFeature SDKs: OFREP over HTTP, flagd\'s sync over gRPC'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l file -d 'The whole flag object in flagd\'s format, from this file (`-`: standard input)' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l variants -d 'The variants, as NAME=VALUE pairs separated by commas' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l default -d 'The variant served when targeting does not pick one [default: none: the caller\'s default]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l targeting -d 'The targeting rule, as JSON Logic' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l if-revision -d 'Write only if the flag was last changed at this revision (compare-and-swap)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l reason -d 'Why: kept with the write\'s audit record (who, host, time), shown by `config history`' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l root -d 'The key prefix the flag set lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l disabled -d 'Store the flag turned off (state DISABLED)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -l if-absent -d 'Write only if the flag does not exist'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l reason -d 'Why: kept with the write\'s audit record (who, host, time), shown by `config history`' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l root -d 'The key prefix the flag set lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l max-txn-ops -d 'The --max-txn-ops etcd runs with, when not its default 128 (--all)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l reason -d 'Why: kept with the write\'s audit record (who, host, time), shown by `config history`' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l root -d 'The key prefix the flag set lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -l all -d 'Every enabled flag, in one transaction'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -l root -d 'The key prefix the flag set lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -l root -d 'The key prefix the flag set lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l if-revision -d 'Delete only if the flag was last changed at this revision' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l reason -d 'Why: kept with the write\'s audit record (who, host, time), shown by `config history`' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l root -d 'The key prefix the flag set lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l max-txn-ops -d 'The --max-txn-ops etcd runs with, when not its default 128' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l reason -d 'Why: kept with the write\'s audit record (who, host, time), shown by `config history`' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l root -d 'The key prefix the flag set lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l prune -d 'Also delete the flags and shared rules the file does not have'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l dry-run -d 'Show the changes and write nothing'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l yes -d 'Apply without asking (needed without a terminal)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -l batch -d 'Apply an import too large for one transaction in several, in key order (safe to run again)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l dest -d 'Write to this file (through a temporary file, renamed) instead of stdout' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l root -d 'The key prefix the flag set lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -l root -d 'The key prefix the flag set lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from log" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l context -d 'The evaluation context, as NAME=VALUE pairs separated by commas' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l context-json -d 'The evaluation context, as a JSON object' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l type -d 'The type the caller expects: bool, string, int, float or object (a flag of another type is TYPE_MISMATCH) [default: any]' -r -f -a "bool\t''
string\t''
int\t''
float\t''
object\t''"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l default -d 'The caller\'s default value (JSON if it parses, else a string): the value of a disabled flag and of an error' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l fractional -d 'The `fractional` bucketing: v2 (flagd since 2026: integer weights) or v1 (flagd\'s earlier percentages)' -r -f -a "v1\t''
v2\t''"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l root -d 'The key prefix the flag set lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -l all -d 'Every flag'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from eval" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -l root -d 'The key prefix the flag set lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l listen -d 'Serve OFREP and /healthz on this address (HOST:PORT or a bare port)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l sync-listen -d 'Serve flagd\'s gRPC sync (flagd.sync.v1) on this address (HOST:PORT or a bare port)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l fractional -d 'The `fractional` bucketing: v2 (flagd since 2026: integer weights) or v1 (flagd\'s earlier percentages)' -r -f -a "v1\t''
v2\t''"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l root -d 'The key prefix the flag set lives under' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand flags; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l interval -d 'Time between samples' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l count -d 'Stop after this many samples [default: run until SIGINT or SIGTERM]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l metrics-urls -d 'Where each endpoint serves /metrics, when not on its client URL (comma-separated, in order)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l listen -d 'Also serve the latest sample over HTTP at this address: GET /metrics (Prometheus), /api/v1/cluster/status and /api/v1/metrics/current (JSON), /healthz. A bare port binds 127.0.0.1' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -l cluster -d 'Watch every member in the member list, not only the given endpoints'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand watch-metrics" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -f -a "rules" -d 'List the rules in force: built in, changed and added by --config'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -f -a "metrics" -d 'List the metrics and figures rules can compare with thresholds'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -f -a "run" -d 'Evaluate the rules and send notifications: as a daemon, or once (for cron)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -f -a "test" -d 'Send a clearly marked test notification to a channel'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and not __fish_seen_subcommand_from rules metrics run test silence" -f -a "silence" -d 'Mute alerts that match label matchers for a while'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -l config -d 'Rules, channels and routes (TOML, or YAML for .yaml/.yml); see `etcdkit help alert-config`' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from rules" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from metrics" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l config -d 'Rules, channels and routes (TOML, or YAML for .yaml/.yml); see `etcdkit help alert-config`' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l state -d 'Where alerting keeps what it remembers between runs, and the silences [default: $XDG_STATE_HOME/etcdkit/alert-state.json]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l interval -d 'Time between evaluations' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l count -d 'Stop after this many evaluations [default: run until SIGINT or SIGTERM]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l metrics-urls -d 'Where each endpoint serves /metrics, when not on its client URL (comma-separated, in order)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -l once -d 'Evaluate once and exit (for cron); the state file carries timers and counters over'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l config -d 'Rules, channels and routes (TOML, or YAML for .yaml/.yml); see `etcdkit help alert-config`' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l channel -d 'The channel to test, by name (repeat for several)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -f -a "add" -d 'Mute alerts whose labels match every matcher (label=value, !=, =~regex, !~regex)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -f -a "list" -d 'List silences in force (--all: also those that ended in the last day)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand alert; and __fish_seen_subcommand_from silence" -f -a "expire" -d 'End silences now'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -f -a "write" -d 'Puts: write throughput and latency'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -f -a "read" -d 'Ranges of one key each (linearizable by default)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -f -a "mixed" -d 'Reads and puts mixed (--read-ratio)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -f -a "txn" -d 'Compare-and-put transactions'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -f -a "watch" -d 'Put-to-event latency seen by many watchers'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and not __fish_seen_subcommand_from write read mixed txn watch lock" -f -a "lock" -d 'Lock hand-off rate and acquire latency between contending clients'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l conns -d 'gRPC connections (spread over --endpoints with --target all), at most 1000' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l clients -d 'Concurrent requesters, spread over the connections: at most 10000, and no more than --total' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l total -d 'Requests to send [default: 10000]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l duration -d 'Send for this long instead of a number of requests (at most 30 days)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l rate -d 'Open loop at this many requests per second (0.001 to 10000000); latency counts from each request\'s due time [default: closed loop, each client sends its next request when the last one is answered]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l key-size -d 'Key bytes after the prefix' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l val-size -d 'Value bytes' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l key-space-size -d 'Distinct keys (reads find them written beforehand)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l prefix -d 'Where the keys go, ending in \'/\' [default: a fresh /etcdkit-bench/<run id>/]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l target -d 'Send to the leader only, or spread over all endpoints' -r -f -a "leader\t'Every connection to the leader'
all\t'Connections spread over every endpoint'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l sample -d 'Add a time series with one point per interval, e.g. 1s (100ms to 30 days)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l slo -d 'An objective the run must meet: \'p99<=20ms\', \'mean<5ms\', \'throughput>=5000\', \'errors==0\', \'error_rate<=0.01\' (repeatable)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l baseline -d 'An earlier `-o json` report to compare throughput, p50 and p99 with' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l tolerance -d 'Worse than the baseline by more than this percentage is a regression' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l sequential-keys -d 'Keys in order instead of at random'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l force -d 'Use a prefix that already holds keys (they are overwritten and deleted)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -l keep -d 'Leave the keys in place at the end'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from write" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l conns -d 'gRPC connections (spread over --endpoints with --target all), at most 1000' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l clients -d 'Concurrent requesters, spread over the connections: at most 10000, and no more than --total' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l total -d 'Requests to send [default: 10000]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l duration -d 'Send for this long instead of a number of requests (at most 30 days)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l rate -d 'Open loop at this many requests per second (0.001 to 10000000); latency counts from each request\'s due time [default: closed loop, each client sends its next request when the last one is answered]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l key-size -d 'Key bytes after the prefix' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l val-size -d 'Value bytes' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l key-space-size -d 'Distinct keys (reads find them written beforehand)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l prefix -d 'Where the keys go, ending in \'/\' [default: a fresh /etcdkit-bench/<run id>/]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l target -d 'Send to the leader only, or spread over all endpoints' -r -f -a "leader\t'Every connection to the leader'
all\t'Connections spread over every endpoint'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l sample -d 'Add a time series with one point per interval, e.g. 1s (100ms to 30 days)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l slo -d 'An objective the run must meet: \'p99<=20ms\', \'mean<5ms\', \'throughput>=5000\', \'errors==0\', \'error_rate<=0.01\' (repeatable)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l baseline -d 'An earlier `-o json` report to compare throughput, p50 and p99 with' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l tolerance -d 'Worse than the baseline by more than this percentage is a regression' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l consistency -d 'l: linearizable (through the leader\'s quorum), s: serializable (local)' -r -f -a "l\t'Linearizable'
s\t'Serializable'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l sequential-keys -d 'Keys in order instead of at random'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l force -d 'Use a prefix that already holds keys (they are overwritten and deleted)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -l keep -d 'Leave the keys in place at the end'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from read" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l conns -d 'gRPC connections (spread over --endpoints with --target all), at most 1000' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l clients -d 'Concurrent requesters, spread over the connections: at most 10000, and no more than --total' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l total -d 'Requests to send [default: 10000]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l duration -d 'Send for this long instead of a number of requests (at most 30 days)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l rate -d 'Open loop at this many requests per second (0.001 to 10000000); latency counts from each request\'s due time [default: closed loop, each client sends its next request when the last one is answered]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l key-size -d 'Key bytes after the prefix' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l val-size -d 'Value bytes' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l key-space-size -d 'Distinct keys (reads find them written beforehand)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l prefix -d 'Where the keys go, ending in \'/\' [default: a fresh /etcdkit-bench/<run id>/]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l target -d 'Send to the leader only, or spread over all endpoints' -r -f -a "leader\t'Every connection to the leader'
all\t'Connections spread over every endpoint'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l sample -d 'Add a time series with one point per interval, e.g. 1s (100ms to 30 days)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l slo -d 'An objective the run must meet: \'p99<=20ms\', \'mean<5ms\', \'throughput>=5000\', \'errors==0\', \'error_rate<=0.01\' (repeatable)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l baseline -d 'An earlier `-o json` report to compare throughput, p50 and p99 with' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l tolerance -d 'Worse than the baseline by more than this percentage is a regression' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l read-ratio -d 'Share of requests that are reads, 0 to 1' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l consistency -d 'l: linearizable, s: serializable reads' -r -f -a "l\t'Linearizable'
s\t'Serializable'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l sequential-keys -d 'Keys in order instead of at random'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l force -d 'Use a prefix that already holds keys (they are overwritten and deleted)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -l keep -d 'Leave the keys in place at the end'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from mixed" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l conns -d 'gRPC connections (spread over --endpoints with --target all), at most 1000' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l clients -d 'Concurrent requesters, spread over the connections: at most 10000, and no more than --total' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l total -d 'Requests to send [default: 10000]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l duration -d 'Send for this long instead of a number of requests (at most 30 days)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l rate -d 'Open loop at this many requests per second (0.001 to 10000000); latency counts from each request\'s due time [default: closed loop, each client sends its next request when the last one is answered]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l key-size -d 'Key bytes after the prefix' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l val-size -d 'Value bytes' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l key-space-size -d 'Distinct keys (reads find them written beforehand)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l prefix -d 'Where the keys go, ending in \'/\' [default: a fresh /etcdkit-bench/<run id>/]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l target -d 'Send to the leader only, or spread over all endpoints' -r -f -a "leader\t'Every connection to the leader'
all\t'Connections spread over every endpoint'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l sample -d 'Add a time series with one point per interval, e.g. 1s (100ms to 30 days)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l slo -d 'An objective the run must meet: \'p99<=20ms\', \'mean<5ms\', \'throughput>=5000\', \'errors==0\', \'error_rate<=0.01\' (repeatable)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l baseline -d 'An earlier `-o json` report to compare throughput, p50 and p99 with' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l tolerance -d 'Worse than the baseline by more than this percentage is a regression' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l sequential-keys -d 'Keys in order instead of at random'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l force -d 'Use a prefix that already holds keys (they are overwritten and deleted)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -l keep -d 'Leave the keys in place at the end'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from txn" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l conns -d 'gRPC connections (spread over --endpoints with --target all), at most 1000' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l clients -d 'Concurrent requesters, spread over the connections: at most 10000, and no more than --total' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l total -d 'Requests to send [default: 10000]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l duration -d 'Send for this long instead of a number of requests (at most 30 days)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l rate -d 'Open loop at this many requests per second (0.001 to 10000000); latency counts from each request\'s due time [default: closed loop, each client sends its next request when the last one is answered]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l key-size -d 'Key bytes after the prefix' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l val-size -d 'Value bytes' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l key-space-size -d 'Distinct keys (reads find them written beforehand)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l prefix -d 'Where the keys go, ending in \'/\' [default: a fresh /etcdkit-bench/<run id>/]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l target -d 'Send to the leader only, or spread over all endpoints' -r -f -a "leader\t'Every connection to the leader'
all\t'Connections spread over every endpoint'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l sample -d 'Add a time series with one point per interval, e.g. 1s (100ms to 30 days)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l slo -d 'An objective the run must meet: \'p99<=20ms\', \'mean<5ms\', \'throughput>=5000\', \'errors==0\', \'error_rate<=0.01\' (repeatable)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l baseline -d 'An earlier `-o json` report to compare throughput, p50 and p99 with' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l tolerance -d 'Worse than the baseline by more than this percentage is a regression' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l watchers -d 'Watchers on the prefix; each sees every put (values are at least 16 bytes: they carry the send time)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l sequential-keys -d 'Keys in order instead of at random'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l force -d 'Use a prefix that already holds keys (they are overwritten and deleted)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -l keep -d 'Leave the keys in place at the end'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l conns -d 'gRPC connections (spread over --endpoints with --target all), at most 1000' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l clients -d 'Concurrent requesters, spread over the connections: at most 10000, and no more than --total' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l total -d 'Requests to send [default: 10000]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l duration -d 'Send for this long instead of a number of requests (at most 30 days)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l rate -d 'Open loop at this many requests per second (0.001 to 10000000); latency counts from each request\'s due time [default: closed loop, each client sends its next request when the last one is answered]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l key-size -d 'Key bytes after the prefix' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l val-size -d 'Value bytes' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l key-space-size -d 'Distinct keys (reads find them written beforehand)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l prefix -d 'Where the keys go, ending in \'/\' [default: a fresh /etcdkit-bench/<run id>/]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l target -d 'Send to the leader only, or spread over all endpoints' -r -f -a "leader\t'Every connection to the leader'
all\t'Connections spread over every endpoint'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l sample -d 'Add a time series with one point per interval, e.g. 1s (100ms to 30 days)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l slo -d 'An objective the run must meet: \'p99<=20ms\', \'mean<5ms\', \'throughput>=5000\', \'errors==0\', \'error_rate<=0.01\' (repeatable)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l baseline -d 'An earlier `-o json` report to compare throughput, p50 and p99 with' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l tolerance -d 'Worse than the baseline by more than this percentage is a regression' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l sequential-keys -d 'Keys in order instead of at random'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l force -d 'Use a prefix that already holds keys (they are overwritten and deleted)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -l keep -d 'Leave the keys in place at the end'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand bench; and __fish_seen_subcommand_from lock" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -l endpoints -d 'etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -l dial-timeout -d 'Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -l command-timeout -d 'Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS; without it https:// endpoints trust the system\'s CAs) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -l insecure-skip-tls-verify -d 'Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -l insecure-transport -d 'As etcdctl: =false dials bare host:port endpoints with TLS (the system\'s CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -l keepalive-time -d 'How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -l keepalive-timeout -d 'How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -s d -l discovery-srv -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -l discovery-srv-name -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -l insecure-discovery -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -l hex -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -l debug -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -l max-request-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -l max-recv-bytes -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -l auth-jwt-token -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -s w -l write-out -d 'The same as --output (etcdctl\'s name)' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help" -s h -l help -d 'Print help (see more with \'--help\')'
