//! `etcdkit discover register SERVICE --addr HOST:PORT [-- CMD...]`: keep an instance
//! registered, with its health check, while etcdkit (or CMD) runs.

use std::collections::BTreeMap;
use std::time::Duration;

use clap::Args;
use serde::Serialize;

use crate::cli::output::Style;
use crate::cli::supervise::{self, Signals, Standby};
use crate::cli::{Context, Render};
use crate::concurrency::session::Ttl;
use crate::discover::check::{CheckSpec, Probe, Thresholds};
use crate::discover::{Event, Instance, Layout, RegisterOptions, Registration};
use crate::error::{Error, ExitStatus, Result};

/// Register an instance of a service and keep it registered, with a health check
///
/// Registers SERVICE at --addr, under ID (default: the address), and keeps it registered until
/// SIGINT or SIGTERM, then withdraws it at once. With CMD (after --), runs CMD and keeps the
/// instance registered while CMD runs (sidecar mode): signals go on to CMD, CMD's whole process
/// tree stops with etcdkit however etcdkit dies, and the instance is withdrawn the moment CMD
/// exits; etcdkit then exits with CMD's code. CMD sees ETCDKIT_DISCOVER_SERVICE,
/// ETCDKIT_DISCOVER_ID and ETCDKIT_DISCOVER_ADDR.
///
/// The instance's keys are on a lease of --ttl: a registrar that dies (SIGKILL, OOM, host
/// gone) is gone within the TTL. A keep-alive broken by a leader change, a member killed or a
/// member cut off goes on through another member without the instance disappearing. Renewals
/// unanswered until the lease could have run out (a longer partition, a paused registrar): if
/// etcd still has the lease, it is renewed and the instance never left; if not, a new one is
/// granted and the instance put back as soon as etcd answers, with a message saying how long
/// it was gone. Its keys deleted by hand (etcdctl
/// del) while its lease lives are put back at once. An ID registered by another live
/// registrar is waited for (a warning says so): a restarted registrar takes over once the old
/// lease runs out.
///
/// At most one check decides the instance's health; only passing instances serve:
///   --check-http URL       2xx passing, 429 warning, anything else (or no answer) critical
///   --check-tcp HOST:PORT  a connection within the timeout is passing
///   --check-grpc HOST:PORT[/SERVICE]  grpc.health.v1: SERVING passing, else critical
///   --check-exec CMD       exit 0 passing, 1 warning, else critical (run without a shell)
/// The first check runs before the instance is registered; until a check has passed
/// --successes-before-passing times in a row it is critical (Consul's way), and it goes
/// warning or critical only after --failures-before-critical failures in a row. Critical for
/// --deregister-after, it is withdrawn altogether until its check passes again. Health changes,
/// drains, losses and restores are reported on stderr.
///
/// Exit codes: 0 withdrawn after SIGINT/SIGTERM; CMD's own code in sidecar mode; 3 bad input
/// (nothing registered); 4 etcd unreachable; 5 credentials refused; 127 CMD could not be
/// started.
///
/// Examples:
///   etcdkit discover register api --addr 10.0.0.5:8080 --check-http http://10.0.0.5:8080/health
///   etcdkit discover register api --addr 10.0.0.5:8080 --tag v2 --meta zone=b -- ./api-server
///   etcdkit discover register db --addr 10.0.0.7:5432 --check-tcp 10.0.0.7:5432 --check-interval 5s
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct RegisterArgs {
    /// The service name (letters, digits, '.', '_', '-')
    pub service: String,

    /// The command to run while registered (after --)
    #[arg(last = true, value_name = "CMD")]
    pub command: Vec<String>,

    /// The address clients connect to
    #[arg(long, value_name = "HOST:PORT", required = true)]
    pub addr: String,

    /// The instance ID, unique within the service [default: the address]
    #[arg(long)]
    pub id: Option<String>,

    /// A tag (repeat for more)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// Metadata KEY=VALUE (repeat for more)
    #[arg(long = "meta", value_name = "KEY=VALUE", value_parser = parse_meta)]
    pub meta: Vec<(String, String)>,

    /// The share of traffic for `discover pick --strategy weighted`
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub weight: u32,

    /// Lease TTL: how soon the instance disappears when its registrar dies
    #[arg(long, default_value = "10s", value_parser = crate::cli::parse_duration, allow_hyphen_values = true, value_name = "DURATION")]
    pub ttl: Duration,

    /// Check: GET this URL (2xx passing, 429 warning, else critical)
    #[arg(
        long,
        value_name = "URL",
        group = "check",
        help_heading = "Health check"
    )]
    pub check_http: Option<String>,

    /// Check: connect to this address
    #[arg(
        long,
        value_name = "HOST:PORT",
        group = "check",
        help_heading = "Health check"
    )]
    pub check_tcp: Option<String>,

    /// Check: grpc.health.v1 Check on this server (and service)
    #[arg(
        long,
        value_name = "HOST:PORT[/SERVICE]",
        group = "check",
        help_heading = "Health check"
    )]
    pub check_grpc: Option<String>,

    /// Check: run this command (exit 0 passing, 1 warning, else critical)
    #[arg(
        long,
        value_name = "CMD",
        group = "check",
        allow_hyphen_values = true,
        help_heading = "Health check"
    )]
    pub check_exec: Option<String>,

    /// How often the check runs
    #[arg(long, default_value = "10s", value_parser = crate::cli::parse_duration, allow_hyphen_values = true, value_name = "DURATION", help_heading = "Health check")]
    pub check_interval: Duration,

    /// How long one check may take [default: 5s, or the interval when shorter]
    #[arg(long, value_parser = crate::cli::parse_duration, allow_hyphen_values = true, value_name = "DURATION", help_heading = "Health check")]
    pub check_timeout: Option<Duration>,

    /// Passes in a row before a failing instance counts as passing
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000), value_name = "N", help_heading = "Health check")]
    pub successes_before_passing: u32,

    /// Failures in a row before a passing instance counts as warning or critical
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000), value_name = "N", help_heading = "Health check")]
    pub failures_before_critical: u32,

    /// Withdraw the instance after this long critical (back once passing again)
    #[arg(long, value_parser = crate::cli::parse_duration, allow_hyphen_values = true, value_name = "DURATION", help_heading = "Health check")]
    pub deregister_after: Option<Duration>,

    /// In sidecar mode, how long CMD has between SIGTERM and SIGKILL when etcdkit stops it
    #[arg(long, default_value = "5s", value_parser = crate::cli::parse_duration, allow_hyphen_values = true, value_name = "DURATION")]
    pub kill_after: Duration,
}

/// `--meta KEY=VALUE`.
fn parse_meta(text: &str) -> std::result::Result<(String, String), String> {
    match text.split_once('=') {
        Some(("", _)) => Err("the KEY of KEY=VALUE is empty".into()),
        Some((key, value)) => Ok((key.to_string(), value.to_string())),
        None => Err("expected KEY=VALUE".into()),
    }
}

/// The default check timeout.
const CHECK_TIMEOUT: Duration = Duration::from_secs(5);

impl RegisterArgs {
    /// The registration asked for, checked through (nothing is registered on bad input).
    fn options(&self) -> Result<RegisterOptions> {
        let probe = match (
            &self.check_http,
            &self.check_tcp,
            &self.check_grpc,
            &self.check_exec,
        ) {
            (Some(url), ..) => Some(Probe::http(url)?),
            (_, Some(addr), ..) => Some(Probe::tcp(addr)?),
            (_, _, Some(spec), _) => Some(Probe::grpc(spec)?),
            (.., Some(command)) => Some(Probe::exec(command)?),
            _ => None,
        };
        let check = probe.map(|probe| CheckSpec {
            probe,
            interval: self.check_interval,
            timeout: self
                .check_timeout
                .unwrap_or(CHECK_TIMEOUT.min(self.check_interval)),
            thresholds: Thresholds {
                successes_before_passing: self.successes_before_passing,
                failures_before_critical: self.failures_before_critical,
            },
        });
        let mut meta = BTreeMap::new();
        for (key, value) in &self.meta {
            meta.insert(key.clone(), value.clone());
        }
        let options = RegisterOptions {
            service: self.service.clone(),
            id: self.id.clone(),
            addr: self.addr.clone(),
            tags: self.tags.clone(),
            meta,
            weight: self.weight,
            ttl: Ttl::new(self.ttl)?,
            check,
            deregister_after: self.deregister_after,
        };
        options.validate()?;
        Ok(options)
    }
}

/// Runs `etcdkit discover register`.
pub async fn run(ctx: &Context, layout: Layout, args: &RegisterArgs) -> Result<ExitStatus> {
    let options = args.options()?;
    if args.command.is_empty() && crate::cli::dash_dash_given() {
        return Err(Error::usage_with_hint(
            "no command after --",
            "give the command to run, e.g. etcdkit discover register api --addr HOST:PORT -- ./server; without -- the instance stays registered until Ctrl-C",
        ));
    }
    supervise::check_program(&args.command)?;
    let mut signals = Signals::catch()?;
    let name = format!("{}/{}", options.service, options.id());
    let env = [
        (
            "ETCDKIT_DISCOVER_SERVICE".to_string(),
            options.service.clone().into(),
        ),
        (
            "ETCDKIT_DISCOVER_ID".to_string(),
            options.id().to_string().into(),
        ),
        (
            "ETCDKIT_DISCOVER_ADDR".to_string(),
            options.addr.clone().into(),
        ),
    ];
    // The command first: the instance is never registered without it.
    let running = match args.command.is_empty() {
        true => None,
        false => Some(Standby::new(&args.command)?.start(&env).await?),
    };
    let registry = super::registry(ctx, layout).await?;
    let register = registry.register(options);
    tokio::pin!(register);
    let registration = tokio::select! {
        registration = &mut register => registration?,
        sig = signals.next() => {
            // A registration cut off halfway would stay until its lease ran out: let it
            // finish (within the command timeout) and withdraw it at once.
            let limit = ctx.conn()?.command_timeout;
            if let Ok(Ok(registration)) = tokio::time::timeout(limit, &mut register).await {
                registration.close().await;
            }
            return Ok(supervise::stream_stopped_by(sig));
        }
    };
    let Some(running) = running else {
        return hold(ctx, &name, registration, &mut signals).await;
    };
    let mut registration = registration;
    let supervised = supervise::supervise(running, &mut signals, None, ctx.output());
    tokio::pin!(supervised);
    loop {
        tokio::select! {
            ended = &mut supervised => {
                // Withdrawn the moment the command is gone.
                registration.close().await;
                return Ok(ended?.status());
            }
            Some(event) = registration.next_event() => report(ctx, &name, event),
        }
    }
}

/// Keeps the instance registered until SIGINT or SIGTERM, reporting what happens to it; prints
/// its record once it is registered (at once, or after waiting for its ID).
async fn hold(
    ctx: &Context,
    name: &str,
    mut registration: Registration,
    signals: &mut Signals,
) -> Result<ExitStatus> {
    if registration.is_registered() {
        ctx.output().emit(&Registered(registration.instance()))?;
    }
    loop {
        tokio::select! {
            sig = signals.next() => {
                registration.close().await;
                return Ok(supervise::stream_stopped_by(sig));
            }
            Some(event) = registration.next_event() => {
                if event == Event::Registered {
                    ctx.output().emit(&Registered(registration.instance()))?;
                }
                report(ctx, name, event);
            }
        }
    }
}

/// Says on stderr what happened to the instance.
fn report(ctx: &Context, name: &str, event: Event) {
    let message = match event {
        Event::Waiting { lease } => format!(
            "{name} is registered by another registrar (lease {lease:x}): waiting for it to go"
        ),
        Event::Registered => format!("{name} registered"),
        Event::Health { status, serving } => {
            let serves = match serving {
                true => "serving",
                false => "out of service",
            };
            format!(
                "{name} is {} ({}): {serves}",
                status.health.as_str(),
                status.output
            )
        }
        Event::Drained(true) => format!("{name} was drained: out of service until undrained"),
        Event::Drained(false) => format!("{name} was undrained"),
        Event::Lost { reason } => {
            format!("{name} lost its registration ({reason}): registering it again")
        }
        Event::PutBack => format!("{name} was deleted by someone else: put back"),
        Event::InDoubt { reason } => format!(
            "{name}: its registration could not be renewed ({reason}): waiting for etcd to say whether it still has it"
        ),
        Event::Outlived => format!("{name}: etcd still had its registration: still registered"),
        Event::Restored { missing } => format!(
            "{name} is registered again, after {} gone",
            humantime::format_duration(Duration::from_millis(missing.as_millis() as u64))
        ),
        Event::Deregistered { critical_for } => format!(
            "{name} was critical for {}: deregistered until its check passes again",
            humantime::format_duration(Duration::from_secs(critical_for.as_secs()))
        ),
        Event::Reregistered => format!("{name} passes again: registered again"),
    };
    ctx.output().warn(&format!("etcdkit: {message}"));
}

/// What `register` prints once registered (without CMD).
#[derive(Serialize)]
struct Registered(Instance);

impl Render for Registered {
    fn table(&self, _style: &Style) -> String {
        let i = &self.0;
        let state = match (i.serving(), i.drained) {
            (true, _) => "serving".to_string(),
            (false, true) => "drained: out of service".to_string(),
            (false, false) => format!("{}: out of service", i.health.as_str()),
        };
        format!(
            "registered {}/{} at {} ({state}); Ctrl-C withdraws it\n",
            i.service, i.id, i.addr
        )
    }

    fn plain(&self) -> String {
        format!("{}\n", self.0.addr)
    }
}
