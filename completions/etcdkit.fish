# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_etcdkit_global_optspecs
    string join \n endpoints= dial-timeout= command-timeout= cacert= cert= key= user= password= o/output= q/quiet h/help V/version
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

complete -c etcdkit -n "__fish_etcdkit_needs_command" -l endpoints -d 'etcd endpoints, comma-separated [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l dial-timeout -d 'Time to wait for a connection, e.g. 500ms, 2s [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l command-timeout -d 'Time to wait for one request [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_needs_command" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_needs_command" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -s V -l version -d 'Print version'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -f -a "health" -d 'Check cluster health: quorum, leader, split brain, alarms, db size'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -f -a "lock" -d 'Acquire a distributed lock and run a command while holding it'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -f -a "elect" -d 'Elect a leader, observe leadership, or run a command only on the leader'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -f -a "generate-docs" -d 'Write completion scripts and man pages into a directory (scripts/gen-docs runs this)'
complete -c etcdkit -n "__fish_etcdkit_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l db-warning -d 'Database size, as % of the quota, that is a warning' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l db-critical -d 'Database size, as % of the quota, that is critical' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l db-quota -d 'The backend quota (e.g. 8GiB) when the member does not report it; read from /metrics otherwise' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l max-apply-lag -d 'A member whose committed index is this many entries ahead of its applied index is a warning' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l max-applied-spread -d 'Applied indexes across members further apart than this are a warning' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l slow-read -d 'A linearizable read slower than this is a warning' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l fragmentation-ratio -d 'A database of over 100 MiB with less than this share in use is fragmented' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l endpoints -d 'etcd endpoints, comma-separated [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l dial-timeout -d 'Time to wait for a connection, e.g. 500ms, 2s [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l command-timeout -d 'Time to wait for one request [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l cluster -d 'Check every member in the member list, not only the given endpoints'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -l nagios -d 'Print the Nagios/Icinga plugin format: status line with perfdata (same as -o plain)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand health" -s V -l version -d 'Print version'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l ttl -d 'Session lease TTL: how long the lock outlives a holder that stopped renewing it' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l timeout -d 'Give up waiting after this long (exit 1)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l limit -d 'A counting semaphore: at most N holders at once (use the same N everywhere)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l kill-after -d 'After a lost lock, how long CMD has between SIGTERM and SIGKILL' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l endpoints -d 'etcd endpoints, comma-separated [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l dial-timeout -d 'Time to wait for a connection, e.g. 500ms, 2s [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l command-timeout -d 'Time to wait for one request [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l no-wait -d 'Do not wait: take the lock now or exit 1 saying who holds it'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -l shared -d 'A shared (read) lock: shared holders run together, exclusive holders run alone'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand lock" -s V -l version -d 'Print version'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l proposal -d 'This candidate\'s proposal value [default: hostname:pid]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l every -d 'Run CMD at each interval while leader (needs CMD)' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l ttl -d 'Session lease TTL: how soon a standby takes over from a leader that died' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l kill-after -d 'After lost leadership, how long CMD has between SIGTERM and SIGKILL' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l endpoints -d 'etcd endpoints, comma-separated [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l dial-timeout -d 'Time to wait for a connection, e.g. 500ms, 2s [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l command-timeout -d 'Time to wait for one request [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l observe -d 'Print every leader change until interrupted (JSON Lines with -o json)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -l leader -d 'Print the current leader once; exit 1 when there is none'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand elect" -s V -l version -d 'Print version'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l endpoints -d 'etcd endpoints, comma-separated [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l dial-timeout -d 'Time to wait for a connection, e.g. 500ms, 2s [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l command-timeout -d 'Time to wait for one request [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand completions" -s V -l version -d 'Print version'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand generate-docs" -l out-dir -d 'The directory that holds completions/ and man/' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand generate-docs" -l endpoints -d 'etcd endpoints, comma-separated [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand generate-docs" -l dial-timeout -d 'Time to wait for a connection, e.g. 500ms, 2s [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand generate-docs" -l command-timeout -d 'Time to wait for one request [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand generate-docs" -l cacert -d 'CA bundle that signed the servers\' certificates (enables TLS) [also ETCDCTL_CACERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand generate-docs" -l cert -d 'Client certificate for TLS [also ETCDCTL_CERT]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand generate-docs" -l key -d 'Client private key for TLS [also ETCDCTL_KEY]' -r -F
complete -c etcdkit -n "__fish_etcdkit_using_subcommand generate-docs" -l user -d 'etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand generate-docs" -l password -d 'Password for --user [also ETCDCTL_PASSWORD]' -r
complete -c etcdkit -n "__fish_etcdkit_using_subcommand generate-docs" -s o -l output -d 'Output format: table for people, json for programs, plain for scripts and monitors' -r -f -a "table\t'Aligned tables for people'
json\t'One JSON document (JSON Lines for streams), for jq and programs'
plain\t'Plain lines for scripts; `health` prints the Nagios plugin format'"
complete -c etcdkit -n "__fish_etcdkit_using_subcommand generate-docs" -s q -l quiet -d 'No progress or status messages on stderr'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand generate-docs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand generate-docs" -s V -l version -d 'Print version'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help; and not __fish_seen_subcommand_from health lock elect completions generate-docs help" -f -a "health" -d 'Check cluster health: quorum, leader, split brain, alarms, db size'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help; and not __fish_seen_subcommand_from health lock elect completions generate-docs help" -f -a "lock" -d 'Acquire a distributed lock and run a command while holding it'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help; and not __fish_seen_subcommand_from health lock elect completions generate-docs help" -f -a "elect" -d 'Elect a leader, observe leadership, or run a command only on the leader'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help; and not __fish_seen_subcommand_from health lock elect completions generate-docs help" -f -a "completions" -d 'Print a shell completion script'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help; and not __fish_seen_subcommand_from health lock elect completions generate-docs help" -f -a "generate-docs" -d 'Write completion scripts and man pages into a directory (scripts/gen-docs runs this)'
complete -c etcdkit -n "__fish_etcdkit_using_subcommand help; and not __fish_seen_subcommand_from health lock elect completions generate-docs help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
