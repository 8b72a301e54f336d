//! JSON Schemas of subtrees: `config schema set PREFIX schema.json` stores one at
//! `ROOT/.schema/PREFIX`, and every later write under PREFIX is checked against it before it is
//! written. A schema describes the subtree as one document, the nested object `config list
//! PREFIX -o json` prints: `{"type": "object", "properties": {"port": {"type": "integer"}}}` for
//! the keys `PREFIX/port`, ...

use serde_json::Value;

use super::key::check_prefix;
use super::store::Store;
use super::tree::{Entry, Tree};
use super::write::{Change, Expect, Op, Write};
use crate::error::{Error, Result};

/// The most violations one error lists.
const MAX_LISTED: usize = 10;

/// `schema` compiled, or a usage error saying why it is not a JSON Schema.
pub fn compile(schema: &Value) -> Result<jsonschema::Validator> {
    jsonschema::validator_for(schema).map_err(|e| {
        Error::usage_with_hint(
            format!("the schema is not a valid JSON Schema: {e}"),
            "see https://json-schema.org/understanding-json-schema/ (drafts 4, 6, 7, 2019-09 and 2020-12 are understood)",
        )
    })
}

/// What is wrong with the subtree at `prefix` (as the nested `document`) under `schema`: one
/// line per fault, each naming the key (`db/port: "abc" is not of type "integer"`).
pub fn violations(
    validator: &jsonschema::Validator,
    prefix: &str,
    document: &Value,
) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|e| {
            let pointer = e.instance_path().to_string();
            let path = pointer
                .trim_start_matches('/')
                .replace("~1", "/")
                .replace("~0", "~");
            let at = match (prefix, path.as_str()) {
                ("", "") => "the tree".to_string(),
                (p, "") => p.to_string(),
                ("", p) => p.to_string(),
                (prefix, p) => format!("{prefix}/{p}"),
            };
            format!("{at}: {e}")
        })
        .collect()
}

/// Checks `write` against every schema (`schemas`: prefix and schema, as read at `revision`)
/// whose subtree it changes: the subtree as the write would leave it must pass. A new schema
/// (`Op::PutSchema`) must itself compile, and the subtree as it is must pass it.
pub(super) async fn check_write(
    store: &Store,
    write: &Write,
    schemas: &[(String, Value)],
    revision: i64,
) -> Result<()> {
    let mut checks: Vec<(&str, &Value)> = Vec::new();
    for change in &write.changes {
        if let Op::PutSchema(schema) = &change.op {
            compile(schema)?;
            checks.push((change.key.as_str(), schema));
        }
    }
    for (prefix, schema) in schemas {
        let replaced = write
            .changes
            .iter()
            .any(|c| matches!(c.op, Op::PutSchema(_) | Op::DeleteSchema) && &c.key == prefix);
        if !replaced && write.changes.iter().any(|c| touches(c, prefix)) {
            checks.push((prefix.as_str(), schema));
        }
    }
    for (prefix, schema) in checks {
        let validator = compile(schema).map_err(|e| match e {
            Error::Usage { message, .. } => Error::usage_with_hint(
                format!("the schema of {} is broken: {message}", shown(prefix)),
                format!(
                    "set a valid one with etcdkit config schema set {} FILE",
                    shown(prefix)
                ),
            ),
            other => other,
        })?;
        let mut tree = store.read(prefix, Some(revision)).await?;
        for change in &write.changes {
            apply(&mut tree, change);
        }
        let faults = violations(&validator, prefix, &tree.nested(prefix));
        if !faults.is_empty() {
            return Err(refused(prefix, &faults));
        }
    }
    Ok(())
}

/// The write of `schema` for the subtree at `prefix`.
pub fn put(prefix: &str, schema: Value, reason: Option<String>) -> Result<Write> {
    Ok(Write {
        action: "schema set".into(),
        changes: vec![Change {
            key: check_prefix(prefix)?,
            op: Op::PutSchema(schema),
            expect: Expect::Any,
        }],
        reason,
    })
}

/// The write that removes the schema of the subtree at `prefix`.
pub fn delete(prefix: &str, reason: Option<String>) -> Result<Write> {
    Ok(Write {
        action: "schema delete".into(),
        changes: vec![Change {
            key: check_prefix(prefix)?,
            op: Op::DeleteSchema,
            expect: Expect::Any,
        }],
        reason,
    })
}

impl Store {
    /// Every schema: the prefix it covers and the schema, by prefix.
    pub async fn schemas(&self) -> Result<Vec<(String, Value)>> {
        let conn = self.target.options();
        let kv = self.client.kv_client();
        let dir = self.root.schemas();
        let options = etcd_client::GetOptions::new().with_prefix();
        let response = conn
            .get_with_retry(&kv, dir.as_str(), Some(options))
            .await?;
        Ok(response
            .kvs()
            .iter()
            .filter_map(|kv| {
                let prefix = std::str::from_utf8(kv.key()).ok()?.strip_prefix(&dir)?;
                Some((prefix.to_string(), super::value::decode(kv.value())))
            })
            .collect())
    }
}

/// The subtree at `prefix` for people: `the whole tree` or the prefix.
pub fn shown(prefix: &str) -> String {
    match prefix {
        "" => "/".to_string(),
        p => p.to_string(),
    }
}

/// Whether `change` changes a key of the subtree at `prefix`.
fn touches(change: &Change, prefix: &str) -> bool {
    if matches!(change.op, Op::PutSchema(_) | Op::DeleteSchema) {
        return false;
    }
    let under = |key: &str, dir: &str| {
        dir.is_empty() || key == dir || key.strip_prefix(dir).is_some_and(|r| r.starts_with('/'))
    };
    under(&change.key, prefix) || (change.op == Op::DeletePrefix && under(prefix, &change.key))
}

/// The tree as `change` leaves it.
fn apply(tree: &mut Tree, change: &Change) {
    match &change.op {
        Op::Put(value) => {
            let entry = Entry {
                key: change.key.clone(),
                value: value.clone(),
                create_revision: 0,
                mod_revision: 0,
                version: 0,
            };
            tree.entries.insert(change.key.clone(), entry);
        }
        Op::Delete => {
            tree.entries.remove(&change.key);
        }
        Op::DeletePrefix => {
            let dir = format!("{}/", change.key);
            tree.entries
                .retain(|k, _| !(change.key.is_empty() || k == &change.key || k.starts_with(&dir)));
        }
        Op::PutSchema(_) | Op::DeleteSchema => {}
    }
}

/// The error of a write the schema of `prefix` refuses.
fn refused(prefix: &str, faults: &[String]) -> Error {
    let mut listed: Vec<String> = faults.iter().take(MAX_LISTED).cloned().collect();
    if faults.len() > MAX_LISTED {
        listed.push(format!("and {} more", faults.len() - MAX_LISTED));
    }
    Error::usage_with_hint(
        format!(
            "the schema of {} refuses this: {}",
            shown(prefix),
            listed.join("; ")
        ),
        format!(
            "nothing was written; etcdkit config schema get {} shows the schema",
            shown(prefix)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn violations_name_the_key_under_the_prefix() {
        let schema = json!({
            "type": "object",
            "properties": {"port": {"type": "integer"}, "host": {"type": "string"}},
            "required": ["host"]
        });
        let v = compile(&schema).unwrap();
        let faults = violations(&v, "db", &json!({"port": "abc"}));
        assert_eq!(faults.len(), 2, "{faults:?}");
        assert!(
            faults.iter().any(|f| f.starts_with("db/port: ")),
            "{faults:?}"
        );
        assert!(
            faults
                .iter()
                .any(|f| f.starts_with("db: ") && f.contains("host")),
            "{faults:?}"
        );
        assert!(violations(&v, "db", &json!({"host": "h", "port": 1})).is_empty());
    }

    #[test]
    fn a_broken_schema_is_refused_in_words() {
        let e = compile(&json!({"type": "no-such-type"})).unwrap_err();
        assert!(e.to_string().contains("not a valid JSON Schema"), "{e}");
    }

    #[test]
    fn changes_touch_the_subtrees_they_are_under() {
        let put = Change::put("db/port", json!(1)).unwrap();
        assert!(touches(&put, "db") && touches(&put, "") && !touches(&put, "d"));
        let wipe = Change::delete_prefix("").unwrap();
        assert!(touches(&wipe, "db"));
    }
}
