//! Silences and label matchers: `alertname=NoLeader`, `member!=etcd-3`, `severity=~warn.*`;
//! adding, listing and ending the silences kept in a state file ([`add`], [`list`], [`expire`]).

use std::fmt;
use std::path::Path;
use std::time::Duration;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::notification::LabelSet;
use super::state::{self, Opened, StateFile};
use crate::error::{Error, Result};
use crate::units::MAX_DURATION;

/// One `label op value` test.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// The label.
    pub label: String,
    /// `=`, `!=`, `=~` or `!~`.
    pub op: &'static str,
    /// The value or pattern.
    pub value: String,
    regex: Option<Regex>,
}

impl Matcher {
    /// Parses `label=value`, `label!=value`, `label=~regex` or `label!~regex` (the regex must
    /// match the whole value, as in Alertmanager).
    pub fn parse(text: &str) -> Result<Matcher> {
        let bad = |why: String| {
            Error::usage_with_hint(
                format!("invalid matcher {text:?}: {why}"),
                "matchers look like alertname=NoLeader, member!=etcd-3 or severity=~warning|critical",
            )
        };
        let at = text
            .find(['=', '!'])
            .ok_or_else(|| bad("no =, !=, =~ or !~".into()))?;
        let (label, rest) = text.split_at(at);
        let label = label.trim();
        let (op, value) = ["=~", "!~", "!=", "="]
            .into_iter()
            .find_map(|op| rest.strip_prefix(op).map(|v| (op, v)))
            .ok_or_else(|| bad("no =, !=, =~ or !~".into()))?;
        if label.is_empty() || !label.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(bad(format!("{label:?} is not a label name")));
        }
        let value = value.trim().trim_matches('"').to_string();
        let regex = if op.ends_with('~') {
            Some(Regex::new(&format!("^(?:{value})$")).map_err(|e| bad(e.to_string()))?)
        } else {
            None
        };
        Ok(Matcher {
            label: label.to_string(),
            op,
            value,
            regex,
        })
    }

    /// The labels pass this test (a missing label is the empty string).
    pub fn matches(&self, labels: &LabelSet) -> bool {
        let v = labels.get(&self.label).map_or("", String::as_str);
        match (self.op, &self.regex) {
            ("=", _) => v == self.value,
            ("!=", _) => v != self.value,
            ("=~", Some(r)) => r.is_match(v),
            ("!~", Some(r)) => !r.is_match(v),
            _ => false,
        }
    }
}

impl fmt::Display for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}{}", self.label, self.op, self.value)
    }
}

/// Every matcher passes.
pub fn all_match(matchers: &[Matcher], labels: &LabelSet) -> bool {
    matchers.iter().all(|m| m.matches(labels))
}

/// Parses matchers given as text.
pub fn parse_all(texts: &[String]) -> Result<Vec<Matcher>> {
    texts.iter().map(|t| Matcher::parse(t)).collect()
}

/// A silence: alerts whose labels match are not notified until it ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Silence {
    /// Short random ID.
    pub id: String,
    /// Matchers as text; all must match.
    pub matchers: Vec<String>,
    /// Unix time it starts.
    pub starts_at: f64,
    /// Unix time it ends.
    pub ends_at: f64,
    /// Who made it.
    pub created_by: String,
    /// Why.
    pub comment: String,
}

impl Silence {
    /// Makes a silence from `now` for `seconds`.
    pub fn new(
        matchers: &[String],
        now: f64,
        seconds: f64,
        created_by: &str,
        comment: &str,
    ) -> Result<Silence> {
        if matchers.is_empty() {
            return Err(Error::usage_with_hint(
                "a silence needs at least one matcher",
                "for example: etcdkit alert silence add alertname=NoLeader --duration 2h",
            ));
        }
        parse_all(matchers)?;
        if seconds.is_nan() || seconds <= 0.0 {
            return Err(Error::usage("a silence must last longer than 0s"));
        }
        if seconds > MAX_DURATION.as_secs_f64() || !(now + seconds).is_finite() {
            return Err(Error::usage_with_hint(
                "a silence lasts at most 10 years",
                "give a shorter --duration or an earlier --until; `alert silence expire` ends one early",
            ));
        }
        Ok(Silence {
            id: format!("{:012x}", fastrand::u64(..) & 0xffff_ffff_ffff),
            matchers: matchers.to_vec(),
            starts_at: now,
            ends_at: now + seconds,
            created_by: created_by.to_string(),
            comment: comment.to_string(),
        })
    }

    /// In force at `now`.
    pub fn active(&self, now: f64) -> bool {
        self.starts_at <= now && now < self.ends_at
    }

    /// In force at `now` and matching `labels`.
    pub fn silences(&self, labels: &LabelSet, now: f64) -> bool {
        self.active(now) && parse_all(&self.matchers).is_ok_and(|ms| all_match(&ms, labels))
    }
}

/// When a new silence ends.
#[derive(Debug, Clone, PartialEq)]
pub enum Ends {
    /// This long after it starts.
    After(Duration),
    /// At this time, RFC 3339 (`2026-12-01T08:00:00Z`), as `--until` takes it.
    At(String),
}

/// What [`add`] is asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSilence {
    /// Matchers as text; all must match.
    pub matchers: Vec<String>,
    /// When it ends.
    pub ends: Ends,
    /// Who makes it.
    pub created_by: String,
    /// Why.
    pub comment: String,
}

impl NewSilence {
    /// The silence asked for, starting at `now`: matchers, end and length checked.
    pub fn validate(&self, now: f64) -> Result<Silence> {
        let seconds = match &self.ends {
            Ends::After(d) => d.as_secs_f64(),
            Ends::At(t) => {
                let end = humantime::parse_rfc3339_weak(t).map_err(|e| {
                    Error::usage_with_hint(
                        format!("invalid --until {t:?}: {e}"),
                        "give a time like 2026-12-01T08:00:00Z",
                    )
                })?;
                let end = end
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0.0, |d| d.as_secs_f64());
                if end <= now {
                    return Err(Error::usage(format!("--until {t} is in the past")));
                }
                end - now
            }
        };
        Silence::new(
            &self.matchers,
            now,
            seconds,
            &self.created_by,
            &self.comment,
        )
    }
}

/// Hears that another etcdkit holds the state file (an `alert run` delivering notifications
/// keeps it until it has recorded them): the call waits its turn, up to [`state::LOCK_WAIT`].
pub type BusyReport<'a> = dyn Fn(&Path) + 'a;

/// Adds a silence to the state file at `path` (checked before the file is touched) and
/// returns it. Silences that ended more than a day ago are forgotten on the way.
pub fn add(path: &Path, new: &NewSilence, now: f64, busy: &BusyReport<'_>) -> Result<Silence> {
    let silence = new.validate(now)?;
    let opened = open(path, busy)?;
    let mut state = opened.state;
    state.prune_silences(now);
    state.silences.push(silence.clone());
    opened.file.save(&state)?;
    Ok(silence)
}

/// The silences in force at `now`; with `all`, also those pending or ended in the last day.
pub fn list(path: &Path, all: bool, now: f64, busy: &BusyReport<'_>) -> Result<Vec<Silence>> {
    let opened = open(path, busy)?;
    Ok(opened
        .state
        .silences
        .into_iter()
        .filter(|s| all || s.active(now))
        .collect())
}

/// Ends the silences with these IDs at `now` and returns them. If any ID is unknown, none is
/// ended.
pub fn expire(
    path: &Path,
    ids: &[String],
    now: f64,
    busy: &BusyReport<'_>,
) -> Result<Vec<Silence>> {
    let opened = open(path, busy)?;
    let mut state = opened.state;
    let mut expired = Vec::new();
    for id in ids {
        let Some(s) = state.silences.iter_mut().find(|s| &s.id == id) else {
            return Err(Error::usage_with_hint(
                format!("no silence has the ID {id}"),
                "`etcdkit alert silence list --all` shows them",
            ));
        };
        s.ends_at = s.ends_at.min(now);
        expired.push(s.clone());
    }
    opened.file.save(&state)?;
    Ok(expired)
}

/// Locks and reads the state file, telling `busy` when another etcdkit holds it.
fn open(path: &Path, busy: &BusyReport<'_>) -> Result<Opened> {
    match StateFile::open_waiting(path, Duration::from_secs(1)) {
        Err(e) if state::is_busy(&e) => {
            busy(path);
            StateFile::open(path)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> LabelSet {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn matchers_follow_alertmanager() {
        let l = labels(&[("alertname", "NoLeader"), ("member", "etcd-1")]);
        assert!(Matcher::parse("alertname=NoLeader").unwrap().matches(&l));
        assert!(Matcher::parse("member!=etcd-2").unwrap().matches(&l));
        assert!(Matcher::parse("member=~etcd-[0-9]").unwrap().matches(&l));
        assert!(
            !Matcher::parse("member=~etcd").unwrap().matches(&l),
            "whole value"
        );
        assert!(
            Matcher::parse("severity=").unwrap().matches(&l),
            "missing = empty"
        );
        assert!(Matcher::parse("member!~etcd-1")
            .unwrap()
            .matches(&labels(&[])));
        for bad in ["alertname", "=x", "a b=c", "x=~("] {
            assert!(Matcher::parse(bad).is_err(), "{bad}");
        }
    }

    const T: f64 = 1_700_000_000.0;

    #[test]
    fn silences_hold_between_start_and_end() {
        let s = Silence::new(&["alertname=NoLeader".into()], 100.0, 60.0, "me", "").unwrap();
        let l = labels(&[("alertname", "NoLeader")]);
        assert!(s.silences(&l, 120.0));
        assert!(!s.silences(&l, 160.0));
        assert!(!s.silences(&labels(&[("alertname", "Other")]), 120.0));
        assert!(Silence::new(&[], 0.0, 1.0, "", "").is_err());
        assert!(Silence::new(&["a=b".into()], 0.0, 0.0, "", "").is_err());
        let eight_thousand_years = 8000.0 * 365.25 * 86400.0;
        for long in [eight_thousand_years, f64::INFINITY, 1e300] {
            let e = Silence::new(&["a=b".into()], T, long, "", "").unwrap_err();
            assert!(e.to_string().contains("10 years"), "{e}");
        }
        assert!(Silence::new(&["a=b".into()], T, 9.0 * 365.25 * 86400.0, "", "").is_ok());
    }

    #[test]
    fn silences_are_added_listed_and_ended_in_the_state_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let busy = |_: &Path| panic!("nobody else holds the state file");
        let new = NewSilence {
            matchers: vec!["alertname=NoLeader".into()],
            ends: Ends::After(Duration::from_secs(60)),
            created_by: "me".into(),
            comment: "swap".into(),
        };
        let added = add(&path, &new, T, &busy).unwrap();
        assert_eq!(
            list(&path, false, T + 1.0, &busy).unwrap(),
            vec![added.clone()]
        );
        let unknown = expire(&path, &[added.id.clone(), "nope".into()], T + 2.0, &busy);
        assert!(unknown.unwrap_err().to_string().contains("nope"));
        assert_eq!(
            list(&path, false, T + 3.0, &busy).unwrap().len(),
            1,
            "none ended"
        );
        let ended = expire(&path, std::slice::from_ref(&added.id), T + 4.0, &busy).unwrap();
        assert_eq!(ended[0].ends_at, T + 4.0);
        assert!(list(&path, false, T + 5.0, &busy).unwrap().is_empty());
        assert_eq!(list(&path, true, T + 5.0, &busy).unwrap().len(), 1);
        // Bad input is refused before the file is touched.
        let past = NewSilence {
            ends: Ends::At("2000-01-01T00:00:00Z".into()),
            ..new
        };
        let fresh = dir.path().join("fresh.json");
        assert!(add(&fresh, &past, T, &busy).is_err());
        assert!(!fresh.exists());
    }
}
