//! The health check of a registered instance (`discover register --check-*`): what to probe
//! ([`Probe`]: an HTTP GET, a TCP connect, a gRPC health call or a command), one probe's
//! verdict ([`probe`]), Consul's flap damping ([`Damper`]), and a [`Checker`] that probes on a
//! schedule and says when the health it reports changes.
//!
//! The verdicts are Consul's: HTTP 2xx passing, 429 warning, anything else critical (redirects
//! are not followed); a TCP connect passing; gRPC `SERVING` passing; a command's exit 0
//! passing, 1 warning, anything else critical. No answer within the timeout is critical.

mod damper;
mod exec;

use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::grpc_health;
use crate::error::{Error, Result};
use crate::http::{get, split_host_port, HttpEndpoint, Trust};
use crate::text::{one_line, words};

pub use damper::{CheckStatus, Damper, Thresholds};

/// The longest [`Outcome::output`], in characters.
pub const MAX_OUTPUT: usize = 200;

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
            Probe::Exec(argv) => exec::probe(argv).await,
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
        Err(failed) => return Outcome::new(Health::Critical, &failed.to_string()),
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

    /// Waits for the next change of the reported health and returns the status then. A change
    /// since the last call (or since the start) returns at once; several such changes return
    /// once, with the latest status.
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
        let o = Outcome::new(
            Health::Passing,
            &format!("first\nsecond {}", "x".repeat(500)),
        );
        assert!(o.output.starts_with("first second x"), "{}", o.output);
        assert_eq!(o.output.chars().count(), MAX_OUTPUT);
        assert!(o.output.ends_with("..."));
    }
}
