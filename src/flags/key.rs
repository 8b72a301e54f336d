//! Where a flag set lives under its root, and which flag keys may be used.
//!
//! ```text
//! ROOT/KEY                a flag: flagd's flag object (state, variants, defaultVariant, targeting, metadata)
//! ROOT/$evaluators/NAME   a shared targeting rule, used by flags as {"$ref": "NAME"}
//! ROOT/$metadata          the flag set's metadata (flagd's top-level `metadata`)
//! ROOT/.audit             who made the latest write, when and why (its history is the audit log)
//! ```
//!
//! The layout is a [`crate::config`] tree: every write is one transaction with its audit
//! record, and `etcdkit config --root ROOT` reads the same keys.

use super::definition::validate_flag_key;
use crate::config::Root;
use crate::error::{Error, Result};

/// The default root (`--root`, `ETCDKIT_FLAGS_ROOT`).
pub const DEFAULT_ROOT: &str = "/flags";

/// The key (relative to the root) under which shared rules are kept, one key each.
pub const EVALUATORS: &str = "$evaluators";

/// The key (relative to the root) of the flag set's metadata.
pub const METADATA: &str = "$metadata";

/// The longest flag key accepted.
const MAX_KEY: usize = 1024;

/// The tree of a flag set at `root` (`/flags`, `/flags/`); an empty root is refused.
pub fn root(root: &str) -> Result<Root> {
    if root.trim().is_empty() {
        return Err(Error::usage_with_hint(
            "the flags root is empty",
            format!("give a key prefix such as {DEFAULT_ROOT} (--root or ETCDKIT_FLAGS_ROOT)"),
        ));
    }
    Root::new(root)
}

/// A flag key as given, checked: not empty, no `/`, not starting with `.` or `$` (those are the
/// set's own keys), no control characters, at most 1024 bytes.
pub fn check_flag_key(key: &str) -> Result<&str> {
    let fault = match key.len() > MAX_KEY {
        true => Some(format!(
            "the flag key is {} bytes long; the longest taken is {MAX_KEY}",
            key.len()
        )),
        false => validate_flag_key(key).err().map(|f| f.message),
    };
    match fault {
        Some(message) => Err(Error::usage_with_hint(
            message,
            "a flag key is one name such as new-checkout or beta.search",
        )),
        None => Ok(key),
    }
}

/// The relative key of a shared rule.
pub fn evaluator_key(name: &str) -> String {
    format!("{EVALUATORS}/{name}")
}

/// What a relative key of the tree holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored<'k> {
    /// A flag, by key.
    Flag(&'k str),
    /// A shared rule, by name.
    Evaluator(&'k str),
    /// The flag set's metadata.
    Metadata,
    /// Something else (written by another tool): not part of the flag set.
    Other,
}

impl<'k> Stored<'k> {
    /// What `key` (relative to the root) holds.
    pub fn of(key: &'k str) -> Stored<'k> {
        if key == METADATA {
            return Stored::Metadata;
        }
        if let Some(name) = key
            .strip_prefix(EVALUATORS)
            .and_then(|r| r.strip_prefix('/'))
        {
            return match name.is_empty() || name.contains('/') {
                true => Stored::Other,
                false => Stored::Evaluator(name),
            };
        }
        match check_flag_key(key) {
            Ok(key) => Stored::Flag(key),
            Err(_) => Stored::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_told_apart_by_their_shape() {
        assert_eq!(Stored::of("new-checkout"), Stored::Flag("new-checkout"));
        assert_eq!(
            Stored::of("$evaluators/emails"),
            Stored::Evaluator("emails")
        );
        assert_eq!(Stored::of("$metadata"), Stored::Metadata);
        assert_eq!(Stored::of("$evaluators/a/b"), Stored::Other);
        assert_eq!(Stored::of("team/flag"), Stored::Other);
    }

    #[test]
    fn bad_flag_keys_are_refused_with_what_is_wrong() {
        for (key, says) in [
            ("", "empty"),
            ("a/b", "'/'"),
            ("$evaluators", "start with"),
            (".audit", "start with"),
            ("a\nb", "control"),
        ] {
            let e = check_flag_key(key).unwrap_err().to_string();
            assert!(e.contains(says), "{key:?}: {e}");
        }
        assert!(check_flag_key(&"x".repeat(1025)).is_err());
        assert_eq!(check_flag_key("beta.search").unwrap(), "beta.search");
    }
}
