//! A flag set as etcd holds it (one key per flag, shared rules and metadata beside them) and as
//! flagd's file holds it (`{"flags": {...}, "$evaluators": {...}, "metadata": {...}}`): the
//! two ways, so `flags import` and `flags export` speak flagd's format exactly.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::definition::validate_flag;
use super::fault::Fault;
use super::key::{evaluator_key, Stored, METADATA};
use crate::config::Tree;

/// The flag set a tree holds, read at one revision.
#[derive(Debug, Clone, Default)]
pub struct Assembled {
    /// The store revision the tree was at.
    pub revision: i64,
    /// flagd's document of the flags that pass validation, with the shared rules and the
    /// metadata: what `flags export` writes and `flags serve` syncs.
    pub document: Value,
    /// Each flag's last change (mod revision), by key.
    pub revisions: BTreeMap<String, i64>,
    /// Flags stored by another tool that do not pass validation, by key, with the fault: left
    /// out of the document, and evaluated as a parse error.
    pub broken: BTreeMap<String, Fault>,
}

/// The flag set in `tree` (the whole tree under a flags root).
pub fn assemble(tree: &Tree) -> Assembled {
    let mut evaluators = Map::new();
    let mut metadata = None;
    for (key, entry) in &tree.entries {
        match Stored::of(key) {
            Stored::Evaluator(name) => {
                evaluators.insert(name.to_string(), entry.value.clone());
            }
            Stored::Metadata => metadata = Some(entry.value.clone()),
            Stored::Flag(_) | Stored::Other => {}
        }
    }
    let mut flags = Map::new();
    let mut revisions = BTreeMap::new();
    let mut broken = BTreeMap::new();
    for (key, entry) in &tree.entries {
        let Stored::Flag(flag) = Stored::of(key) else {
            continue;
        };
        revisions.insert(flag.to_string(), entry.mod_revision);
        match validate_flag(flag, &entry.value, &evaluators) {
            Ok(_) => {
                flags.insert(flag.to_string(), entry.value.clone());
            }
            Err(fault) => {
                broken.insert(flag.to_string(), fault);
            }
        }
    }
    Assembled {
        revision: tree.revision,
        document: document(flags, evaluators, metadata),
        revisions,
        broken,
    }
}

/// flagd's document of `flags`, the shared rules and the metadata (members left out when
/// empty, as flagd's own files do).
pub fn document(
    flags: Map<String, Value>,
    evaluators: Map<String, Value>,
    metadata: Option<Value>,
) -> Value {
    let mut doc = Map::new();
    doc.insert("flags".into(), Value::Object(flags));
    if !evaluators.is_empty() {
        doc.insert("$evaluators".into(), Value::Object(evaluators));
    }
    if let Some(metadata) = metadata.filter(|m| m.as_object().is_none_or(|o| !o.is_empty())) {
        doc.insert("metadata".into(), metadata);
    }
    Value::Object(doc)
}

/// The keys (relative to the root) and values that hold a flagd document, already validated:
/// one per flag (the map form, or flagd's array form of flags with a `key` each), one per
/// shared rule, and the metadata.
pub fn keys_of(doc: &Value) -> BTreeMap<String, Value> {
    let mut keys = BTreeMap::new();
    let member = |name: &str| doc.get(name).and_then(Value::as_object);
    for (key, flag) in member("flags").into_iter().flatten() {
        keys.insert(key.clone(), flag.clone());
    }
    for item in doc
        .get("flags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let mut flag = item.clone();
        let key = flag.as_object_mut().and_then(|o| o.remove("key"));
        if let Some(Value::String(key)) = key {
            keys.insert(key, flag);
        }
    }
    for (name, rule) in member("$evaluators").into_iter().flatten() {
        keys.insert(evaluator_key(name), rule.clone());
    }
    if let Some(metadata) = member("metadata").filter(|m| !m.is_empty()) {
        keys.insert(METADATA.to_string(), Value::Object(metadata.clone()));
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Entry;
    use serde_json::json;

    fn tree(keys: &[(&str, Value)]) -> Tree {
        let mut tree = Tree {
            revision: 9,
            ..Tree::default()
        };
        for (i, (key, value)) in keys.iter().enumerate() {
            let entry = Entry {
                key: key.to_string(),
                value: value.clone(),
                create_revision: 2,
                mod_revision: 3 + i as i64,
                version: 1,
            };
            tree.entries.insert(key.to_string(), entry);
        }
        tree
    }

    #[test]
    fn a_tree_assembles_into_flagds_document_and_back() {
        let doc = json!({
            "flags": {
                "beta": {"state": "ENABLED", "variants": {"on": true, "off": false},
                         "defaultVariant": "off", "targeting": {"$ref": "staff"}},
                "color": {"state": "DISABLED", "variants": {"red": "red"}, "defaultVariant": "red"}
            },
            "$evaluators": {"staff": {"if": [{"ends_with": [{"var": "email"}, "@example.com"]}, "on"]}},
            "metadata": {"team": "web"}
        });
        let keys = keys_of(&doc);
        assert_eq!(
            keys.keys().collect::<Vec<_>>(),
            ["$evaluators/staff", "$metadata", "beta", "color"]
        );
        let pairs: Vec<(&str, Value)> = keys.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        let assembled = assemble(&tree(&pairs));
        assert_eq!(assembled.document, doc);
        assert_eq!(assembled.revision, 9);
        assert!(assembled.broken.is_empty());
        assert_eq!(assembled.revisions.len(), 2);
    }

    #[test]
    fn flagds_array_form_of_flags_is_stored_one_key_per_flag() {
        let doc = json!({"flags": [
            {"key": "a", "state": "ENABLED", "variants": {"on": true}, "defaultVariant": "on"},
            {"key": "b", "state": "DISABLED", "variants": {"x": 1}, "defaultVariant": null}
        ]});
        let keys = keys_of(&doc);
        assert_eq!(keys.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(
            keys["b"],
            json!({"state": "DISABLED", "variants": {"x": 1}, "defaultVariant": null})
        );
    }

    #[test]
    fn a_broken_flag_is_left_out_and_named() {
        let assembled = assemble(&tree(&[
            (
                "good",
                json!({"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "a"}),
            ),
            (
                "bad",
                json!({"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "b"}),
            ),
            ("$evaluators/x/y", json!(1)),
        ]));
        assert_eq!(
            assembled.document,
            json!({"flags": {"good": {"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "a"}}})
        );
        assert!(assembled.broken.contains_key("bad"));
    }
}
