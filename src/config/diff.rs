//! What differs between two states of a tree (two revisions, or the tree and a file): keys
//! added, changed and removed.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

/// One key that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyDiff {
    /// The key, relative to the root.
    pub key: String,
    /// Its value before (null: added).
    pub old: Option<Value>,
    /// Its value after (null: removed).
    pub new: Option<Value>,
}

/// The keys that differ, each list in key order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diff {
    /// Keys only in the second state.
    pub added: Vec<KeyDiff>,
    /// Keys in both, with different values.
    pub changed: Vec<KeyDiff>,
    /// Keys only in the first state.
    pub removed: Vec<KeyDiff>,
}

impl Diff {
    /// The difference from `old` to `new` (key to value). Values compare as JSON: `1` and
    /// `1.0` differ, member order in objects does not matter.
    pub fn between(old: &BTreeMap<String, Value>, new: &BTreeMap<String, Value>) -> Diff {
        let mut diff = Diff::default();
        for (key, value) in new {
            match old.get(key) {
                None => diff.added.push(KeyDiff {
                    key: key.clone(),
                    old: None,
                    new: Some(value.clone()),
                }),
                Some(before) if before != value => diff.changed.push(KeyDiff {
                    key: key.clone(),
                    old: Some(before.clone()),
                    new: Some(value.clone()),
                }),
                Some(_) => {}
            }
        }
        for (key, value) in old {
            if !new.contains_key(key) {
                diff.removed.push(KeyDiff {
                    key: key.clone(),
                    old: Some(value.clone()),
                    new: None,
                });
            }
        }
        diff
    }

    /// Whether nothing differs.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }

    /// How many keys differ.
    pub fn len(&self) -> usize {
        self.added.len() + self.changed.len() + self.removed.len()
    }

    /// The diff as lines for people: `+ key = value`, `~ key: old -> new`, `- key (was value)`.
    pub fn lines(&self) -> Vec<String> {
        let one = |v: &Option<Value>| {
            v.as_ref()
                .map_or(String::new(), |v| crate::text::one_line(&v.to_string(), 80))
        };
        let mut lines = Vec::with_capacity(self.len());
        lines.extend(
            self.added
                .iter()
                .map(|d| format!("+ {} = {}", d.key, one(&d.new))),
        );
        lines.extend(
            self.changed
                .iter()
                .map(|d| format!("~ {}: {} -> {}", d.key, one(&d.old), one(&d.new))),
        );
        lines.extend(
            self.removed
                .iter()
                .map(|d| format!("- {} (was {})", d.key, one(&d.old))),
        );
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn added_changed_and_removed_keys_are_told_apart() {
        let old: BTreeMap<String, Value> = [
            ("a".into(), json!(1)),
            ("b".into(), json!({"x": 1, "y": 2})),
            ("c".into(), json!("c")),
        ]
        .into();
        let new: BTreeMap<String, Value> = [
            ("a".into(), json!(2)),
            ("b".into(), json!({"y": 2, "x": 1})),
            ("d".into(), json!(true)),
        ]
        .into();
        let d = Diff::between(&old, &new);
        assert_eq!(
            d.added.iter().map(|k| k.key.as_str()).collect::<Vec<_>>(),
            ["d"]
        );
        assert_eq!(
            d.changed.iter().map(|k| k.key.as_str()).collect::<Vec<_>>(),
            ["a"]
        );
        assert_eq!(
            d.removed.iter().map(|k| k.key.as_str()).collect::<Vec<_>>(),
            ["c"]
        );
        assert_eq!(d.lines(), ["+ d = true", "~ a: 1 -> 2", "- c (was \"c\")"]);
        assert!(Diff::between(&old, &old).is_empty());
    }
}
