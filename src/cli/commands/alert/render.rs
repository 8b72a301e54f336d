//! Tables and plain lines for `etcdkit alert`.

use std::fmt::Write as _;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::alert::channels::Delivery;
use crate::alert::observe::rfc3339 as time;
use crate::alert::rules::{format_value, Rule};
use crate::alert::signals::Signal;
use crate::alert::silence::Silence;
use crate::alert::state::Phase;
use crate::alert::Evaluation;
use crate::cli::output::{Color, Style};
use crate::cli::Render;

/// A list as a JSON document: an object with the list under `key` (the formatter adds `time`).
fn list_document<S: Serializer, T: Serialize>(
    key: &'static str,
    items: &[T],
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(1))?;
    map.serialize_entry(key, items)?;
    map.end()
}

macro_rules! list_documents {
    ($($list:ident => $key:literal),*) => {$(
        impl Serialize for $list {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                list_document($key, &self.0[..], s)
            }
        }
    )*};
}

list_documents!(
    RuleList => "rules",
    SignalList => "metrics",
    Deliveries => "deliveries",
    SilenceList => "silences"
);

/// A rule's `for` as the config file writes it.
fn for_text(d: std::time::Duration) -> String {
    crate::units::HumanDuration(d).to_string()
}

/// The rules in force.
pub struct RuleList(pub Vec<Rule>);

impl Render for RuleList {
    fn table(&self, style: &Style) -> String {
        let mut t = style.table(&["NAME", "SEVERITY", "FOR", "CONDITION", "ORIGIN"]);
        for r in &self.0 {
            t.add_row(vec![
                r.name.clone(),
                r.severity.clone(),
                for_text(r.for_),
                r.expr.to_string(),
                format!("{:?}", r.origin).to_lowercase(),
            ]);
        }
        format!("{t}\n")
    }

    fn plain(&self) -> String {
        let mut out = String::new();
        for r in &self.0 {
            let _ = writeln!(
                out,
                "{} {} for={} {}",
                r.name,
                r.severity,
                for_text(r.for_),
                r.expr
            );
        }
        out
    }
}

/// The figures rules can use.
pub struct SignalList(pub &'static [Signal]);

impl Render for SignalList {
    fn table(&self, style: &Style) -> String {
        let mut t = style.table(&["METRIC", "SCOPE", "UNIT", "MEANING"]);
        for s in self.0 {
            t.add_row(vec![
                s.name.to_string(),
                format!("{:?}", s.scope).to_lowercase(),
                s.unit.to_string(),
                s.help.to_string(),
            ]);
        }
        format!("{t}\n")
    }

    fn plain(&self) -> String {
        self.0.iter().map(|s| format!("{}\n", s.name)).collect()
    }
}

/// `sent to hook (webhook): firing [...]` or `FAILED ...: why`, one line.
fn delivery_line(style: &Style, ok: bool, what: &str, detail: &str, error: Option<&str>) -> String {
    let verdict = if ok {
        style.paint("sent", Color::Green)
    } else {
        style.paint("FAILED", Color::Red)
    };
    match error {
        Some(e) => format!("{verdict} {what}: {detail}: {e}\n"),
        None => format!("{verdict} {what}: {detail}\n"),
    }
}

/// Test deliveries.
pub struct Deliveries(pub Vec<Delivery>);

impl Render for Deliveries {
    fn table(&self, style: &Style) -> String {
        let mut out = String::new();
        for d in &self.0 {
            let what = format!("{} ({})", d.channel, d.kind);
            let detail = format!("after {} attempt(s)", d.attempts);
            out += &delivery_line(style, d.ok, &what, &detail, d.error.as_deref());
        }
        out
    }

    fn plain(&self) -> String {
        self.table(&Style::default())
    }
}

/// A silence as listed.
#[derive(Serialize)]
pub struct SilenceView {
    /// Its ID.
    pub id: String,
    /// Its matchers.
    pub matchers: Vec<String>,
    /// `active`, `pending` or `expired`.
    pub state: &'static str,
    /// Start (RFC 3339).
    pub starts_at: String,
    /// End (RFC 3339).
    pub ends_at: String,
    /// Who.
    pub created_by: String,
    /// Why.
    pub comment: String,
}

impl SilenceView {
    /// The view of `s` at `now`.
    pub fn from(s: &Silence, now: f64) -> SilenceView {
        SilenceView {
            id: s.id.clone(),
            matchers: s.matchers.clone(),
            state: if s.active(now) {
                "active"
            } else if now < s.starts_at {
                "pending"
            } else {
                "expired"
            },
            starts_at: time(s.starts_at),
            ends_at: time(s.ends_at),
            created_by: s.created_by.clone(),
            comment: s.comment.clone(),
        }
    }
}

impl Render for SilenceView {
    fn table(&self, style: &Style) -> String {
        SilenceList(vec![self.clone_view()]).table(style)
    }

    fn plain(&self) -> String {
        format!("{}\n", self.id)
    }
}

impl SilenceView {
    fn clone_view(&self) -> SilenceView {
        SilenceView {
            id: self.id.clone(),
            matchers: self.matchers.clone(),
            state: self.state,
            starts_at: self.starts_at.clone(),
            ends_at: self.ends_at.clone(),
            created_by: self.created_by.clone(),
            comment: self.comment.clone(),
        }
    }
}

/// Silences.
pub struct SilenceList(pub Vec<SilenceView>);

impl Render for SilenceList {
    fn table(&self, style: &Style) -> String {
        if self.0.is_empty() {
            return "no silences\n".into();
        }
        let mut t = style.table(&["ID", "STATE", "MATCHERS", "ENDS", "BY", "COMMENT"]);
        for s in &self.0 {
            t.add_row(vec![
                s.id.clone(),
                s.state.to_string(),
                s.matchers.join(" "),
                s.ends_at.clone(),
                s.created_by.clone(),
                s.comment.clone(),
            ]);
        }
        format!("{t}\n")
    }

    fn plain(&self) -> String {
        self.0
            .iter()
            .map(|s| {
                format!(
                    "{} {} {} {}\n",
                    s.id,
                    s.state,
                    s.ends_at,
                    s.matchers.join(" ")
                )
            })
            .collect()
    }
}

impl Render for Evaluation {
    fn table(&self, style: &Style) -> String {
        let refused = match self.access_problems.len() {
            0 => String::new(),
            n => format!("  {n} not looked at (refused our credentials or certificate)"),
        };
        let mut out = format!(
            "{}  {}/{} members up{refused}  {} firing  {} pending\n",
            self.time, self.members_up, self.members_total, self.firing, self.pending
        );
        if !self.alerts.is_empty() {
            let mut t = style.table(&[
                "STATE", "ALERT", "SEVERITY", "MEMBER", "VALUE", "SINCE", "SUMMARY",
            ]);
            for a in &self.alerts {
                let mut state = match a.state {
                    Phase::Firing => style.paint("FIRING", Color::Red),
                    Phase::Pending => style.paint("pending", Color::Yellow),
                    Phase::Resolved => style.paint("resolved", Color::Green),
                };
                if !a.silenced_by.is_empty() {
                    state.push_str(" (silenced)");
                }
                if !a.inhibited_by.is_empty() {
                    state.push_str(" (inhibited)");
                }
                t.add_row(vec![
                    state,
                    a.name.clone(),
                    a.severity.clone(),
                    a.member.clone().unwrap_or_default(),
                    a.value.map_or("-".into(), format_value),
                    a.fired_at.clone().unwrap_or_else(|| a.active_since.clone()),
                    a.annotations.get("summary").cloned().unwrap_or_default(),
                ]);
            }
            let _ = writeln!(out, "{t}");
        }
        for n in &self.notifications {
            let what = format!("to {} ({})", n.channel, n.kind);
            let detail = format!("{} [{}]", n.status.as_str(), n.alerts.join(", "));
            out += &delivery_line(style, n.ok, &what, &detail, n.error.as_deref());
        }
        out
    }

    fn plain(&self) -> String {
        let mut out = String::new();
        for a in &self.alerts {
            let _ = writeln!(
                out,
                "{} {:?} {} {} member={} value={}",
                self.time,
                a.state,
                a.name,
                a.severity,
                a.member.as_deref().unwrap_or("-"),
                a.value.map_or("-".into(), format_value)
            );
        }
        for n in &self.notifications {
            let _ = writeln!(
                out,
                "{} notify {} {} ok={}{}",
                self.time,
                n.channel,
                n.status.as_str(),
                n.ok,
                n.error
                    .as_ref()
                    .map(|e| format!(" error={e}"))
                    .unwrap_or_default()
            );
        }
        out
    }
}
