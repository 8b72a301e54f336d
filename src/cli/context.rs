//! Resolved settings for one run: flags beat ETCDKIT_* variables, which beat ETCDCTL_* ones.
//!
//! Nothing here dials etcd or asks for a password until a command asks for the connection,
//! so `--help`, completions and man pages work with no etcd and no terminal.

use std::io::IsTerminal;
use std::sync::OnceLock;
use std::time::Duration;

use super::{parse_duration, GlobalArgs, Output};
use crate::conn::{ConnectOptions, Credentials, TlsFiles, DEFAULT_ENDPOINT};
use crate::error::{Error, Result};
use crate::secret::Secret;

/// What every command gets: the output formatter and, on demand, the connection options.
pub struct Context {
    global: GlobalArgs,
    output: Output,
    conn: OnceLock<ConnectOptions>,
}

impl Context {
    /// A context from the parsed global flags.
    pub fn new(global: GlobalArgs, output: Output) -> Context {
        Context {
            global,
            output,
            conn: OnceLock::new(),
        }
    }

    /// The output formatter.
    pub fn output(&self) -> &Output {
        &self.output
    }

    /// The connection options, resolved once (this is where a password may be asked for).
    pub fn conn(&self) -> Result<&ConnectOptions> {
        if let Some(c) = self.conn.get() {
            return Ok(c);
        }
        refuse_unsupported(&self.global)?;
        let resolved = resolve(&self.global)?;
        // Only where a certificate would be checked: `http://` endpoints stay plain.
        let some_tls = resolved
            .endpoint_urls()
            .map_or(true, |urls| urls.iter().any(|u| u.starts_with("https://")));
        if resolved.insecure_skip_tls_verify && some_tls {
            self.output.warn(&format!(
                "warning: {}: the servers' certificates are not checked",
                source_bool(
                    self.global.insecure_skip_tls_verify,
                    "--insecure-skip-tls-verify",
                    "ETCDKIT_INSECURE_SKIP_TLS_VERIFY"
                )
            ));
        }
        Ok(self.conn.get_or_init(|| resolved))
    }
}

fn etcdctl_env(name: &str) -> Option<String> {
    std::env::var(format!("ETCDCTL_{name}"))
        .ok()
        .filter(|v| !v.is_empty())
}

/// etcdctl's global flags that etcdkit does not support: accepted by the parser only to be
/// refused with a pointer (an etcdctl habit must never be silently ignored).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Unsupported {
    #[arg(long, short = 'd', global = true, hide = true, value_name = "DOMAIN")]
    discovery_srv: Option<String>,
    #[arg(long, global = true, hide = true, value_name = "NAME")]
    discovery_srv_name: Option<String>,
    #[arg(long, global = true, hide = true, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    insecure_discovery: Option<String>,
    #[arg(long, global = true, hide = true, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    hex: Option<String>,
    #[arg(long, global = true, hide = true, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    debug: Option<String>,
    #[arg(long, global = true, hide = true, value_name = "BYTES")]
    max_request_bytes: Option<String>,
    #[arg(long, global = true, hide = true, value_name = "BYTES")]
    max_recv_bytes: Option<String>,
    #[arg(long, global = true, hide = true, value_name = "TOKEN")]
    auth_jwt_token: Option<String>,
}

const USE_ENDPOINTS: &str = "etcdkit does no DNS discovery: give the client URLs with --endpoints \
     (`dig +short SRV _etcd-client-ssl._tcp.DOMAIN` lists them)";

/// Refuses etcdctl flags etcdkit does not support, and etcdctl variables that would change
/// which cluster is reached or how one logs in there.
fn refuse_unsupported(g: &GlobalArgs) -> Result<()> {
    let u = &g.unsupported;
    let flags: [(&str, bool, &str); 8] = [
        ("--discovery-srv", u.discovery_srv.is_some(), USE_ENDPOINTS),
        (
            "--discovery-srv-name",
            u.discovery_srv_name.is_some(),
            USE_ENDPOINTS,
        ),
        (
            "--insecure-discovery",
            u.insecure_discovery.is_some(),
            USE_ENDPOINTS,
        ),
        (
            "--hex",
            u.hex.is_some(),
            "`etcdkit watch -o json` gives values that are not UTF-8 as value_base64, and -o plain escapes them as \\xNN",
        ),
        (
            "--debug",
            u.debug.is_some(),
            "etcdkit has no client debug log: its errors name the endpoint and the cause",
        ),
        (
            "--max-request-bytes",
            u.max_request_bytes.is_some(),
            "etcdkit's requests are small; the server's own --max-request-bytes still applies",
        ),
        (
            "--max-recv-bytes",
            u.max_recv_bytes.is_some(),
            "etcdkit takes answers of any size and lists keys in pages of about 4 MiB; drop the flag",
        ),
        (
            "--auth-jwt-token",
            u.auth_jwt_token.is_some(),
            "log in with --user NAME[:PASSWORD] (and --password)",
        ),
    ];
    if let Some((flag, _, hint)) = flags.iter().find(|(_, given, _)| *given) {
        return Err(Error::usage_with_hint(
            format!("{flag} (an etcdctl flag) is not supported by etcdkit"),
            *hint,
        ));
    }
    let endpoints_given =
        !g.endpoints.is_empty() || std::env::var_os("ETCDKIT_ENDPOINTS").is_some();
    for name in ["DISCOVERY_SRV", "DISCOVERY_SRV_NAME"] {
        if etcdctl_env(name).is_some() && !endpoints_given {
            return Err(Error::usage_with_hint(
                format!(
                    "ETCDCTL_{name} is set, but etcdkit does no DNS discovery \
                     (it would reach another cluster than etcdctl does)"
                ),
                "give the endpoints with --endpoints or ETCDKIT_ENDPOINTS, \
                 or unset ETCDCTL_DISCOVERY_SRV",
            ));
        }
    }
    let user_given = g.user.is_some() || etcdctl_env("USER").is_some();
    if etcdctl_env("AUTH_JWT_TOKEN").is_some() && !user_given {
        return Err(Error::usage_with_hint(
            "ETCDCTL_AUTH_JWT_TOKEN is set, but etcdkit logs in with a user and password only",
            "pass --user NAME[:PASSWORD] (or ETCDKIT_USER), or unset ETCDCTL_AUTH_JWT_TOKEN",
        ));
    }
    Ok(())
}

/// The output format from etcdctl's `ETCDCTL_WRITE_OUT`, consulted when neither `-o` nor
/// `ETCDKIT_OUTPUT` chose one: `table` and `json` as they are, `simple` as plain. etcdctl's
/// other formats (`fields`, `protobuf`) have no counterpart: a warning says so, and the
/// default stands.
pub(crate) fn etcdctl_write_out() -> Option<super::Format> {
    use clap::ValueEnum;
    let value = etcdctl_env("WRITE_OUT")?;
    match super::Format::from_str(value.trim(), true) {
        Ok(format) => Some(format),
        Err(_) => {
            eprintln!(
                "warning: ETCDCTL_WRITE_OUT={} is not a format etcdkit prints (table, json, \
                 plain or simple): the default applies; ETCDKIT_OUTPUT or -o chooses one",
                crate::conn::shown(&value)
            );
            None
        }
    }
}

/// A boolean flag, else its ETCDKIT_* variable (both in `flag`, as clap reads them), else its
/// ETCDCTL_* variable, else the default.
fn bool_setting(flag: Option<bool>, name: &str, default: bool) -> Result<bool> {
    if let Some(value) = flag {
        return Ok(value);
    }
    match etcdctl_env(name) {
        Some(v) => super::parse_bool(&v).map_err(|e| {
            let flag = name.to_ascii_lowercase().replace('_', "-");
            Error::usage(format!("ETCDCTL_{name} (for --{flag}): {e}"))
        }),
        None => Ok(default),
    }
}

/// Where a boolean setting came from, for the warning.
fn source_bool(flag: Option<bool>, name: &str, etcdkit_env: &str) -> String {
    match flag {
        Some(_) => source(name, etcdkit_env),
        None => {
            let env = name
                .trim_start_matches("--")
                .to_ascii_uppercase()
                .replace('-', "_");
            format!("ETCDCTL_{env} (for {name})")
        }
    }
}

fn duration_env(name: &str, flag: &str) -> Result<Option<Duration>> {
    etcdctl_env(name)
        .map(|v| {
            parse_duration(&v)
                .map_err(|e| Error::usage(format!("ETCDCTL_{name} (for {flag}): {e}")))
        })
        .transpose()
}

/// Where a setting came from, for messages: the flag, or the variable that stood in for it.
fn source(flag: &str, etcdkit_env: &str) -> String {
    let given_as_flag = super::report_error::flag_given(flag.trim_start_matches("--"));
    if !given_as_flag && std::env::var_os(etcdkit_env).is_some() {
        format!("{etcdkit_env} (for {flag})")
    } else {
        flag.to_string()
    }
}

/// The endpoint list: an empty list, or an empty entry in one, is a usage error wherever it
/// came from; only no list at all means the default.
fn endpoints(g: &GlobalArgs) -> Result<Vec<String>> {
    let (list, from) = if !g.endpoints.is_empty() {
        (
            g.endpoints.clone(),
            source("--endpoints", "ETCDKIT_ENDPOINTS"),
        )
    } else if let Some(value) = std::env::var_os("ETCDKIT_ENDPOINTS") {
        // clap treats a variable set to "" as unset; etcdkit does not.
        let value = value.to_string_lossy().into_owned();
        (split(&value), "ETCDKIT_ENDPOINTS".to_string())
    } else if let Some(value) = std::env::var_os("ETCDCTL_ENDPOINTS") {
        let value = value.to_string_lossy().into_owned();
        (split(&value), "ETCDCTL_ENDPOINTS".to_string())
    } else {
        return Ok(vec![DEFAULT_ENDPOINT.to_string()]);
    };
    let hint = "give at least one endpoint, like --endpoints 127.0.0.1:2379 \
                (or leave the flag and variables out for 127.0.0.1:2379)";
    if list.iter().all(|e| e.trim().is_empty()) {
        return Err(Error::usage_with_hint(
            format!("{from} is empty: no endpoint to connect to"),
            hint,
        ));
    }
    if list.iter().any(|e| e.trim().is_empty()) {
        return Err(Error::usage_with_hint(
            format!("{from} has an empty entry (two commas in a row, or one at an end)"),
            "separate endpoints with single commas, like 10.0.0.1:2379,10.0.0.2:2379",
        ));
    }
    Ok(list.into_iter().map(|e| e.trim().to_string()).collect())
}

fn split(list: &str) -> Vec<String> {
    list.split(',').map(str::to_string).collect()
}

fn resolve(g: &GlobalArgs) -> Result<ConnectOptions> {
    let endpoints = endpoints(g)?;
    let defaults = ConnectOptions::default();
    let (dial_timeout, dial_from) = match g.dial_timeout {
        Some(d) => (d, source("--dial-timeout", "ETCDKIT_DIAL_TIMEOUT")),
        None => (
            duration_env("DIAL_TIMEOUT", "--dial-timeout")?.unwrap_or(defaults.dial_timeout),
            "ETCDCTL_DIAL_TIMEOUT (for --dial-timeout)".to_string(),
        ),
    };
    let (command_timeout, command_from) = match g.command_timeout {
        Some(d) => (d, source("--command-timeout", "ETCDKIT_COMMAND_TIMEOUT")),
        None => (
            duration_env("COMMAND_TIMEOUT", "--command-timeout")?
                .unwrap_or(defaults.command_timeout),
            "ETCDCTL_COMMAND_TIMEOUT (for --command-timeout)".to_string(),
        ),
    };
    for (name, d) in [(dial_from, dial_timeout), (command_from, command_timeout)] {
        if d.is_zero() {
            return Err(Error::usage(format!("{name} must be more than 0")));
        }
    }
    let path = |flag: &Option<std::path::PathBuf>, env: &str| {
        flag.clone().or_else(|| etcdctl_env(env).map(Into::into))
    };
    let files = TlsFiles {
        ca: path(&g.cacert, "CACERT"),
        cert: path(&g.cert, "CERT"),
        key: path(&g.key, "KEY"),
    };
    let tls = (files.ca.is_some() || files.cert.is_some() || files.key.is_some()).then_some(files);
    let credentials = credentials(g)?;
    let keepalive_time = match g.keepalive_time {
        Some(d) => Some(d),
        None => duration_env("KEEPALIVE_TIME", "--keepalive-time")?,
    };
    let keepalive_timeout = match g.keepalive_timeout {
        Some(d) => Some(d),
        None => duration_env("KEEPALIVE_TIMEOUT", "--keepalive-timeout")?,
    };
    for (name, d) in [
        ("--keepalive-time", keepalive_time),
        ("--keepalive-timeout", keepalive_timeout),
    ] {
        if d.is_some_and(|d| d.is_zero()) {
            return Err(Error::usage(format!("{name} must be more than 0")));
        }
    }
    Ok(ConnectOptions {
        endpoints,
        dial_timeout,
        command_timeout,
        tls,
        credentials,
        insecure_skip_tls_verify: bool_setting(
            g.insecure_skip_tls_verify,
            "INSECURE_SKIP_TLS_VERIFY",
            false,
        )?,
        insecure_transport: bool_setting(g.insecure_transport, "INSECURE_TRANSPORT", true)?,
        keepalive_time: keepalive_time.unwrap_or(defaults.keepalive_time),
        keepalive_timeout,
    })
}

fn credentials(g: &GlobalArgs) -> Result<Option<Credentials>> {
    let Some(user) = g.user.clone().or_else(|| etcdctl_env("USER")) else {
        if g.password.is_some() {
            return Err(Error::usage_with_hint(
                "--password was given without --user",
                "add --user NAME",
            ));
        }
        return Ok(None);
    };
    let (name, inline) = match user.split_once(':') {
        Some((name, password)) => (name.to_string(), Some(password.to_string())),
        None => (user, None),
    };
    if name.is_empty() {
        return Err(Error::usage("--user has an empty user name"));
    }
    let password = match g
        .password
        .clone()
        .or(inline)
        .or_else(|| etcdctl_env("PASSWORD"))
    {
        Some(p) => p,
        None if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() => {
            ask_password(&format!("Password for etcd user {name}: "))
                .map_err(|e| Error::usage(format!("could not read the password: {e}")))?
        }
        None => {
            return Err(Error::usage_with_hint(
                format!("no password for etcd user {name}, and no terminal to ask on"),
                "pass --password, set ETCDKIT_PASSWORD, or use --user NAME:PASSWORD",
            ))
        }
    };
    Ok(Some(Credentials {
        user: name,
        password: Secret::new(password),
    }))
}

/// Asks for a password on the terminal without echoing it.
fn ask_password(prompt: &str) -> std::io::Result<String> {
    ask_on_terminal(prompt, false)
}

/// Asks `prompt` on the terminal (`/dev/tty`, whatever stdin is) and reads one line, echoed
/// or not (a password).
///
/// Echo goes off before the prompt shows and without flushing the input queue (dialoguer's
/// `TCSAFLUSH` dropped a password typed the moment the prompt appeared, and then waited).
pub(crate) fn ask_on_terminal(prompt: &str, echo: bool) -> std::io::Result<String> {
    use std::io::{BufRead, Write};
    use std::os::fd::AsRawFd;
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")?;
    let fd = tty.as_raw_fd();
    // SAFETY: termios is plain data, filled by tcgetattr on an open terminal.
    let mut original: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(fd, &mut original) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    if !echo {
        let mut quiet = original;
        quiet.c_lflag &= !libc::ECHO;
        quiet.c_lflag |= libc::ECHONL;
        if unsafe { libc::tcsetattr(fd, libc::TCSANOW, &quiet) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    let mut line = String::new();
    let result = (&tty)
        .write_all(prompt.as_bytes())
        .and_then(|()| std::io::BufReader::new(&tty).read_line(&mut line));
    if !echo {
        // SAFETY: restores the settings read above on the same descriptor.
        unsafe { libc::tcsetattr(fd, libc::TCSANOW, &original) };
    }
    result?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}
