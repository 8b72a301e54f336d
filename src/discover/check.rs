//! INTERIM (lead's local copy, replaced by the checks helper's version at merge; never committed)
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::time::Duration;
#[derive(Debug, Clone, PartialEq)]
pub enum Probe {
    Http(String),
    Tcp(String),
    Grpc { addr: String, service: String },
    Exec(Vec<String>),
}
impl Probe {
    pub fn http(url: &str) -> Result<Probe> {
        Ok(Probe::Http(url.into()))
    }
    pub fn tcp(addr: &str) -> Result<Probe> {
        parse_host_port(addr)?;
        Ok(Probe::Tcp(addr.into()))
    }
    pub fn grpc(spec: &str) -> Result<Probe> {
        Ok(Probe::Grpc {
            addr: spec.into(),
            service: String::new(),
        })
    }
    pub fn exec(command: &str) -> Result<Probe> {
        Ok(Probe::Exec(
            command.split_whitespace().map(String::from).collect(),
        ))
    }
    pub fn kind(&self) -> &'static str {
        match self {
            Probe::Http(_) => "http",
            Probe::Tcp(_) => "tcp",
            Probe::Grpc { .. } => "grpc",
            Probe::Exec(_) => "exec",
        }
    }
    pub fn target(&self) -> String {
        match self {
            Probe::Http(u) => u.clone(),
            Probe::Tcp(a) => a.clone(),
            Probe::Grpc { addr, .. } => addr.clone(),
            Probe::Exec(w) => w.join(" "),
        }
    }
}
pub fn parse_host_port(s: &str) -> Result<(String, u16)> {
    let (host, port) = s
        .rsplit_once(':')
        .ok_or_else(|| Error::usage(format!("{s:?} is not HOST:PORT")))?;
    let port: u16 = port
        .parse()
        .map_err(|_| Error::usage(format!("bad port in {s:?}")))?;
    if port == 0 || host.is_empty() {
        return Err(Error::usage(format!("bad address {s:?}")));
    }
    Ok((host.to_string(), port))
}
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Health {
    Passing,
    Warning,
    Critical,
}
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckStatus {
    pub health: Health,
    pub output: String,
    pub changed_at: String,
}
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    pub successes_before_passing: u32,
    pub failures_before_critical: u32,
}
impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            successes_before_passing: 1,
            failures_before_critical: 1,
        }
    }
}
pub struct CheckSpec {
    pub probe: Probe,
    pub interval: Duration,
    pub timeout: Duration,
    pub thresholds: Thresholds,
}
pub struct Checker {
    rx: tokio::sync::watch::Receiver<CheckStatus>,
}
impl Checker {
    pub async fn start(spec: CheckSpec) -> Checker {
        let _ = spec;
        let (_tx, rx) = tokio::sync::watch::channel(CheckStatus {
            health: Health::Passing,
            output: "ok".into(),
            changed_at: crate::units::now(),
        });
        std::mem::forget(_tx);
        Checker { rx }
    }
    pub fn status(&self) -> CheckStatus {
        self.rx.borrow().clone()
    }
    pub async fn changed(&mut self) -> CheckStatus {
        let _ = self.rx.changed().await;
        if self.rx.has_changed().is_err() {
            std::future::pending::<()>().await;
        }
        self.rx.borrow().clone()
    }
}
impl Health {
    pub fn as_str(self) -> &'static str {
        match self {
            Health::Passing => "passing",
            Health::Warning => "warning",
            Health::Critical => "critical",
        }
    }
}
