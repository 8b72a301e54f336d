//! Snapshot files (`config export`, `config import`): the keys under a prefix as read at one
//! revision, in JSON, YAML or TOML, one shape in all three:
//!
//! ```text
//! {"etcdkit_config": 1, "root": "/app", "prefix": "db", "revision": 123,
//!  "exported_at": "2026-12-02T04:40:00.000Z",
//!  "keys": {"db/host": "h", "db/port": 5432, "db/tls": {"on": true}}}
//! ```
//!
//! Keys are flat and relative to the root (a value may itself be an object, so nesting would
//! be ambiguous); values are typed JSON. TOML has no null: a snapshot holding one is refused
//! in TOML, naming the key (JSON and YAML hold it).

use std::collections::BTreeMap;
use std::io::Write;

use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::key::check_key;
use crate::error::{Error, Result};

/// The version of the snapshot shape this etcdkit writes and reads (`etcdkit_config`).
pub const SNAPSHOT_VERSION: u64 = 1;

/// A snapshot file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnapshotFormat {
    /// JSON (`.json`): the default.
    Json,
    /// YAML (`.yaml`, `.yml`).
    Yaml,
    /// TOML (`.toml`); cannot hold null.
    Toml,
}

impl SnapshotFormat {
    /// The names `--format` takes.
    pub const NAMES: [&'static str; 3] = ["json", "yaml", "toml"];

    /// The format named `name` (`json`, `yaml`, `toml`).
    pub fn parse(name: &str) -> Result<SnapshotFormat> {
        match name {
            "json" => Ok(SnapshotFormat::Json),
            "yaml" | "yml" => Ok(SnapshotFormat::Yaml),
            "toml" => Ok(SnapshotFormat::Toml),
            other => Err(Error::usage(format!(
                "unknown snapshot format {other:?}; the formats are {}",
                SnapshotFormat::NAMES.join(", ")
            ))),
        }
    }

    /// The format a file's extension says (`.json`, `.yaml`, `.yml`, `.toml`), if any.
    pub fn of_path(path: &std::path::Path) -> Option<SnapshotFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        SnapshotFormat::parse(&ext).ok()
    }

    /// The format's name.
    pub fn name(self) -> &'static str {
        match self {
            SnapshotFormat::Json => "json",
            SnapshotFormat::Yaml => "yaml",
            SnapshotFormat::Toml => "toml",
        }
    }
}

/// A snapshot as read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// The root it was exported from (informational: an import writes under its own root).
    pub root: Option<String>,
    /// The prefix it holds (relative, checked; `""`: the whole tree).
    pub prefix: String,
    /// The revision it was read at, when the file says.
    pub revision: Option<i64>,
    /// When it was exported, when the file says.
    pub exported_at: Option<String>,
    /// Key (relative to the root, checked, under the prefix) to value.
    pub keys: BTreeMap<String, Value>,
}

/// The file's shape, as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileShape {
    etcdkit_config: u64,
    #[serde(default)]
    root: Option<String>,
    #[serde(default)]
    prefix: Option<String>,
    #[serde(default)]
    revision: Option<i64>,
    #[serde(default)]
    exported_at: Option<String>,
    keys: BTreeMap<String, Value>,
}

/// The file's shape, as written: the keys streamed, nothing collected.
#[derive(Serialize)]
struct Out<'a, K: Serialize> {
    etcdkit_config: u64,
    root: &'a str,
    prefix: &'a str,
    revision: i64,
    exported_at: &'a str,
    keys: K,
}

/// The keys, serialized as a map as they are taken.
struct Keys<F> {
    entries: F,
}

impl<'k, F, I> Serialize for Keys<F>
where
    F: Fn() -> I,
    I: Iterator<Item = (&'k str, Value)>,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (key, value) in (self.entries)() {
            map.serialize_entry(key, &value)?;
        }
        map.end()
    }
}

/// What a snapshot says of itself.
#[derive(Debug, Clone, Copy)]
pub struct SnapshotHeader<'a> {
    /// The root exported from.
    pub root: &'a str,
    /// The prefix exported (relative, checked; `""`: the whole tree).
    pub prefix: &'a str,
    /// The revision every key was read at.
    pub revision: i64,
    /// When (RFC 3339).
    pub exported_at: &'a str,
}

/// Writes a snapshot (`header`, and the keys `entries()` gives: relative to the root, under
/// the prefix, in key order) to `out` in `format`, streaming. In TOML a null is refused
/// (naming the key) before anything is written.
pub fn write_snapshot<'k, F, I>(
    out: &mut impl Write,
    format: SnapshotFormat,
    header: SnapshotHeader<'_>,
    entries: F,
) -> Result<()>
where
    F: Fn() -> I,
    I: Iterator<Item = (&'k str, Value)>,
{
    let failed = |e: std::io::Error| Error::Io {
        context: "cannot write the snapshot".into(),
        source: e,
    };
    if format == SnapshotFormat::Toml {
        for (key, value) in entries() {
            super::snapshot_toml::check(key, &value)?;
        }
        let fields = [
            ("etcdkit_config", Value::from(SNAPSHOT_VERSION)),
            ("root", Value::from(header.root)),
            ("prefix", Value::from(header.prefix)),
            ("revision", Value::from(header.revision)),
            ("exported_at", Value::from(header.exported_at)),
        ];
        return super::snapshot_toml::write(out, &fields, entries()).map_err(failed);
    }
    let shape = Out {
        etcdkit_config: SNAPSHOT_VERSION,
        root: header.root,
        prefix: header.prefix,
        revision: header.revision,
        exported_at: header.exported_at,
        keys: Keys { entries },
    };
    match format {
        SnapshotFormat::Yaml => serde_norway::to_writer(&mut *out, &shape)
            .map_err(|e| failed(std::io::Error::other(e.to_string()))),
        _ => {
            serde_json::to_writer_pretty(&mut *out, &shape).map_err(|e| failed(e.into()))?;
            out.write_all(b"\n").map_err(failed)
        }
    }
}

/// Reads a snapshot from `bytes` in `format`; `source` names the file in messages. A file
/// that is empty, malformed (with its line), of another version, with a field this etcdkit
/// does not know, or with a key that is not a valid key under its prefix is refused.
pub fn read_snapshot(bytes: &[u8], format: SnapshotFormat, source: &str) -> Result<Snapshot> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::usage_with_hint(
            format!("the snapshot file {source} is empty"),
            "give a file that etcdkit config export wrote",
        ));
    }
    let bad = |e: String| {
        Error::usage_with_hint(
            format!("cannot read {source} as a {} snapshot: {e}", format.name()),
            "give a file that etcdkit config export wrote (--format says its format when the extension does not)",
        )
    };
    let shape: FileShape = match format {
        SnapshotFormat::Json => serde_json::from_slice(bytes).map_err(|e| bad(e.to_string()))?,
        SnapshotFormat::Yaml => serde_norway::from_slice(bytes).map_err(|e| bad(e.to_string()))?,
        SnapshotFormat::Toml => {
            let text = std::str::from_utf8(bytes)
                .map_err(|e| bad(format!("it is not UTF-8 text ({e})")))?;
            let mut shape: FileShape =
                toml::from_str(text).map_err(|e| bad(super::snapshot_toml::error_at(text, &e)))?;
            for value in shape.keys.values_mut() {
                super::snapshot_toml::datetimes_as_text(value);
            }
            shape
        }
    };
    if shape.etcdkit_config != SNAPSHOT_VERSION {
        return Err(Error::usage_with_hint(
            format!(
                "{source} is a version {} snapshot (etcdkit_config); this etcdkit reads version {SNAPSHOT_VERSION}",
                shape.etcdkit_config
            ),
            "export it again with this etcdkit, or import it with the etcdkit that wrote it",
        ));
    }
    let prefix = super::key::check_prefix(shape.prefix.as_deref().unwrap_or(""))
        .map_err(|e| in_file(source, "its prefix", e))?;
    let mut keys = BTreeMap::new();
    for (given, value) in shape.keys {
        let key = check_key(&given).map_err(|e| in_file(source, "a key", e))?;
        // As export reads it: strictly below the prefix (`db/x`, not `db` nor `dbx`).
        let under = prefix.is_empty()
            || key
                .strip_prefix(prefix.as_str())
                .is_some_and(|r| r.starts_with('/'));
        if !under {
            return Err(Error::usage(format!(
                "{source}: the key {given:?} is not under the snapshot's prefix {prefix:?}"
            )));
        }
        if keys.insert(key.clone(), value).is_some() {
            return Err(Error::usage(format!(
                "{source}: the key {key} is given twice (as {given:?} and once more)"
            )));
        }
    }
    Ok(Snapshot {
        root: shape.root,
        prefix,
        revision: shape.revision,
        exported_at: shape.exported_at,
        keys,
    })
}

/// A key error, said to be in the file.
fn in_file(source: &str, what: &str, e: Error) -> Error {
    match e {
        Error::Usage { message, hint } => Error::Usage {
            message: format!("{source}: {what} is refused: {message}"),
            hint,
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    use crate::config::Tree;

    fn write(
        out: &mut Vec<u8>,
        format: SnapshotFormat,
        root: &str,
        prefix: &str,
        t: &Tree,
    ) -> Result<()> {
        let header = SnapshotHeader {
            root,
            prefix,
            revision: t.revision,
            exported_at: "2026-12-02T04:40:00.000Z",
        };
        let entries = || t.under(prefix).map(|e| (e.key.as_str(), e.value.clone()));
        write_snapshot(out, format, header, entries)
    }

    fn sample() -> Tree {
        Tree::of(&[
            ("db/host", json!("h \"quoted\"\n\u{7f}")),
            ("db/port", json!(5432)),
            ("db/ratio", json!(1.0)),
            ("db/big", json!(1e300)),
            ("db/on", json!(true)),
            ("db/text", json!("5432")),
            ("db/yes", json!("yes")),
            ("db/list", json!([1, "a", [true], {}])),
            ("db/tls", json!({"on": true, "a b": {"c": -1.5}})),
            ("dbx", json!("not under db")),
        ])
    }

    #[test]
    fn every_format_reads_back_what_it_wrote_with_the_same_types() {
        let t = sample();
        for format in [
            SnapshotFormat::Json,
            SnapshotFormat::Yaml,
            SnapshotFormat::Toml,
        ] {
            let mut out = Vec::new();
            write(&mut out, format, "/app", "db", &t).unwrap();
            let back = read_snapshot(&out, format, "f")
                .unwrap_or_else(|e| panic!("{format:?}: {e}\n{}", String::from_utf8_lossy(&out)));
            assert_eq!(back.prefix, "db");
            assert_eq!(back.revision, Some(9));
            assert_eq!(back.root.as_deref(), Some("/app"));
            let want: BTreeMap<String, Value> = t
                .under("db")
                .map(|e| (e.key.clone(), e.value.clone()))
                .collect();
            assert_eq!(back.keys, want, "{format:?}");
        }
    }

    #[test]
    fn toml_refuses_a_null_naming_the_key_and_writes_nothing() {
        let t = Tree::of(&[("a", json!(1)), ("b/c", json!({"x": [null]}))]);
        let mut out = Vec::new();
        let e = write(&mut out, SnapshotFormat::Toml, "/", "", &t).unwrap_err();
        assert!(
            e.to_string().contains("b/c") && e.to_string().contains("null"),
            "{e}"
        );
        assert!(out.is_empty());
    }

    #[test]
    fn bad_files_are_refused_in_words() {
        let cases: [(&str, SnapshotFormat, &str); 8] = [
            ("", SnapshotFormat::Json, "empty"),
            (
                "{\"etcdkit_config\": 1,\n \"keys\": {",
                SnapshotFormat::Json,
                "line 2",
            ),
            ("etcdkit_config: 1\nkeys: [\n", SnapshotFormat::Yaml, "line"),
            (
                "etcdkit_config = 1\n[keys]\n\"a\" = \n",
                SnapshotFormat::Toml,
                "line 3",
            ),
            (
                r#"{"etcdkit_config": 1, "keys": {}, "extra": 1}"#,
                SnapshotFormat::Json,
                "extra",
            ),
            (
                r#"{"etcdkit_config": 2, "keys": {}}"#,
                SnapshotFormat::Json,
                "version 2",
            ),
            (
                r#"{"etcdkit_config": 1, "keys": {"a/../b": 1}}"#,
                SnapshotFormat::Json,
                "a/../b",
            ),
            (
                r#"{"etcdkit_config": 1, "prefix": "db", "keys": {"x": 1}}"#,
                SnapshotFormat::Json,
                "not under",
            ),
        ];
        for (text, format, says) in cases {
            let e = read_snapshot(text.as_bytes(), format, "f").unwrap_err();
            assert_eq!(e.exit_status(), crate::ExitStatus::Usage, "{e}");
            assert!(e.to_string().contains(says), "{text:?}: {e}");
        }
        let e = read_snapshot(
            br#"{"etcdkit_config": 1, "keys": {"a/.x": 1}}"#,
            SnapshotFormat::Json,
            "f",
        )
        .unwrap_err();
        assert!(e.to_string().contains("a/.x"), "{e}");
    }
}
