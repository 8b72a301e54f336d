//! flagd's custom operations: `fractional` (v1 and v2 bucketing), `sem_ver`, `starts_with`,
//! `ends_with`. Following flagd (issue #1874, PR #1950), any failure makes the rule yield null.

use serde_json::Value;
use std::borrow::Cow;

use super::eval::{Abort, Out, Scope};
use super::value::fmt_number;
use super::{Fractional, FractionalVersion, Node, Op, SemVerConst};
use crate::flags::murmur::Murmur3;
use crate::flags::semver;

/// `starts_with`, `ends_with` (two strings) and `sem_ver` (version, operator, version).
pub(crate) fn string_op<'a>(op: Op, args: &'a [Node], s: Scope<'a>) -> Out<'a> {
    let r = match (op, args) {
        (Op::StartsWith | Op::EndsWith, [a, b]) => {
            let (a, b) = (a.eval(s)?, b.eval(s)?);
            let (Value::String(a), Value::String(b)) = (&*a, &*b) else {
                return Err(Abort);
            };
            if op == Op::StartsWith {
                a.starts_with(b.as_str())
            } else {
                a.ends_with(b.as_str())
            }
        }
        (Op::SemVer, [a, o, b]) => {
            let (a, o, b) = (a.eval(s)?, o.eval(s)?, b.eval(s)?);
            let (a, b) = (
                version_text(&a).ok_or(Abort)?,
                version_text(&b).ok_or(Abort)?,
            );
            semver::sem_ver(&a, o.as_str().ok_or(Abort)?, &b).ok_or(Abort)?
        }
        _ => return Err(Abort),
    };
    Ok(Cow::Owned(Value::Bool(r)))
}

impl SemVerConst {
    /// The context's version against the constant one.
    pub(crate) fn eval<'a>(&'a self, s: Scope<'a>) -> Out<'a> {
        let actual = self.actual.eval(s)?;
        let actual = version_text(&actual).ok_or(Abort)?;
        let actual = semver::parse(&actual).ok_or(Abort)?;
        let held = semver::compare(&actual, self.op, &self.target.view());
        Ok(Cow::Owned(Value::Bool(held)))
    }
}

/// A version operand: a string, or a number written out (flagd accepts `1` and `1.2`).
pub(crate) fn version_text(v: &Value) -> Option<Cow<'_, str>> {
    match v {
        Value::String(s) => Some(Cow::Borrowed(s)),
        Value::Number(n) => Some(Cow::Owned(match n.as_u64() {
            Some(u) => u.to_string(),
            None => fmt_number(n.as_f64()?),
        })),
        _ => None,
    }
}

/// A parsed `fractional` distribution: bucket values with their integer weights.
#[derive(Debug, Clone)]
pub(crate) struct Dist {
    entries: Vec<(Value, i64)>,
    total: i64,
}

const MAX_WEIGHT: i64 = i32::MAX as i64;

impl Dist {
    /// Parses buckets `[value, weight?]` as flagd does for `version`.
    pub(crate) fn parse<'v>(
        buckets: impl Iterator<Item = &'v Value>,
        version: FractionalVersion,
    ) -> Result<Self, Abort> {
        let mut entries = Vec::new();
        let mut total = 0i64;
        for b in buckets {
            let Some((variant, rest)) = b.as_array().and_then(|a| a.split_first()) else {
                return Err(Abort);
            };
            let ok_variant = match version {
                FractionalVersion::V1 => variant.is_string(),
                FractionalVersion::V2 => !(variant.is_array() || variant.is_object()),
            };
            if !ok_variant {
                return Err(Abort);
            }
            let weight = match (version, rest.first()) {
                (_, None) => 1,
                (FractionalVersion::V1, Some(w)) => w.as_f64().map_or(1, |f| f.trunc() as i64),
                (FractionalVersion::V2, Some(Value::Null)) => 1,
                (FractionalVersion::V2, Some(w)) => {
                    let f = w.as_f64().ok_or(Abort)?;
                    if f.fract() != 0.0 || f > MAX_WEIGHT as f64 {
                        return Err(Abort);
                    }
                    (f as i64).max(0)
                }
            };
            total = total.saturating_add(weight);
            if version == FractionalVersion::V2 && total > MAX_WEIGHT {
                return Err(Abort);
            }
            entries.push((variant.clone(), weight));
        }
        Ok(Self { entries, total })
    }

    /// The bucket value for `hash`; `None` when nothing can be selected (e.g. all weights zero).
    pub(crate) fn pick(&self, hash: u32, version: FractionalVersion) -> Option<&Value> {
        if self.total <= 0 {
            return None;
        }
        match version {
            FractionalVersion::V2 => {
                let bucket = (u64::from(hash) * self.total as u64) >> 32;
                let mut end = 0u64;
                self.entries.iter().find_map(|(v, w)| {
                    end += *w as u64;
                    (bucket < end).then_some(v)
                })
            }
            FractionalVersion::V1 => {
                let bucket = f64::from(hash as i32).abs() / f64::from(i32::MAX) * 100.0;
                let mut end = 0.0;
                self.entries.iter().find_map(|(v, w)| {
                    end += 100.0 * *w as f64 / self.total as f64;
                    (bucket < end).then_some(v)
                })
            }
        }
    }
}

/// The default bucketing key: flag key followed by the context's string `targetingKey`.
fn default_hash(s: Scope<'_>) -> Result<u32, Abort> {
    let key = s
        .env
        .ctx
        .get("targetingKey")
        .and_then(Value::as_str)
        .ok_or(Abort)?;
    Ok(Murmur3::new(0)
        .update(s.env.flag_key.as_bytes())
        .update(key.as_bytes())
        .finish())
}

impl Fractional {
    pub(crate) fn eval<'a>(&'a self, s: Scope<'a>) -> Out<'a> {
        if let Some(fixed) = &self.fixed {
            let dist = fixed.as_ref().map_err(|_| Abort)?;
            if self.version == FractionalVersion::V1 && self.args.len() < 2 {
                return Err(Abort);
            }
            let hash = default_hash(s)?;
            return dist
                .pick(hash, self.version)
                .map(Cow::Borrowed)
                .ok_or(Abort);
        }
        let mut vals = Vec::with_capacity(self.args.len());
        for a in &self.args {
            vals.push(a.eval(s)?);
        }
        if vals.is_empty() || (self.version == FractionalVersion::V1 && vals.len() < 2) {
            return Err(Abort);
        }
        let (hash, skip) = match &*vals[0] {
            Value::String(k) => (Murmur3::new(0).update(k.as_bytes()).finish(), 1),
            Value::Null => (default_hash(s)?, 1),
            _ => (default_hash(s)?, 0),
        };
        let dist = Dist::parse(vals[skip..].iter().map(|v| &**v), self.version)?;
        dist.pick(hash, self.version)
            .cloned()
            .map(Cow::Owned)
            .ok_or(Abort)
    }
}
