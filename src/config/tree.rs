//! A tree read at one revision: every key under a prefix with its typed value, as a flat map
//! (`db/host`) and as the nested object `config list -o json` prints.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

/// One key of the tree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// The key, relative to the root.
    pub key: String,
    /// Its value.
    pub value: Value,
    /// The revision that created it.
    pub create_revision: i64,
    /// The revision that last changed it: what `set --if-revision` compares.
    pub mod_revision: i64,
    /// How many times it was set since it was created.
    pub version: i64,
}

impl Entry {
    /// The entry of the relative `key` from what etcd holds for it.
    pub fn from_watch(key: &str, held: &crate::watch::Entry) -> Entry {
        Entry {
            key: key.to_string(),
            value: super::value::decode(&held.value),
            create_revision: held.create_revision,
            mod_revision: held.mod_revision,
            version: held.version,
        }
    }
}

/// Every key under a prefix, read at one revision.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tree {
    /// The store revision read at.
    pub revision: i64,
    /// The keys, relative to the root, in key order.
    pub entries: BTreeMap<String, Entry>,
}

impl Tree {
    /// The value of `key`, if it is in the tree.
    pub fn value(&self, key: &str) -> Option<&Value> {
        self.entries.get(key).map(|e| &e.value)
    }

    /// The keys under `prefix` (a relative prefix; `""` is every key), taken as a directory:
    /// `db` is `db/...`, not `dbx`.
    pub fn under<'t>(&'t self, prefix: &'t str) -> impl Iterator<Item = &'t Entry> + 't {
        let start = match prefix {
            "" => String::new(),
            p => format!("{p}/"),
        };
        self.entries
            .range(start.clone()..)
            .take_while(move |(k, _)| k.starts_with(&start))
            .map(|(_, e)| e)
    }

    /// Key to value, relative to the root.
    pub fn flat(&self) -> BTreeMap<String, Value> {
        self.entries
            .iter()
            .map(|(k, e)| (k.clone(), e.value.clone()))
            .collect()
    }

    /// The keys under `prefix` as one nested object: `db/host` is `{"db": {"host": ...}}`,
    /// relative to the prefix. A key that is both a value and a directory (`a` and `a/b`)
    /// keeps its own value under the empty name: `{"a": {"": 1, "b": 2}}`.
    pub fn nested(&self, prefix: &str) -> Value {
        let mut top = Dir::new();
        for entry in self.under(prefix) {
            let rest = match prefix {
                "" => entry.key.as_str(),
                p => &entry.key[p.len() + 1..],
            };
            top.insert(rest, &entry.value);
        }
        top.into_value()
    }
}

#[cfg(test)]
impl Tree {
    /// A tree at revision 9 of `pairs`, for tests.
    pub(crate) fn of(pairs: &[(&str, Value)]) -> Tree {
        Tree {
            revision: 9,
            entries: pairs
                .iter()
                .map(|(k, v)| {
                    let entry = Entry {
                        key: k.to_string(),
                        value: v.clone(),
                        create_revision: 1,
                        mod_revision: 2,
                        version: 1,
                    };
                    (k.to_string(), entry)
                })
                .collect(),
        }
    }
}

/// A directory while a nested object is built: its own value, if the key has one, and its
/// children.
#[derive(Default)]
struct Dir {
    own: Option<Value>,
    children: BTreeMap<String, Node>,
}

enum Node {
    Leaf(Value),
    Dir(Dir),
}

impl Dir {
    fn new() -> Dir {
        Dir::default()
    }

    fn insert(&mut self, path: &str, value: &Value) {
        match path.split_once('/') {
            None => match self.children.get_mut(path) {
                Some(Node::Dir(dir)) => dir.own = Some(value.clone()),
                _ => {
                    self.children
                        .insert(path.to_string(), Node::Leaf(value.clone()));
                }
            },
            Some((first, rest)) => {
                let node = self
                    .children
                    .entry(first.to_string())
                    .or_insert_with(|| Node::Dir(Dir::new()));
                if let Node::Leaf(own) = node {
                    let own = std::mem::take(own);
                    *node = Node::Dir(Dir {
                        own: Some(own),
                        children: BTreeMap::new(),
                    });
                }
                if let Node::Dir(dir) = node {
                    dir.insert(rest, value);
                }
            }
        }
    }

    fn into_value(self) -> Value {
        let mut map = Map::new();
        if let Some(own) = self.own {
            map.insert(String::new(), own);
        }
        for (name, node) in self.children {
            let value = match node {
                Node::Leaf(v) => v,
                Node::Dir(d) => d.into_value(),
            };
            map.insert(name, value);
        }
        Value::Object(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_objects_follow_the_key_segments() {
        let t = Tree::of(&[
            ("db/host", json!("h")),
            ("db/port", json!(5432)),
            ("db/tls", json!({"on": true})),
            ("dbx", json!(1)),
            ("a", json!(1)),
            ("a/b", json!(2)),
        ]);
        assert_eq!(
            t.nested(""),
            json!({"db": {"host": "h", "port": 5432, "tls": {"on": true}}, "dbx": 1, "a": {"": 1, "b": 2}})
        );
        assert_eq!(
            t.nested("db"),
            json!({"host": "h", "port": 5432, "tls": {"on": true}})
        );
        assert_eq!(t.under("db").count(), 3);
    }
}
