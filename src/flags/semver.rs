//! flagd's `sem_ver` operation: Semantic Versioning 2.0.0 comparison with flagd's input rules.
//!
//! Following flagd (core/pkg/evaluator/semver.go, golang.org/x/mod/semver): one leading `v` or `V`
//! is optional; `1` and `1.2` are shorthands for `1.0.0` and `1.2.0` (without pre-release or
//! build); numbers have no leading zeros; build metadata is ignored; pre-release identifiers
//! compare numerically when numeric, numeric before alphanumeric, a shorter list first.

use std::cmp::Ordering;

/// A parsed version; numeric parts are kept as validated digit strings (any size).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version<'a> {
    major: &'a str,
    minor: &'a str,
    patch: &'a str,
    pre: Option<&'a str>,
}

/// The comparison operators of `sem_ver`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SemverOp {
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `~`: same major and minor.
    Tilde,
    /// `^`: same major.
    Caret,
}

impl SemverOp {
    /// Parses an operator token; `None` for anything flagd does not know.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "=" => Self::Eq,
            "!=" => Self::Ne,
            "<" => Self::Lt,
            "<=" => Self::Le,
            ">" => Self::Gt,
            ">=" => Self::Ge,
            "~" => Self::Tilde,
            "^" => Self::Caret,
            _ => return None,
        })
    }
}

fn numeric(s: &str) -> Option<(&str, &str)> {
    let end = s
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(s.len());
    let (num, rest) = s.split_at(end);
    if num.is_empty() || (num.len() > 1 && num.starts_with('0')) {
        return None;
    }
    Some((num, rest))
}

fn valid_idents(s: &str, check_numeric: bool) -> bool {
    s.split('.').all(|id| {
        !id.is_empty()
            && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !(check_numeric
                && id.len() > 1
                && id.starts_with('0')
                && id.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Parses a version the way flagd does; `None` when it is not a valid version.
pub fn parse(s: &str) -> Option<Version<'_>> {
    let s = s.strip_prefix(['v', 'V']).unwrap_or(s);
    let (major, rest) = numeric(s)?;
    if rest.is_empty() {
        return Some(Version {
            major,
            minor: "0",
            patch: "0",
            pre: None,
        });
    }
    let (minor, rest) = numeric(rest.strip_prefix('.')?)?;
    if rest.is_empty() {
        return Some(Version {
            major,
            minor,
            patch: "0",
            pre: None,
        });
    }
    let (patch, mut rest) = numeric(rest.strip_prefix('.')?)?;
    let mut pre = None;
    if let Some(r) = rest.strip_prefix('-') {
        let end = r.find('+').unwrap_or(r.len());
        if !valid_idents(&r[..end], true) {
            return None;
        }
        pre = Some(&r[..end]);
        rest = &r[end..];
    }
    if let Some(build) = rest.strip_prefix('+') {
        if !valid_idents(build, false) {
            return None;
        }
        rest = "";
    }
    rest.is_empty().then_some(Version {
        major,
        minor,
        patch,
        pre,
    })
}

/// A version parsed once and kept: a `sem_ver` rule's constant operand, compared against every
/// context's version without being parsed again.
#[derive(Debug, Clone)]
pub struct OwnedVersion {
    text: String,
    major: (usize, usize),
    /// `None`: a shorthand's `0`.
    minor: Option<(usize, usize)>,
    patch: Option<(usize, usize)>,
    pre: Option<(usize, usize)>,
}

impl OwnedVersion {
    /// Parses `s` as [`parse`] does; `None` when it is not a valid version.
    pub fn parse(s: &str) -> Option<OwnedVersion> {
        let v = parse(s)?;
        let base = s.as_ptr() as usize;
        // Each part is a slice of `s`, except a shorthand's "0", which is not in it.
        let span = |part: &str| {
            let at = (part.as_ptr() as usize).checked_sub(base)?;
            (at + part.len() <= s.len()).then_some((at, at + part.len()))
        };
        Some(OwnedVersion {
            text: s.to_string(),
            major: span(v.major)?,
            minor: span(v.minor),
            patch: span(v.patch),
            pre: v.pre.and_then(span),
        })
    }

    /// The version, borrowed.
    pub fn view(&self) -> Version<'_> {
        let part = |span: Option<(usize, usize)>| span.map_or("0", |(a, b)| &self.text[a..b]);
        Version {
            major: part(Some(self.major)),
            minor: part(self.minor),
            patch: part(self.patch),
            pre: self.pre.map(|(a, b)| &self.text[a..b]),
        }
    }
}

fn cmp_num(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

fn cmp_pre(a: Option<&str>, b: Option<&str>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(a), Some(b)) => {
            let mut xs = a.split('.');
            let mut ys = b.split('.');
            loop {
                match (xs.next(), ys.next()) {
                    (None, None) => return Ordering::Equal,
                    (None, Some(_)) => return Ordering::Less,
                    (Some(_), None) => return Ordering::Greater,
                    (Some(x), Some(y)) => {
                        let xn = x.bytes().all(|c| c.is_ascii_digit());
                        let yn = y.bytes().all(|c| c.is_ascii_digit());
                        let o = match (xn, yn) {
                            (true, true) => cmp_num(x, y),
                            (true, false) => Ordering::Less,
                            (false, true) => Ordering::Greater,
                            (false, false) => x.cmp(y),
                        };
                        if o != Ordering::Equal {
                            return o;
                        }
                    }
                }
            }
        }
    }
}

impl Version<'_> {
    /// Semantic Versioning precedence (build metadata ignored).
    pub fn precedence(&self, other: &Version<'_>) -> Ordering {
        cmp_num(self.major, other.major)
            .then_with(|| cmp_num(self.minor, other.minor))
            .then_with(|| cmp_num(self.patch, other.patch))
            .then_with(|| cmp_pre(self.pre, other.pre))
    }
}

/// Applies `op` to two versions.
pub fn compare(a: &Version<'_>, op: SemverOp, b: &Version<'_>) -> bool {
    let o = a.precedence(b);
    match op {
        SemverOp::Eq => o == Ordering::Equal,
        SemverOp::Ne => o != Ordering::Equal,
        SemverOp::Lt => o == Ordering::Less,
        SemverOp::Le => o != Ordering::Greater,
        SemverOp::Gt => o == Ordering::Greater,
        SemverOp::Ge => o != Ordering::Less,
        SemverOp::Tilde => a.major == b.major && a.minor == b.minor,
        SemverOp::Caret => a.major == b.major,
    }
}

/// flagd's `sem_ver(actual, op, target)` on strings: `None` (the operation's null) when either
/// version or the operator is invalid.
pub fn sem_ver(actual: &str, op: &str, target: &str) -> Option<bool> {
    let op = SemverOp::parse(op)?;
    Some(compare(&parse(actual)?, op, &parse(target)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_owned_version_compares_as_the_parsed_one() {
        for text in ["1", "v1.2", "1.2.3", "V2.0.0-rc.1+build.5", "0.0.0-alpha"] {
            let owned = OwnedVersion::parse(text).unwrap();
            assert_eq!(owned.view(), parse(text).unwrap(), "{text}");
        }
        assert!(OwnedVersion::parse("1.02").is_none());
    }

    #[test]
    fn parsing() {
        for ok in [
            "1.2.3",
            "v1.2.3",
            "V1.2.3",
            "1",
            "1.0",
            "1.0.0-alpha.1",
            "1.0.0+b.7",
            "0.0.0-0",
        ] {
            assert!(parse(ok).is_some(), "{ok}");
        }
        for bad in [
            "", "v", "2.0.0.0", "01.0.0", "1.02.0", "1.0-rc", "1+b", "1.0.0-", "1.0.0-01", "x",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn ordering() {
        let order = [
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "2.0.0",
            "2.1.0",
            "10.0.0",
        ];
        for w in order.windows(2) {
            assert_eq!(sem_ver(w[0], "<", w[1]), Some(true), "{} < {}", w[0], w[1]);
            assert_eq!(sem_ver(w[1], ">", w[0]), Some(true));
        }
    }

    #[test]
    fn operators() {
        assert_eq!(sem_ver("1.0.0+other", "=", "1.0.0+build"), Some(true));
        assert_eq!(sem_ver("3.0.1", "~", "3.0.0"), Some(true));
        assert_eq!(sem_ver("3.1.0", "~", "3.0.0"), Some(false));
        assert_eq!(sem_ver("3.1.0", "^", "3.0.0"), Some(true));
        assert_eq!(sem_ver("1", "^", "1"), Some(true));
        assert_eq!(sem_ver("2.0.0", ">=", "2.0.0"), Some(true));
        assert_eq!(sem_ver("2.0.0", "!=", "2.0.1"), Some(true));
        assert_eq!(sem_ver("1.0.0", "===", "1.0.0"), None);
        assert_eq!(sem_ver("not-a-version", "=", "1.0.0"), None);
    }
}
