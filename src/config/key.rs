//! Where a configuration tree lives under its root, and which key names may be used.
//!
//! ```text
//! ROOT/PATH/TO/KEY     a value: JSON text (a string, number, bool, object, array or null)
//! ROOT/.audit          who changed the tree, when and why: rewritten in every write's transaction
//! ROOT/.schema/PREFIX  the JSON Schema of the subtree at PREFIX (`config schema set`)
//! ```
//!
//! Keys are given relative to the root (`db/host`, or `/db/host` as confd writes them). A
//! segment never starts with `.`, so the bookkeeping keys cannot be taken for configuration.

use crate::error::{Error, Result};

/// The default root (`--root`, `ETCDKIT_CONFIG_ROOT`).
pub const DEFAULT_ROOT: &str = "/config";

/// The longest key accepted, relative to the root (etcd's own limit is the request size).
const MAX_KEY: usize = 4096;

/// The key layout under one root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    /// The root without a trailing `/` (`""` when the root is `/`).
    root: String,
}

impl Root {
    /// The tree under `root` (`/app`, `/app/`, `app`; `/` puts the tree at the top of the key
    /// space).
    pub fn new(root: &str) -> Result<Root> {
        if root.is_empty() {
            return Err(Error::usage_with_hint(
                "the configuration root is empty",
                format!("give a key prefix such as {DEFAULT_ROOT} (--root or ETCDKIT_CONFIG_ROOT)"),
            ));
        }
        if root.chars().any(char::is_control) {
            return Err(Error::usage(format!(
                "the configuration root {root:?} contains control characters"
            )));
        }
        Ok(Root {
            root: root.trim_end_matches('/').to_string(),
        })
    }

    /// The root as given, without its trailing `/`.
    pub fn as_str(&self) -> &str {
        &self.root
    }

    /// `ROOT/`: where every key of the tree starts.
    pub fn dir(&self) -> String {
        format!("{}/", self.root)
    }

    /// The full etcd key of a checked relative `key`.
    pub fn full(&self, key: &str) -> String {
        format!("{}/{key}", self.root)
    }

    /// The full etcd prefix of a checked relative `prefix` (`""`: the whole tree), ending in `/`.
    pub fn full_prefix(&self, prefix: &str) -> String {
        match prefix {
            "" => self.dir(),
            p => format!("{}/{p}/", self.root),
        }
    }

    /// The key relative to the root of a full etcd key, when it is a configuration key: under
    /// the root, and no segment starting with `.` (bookkeeping, this tree's or, under a root
    /// above it, another tree's).
    pub fn relative<'k>(&self, full: &'k str) -> Option<&'k str> {
        let rest = full.strip_prefix(self.root.as_str())?.strip_prefix('/')?;
        let bookkeeping = rest.starts_with('.') || rest.contains("/.");
        match rest.is_empty() || bookkeeping {
            true => None,
            false => Some(rest),
        }
    }

    /// `ROOT/.audit`: the audit record of the latest write.
    pub fn audit_key(&self) -> String {
        format!("{}/.audit", self.root)
    }

    /// `ROOT/.schema/`: where the schemas are.
    pub fn schemas(&self) -> String {
        format!("{}/.schema/", self.root)
    }

    /// `ROOT/.schema/PREFIX`: the schema of the subtree at a checked `prefix`.
    pub fn schema_key(&self, prefix: &str) -> String {
        format!("{}{prefix}", self.schemas())
    }
}

/// A key as given, checked and made relative: `/db/host` and `db/host` are `db/host`.
pub fn check_key(key: &str) -> Result<String> {
    let relative = key.strip_prefix('/').unwrap_or(key);
    if relative.is_empty() {
        return Err(Error::usage_with_hint(
            "the key is empty",
            "give a key relative to --root, such as db/host",
        ));
    }
    check_segments(key, relative)?;
    Ok(relative.to_string())
}

/// A prefix as given, checked and made relative, without a trailing `/`: `""`, `/` and
/// absent are the whole tree.
pub fn check_prefix(prefix: &str) -> Result<String> {
    let relative = prefix.trim_start_matches('/').trim_end_matches('/');
    if relative.is_empty() {
        return Ok(String::new());
    }
    check_segments(prefix, relative)?;
    Ok(relative.to_string())
}

fn check_segments(given: &str, relative: &str) -> Result<()> {
    if relative.len() > MAX_KEY {
        return Err(Error::usage(format!(
            "the key is {} bytes long; the longest taken is {MAX_KEY}",
            relative.len()
        )));
    }
    if relative.chars().any(char::is_control) {
        return Err(Error::usage(format!(
            "the key {given:?} contains control characters"
        )));
    }
    for segment in relative.split('/') {
        if segment.is_empty() {
            return Err(Error::usage_with_hint(
                format!("the key {given:?} has an empty segment"),
                "write keys as a/b/c: no `//` and no trailing `/`",
            ));
        }
        if segment.starts_with('.') {
            return Err(Error::usage_with_hint(
                format!("the key {given:?} has a segment starting with `.`"),
                "names starting with `.` are etcdkit's bookkeeping (.audit, .schema)",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_relative_to_the_root_and_bookkeeping_is_not_configuration() {
        let root = Root::new("/app/").unwrap();
        assert_eq!(root.full("db/host"), "/app/db/host");
        assert_eq!(root.full_prefix(""), "/app/");
        assert_eq!(root.full_prefix("db"), "/app/db/");
        assert_eq!(root.relative("/app/db/host"), Some("db/host"));
        assert_eq!(root.relative("/app/.audit"), None);
        assert_eq!(root.relative("/app_other/x"), None);
        assert_eq!(root.relative("/app"), None);
        assert_eq!(Root::new("/").unwrap().relative("/app/.audit"), None);
        assert_eq!(Root::new("/").unwrap().relative("/app/x"), Some("app/x"));
        assert_eq!(Root::new("/").unwrap().full("x"), "/x");
    }

    #[test]
    fn bad_keys_are_refused_in_words() {
        assert_eq!(check_key("/db/host").unwrap(), "db/host");
        assert_eq!(check_prefix("/db/").unwrap(), "db");
        assert_eq!(check_prefix("/").unwrap(), "");
        for bad in ["", "/", "a//b", "a/", "a/.b", ".audit", "a\nb"] {
            let e = check_key(bad).unwrap_err();
            assert!(matches!(e, Error::Usage { .. }), "{bad:?}: {e}");
        }
        assert!(Root::new("").is_err());
    }
}
