//! Alerting: etcd's own alert rules and client-side checks, evaluated without Prometheus, routed
//! like Alertmanager and delivered to Slack, PagerDuty, email and webhooks.
//!
//! An [`Alerter`] evaluates once per call: it looks at the cluster ([`observe`]), evaluates the
//! [`rules`] ([`engine`]), decides what to notify ([`route`]) honouring [`silence`]s, delivers
//! through the [`channels`], and keeps what it must remember in a [`state`] file between calls,
//! so `etcdkit alert run --once` from cron behaves like the daemon.
//!
//! ```no_run
//! # async fn demo() -> etcdkit::Result<()> {
//! use etcdkit::alert::{config::AlertConfig, Alerter};
//! use etcdkit::conn::ConnectOptions;
//! let conn = ConnectOptions { endpoints: vec!["127.0.0.1:2379".into()], ..Default::default() };
//! let mut alerter = Alerter::new(conn, AlertConfig::default(), Some("alert-state.json".into()));
//! let evaluation = alerter.evaluate().await?;
//! for a in &evaluation.alerts {
//!     println!("{} {:?}", a.name, a.state);
//! }
//! # Ok(()) }
//! ```

pub mod access;
pub mod channels;
pub mod config;
pub mod engine;
pub mod history;
pub mod inhibit;
pub mod notification;
pub mod observe;
pub mod route;
pub mod rules;
pub mod signals;
pub mod silence;
pub mod state;
#[cfg(test)]
pub(crate) mod testing;

use std::path::PathBuf;

use futures_util::future::join_all;
use serde::Serialize;

use crate::conn::ConnectOptions;
use crate::error::{Error, ExitStatus, Result};
use config::AlertConfig;
use engine::RuleStanding;
use notification::{AlertInfo, AlertStatus, LabelSet, Notification};
use observe::{observe, rfc3339, unix_now, ObserveOptions};
use route::Outgoing;
use state::{Phase, Recovered, State, StateFile};

/// One alert as an evaluation reports it.
#[derive(Debug, Clone, Serialize)]
pub struct AlertView {
    /// The rule's name.
    pub name: String,
    /// Its severity.
    pub severity: String,
    /// Pending, firing, or resolved (and not yet notified as such).
    pub state: Phase,
    /// The member, for member rules.
    pub member: Option<String>,
    /// The latest value.
    pub value: Option<f64>,
    /// All labels.
    pub labels: LabelSet,
    /// Annotations, filled in.
    pub annotations: LabelSet,
    /// Since when the condition holds (RFC 3339).
    pub active_since: String,
    /// Since when it fires.
    pub fired_at: Option<String>,
    /// When it resolved.
    pub resolved_at: Option<String>,
    /// Stable ID of its labels.
    pub fingerprint: String,
    /// IDs of the silences that mute it.
    pub silenced_by: Vec<String>,
    /// Fingerprints of the firing alerts that hold it back (see [`inhibit`]).
    pub inhibited_by: Vec<String>,
}

/// One notification that was attempted.
#[derive(Debug, Clone, Serialize)]
pub struct Sent {
    /// The channel.
    pub channel: String,
    /// Its kind.
    pub kind: &'static str,
    /// The group.
    pub group: String,
    /// Firing or resolved (`state` in JSON, as an alert's: `status` is always a verdict).
    #[serde(rename = "state")]
    pub status: AlertStatus,
    /// The alerts in it, as `name{member}`.
    pub alerts: Vec<String>,
    /// Delivered.
    pub ok: bool,
    /// Tries made.
    pub attempts: u32,
    /// Why not, secrets redacted.
    pub error: Option<String>,
}

/// The state file used.
#[derive(Debug, Clone, Serialize)]
pub struct StateReport {
    /// Its path; `None` when state is kept in memory only.
    pub path: Option<PathBuf>,
    /// It was corrupt and was set aside.
    pub recovered: Option<Recovered>,
}

/// The result of one evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// When (RFC 3339).
    pub time: String,
    /// Members that answered.
    pub members_up: usize,
    /// Members known.
    pub members_total: usize,
    /// Alerts firing (silenced ones included).
    pub firing: usize,
    /// Alerts pending.
    pub pending: usize,
    /// Members that refused our credentials or certificates: not counted as down or up, and
    /// no rule fired or resolved on them.
    pub access_problems: Vec<access::AccessProblem>,
    /// Every alert that is pending, firing, or resolved and not yet notified.
    pub alerts: Vec<AlertView>,
    /// Every rule's standing.
    pub rules: Vec<RuleStanding>,
    /// Notifications attempted.
    pub notifications: Vec<Sent>,
    /// The state file (`state_file` in JSON: `state` is always an alert's or a rule's).
    #[serde(rename = "state_file")]
    pub state: StateReport,
}

impl Evaluation {
    /// The exit status of a run that made this evaluation: 5 (credentials) or 4 (TLS) when a
    /// member refused us, else 4 when no member answered at all, else 6 when a notification
    /// could not be delivered, else 0.
    pub fn exit_status(&self) -> ExitStatus {
        let refused = |kind| self.access_problems.iter().find(|p| p.kind == kind);
        if let Some(p) = refused("credentials").or_else(|| refused("tls")) {
            p.exit_status()
        } else if self.nobody_answered() {
            ExitStatus::Unavailable
        } else if self.delivery_failed() {
            ExitStatus::Failure
        } else {
            ExitStatus::Ok
        }
    }

    /// No member answered at all: the cluster could not be looked at.
    pub fn nobody_answered(&self) -> bool {
        self.members_up == 0
    }

    /// Some notification could not be delivered.
    pub fn delivery_failed(&self) -> bool {
        self.notifications.iter().any(|n| !n.ok)
    }
}

/// Evaluates rules against a cluster, again and again, remembering between calls.
pub struct Alerter {
    conn: ConnectOptions,
    config: AlertConfig,
    state_path: Option<PathBuf>,
    memory: State,
    observe: ObserveOptions,
}

impl Alerter {
    /// An alerter over `conn` with `config`; state goes to `state_path`, or stays in memory.
    pub fn new(conn: ConnectOptions, config: AlertConfig, state_path: Option<PathBuf>) -> Alerter {
        Alerter {
            conn,
            config,
            state_path,
            memory: State::default(),
            observe: ObserveOptions::default(),
        }
    }

    /// Where `/metrics` is served, when not on the client URLs (see [`ObserveOptions`]).
    pub fn with_metrics_urls(mut self, urls: Vec<String>) -> Alerter {
        self.observe.metrics_urls = urls;
        self
    }

    fn source(&self) -> String {
        self.conn.endpoints.join(",")
    }

    /// Looks at the cluster, evaluates every rule, sends what is due, and remembers.
    ///
    /// The state file stays locked from the look to the record of what was delivered, so two
    /// evaluations on one state file (cron runs that overlap, a daemon and a `--once`) take
    /// turns and each notification goes out once. A silence added meanwhile waits its turn.
    pub async fn evaluate(&mut self) -> Result<Evaluation> {
        let opened = match &self.state_path {
            // Waiting for the lock (another run may be delivering) must not stop the runtime:
            // a daemon still hears SIGTERM meanwhile.
            Some(p) => {
                let p = p.clone();
                let waited = tokio::task::spawn_blocking(move || StateFile::open(&p)).await;
                Some(waited.map_err(|e| Error::Io {
                    context: "cannot open the state file".into(),
                    source: std::io::Error::other(e),
                })??)
            }
            None => None,
        };
        let (file, mut state, recovered) = match opened {
            Some(o) => (Some(o.file), o.state, o.recovered),
            None => (None, std::mem::take(&mut self.memory), None),
        };
        let interval = self.config.hashkv_interval.as_secs_f64();
        let mut options = self.observe.clone();
        options.hashkv = interval > 0.0
            && state
                .hashkv
                .as_ref()
                .is_none_or(|h| unix_now() - h.at >= interval);
        let obs = match observe(&self.conn, &options).await {
            Ok(o) => o,
            Err(e) => {
                if file.is_none() {
                    self.memory = state;
                }
                return Err(e);
            }
        };
        let now = obs.at;
        let standings = engine::evaluate(&self.config.rules, &self.config.labels, &obs, &mut state);
        state.prune_silences(now);
        let outgoing = route::plan(
            &self.config.route,
            &self.config.inhibit_rules,
            &mut state,
            now,
            &self.source(),
        );
        // Saved before delivering too, so that timers and counters survive a crash meanwhile.
        if let Some(f) = &file {
            f.save(&state)?;
        }
        let results = self.deliver(&outgoing).await;
        let delivered: Vec<&Outgoing> = outgoing
            .iter()
            .zip(&results)
            .filter(|(_, d)| d.ok)
            .map(|(o, _)| o)
            .collect();
        route::record(&mut state, &delivered, now);
        if let Some(f) = &file {
            f.save(&state)?;
        }
        drop(file);
        let evaluation = self.report(&obs, &state, standings, &outgoing, results, recovered, now);
        if self.state_path.is_none() {
            self.memory = state;
        }
        Ok(evaluation)
    }

    async fn deliver(&self, outgoing: &[Outgoing]) -> Vec<channels::Delivery> {
        let sends = outgoing.iter().map(|o| async move {
            match self.config.channels.iter().find(|c| c.name() == o.channel) {
                Some(c) => channels::deliver(c, &o.notification).await,
                None => channels::Delivery {
                    channel: o.channel.clone(),
                    kind: "unknown",
                    ok: false,
                    attempts: 0,
                    error: Some("no such channel".into()),
                },
            }
        });
        join_all(sends).await
    }

    #[allow(clippy::too_many_arguments)]
    fn report(
        &self,
        obs: &observe::Observation,
        state: &State,
        rules: Vec<RuleStanding>,
        outgoing: &[Outgoing],
        results: Vec<channels::Delivery>,
        recovered: Option<Recovered>,
        now: f64,
    ) -> Evaluation {
        let muted = route::silenced(state, now);
        let held = inhibit::inhibited(state, &self.config.inhibit_rules);
        let mut alerts: Vec<AlertView> = state
            .alerts
            .iter()
            .map(|(fp, a)| AlertView {
                name: a.labels.get("alertname").cloned().unwrap_or_default(),
                severity: a.labels.get("severity").cloned().unwrap_or_default(),
                state: a.phase,
                member: a.labels.get("member").cloned(),
                value: a.value,
                labels: a.labels.clone(),
                annotations: a.annotations.clone(),
                active_since: rfc3339(a.active_since),
                fired_at: a.fired_at.map(rfc3339),
                resolved_at: a.resolved_at.map(rfc3339),
                fingerprint: fp.clone(),
                silenced_by: muted.get(fp).cloned().unwrap_or_default(),
                inhibited_by: held.get(fp).cloned().unwrap_or_default(),
            })
            .collect();
        alerts.sort_by(|a, b| (a.state, &a.name, &a.member).cmp(&(b.state, &b.name, &b.member)));
        let notifications = outgoing
            .iter()
            .zip(results)
            .map(|(o, d)| Sent {
                channel: o.channel.clone(),
                kind: d.kind,
                group: o.group_key.clone(),
                status: o.notification.status,
                alerts: o.notification.alerts.iter().map(describe).collect(),
                ok: d.ok,
                attempts: d.attempts,
                error: d.error,
            })
            .collect();
        Evaluation {
            time: rfc3339(now),
            members_up: obs.members.iter().filter(|m| m.up()).count(),
            members_total: obs.members.len(),
            firing: alerts.iter().filter(|a| a.state == Phase::Firing).count(),
            pending: alerts.iter().filter(|a| a.state == Phase::Pending).count(),
            access_problems: obs
                .members
                .iter()
                .filter_map(|m| m.access.clone())
                .collect(),
            alerts,
            rules,
            notifications,
            state: StateReport {
                path: self.state_path.clone(),
                recovered,
            },
        }
    }
}

fn describe(a: &AlertInfo) -> String {
    match a.labels.get("member") {
        Some(m) => format!("{}{{member={m}}} {}", a.name(), a.status.as_str()),
        None => format!("{} {}", a.name(), a.status.as_str()),
    }
}

/// Sends a clearly marked test notification to the channel named `name`.
pub async fn send_test(config: &AlertConfig, name: &str) -> Result<channels::Delivery> {
    let Some(channel) = config.channels.iter().find(|c| c.name() == name) else {
        let known: Vec<&str> = config.channels.iter().map(|c| c.name()).collect();
        return Err(Error::usage_with_hint(
            format!("no channel is named {name:?}"),
            if known.is_empty() {
                "the config file defines no channels: add a [[channels]] entry".to_string()
            } else {
                format!("channels: {}", known.join(", "))
            },
        ));
    };
    let mut labels = LabelSet::new();
    labels.insert("alertname".into(), "EtcdkitTest".into());
    labels.insert("severity".into(), "info".into());
    labels.extend(config.labels.clone());
    let mut annotations = LabelSet::new();
    annotations.insert(
        "summary".into(),
        "Test notification from etcdkit: no action needed".into(),
    );
    annotations.insert(
        "description".into(),
        format!("`etcdkit alert test --channel {name}` sent this to check the channel works."),
    );
    let now = unix_now();
    let alert = AlertInfo {
        status: AlertStatus::Firing,
        fingerprint: engine::fingerprint(&labels),
        labels: labels.clone(),
        annotations: annotations.clone(),
        starts_at: rfc3339(now),
        ends_at: None,
        value: None,
    };
    let n = Notification {
        group_key: format!("test:{name}"),
        status: AlertStatus::Firing,
        group_labels: [("alertname".to_string(), "EtcdkitTest".to_string())].into(),
        common_labels: labels,
        common_annotations: annotations,
        alerts: vec![alert],
        source: "etcdkit alert test".into(),
        test: true,
    };
    Ok(channels::deliver(channel, &n).await)
}
