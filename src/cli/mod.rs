//! The command line: argument definitions, dispatch, and the one place errors become exit codes.

pub mod commands;
mod context;
pub mod docs;
mod listen;
pub mod output;
pub mod repeat;
mod report_error;
pub(crate) mod supervise;
pub mod topics;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

pub use context::Context;
pub use listen::listen;
pub use output::{Format, Output, Render};

use crate::error::{ExitStatus, Result};

/// The exit codes, shown in `--help` and the man pages.
pub const EXIT_CODES: &str = "\
Exit codes (the same for every command; `health` follows the Nagios plugin convention):
  0  success; health OK
  1  negative result: health WARNING
  2  health CRITICAL: down, quorum lost, no leader, split brain, alarm
  3  usage error: bad flags, arguments or input files; health UNKNOWN
  4  etcd unreachable: connection refused, timeout, TLS failure
  5  etcd needs credentials that were not given, refused them, or refused a permission
  6  other failure: an unexpected answer from etcd, a local I/O error, an undelivered alert
  7  a lock or leadership was lost while the command ran (it was stopped)
  127 the command to run could not be started
  130 interrupted by SIGINT while waiting (128+N for signal N: 143 for SIGTERM)
Commands that run a command (lock, elect) exit with its code when it ran to its end.";

/// A toolkit for etcd: health checks, locks, elections, live metrics, alerting and benchmarks, in the style of etcdctl.
///
/// Every command takes the same connection flags as etcdctl (also from ETCDKIT_* or ETCDCTL_*
/// environment variables) and prints a table, JSON (`-o json`) or plain text. Durations read
/// like 500ms, 2s, 1m30s (a bare number is seconds), at most 10y (10 years) for any flag.
///
/// Examples:
///   etcdkit health --endpoints 10.0.0.1:2379,10.0.0.2:2379,10.0.0.3:2379 --cluster
///   etcdkit lock /locks/deploy -- ./deploy.sh
///   etcdkit watch-metrics --cluster
#[derive(Debug, Parser)]
#[command(
    verbatim_doc_comment,
    name = "etcdkit",
    version,
    propagate_version = true,
    args_override_self = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// Connection and output flags.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// etcd endpoints, comma-separated; an empty list is an error [default: 127.0.0.1:2379] [also ETCDCTL_ENDPOINTS]
    #[arg(
        long,
        global = true,
        env = "ETCDKIT_ENDPOINTS",
        hide_env_values = true,
        value_delimiter = ',',
        value_name = "URLS",
        help_heading = "Connection"
    )]
    pub endpoints: Vec<String>,

    /// Time to wait for a connection (TCP and TLS), e.g. 500ms, 2s; at most 10y [default: 2s] [also ETCDCTL_DIAL_TIMEOUT]
    #[arg(long, global = true, env = "ETCDKIT_DIAL_TIMEOUT", hide_env_values = true, value_parser = parse_duration, value_name = "DURATION", help_heading = "Connection")]
    pub dial_timeout: Option<Duration>,

    /// Time to wait for one request; at most 10y [default: 5s] [also ETCDCTL_COMMAND_TIMEOUT]
    #[arg(long, global = true, env = "ETCDKIT_COMMAND_TIMEOUT", hide_env_values = true, value_parser = parse_duration, value_name = "DURATION", help_heading = "Connection")]
    pub command_timeout: Option<Duration>,

    /// CA bundle that signed the servers' certificates (enables TLS; without it https:// endpoints trust the system's CAs) [also ETCDCTL_CACERT]
    #[arg(
        long,
        global = true,
        env = "ETCDKIT_CACERT",
        hide_env_values = true,
        value_name = "FILE",
        help_heading = "Connection"
    )]
    pub cacert: Option<PathBuf>,

    /// Client certificate for TLS [also ETCDCTL_CERT]
    #[arg(
        long,
        global = true,
        env = "ETCDKIT_CERT",
        hide_env_values = true,
        value_name = "FILE",
        help_heading = "Connection"
    )]
    pub cert: Option<PathBuf>,

    /// Client private key for TLS [also ETCDCTL_KEY]
    #[arg(
        long,
        global = true,
        env = "ETCDKIT_KEY",
        hide_env_values = true,
        value_name = "FILE",
        help_heading = "Connection"
    )]
    pub key: Option<PathBuf>,

    /// etcd user, as NAME or NAME:PASSWORD; asks for the password on a terminal [also ETCDCTL_USER]
    #[arg(
        long,
        global = true,
        env = "ETCDKIT_USER",
        hide_env_values = true,
        value_name = "NAME[:PASSWORD]",
        help_heading = "Connection"
    )]
    pub user: Option<String>,

    /// Password for --user [also ETCDCTL_PASSWORD]
    #[arg(
        long,
        global = true,
        env = "ETCDKIT_PASSWORD",
        hide_env_values = true,
        value_name = "PASSWORD",
        help_heading = "Connection"
    )]
    pub password: Option<String>,

    /// Accept any server certificate, whoever signed it and whatever host it names (testing only; warns); bare endpoints use TLS [also ETCDCTL_INSECURE_SKIP_TLS_VERIFY]
    #[arg(long, global = true, env = "ETCDKIT_INSECURE_SKIP_TLS_VERIFY", hide_env_values = true, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = parse_bool, help_heading = "Connection")]
    pub insecure_skip_tls_verify: Option<bool>,

    /// As etcdctl: =false dials bare host:port endpoints with TLS (the system's CAs without --cacert) and refuses http:// ones [default: true] [also ETCDCTL_INSECURE_TRANSPORT]
    #[arg(long, global = true, env = "ETCDKIT_INSECURE_TRANSPORT", hide_env_values = true, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = parse_bool, help_heading = "Connection")]
    pub insecure_transport: Option<bool>,

    /// How often an idle connection is pinged (HTTP/2 keepalive) [default: 10s] [also ETCDCTL_KEEPALIVE_TIME]
    #[arg(long, global = true, env = "ETCDKIT_KEEPALIVE_TIME", hide_env_values = true, value_parser = parse_duration, value_name = "DURATION", help_heading = "Connection")]
    pub keepalive_time: Option<Duration>,

    /// How long a ping may go unanswered before the connection counts as dead [default: the command timeout] [also ETCDCTL_KEEPALIVE_TIMEOUT]
    #[arg(long, global = true, env = "ETCDKIT_KEEPALIVE_TIMEOUT", hide_env_values = true, value_parser = parse_duration, value_name = "DURATION", help_heading = "Connection")]
    pub keepalive_timeout: Option<Duration>,

    /// etcdctl flags etcdkit does not support: refused with a pointer, never ignored.
    #[command(flatten)]
    pub unsupported: context::Unsupported,

    /// Output format: table for people, json for programs, plain for scripts and monitors
    #[arg(
        short = 'o',
        long = "output",
        short_alias = 'w',
        alias = "write-out",
        global = true,
        env = "ETCDKIT_OUTPUT",
        hide_env_values = true,
        value_enum,
        value_name = "FORMAT",
        help_heading = "Output"
    )]
    pub output: Option<Format>,

    /// No progress or status messages on stderr
    #[arg(short, long, global = true, help_heading = "Output")]
    pub quiet: bool,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    Health(commands::health::HealthArgs),
    Lock(commands::lock::LockArgs),
    Elect(commands::elect::ElectArgs),
    Watch(commands::watch::WatchArgs),
    Discover(commands::discover::DiscoverArgs),
    Config(commands::config::ConfigArgs),
    Flags(commands::flags::FlagsArgs),
    WatchMetrics(commands::watch_metrics::WatchMetricsArgs),
    #[command(subcommand)]
    Alert(commands::alert::AlertCommand),
    /// Load etcd and measure it: write, read, mixed, txn, watch and lock workloads, SLO checks
    #[command(
        subcommand,
        after_long_help = "\
Each workload has its own flags (`etcdkit bench write --help`). Closed loop unless --rate;
10000 requests unless --total or --duration.

Examples:
  etcdkit bench write --conns 10 --clients 100 --total 50000
  etcdkit bench read --rate 2000 --duration 1m --slo 'p99<=20ms'
  etcdkit bench lock --clients 10 --duration 30s -o json

Exit codes: 0 every --slo met and no --baseline regression; 1 an SLO failed or the baseline
regressed; 3 bad input; 4 etcd unreachable; 5 credentials missing or refused; 130/143
interrupted."
    )]
    Bench(commands::bench::BenchCommand),
    Completions(commands::completions::CompletionsArgs),
    Help(commands::help::HelpArgs),
    #[command(hide = true)]
    GenerateDocs(commands::generate_docs::GenerateDocsArgs),
}

pub use crate::units::{parse_duration, MAX_DURATION};

/// A boolean as etcdctl (Go's strconv.ParseBool) reads one: 1, t, true, 0, f, false (any case).
pub(crate) fn parse_bool(text: &str) -> std::result::Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1" | "t" | "true" => Ok(true),
        "0" | "f" | "false" => Ok(false),
        _ => Err(format!("\"{text}\" is not true or false")),
    }
}

/// Runs etcdkit with the process's arguments and returns its exit code: the one place an
/// [`ExitStatus`] becomes the process's code.
pub fn main() -> ExitCode {
    ExitCode::from(run().code())
}

/// Parses the arguments, runs the command and reports an error.
fn run() -> ExitStatus {
    let parsed = command_for_parsing()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let mut cli = match parsed {
        Ok(cli) => cli,
        Err(e) => return clap_exit(e),
    };
    if cli.global.output.is_none() {
        cli.global.output = context::etcdctl_write_out();
    }
    let format = cli.global.output.unwrap_or_default();
    let document = match &cli.command {
        Command::Health(args) => report_error::ErrorDocument::for_format(format, true, args.nagios),
        _ => report_error::ErrorDocument::for_format(format, false, false),
    };
    let output = Output::new(cli.global.output, cli.global.quiet);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("etcdkit: cannot start the async runtime: {e}");
            return ExitStatus::Failure;
        }
    };
    let context = Context::new(cli.global, output);
    let result = runtime.block_on(dispatch(&context, cli.command));
    // Pending requests to unreachable endpoints must not hold the exit.
    runtime.shutdown_background();
    match result {
        Ok(status) => status,
        Err(e) => report_error::report(&e, context.output(), document),
    }
}

async fn dispatch(ctx: &Context, command: Command) -> Result<ExitStatus> {
    match command {
        Command::Health(args) => commands::health::run(ctx, &args).await,
        Command::Lock(args) => commands::lock::run(ctx, &args).await,
        Command::Elect(args) => commands::elect::run(ctx, &args).await,
        Command::Bench(command) => commands::bench::run(ctx, &command).await,
        Command::Watch(args) => commands::watch::run(ctx, &args).await,
        Command::Discover(args) => commands::discover::run(ctx, &args).await,
        Command::Config(args) => commands::config::run(ctx, &args).await,
        Command::Flags(args) => commands::flags::run(ctx, &args).await,
        Command::WatchMetrics(args) => commands::watch_metrics::run(ctx, &args).await,
        Command::Alert(command) => commands::alert::run(ctx, &command).await,
        Command::Completions(args) => commands::completions::run(ctx, &args),
        Command::Help(args) => commands::help::run(ctx, &args),
        Command::GenerateDocs(args) => commands::generate_docs::run(&args),
    }
}

/// Whether a bare `--` was on the command line (clap drops it when nothing follows).
pub(crate) fn dash_dash_given() -> bool {
    std::env::args_os().any(|a| a == "--")
}

/// clap's own errors: help and version are successes, the rest are usage errors (exit 3) in
/// etcdkit's `error:` / `help:` shape.
fn clap_exit(error: clap::Error) -> ExitStatus {
    use clap::error::ErrorKind;
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = error.print();
            ExitStatus::Ok
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            ExitStatus::Usage
        }
        _ => report_error::report_clap(&error, report_error::ErrorDocument::from_args()),
    }
}

/// The clap command, for completions, man pages and tests.
pub fn command() -> clap::Command {
    let topics = topics::listing();
    Cli::command()
        .after_help(topics.clone())
        .after_long_help(format!("{topics}\n\n{EXIT_CODES}"))
}

/// Each command's help: clap's layout, ending with a one-line pointer instead of the ~45
/// lines of connection flags.
const HELP_TEMPLATE: &str = "\
{before-help}{about-with-newline}
{usage-heading} {usage}

{all-args}{after-help}

Connection flags (--endpoints, --cacert, --user, ...) work here too: `etcdkit help connection`";

/// The command line as it parses and as `--help` shows it: the connection flags are listed in
/// full under `etcdkit --help` only, and each command's help points there (the flags work
/// everywhere all the same).
pub fn command_for_parsing() -> clap::Command {
    let root = command();
    let connection: Vec<clap::Arg> = root
        .get_arguments()
        .filter(|a| a.get_help_heading() == Some("Connection"))
        .cloned()
        .collect();
    root.mut_subcommands(|sc| point_to_connection(sc, &connection))
}

/// Gives `cmd` and every command under it hidden copies of the connection flags (so clap does
/// not propagate the visible ones) and the pointer to where they are listed.
fn point_to_connection(cmd: clap::Command, connection: &[clap::Arg]) -> clap::Command {
    let cmd = connection
        .iter()
        .fold(cmd, |cmd, a| cmd.arg(a.clone().hide(true)))
        .help_template(HELP_TEMPLATE);
    cmd.mut_subcommands(|sc| point_to_connection(sc, connection))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
