//! Resolved settings for one run: flags beat ETCDKIT_* variables, which beat ETCDCTL_* ones.
//!
//! Nothing here dials etcd or asks for a password until a command asks for the connection,
//! so `--help`, completions and man pages work with no etcd and no terminal.

use std::io::IsTerminal;
use std::sync::OnceLock;
use std::time::Duration;

use super::{parse_duration, GlobalArgs, Output};
use crate::conn::{ConnectOptions, Credentials, Password, TlsFiles, DEFAULT_ENDPOINT};
use crate::error::{Error, Result};

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
        let resolved = resolve(&self.global)?;
        Ok(self.conn.get_or_init(|| resolved))
    }
}

fn etcdctl_env(name: &str) -> Option<String> {
    std::env::var(format!("ETCDCTL_{name}"))
        .ok()
        .filter(|v| !v.is_empty())
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
    Ok(ConnectOptions {
        endpoints,
        dial_timeout,
        command_timeout,
        tls,
        credentials,
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
        password: Password::new(password),
    }))
}

/// Asks for a password on the terminal without echoing it.
///
/// Echo goes off before the prompt shows and without flushing the input queue (dialoguer's
/// `TCSAFLUSH` dropped a password typed the moment the prompt appeared, and then waited).
fn ask_password(prompt: &str) -> std::io::Result<String> {
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
    let mut quiet = original;
    quiet.c_lflag &= !libc::ECHO;
    quiet.c_lflag |= libc::ECHONL;
    if unsafe { libc::tcsetattr(fd, libc::TCSANOW, &quiet) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    let mut line = String::new();
    let result = (&tty)
        .write_all(prompt.as_bytes())
        .and_then(|()| std::io::BufReader::new(&tty).read_line(&mut line));
    // SAFETY: restores the settings read above on the same descriptor.
    unsafe { libc::tcsetattr(fd, libc::TCSANOW, &original) };
    result?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}
