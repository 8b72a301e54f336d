//! The health check of a registered instance (`discover register --check-*`): what to probe
//! ([`Probe`]: an HTTP GET, a TCP connect, a gRPC health call or a command), one probe's
//! verdict ([`probe`]), Consul's flap damping ([`Damper`]), and a [`Checker`] that probes on a
//! schedule and says when the health it reports changes.
//!
//! The verdicts are Consul's: HTTP 2xx passing, 429 warning, anything else critical (redirects
//! are not followed); a TCP connect passing; gRPC `SERVING` passing; a command's exit 0
//! passing, 1 warning, anything else critical. No answer within the timeout is critical.

use std::os::fd::OwnedFd;
use std::process::Stdio;
use std::time::Duration;

use tokio::net::unix::pipe;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::grpc_health;
use crate::alert::channels::endpoint::{split_host_port, HttpEndpoint};
use crate::alert::channels::http::{get, one_line};
use crate::alert::channels::retry::words;
use crate::alert::channels::trust::Trust;
use crate::error::{Error, Result};

/// The longest [`Outcome::output`], in characters.
pub const MAX_OUTPUT: usize = 200;

/// How much of an exec check's output is kept (the first line is what is shown).
const MAX_CAPTURE: usize = 4096;

/// What a check probes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probe {
    /// GET this `http://` or `https://` URL.
    Http(String),
    /// Connect to this `HOST:PORT`.
    Tcp(String),
    /// Call `grpc.health.v1.Health/Check` at `addr` for `service` (`""`: the whole server).
    Grpc {
        /// `HOST:PORT`.
        addr: String,
        /// The service name asked about.
        service: String,
    },
    /// Run this program with these arguments (no shell).
    Exec(Vec<String>),
}

impl Probe {
    /// An HTTP check of `url` (`http://` or `https://`, with a host; no `user:password@`, since
    /// the URL is stored in the registry for every client to read). An https server must
    /// present a certificate signed by a public CA (Mozilla's roots).
    pub fn http(url: &str) -> Result<Probe> {
        let url = url.trim();
        let authority = url.split_once("://").map_or("", |(_, rest)| {
            rest.split(['/', '?', '#']).next().unwrap_or(rest)
        });
        if authority.contains('@') {
            return Err(Error::usage_with_hint(
                "a check URL cannot carry user:password@",
                "the URL is stored in the registry, where every client reads it: \
                 check an endpoint that needs no credentials",
            ));
        }
        HttpEndpoint::parse(url).map_err(|why| {
            Error::usage_with_hint(
                format!("the check URL cannot be used: {why}"),
                "give a URL like http://127.0.0.1:8080/health",
            )
        })?;
        Ok(Probe::Http(url.to_string()))
    }

    /// A TCP check of `addr` (`HOST:PORT` or `[IPv6]:PORT`).
    pub fn tcp(addr: &str) -> Result<Probe> {
        parse_host_port(addr)?;
        Ok(Probe::Tcp(addr.trim().to_string()))
    }

    /// A gRPC health check of `HOST:PORT` (the server as a whole) or `HOST:PORT/SERVICE` (one
    /// service, as Consul writes it).
    pub fn grpc(spec: &str) -> Result<Probe> {
        let spec = spec.trim();
        let (addr, service) = match spec.split_once('/') {
            Some((addr, service)) => (addr, service),
            None => (spec, ""),
        };
        parse_host_port(addr)?;
        if service.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Error::usage_with_hint(
                format!("the gRPC service name {service:?} contains spaces or control characters"),
                "give HOST:PORT, or HOST:PORT/SERVICE with the name the server registered \
                 (e.g. 127.0.0.1:50051/my.pkg.Api)",
            ));
        }
        Ok(Probe::Grpc {
            addr: addr.to_string(),
            service: service.to_string(),
        })
    }

    /// A command check: `command` split into words the way a shell would (quotes and
    /// backslashes, nothing else: no pipes, variables or redirections), run without a shell.
    /// The program must exist and be executable.
    pub fn exec(command: &str) -> Result<Probe> {
        let no_shell = "the command runs without a shell; for shell syntax give \
                        \"sh -c '...'\" as the command";
        let argv = split_words(command)
            .map_err(|why| Error::usage_with_hint(format!("the check command: {why}"), no_shell))?;
        if argv.is_empty() {
            return Err(Error::usage("the check command is empty"));
        }
        if let Some(op) = argv.iter().find(|w| SHELL_OPERATORS.contains(&w.as_str())) {
            return Err(Error::usage_with_hint(
                format!("the check command contains {op}, which only a shell understands"),
                no_shell,
            ));
        }
        crate::program::check_program(&argv).map_err(|_| {
            Error::usage_with_hint(
                format!(
                    "the check command {} is not found or not executable",
                    argv[0]
                ),
                "give the program's path, or the name of one on PATH",
            )
        })?;
        Ok(Probe::Exec(argv))
    }

    /// `http`, `tcp`, `grpc` or `exec`.
    pub fn kind(&self) -> &'static str {
        match self {
            Probe::Http(_) => "http",
            Probe::Tcp(_) => "tcp",
            Probe::Grpc { .. } => "grpc",
            Probe::Exec(_) => "exec",
        }
    }

    /// What it probes, for the record and tables: the URL, the address (with `/SERVICE` for
    /// gRPC), or the command line (words quoted where a shell would need it).
    pub fn target(&self) -> String {
        match self {
            Probe::Http(url) => url.clone(),
            Probe::Tcp(addr) => addr.clone(),
            Probe::Grpc { addr, service } if service.is_empty() => addr.clone(),
            Probe::Grpc { addr, service } => format!("{addr}/{service}"),
            Probe::Exec(argv) => argv.iter().map(|w| quote(w)).collect::<Vec<_>>().join(" "),
        }
    }
}

/// Words that mean something only to a shell.
const SHELL_OPERATORS: [&str; 9] = ["|", "||", "&&", "&", ";", ">", ">>", "<", "2>&1"];

/// Splits `HOST:PORT` or `[IPv6]:PORT` into the host (without brackets) and a port from 1 to
/// 65535. A usage error says what is wrong.
pub fn parse_host_port(s: &str) -> Result<(String, u16)> {
    let s = s.trim();
    let bad = |why: &str| {
        Error::usage_with_hint(
            format!("{s:?} is not HOST:PORT: {why}"),
            "give an address like 10.0.0.5:8080, api.internal:443 or [::1]:9090",
        )
    };
    if s.contains("://") {
        return Err(bad("it is a URL; give the host and port alone"));
    }
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("it contains spaces or control characters"));
    }
    let (host, port) = split_host_port(s).map_err(bad)?;
    let port = port.ok_or_else(|| bad("the port is missing"))?;
    if s.starts_with('[') {
        if host.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(bad("the part in [ ] is not an IPv6 address"));
        }
    } else if host.contains(':') {
        return Err(bad("an IPv6 address needs brackets, as in [::1]:9090"));
    } else if !host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
    {
        return Err(bad(
            "the host may hold only letters, digits, '.', '-' and '_'",
        ));
    }
    Ok((host, port))
}

/// Splits a command line into words: blanks separate words, `'...'` keeps everything,
/// `"..."` keeps everything but `\"`, `\\`, `\$` and `` \` ``, and `\` outside quotes keeps
/// the next character.
fn split_words(line: &str) -> std::result::Result<Vec<String>, &'static str> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => loop {
                in_word = true;
                match chars.next() {
                    Some('\'') => break,
                    Some(c) => word.push(c),
                    None => return Err("a ' quote is not closed"),
                }
            },
            '"' => loop {
                in_word = true;
                match chars.next() {
                    Some('"') => break,
                    Some('\\') => match chars.next() {
                        Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                        Some(c) => word.extend(['\\', c]),
                        None => return Err("a \" quote is not closed"),
                    },
                    Some(c) => word.push(c),
                    None => return Err("a \" quote is not closed"),
                }
            },
            '\\' => {
                in_word = true;
                word.push(chars.next().ok_or("it ends with a lone \\")?);
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

/// A word as a shell would need it written: as it is when plain, else in single quotes.
fn quote(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./=:,@%+".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// A check's health, as Consul names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Health {
    /// In service.
    Passing,
    /// Answering, but asking for less load (HTTP 429, exit 1): still not passing.
    Warning,
    /// Down, not answering, or not checked yet.
    Critical,
}

impl Health {
    /// `passing`, `warning` or `critical`.
    pub fn as_str(self) -> &'static str {
        match self {
            Health::Passing => "passing",
            Health::Warning => "warning",
            Health::Critical => "critical",
        }
    }
}

impl std::fmt::Display for Health {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One probe's verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The verdict.
    pub health: Health,
    /// What was seen, one line of at most [`MAX_OUTPUT`] characters, without credentials:
    /// `HTTP 200 OK`, `grpc: NOT_SERVING`, `exit 1: <the command's first line>`.
    pub output: String,
}

impl Outcome {
    fn new(health: Health, output: &str) -> Outcome {
        Outcome {
            health,
            output: one_line(output, MAX_OUTPUT),
        }
    }
}

/// Probes once, within `timeout`; never fails, since every failure is a verdict. An exec
/// check still running at the timeout is killed with its whole process group.
pub async fn probe(probe: &Probe, timeout: Duration) -> Outcome {
    let run = async {
        match probe {
            Probe::Http(url) => probe_http(url).await,
            Probe::Tcp(addr) => probe_tcp(addr).await,
            Probe::Grpc { addr, service } => probe_grpc(addr, service).await,
            Probe::Exec(argv) => probe_exec(argv).await,
        }
    };
    match tokio::time::timeout(timeout, run).await {
        Ok(outcome) => outcome,
        Err(_) => Outcome::new(
            Health::Critical,
            &format!("timed out after {}", humantime::format_duration(timeout)),
        ),
    }
}

async fn probe_http(url: &str) -> Outcome {
    let Ok(endpoint) = HttpEndpoint::parse(url) else {
        return Outcome::new(Health::Critical, "the check URL cannot be used");
    };
    let public_only = "a check trusts the public CAs (Mozilla's roots) only";
    let answer = match get(&endpoint, &Trust::default(), public_only).await {
        Ok(answer) => answer,
        Err(failure) => return Outcome::new(Health::Critical, &failure.describe(1)),
    };
    let status = answer.status;
    let reason = hyper::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map_or(String::new(), |r| format!(" {r}"));
    let said = format!("HTTP {status}{reason}");
    match status {
        200..=299 => Outcome::new(Health::Passing, &said),
        429 => Outcome::new(Health::Warning, &said),
        300..=399 => Outcome::new(
            Health::Critical,
            &format!("{said} (a redirect: redirects are not followed, check the URL)"),
        ),
        _ => Outcome::new(Health::Critical, &said),
    }
}

async fn probe_tcp(addr: &str) -> Outcome {
    match tokio::net::TcpStream::connect(addr).await {
        Ok(_) => Outcome::new(Health::Passing, &format!("TCP connect {addr}: success")),
        Err(e) => Outcome::new(
            Health::Critical,
            &format!("TCP connect {addr}: {}", words(&e)),
        ),
    }
}

async fn probe_grpc(addr: &str, service: &str) -> Outcome {
    use grpc_health::Failed;
    match grpc_health::check(addr, service).await {
        Ok(grpc_health::SERVING) => Outcome::new(Health::Passing, "grpc: SERVING"),
        Ok(status) => Outcome::new(
            Health::Critical,
            &format!("grpc: {}", grpc_health::status_name(status)),
        ),
        Err(Failed::Connect(e)) => Outcome::new(
            Health::Critical,
            &format!("grpc: cannot connect to {addr}: {}", words(&e)),
        ),
        Err(Failed::Call(status)) => {
            let said = match status.code() {
                tonic::Code::Unimplemented => {
                    "the server does not implement grpc.health.v1".to_string()
                }
                tonic::Code::NotFound => {
                    format!("grpc: the server knows no service {service:?} (NOT_FOUND)")
                }
                code => format!("grpc: the call failed: {code:?}: {}", status.message()),
            };
            Outcome::new(Health::Critical, &said)
        }
    }
}

/// Runs the command in a process group of its own, stdin empty, stdout and stderr into one
/// pipe; the group is killed if this is dropped (the timeout) while the command runs.
async fn probe_exec(argv: &[String]) -> Outcome {
    let critical = |what: String| Outcome::new(Health::Critical, &what);
    let program = &argv[0];
    let (reader, writer) = match std::io::pipe() {
        Ok(pair) => pair,
        Err(e) => return critical(format!("cannot make a pipe for {program}: {}", words(&e))),
    };
    let mut command = tokio::process::Command::new(program);
    command
        .args(&argv[1..])
        .stdin(Stdio::null())
        .process_group(0)
        .kill_on_drop(true);
    match writer.try_clone() {
        Ok(copy) => command.stdout(copy).stderr(writer),
        Err(e) => return critical(format!("cannot make a pipe for {program}: {}", words(&e))),
    };
    let child = command.spawn();
    // Only the command holds the pipe's write end now: the end of its output shows.
    drop(command);
    let mut group = match child {
        Ok(child) => Group(child),
        Err(e) => return critical(format!("cannot run {program}: {}", words(&e))),
    };
    let mut output = match pipe::Receiver::from_owned_fd(OwnedFd::from(reader)) {
        Ok(receiver) => Capture::new(receiver),
        Err(e) => return critical(format!("cannot read {program}'s output: {}", words(&e))),
    };
    let status = loop {
        tokio::select! {
            status = group.0.wait() => break status,
            more = output.read() => if !more {
                break group.0.wait().await;
            },
        }
    };
    // What the command wrote before it ended is in the pipe; a child it left running may
    // keep the pipe open, so take what is there without waiting for the end.
    output.drain();
    let status = match status {
        Ok(status) => status,
        Err(e) => return critical(format!("cannot wait for {program}: {}", words(&e))),
    };
    let first_line = output.first_line();
    let said = |what: String| match first_line.as_deref() {
        Some(line) => format!("{what}: {line}"),
        None => what,
    };
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(0), _) => Outcome::new(Health::Passing, &said("exit 0".into())),
        (Some(1), _) => Outcome::new(Health::Warning, &said("exit 1".into())),
        (Some(code), _) => Outcome::new(Health::Critical, &said(format!("exit {code}"))),
        (None, Some(signal)) => Outcome::new(
            Health::Critical,
            &said(format!(
                "killed by signal {signal} ({})",
                signal_name(signal)
            )),
        ),
        (None, None) => Outcome::new(Health::Critical, &said("ended without a status".into())),
    }
}

/// An exec check's process, whose whole group is killed if it is dropped while running.
struct Group(tokio::process::Child);

impl Drop for Group {
    fn drop(&mut self) {
        // Not reaped yet, so its pid still names its group, even as a zombie.
        if let (Ok(None), Some(pid)) = (self.0.try_wait(), self.0.id()) {
            // SAFETY: kill(2) on a process group of our own child.
            unsafe {
                libc::kill(-(pid as libc::pid_t), libc::SIGKILL);
            }
        }
    }
}

/// The start of a command's output, read as it comes so that the command never blocks on a
/// full pipe; the rest is read and dropped.
struct Capture {
    pipe: pipe::Receiver,
    kept: Vec<u8>,
}

impl Capture {
    fn new(pipe: pipe::Receiver) -> Capture {
        Capture {
            pipe,
            kept: Vec::new(),
        }
    }

    /// Waits for more output and keeps it; false at the end (or on a read error, which ends
    /// it too).
    async fn read(&mut self) -> bool {
        loop {
            if self.pipe.readable().await.is_err() {
                return false;
            }
            match self.read_ready() {
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
                other => return other.is_ok_and(|n| n > 0),
            }
        }
    }

    /// Keeps what the pipe holds now, without waiting.
    fn drain(&mut self) {
        while self.read_ready().is_ok_and(|n| n > 0) {}
    }

    /// One read of what is ready: the bytes read (0 at the end).
    fn read_ready(&mut self) -> std::io::Result<usize> {
        let mut buf = [0u8; 4096];
        let n = self.pipe.try_read(&mut buf)?;
        let room = MAX_CAPTURE.saturating_sub(self.kept.len());
        self.kept.extend_from_slice(&buf[..n.min(room)]);
        Ok(n)
    }

    /// The first line that has something on it.
    fn first_line(&self) -> Option<String> {
        String::from_utf8_lossy(&self.kept)
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(str::to_string)
    }
}

/// The name of a signal that commonly ends a process.
fn signal_name(signal: i32) -> &'static str {
    match signal {
        libc::SIGHUP => "SIGHUP",
        libc::SIGINT => "SIGINT",
        libc::SIGQUIT => "SIGQUIT",
        libc::SIGILL => "SIGILL",
        libc::SIGABRT => "SIGABRT",
        libc::SIGBUS => "SIGBUS",
        libc::SIGFPE => "SIGFPE",
        libc::SIGKILL => "SIGKILL",
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGPIPE => "SIGPIPE",
        libc::SIGALRM => "SIGALRM",
        libc::SIGTERM => "SIGTERM",
        _ => "another signal",
    }
}

/// How many probes in a row it takes to change the reported health (Consul's
/// `success_before_passing` and `failures_before_critical`). Both are at least 1; a 0 counts
/// as 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// Passing probes in a row before the check reports passing.
    pub successes_before_passing: u32,
    /// Probes in a row that do not pass before the check reports warning or critical.
    pub failures_before_critical: u32,
}

impl Default for Thresholds {
    /// One probe changes the health, as without flap damping.
    fn default() -> Thresholds {
        Thresholds {
            successes_before_passing: 1,
            failures_before_critical: 1,
        }
    }
}

/// The health a check reports, and since when.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CheckStatus {
    /// The reported health.
    pub health: Health,
    /// The latest probe's output that agreed with it.
    pub output: String,
    /// When the reported health last changed (RFC 3339, UTC).
    pub since: String,
}

/// Consul's flap damping: turns probe outcomes into the health a check reports. It starts
/// critical ("not checked yet"), as Consul does; it reports passing after
/// `successes_before_passing` passing probes in a row, and the latest probe's warning or
/// critical after `failures_before_critical` probes in a row that did not pass. A probe that
/// agrees with the reported health updates its output; one that does not leaves it as it was.
#[derive(Debug, Clone)]
pub struct Damper {
    thresholds: Thresholds,
    status: CheckStatus,
    /// Passing probes in a row.
    passes: u32,
    /// Probes in a row that did not pass.
    failures: u32,
}

impl Damper {
    /// A check not probed yet.
    pub fn new(thresholds: Thresholds) -> Damper {
        Damper {
            thresholds,
            status: CheckStatus {
                health: Health::Critical,
                output: "not checked yet".into(),
                since: crate::units::now(),
            },
            passes: 0,
            failures: 0,
        }
    }

    /// Takes one probe's outcome; the new status when the reported health changed.
    pub fn observe(&mut self, outcome: Outcome) -> Option<CheckStatus> {
        let enough = if outcome.health == Health::Passing {
            self.passes = self.passes.saturating_add(1);
            self.failures = 0;
            self.passes >= self.thresholds.successes_before_passing.max(1)
        } else {
            self.failures = self.failures.saturating_add(1);
            self.passes = 0;
            self.failures >= self.thresholds.failures_before_critical.max(1)
        };
        if outcome.health == self.status.health {
            self.status.output = outcome.output;
            return None;
        }
        if !enough {
            return None;
        }
        self.status = CheckStatus {
            health: outcome.health,
            output: outcome.output,
            since: crate::units::now(),
        };
        Some(self.status.clone())
    }

    /// The reported health, its output and since when.
    pub fn status(&self) -> &CheckStatus {
        &self.status
    }
}

/// A check to run: what to probe, how often, how long a probe may take, and the damping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckSpec {
    /// What to probe.
    pub probe: Probe,
    /// From the start of one probe to the start of the next.
    pub interval: Duration,
    /// How long one probe may take; a longer one is critical.
    pub timeout: Duration,
    /// Flap damping.
    pub thresholds: Thresholds,
}

/// A check running on its own task: the first probe at once, then one every interval, never
/// two at a time. Dropping it stops the task and kills a running command's process group.
pub struct Checker {
    reports: watch::Receiver<Reported>,
    /// The changes [`Checker::changed`] has handed out.
    seen: u64,
    task: JoinHandle<()>,
}

/// What the task publishes after each probe.
#[derive(Clone)]
struct Reported {
    status: CheckStatus,
    /// Changes of the reported health so far.
    changes: u64,
}

impl Checker {
    /// Starts checking; returns once the first probe has been observed, so the first status
    /// is a real one.
    pub async fn start(spec: CheckSpec) -> Checker {
        let mut damper = Damper::new(spec.thresholds);
        let started = tokio::time::Instant::now();
        damper.observe(probe(&spec.probe, spec.timeout).await);
        let (publish, reports) = watch::channel(Reported {
            status: damper.status().clone(),
            changes: 0,
        });
        let task = tokio::spawn(async move {
            let mut ticks =
                tokio::time::interval_at(started + spec.interval, spec.interval.max(MIN_INTERVAL));
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            while !publish.is_closed() {
                ticks.tick().await;
                let changed = damper
                    .observe(probe(&spec.probe, spec.timeout).await)
                    .is_some();
                publish.send_modify(|r| {
                    r.status = damper.status().clone();
                    r.changes += u64::from(changed);
                });
            }
        });
        Checker {
            reports,
            seen: 0,
            task,
        }
    }

    /// The health reported now.
    pub fn status(&self) -> CheckStatus {
        self.reports.borrow().status.clone()
    }

    /// Waits for the next change of the reported health (one that happened since the last
    /// call counts at once) and returns the status it changed to.
    pub async fn changed(&mut self) -> CheckStatus {
        loop {
            {
                let now = self.reports.borrow_and_update();
                if now.changes != self.seen {
                    self.seen = now.changes;
                    return now.status.clone();
                }
            }
            if self.reports.changed().await.is_err() {
                // The task is gone only when the checker is: nothing will change.
                std::future::pending::<()>().await;
            }
        }
    }
}

/// The shortest time between two probes, against a zero interval spinning.
const MIN_INTERVAL: Duration = Duration::from_millis(10);

impl Drop for Checker {
    fn drop(&mut self) {
        self.task.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(health: Health, output: &str) -> Outcome {
        Outcome::new(health, output)
    }

    /// Feeds `healths` to a damper with `thresholds`; the reported health after each one, and
    /// whether `observe` said it changed.
    fn run(successes: u32, failures: u32, healths: &[Health]) -> Vec<(Health, bool)> {
        let mut damper = Damper::new(Thresholds {
            successes_before_passing: successes,
            failures_before_critical: failures,
        });
        healths
            .iter()
            .map(|&h| {
                let changed = damper.observe(outcome(h, h.as_str()));
                if let Some(status) = &changed {
                    assert_eq!(status, damper.status());
                }
                (damper.status().health, changed.is_some())
            })
            .collect()
    }

    use Health::{Critical as C, Passing as P, Warning as W};

    #[test]
    fn a_new_check_is_critical_until_probed() {
        let damper = Damper::new(Thresholds::default());
        assert_eq!(damper.status().health, C);
        assert_eq!(damper.status().output, "not checked yet");
        assert!(
            damper.status().since.ends_with('Z'),
            "{:?}",
            damper.status()
        );
        // Without damping each probe decides, and the initial critical is no change.
        assert_eq!(
            run(1, 1, &[C, P, W, W, C, P]),
            [
                (C, false),
                (P, true),
                (W, true),
                (W, false),
                (C, true),
                (P, true)
            ]
        );
    }

    #[test]
    fn passing_takes_that_many_passes_in_a_row() {
        assert_eq!(
            run(3, 1, &[P, P, C, P, P, P, P]),
            [
                (C, false),
                (C, false),
                (C, false),
                (C, false),
                (C, false),
                (P, true),
                (P, false)
            ]
        );
        // A warning breaks the run of passes too.
        assert_eq!(run(2, 5, &[P, W, P, P]).last(), Some(&(P, true)));
        assert_eq!(run(2, 5, &[P, W, P]).last(), Some(&(C, false)));
    }

    #[test]
    fn failing_takes_that_many_non_passes_in_a_row_and_reports_the_latest() {
        assert_eq!(
            run(1, 3, &[P, C, C, P, C, W, C, C]),
            [
                (P, true),
                (P, false),
                (P, false),
                (P, false),
                (P, false),
                (P, false),
                (C, true),
                (C, false)
            ]
        );
        // Warnings and criticals count together; the latest one is reported.
        assert_eq!(run(1, 2, &[P, C, W]).last(), Some(&(W, true)));
        assert_eq!(run(1, 2, &[P, W, W, C]), {
            [(P, true), (P, false), (W, true), (C, true)]
        });
        // Once past the threshold, a change between warning and critical is at once.
        assert_eq!(run(1, 3, &[P, W, W, W, C, W]).split_off(3), {
            vec![(W, true), (C, true), (W, true)]
        });
    }

    #[test]
    fn output_follows_probes_that_agree_and_since_only_changes() {
        let mut damper = Damper::new(Thresholds {
            successes_before_passing: 2,
            failures_before_critical: 2,
        });
        assert_eq!(damper.observe(outcome(C, "connection refused")), None);
        assert_eq!(damper.status().output, "connection refused");
        let since = damper.status().since.clone();
        assert_eq!(damper.observe(outcome(P, "HTTP 200 OK")), None);
        assert_eq!(damper.status().output, "connection refused");
        let changed = damper.observe(outcome(P, "HTTP 204 No Content")).unwrap();
        assert_eq!(
            (changed.health, changed.output.as_str()),
            (P, "HTTP 204 No Content")
        );
        assert!(changed.since >= since);
        assert_eq!(damper.observe(outcome(P, "HTTP 200 OK")), None);
        assert_eq!(damper.status().output, "HTTP 200 OK");
        assert_eq!(damper.status().since, changed.since);
    }

    #[test]
    fn zero_thresholds_count_as_one() {
        assert_eq!(run(0, 0, &[P, C]), [(P, true), (C, true)]);
    }

    #[test]
    fn command_lines_split_like_a_shell_and_print_back() {
        let words = split_words(r#"check --name 'a b' "c \"d\" \x" e\ f ''"#).unwrap();
        assert_eq!(words, ["check", "--name", "a b", r#"c "d" \x"#, "e f", ""]);
        assert_eq!(
            Probe::Exec(words).target(),
            r#"check --name 'a b' 'c "d" \x' 'e f' ''"#
        );
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert!(split_words("a 'b").is_err());
        assert!(split_words("a \"b").is_err());
        assert!(split_words("a \\").is_err());
        assert_eq!(split_words("  ").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn addresses_are_host_and_port() {
        let ok = |s: &str| parse_host_port(s).unwrap();
        assert_eq!(ok("127.0.0.1:80"), ("127.0.0.1".into(), 80));
        assert_eq!(ok(" api.internal:65535 "), ("api.internal".into(), 65535));
        assert_eq!(ok("[::1]:9090"), ("::1".into(), 9090));
        for (bad, why) in [
            ("127.0.0.1", "port is missing"),
            ("h:0", "1 to 65535"),
            ("h:65536", "1 to 65535"),
            ("h:x", "1 to 65535"),
            (":80", "no host"),
            ("::1:80", "brackets"),
            ("[nope]:80", "not an IPv6"),
            ("http://h:80", "URL"),
            ("h h:80", "spaces"),
            ("h/x:80", "only letters"),
        ] {
            let e = parse_host_port(bad).unwrap_err();
            assert!(matches!(e, Error::Usage { .. }), "{bad}: {e:?}");
            assert!(e.to_string().contains(why), "{bad}: {e}");
        }
    }

    #[test]
    fn bad_checks_are_usage_errors_that_keep_credentials_out() {
        let e = Probe::http("http://user:hunter2@h/health").unwrap_err();
        assert!(!e.to_string().contains("hunter2"), "{e}");
        assert!(e.to_string().contains("user:password@"), "{e}");
        for bad in ["ftp://h/", "h:80/health", "http:///x"] {
            let e = Probe::http(bad).unwrap_err();
            assert!(matches!(e, Error::Usage { .. }), "{bad}: {e:?}");
        }
        assert_eq!(Probe::http("https://h/x").unwrap().kind(), "http");
        let g = Probe::grpc("127.0.0.1:50051/my.pkg.Api").unwrap();
        assert_eq!(g.target(), "127.0.0.1:50051/my.pkg.Api");
        assert_eq!(Probe::grpc("[::1]:1").unwrap().target(), "[::1]:1");
        assert!(Probe::grpc("h:1/a b").is_err());
        assert!(Probe::tcp("h").is_err());
        for bad in ["", "  ", "true | cat", "true && true", "'open"] {
            let e = Probe::exec(bad).unwrap_err();
            assert!(matches!(e, Error::Usage { .. }), "{bad:?}: {e:?}");
        }
    }

    #[test]
    fn outputs_are_one_short_line() {
        let o = Outcome::new(P, &format!("first\nsecond {}", "x".repeat(500)));
        assert!(o.output.starts_with("first second x"), "{}", o.output);
        assert_eq!(o.output.chars().count(), MAX_OUTPUT);
        assert!(o.output.ends_with("..."));
    }
}
