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

fn resolve(g: &GlobalArgs) -> Result<ConnectOptions> {
    let mut endpoints: Vec<String> = g
        .endpoints
        .iter()
        .filter(|e| !e.trim().is_empty())
        .cloned()
        .collect();
    if endpoints.is_empty() {
        endpoints = match etcdctl_env("ENDPOINTS") {
            Some(list) => list
                .split(',')
                .map(str::to_string)
                .filter(|e| !e.trim().is_empty())
                .collect(),
            None => vec![DEFAULT_ENDPOINT.to_string()],
        };
    }
    let defaults = ConnectOptions::default();
    let dial_timeout = match g.dial_timeout {
        Some(d) => d,
        None => duration_env("DIAL_TIMEOUT", "--dial-timeout")?.unwrap_or(defaults.dial_timeout),
    };
    let command_timeout = match g.command_timeout {
        Some(d) => d,
        None => duration_env("COMMAND_TIMEOUT", "--command-timeout")?
            .unwrap_or(defaults.command_timeout),
    };
    for (name, d) in [
        ("--dial-timeout", dial_timeout),
        ("--command-timeout", command_timeout),
    ] {
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
            dialoguer::Password::new()
                .with_prompt(format!("Password for etcd user {name}"))
                .allow_empty_password(true)
                .interact()
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
