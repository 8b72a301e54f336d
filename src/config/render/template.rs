//! Templates: minijinja (Jinja2 syntax) with confd's functions (`getv`, `gets`, `ls`, ...)
//! reading one [`Tree`], so every value a render shows is from the same revision.
//!
//! Keys are written as confd writes them, absolute under the tree (`/db/host`), relative to
//! `--root` and to a resource's `prefix`. Patterns (`gets("/services/*")`) are path globs:
//! `*` and `?` never match `/`, `[a-z]` is a class, as Go's `path.Match`.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Arc, Mutex};

use minijinja::value::{Serde, Value as Jinja};
use minijinja::{Environment, ErrorKind};

use crate::config::{text, Tree};
use crate::error::{Error, Result};

/// The most instructions one render may run: a runaway loop is stopped with an error long
/// before it holds up a watch (a loop over 10,000 keys takes a few hundred thousand).
const FUEL: u64 = 20_000_000;

/// What a render reads: a tree, and the prefix the template's keys are under.
#[derive(Debug, Clone)]
struct Source {
    tree: Arc<Tree>,
    /// Relative to the root, without slashes at either end (`""`: the whole tree).
    prefix: String,
}

impl Source {
    /// The tree key of a template key: `/db/host` under prefix `app` is `app/db/host`.
    fn key(&self, key: &str) -> String {
        let key = key.trim_matches('/');
        match (self.prefix.as_str(), key) {
            ("", k) => k.to_string(),
            (p, "") => p.to_string(),
            (p, k) => format!("{p}/{k}"),
        }
    }

    /// The template key of a tree key: the inverse of [`Source::key`], with a leading `/`.
    fn shown(&self, key: &str) -> String {
        match self.prefix.as_str() {
            "" => format!("/{key}"),
            p => format!("/{}", key[p.len()..].trim_start_matches('/')),
        }
    }

    fn value(&self, key: &str) -> Option<&serde_json::Value> {
        self.tree.value(&self.key(key))
    }

    /// The keys that match a glob, in key order; only the keys that start with the pattern's
    /// literal part are looked at.
    fn matching(&self, pattern: &str) -> Vec<(String, &serde_json::Value)> {
        let pattern = self.key(pattern);
        let literal = pattern
            .find(['*', '?', '[', '\\'])
            .map_or(pattern.as_str(), |i| &pattern[..i]);
        self.tree
            .entries
            .range(literal.to_string()..)
            .take_while(|(k, _)| k.starts_with(literal))
            .filter(|(k, _)| glob(pattern.as_bytes(), k.as_bytes()))
            .map(|(k, e)| (self.shown(k), &e.value))
            .collect()
    }

    /// The names right under a directory: every one (`ls`), or only those that are
    /// directories themselves (`lsdir`).
    fn children(&self, dir: &str, only_dirs: bool) -> Vec<String> {
        let dir = self.key(dir);
        let start = match dir.as_str() {
            "" => String::new(),
            d => format!("{d}/"),
        };
        let mut names = BTreeSet::new();
        for (key, _) in self
            .tree
            .entries
            .range(start.clone()..)
            .take_while(|(k, _)| k.starts_with(&start))
        {
            let rest = &key[start.len()..];
            match rest.split_once('/') {
                Some((name, _)) => names.insert(name.to_string()),
                None if !only_dirs => names.insert(rest.to_string()),
                None => false,
            };
        }
        names.into_iter().collect()
    }
}

/// Go's `path.Match`: `*` is any run of non-`/` bytes, `?` one non-`/` byte, `[...]` a class
/// (`[^...]` negated, `a-z` ranges), `\` escapes.
fn glob(pattern: &[u8], name: &[u8]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some((b'*', rest)) => {
            let mut i = 0;
            loop {
                if glob(rest, &name[i..]) {
                    return true;
                }
                if i == name.len() || name[i] == b'/' {
                    return false;
                }
                i += 1;
            }
        }
        Some((b'?', rest)) => match name.split_first() {
            Some((c, tail)) if *c != b'/' => glob(rest, tail),
            _ => false,
        },
        Some((b'[', rest)) => {
            let Some((c, tail)) = name.split_first() else {
                return false;
            };
            let Some(end) = rest.iter().skip(1).position(|b| *b == b']').map(|i| i + 1) else {
                return false;
            };
            let (class, negated) = match rest[..end].split_first() {
                Some((b'^', class)) => (class, true),
                _ => (&rest[..end], false),
            };
            let mut hit = false;
            let mut i = 0;
            while i < class.len() {
                if i + 2 < class.len() && class[i + 1] == b'-' {
                    hit |= (class[i]..=class[i + 2]).contains(c);
                    i += 3;
                } else {
                    hit |= class[i] == *c;
                    i += 1;
                }
            }
            hit != negated && *c != b'/' && glob(&rest[end + 1..], tail)
        }
        Some((b'\\', rest)) if !rest.is_empty() => {
            name.first() == Some(&rest[0]) && glob(&rest[1..], &name[1..])
        }
        Some((p, rest)) => name.first() == Some(p) && glob(rest, &name[1..]),
    }
}

/// The source the functions read during a render (set by [`Templates::render`]).
type Current = Arc<Mutex<Option<Source>>>;

fn source(current: &Current) -> std::result::Result<Source, minijinja::Error> {
    current
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
        .ok_or_else(|| minijinja::Error::new(ErrorKind::InvalidOperation, "no tree to read"))
}

fn failed(message: String) -> minijinja::Error {
    minijinja::Error::new(ErrorKind::InvalidOperation, message)
}

/// A key and its value as `gets` and `get` return them: confd's `Key`/`Value` and
/// lower-case `key`/`value`.
fn pair(key: &str, value: &serde_json::Value) -> Jinja {
    let value = text(value);
    minijinja::context! { key => key, value => value.clone(), Key => key, Value => value }
}

/// Parses JSON text (a key's value) into an object or array for the template.
fn parse_json(input: &str, want_array: bool) -> std::result::Result<Jinja, minijinja::Error> {
    let parsed: serde_json::Value = serde_json::from_str(input)
        .map_err(|e| failed(format!("the value is not valid JSON: {e}")))?;
    if want_array && !parsed.is_array() {
        return Err(failed("jsonArray: the value is not a JSON array".into()));
    }
    Ok(Jinja::from(Serde(&parsed)))
}

/// The compiled templates of one renderer, and the functions they call.
pub struct Templates {
    env: Environment<'static>,
    current: Current,
    /// The templates that read `config`: only for them is the nested tree built (a copy of
    /// every value).
    use_config: std::collections::HashSet<String>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates").finish_non_exhaustive()
    }
}

impl Default for Templates {
    fn default() -> Templates {
        Templates::new()
    }
}

impl Templates {
    /// No templates yet; confd's functions registered.
    pub fn new() -> Templates {
        let current: Current = Arc::new(Mutex::new(None));
        let mut env = Environment::new();
        env.set_fuel(Some(FUEL));
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        // Rendered files are configuration, not HTML: no escaping, and the trailing newline
        // kept.
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
        if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
            .keep_trailing_newline(true)
            .build()
        {
            env.set_syntax(syntax);
        }
        // Values print as getv gives them: `true`, `null`, objects and arrays as JSON.
        env.set_formatter(|out, state, value| {
            use minijinja::value::ValueKind;
            let json = match value.kind() {
                ValueKind::Bool | ValueKind::None | ValueKind::Map | ValueKind::Seq => {
                    serde_json::to_string(value).ok()
                }
                _ => None,
            };
            match json {
                Some(text) => out
                    .write_str(&text)
                    .map_err(|e| minijinja::Error::new(ErrorKind::WriteFailure, e.to_string())),
                None => minijinja::escape_formatter(out, state, value),
            }
        });
        let c = Arc::clone(&current);
        env.add_function(
            "getv",
            move |key: String, default: Option<String>| -> std::result::Result<String, _> {
                let source = source(&c)?;
                match (source.value(&key), default) {
                    (Some(v), _) => Ok(text(v)),
                    (None, Some(d)) => Ok(d),
                    (None, None) => Err(failed(format!("key does not exist: {key}"))),
                }
            },
        );
        let c = Arc::clone(&current);
        env.add_function("exists", move |key: String| {
            Ok::<_, minijinja::Error>(source(&c)?.value(&key).is_some())
        });
        let c = Arc::clone(&current);
        env.add_function("get", move |key: String| {
            let source = source(&c)?;
            match source.value(&key) {
                Some(v) => Ok(pair(&format!("/{}", key.trim_matches('/')), v)),
                None => Err(failed(format!("key does not exist: {key}"))),
            }
        });
        let c = Arc::clone(&current);
        env.add_function("gets", move |pattern: String| {
            let source = source(&c)?;
            let pairs: Vec<Jinja> = source
                .matching(&pattern)
                .into_iter()
                .map(|(k, v)| pair(k.as_str(), v))
                .collect();
            Ok::<_, minijinja::Error>(Jinja::from(pairs))
        });
        let c = Arc::clone(&current);
        env.add_function("getvs", move |pattern: String| {
            let source = source(&c)?;
            let values: Vec<String> = source
                .matching(&pattern)
                .into_iter()
                .map(|(_, v)| text(v))
                .collect();
            Ok::<_, minijinja::Error>(Jinja::from(values))
        });
        let c = Arc::clone(&current);
        env.add_function("ls", move |dir: String| {
            Ok::<_, minijinja::Error>(Jinja::from(source(&c)?.children(&dir, false)))
        });
        let c = Arc::clone(&current);
        env.add_function("lsdir", move |dir: String| {
            Ok::<_, minijinja::Error>(Jinja::from(source(&c)?.children(&dir, true)))
        });
        for (name, array) in [("json", false), ("jsonArray", true)] {
            env.add_function(name, move |input: String| parse_json(&input, array));
            env.add_filter(name, move |input: String| parse_json(&input, array));
        }
        env.add_function("base", base);
        env.add_filter("base", base);
        env.add_function("dir", dir);
        env.add_filter("dir", dir);
        env.add_function("split", |s: String, sep: String| {
            s.split(sep.as_str())
                .map(str::to_string)
                .collect::<Vec<_>>()
        });
        env.add_function("join", |items: Vec<Jinja>, sep: String| {
            items
                .iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(&sep)
        });
        env.add_function(
            "replace",
            |s: String, old: String, new: String, n: Option<i64>| match n {
                Some(n) if n >= 0 => s.replacen(&old, &new, n as usize),
                _ => s.replace(&old, &new),
            },
        );
        env.add_function(
            "getenv",
            |name: String, default: Option<String>| match std::env::var(&name) {
                Ok(v) if !v.is_empty() => v,
                _ => default.unwrap_or_default(),
            },
        );
        Templates {
            env,
            current,
            use_config: Default::default(),
        }
    }

    /// Compiles a template named `name` (the file it came from: syntax errors name it with
    /// the line).
    pub fn add(&mut self, name: &str, source: String) -> Result<()> {
        self.env
            .add_template_owned(name.to_string(), source)
            .map_err(|e| template_error(&e))?;
        let template = self
            .env
            .get_template(name)
            .map_err(|e| template_error(&e))?;
        if template.undeclared_variables(false).contains("config") {
            self.use_config.insert(name.to_string());
        }
        Ok(())
    }

    /// Reads and compiles the template file `path`.
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        // A regular file only: a device or a FIFO would be read forever.
        let bytes = crate::files::read(path, "template")?.ok_or_else(|| Error::File {
            what: "template",
            path: path.to_path_buf(),
            source: std::io::ErrorKind::NotFound.into(),
        })?;
        let source = String::from_utf8(bytes).map_err(|_| {
            Error::usage(format!("the template {} is not UTF-8 text", path.display()))
        })?;
        self.add(&path.display().to_string(), source)
    }

    /// Renders the template `name` from `tree`, its keys under `prefix` (relative to the root).
    /// `config` is the tree under the prefix as one nested object, `revision` the revision it
    /// was read at.
    pub fn render(&self, name: &str, tree: &Arc<Tree>, prefix: &str) -> Result<String> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| template_error(&e))?;
        let prefix = prefix.trim_matches('/').to_string();
        let config = match self.use_config.contains(name) {
            true => Jinja::from(Serde(tree.nested(&prefix))),
            false => Jinja::UNDEFINED,
        };
        *self.current.lock().unwrap_or_else(|p| p.into_inner()) = Some(Source {
            tree: Arc::clone(tree),
            prefix,
        });
        let rendered = template.render(minijinja::context! {
            revision => tree.revision,
            config => config,
        });
        *self.current.lock().unwrap_or_else(|p| p.into_inner()) = None;
        rendered.map_err(|e| template_error(&e))
    }
}

fn base(path: String) -> String {
    let trimmed = path.trim_end_matches('/');
    match trimmed {
        "" if path.is_empty() => ".".into(),
        "" => "/".into(),
        t => t.rsplit('/').next().unwrap_or(t).to_string(),
    }
}

fn dir(path: String) -> String {
    match path.rfind('/') {
        None => ".".into(),
        Some(0) => "/".into(),
        Some(i) => path[..i].trim_end_matches('/').to_string(),
    }
}

/// A template error for people: `FILE:LINE: what went wrong`.
fn template_error(e: &minijinja::Error) -> Error {
    let place = match (e.name(), e.line()) {
        (Some(name), Some(line)) => format!("{name}:{line}: "),
        (Some(name), None) => format!("{name}: "),
        _ => String::new(),
    };
    let what = match e.detail() {
        Some(detail) => format!("{}: {detail}", e.kind()),
        None => e.kind().to_string(),
    };
    Error::usage(format!("{place}{what}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn tree(pairs: &[(&str, Value)]) -> Arc<Tree> {
        Arc::new(Tree::of(pairs))
    }

    fn render(source: &str, tree: &Arc<Tree>, prefix: &str) -> Result<String> {
        let mut t = Templates::new();
        t.add("t.tmpl", source.to_string())?;
        t.render("t.tmpl", tree, prefix)
    }

    #[test]
    fn confd_functions_read_the_tree() {
        let t = tree(&[
            ("app/db/host", json!("db1")),
            ("app/db/port", json!(5432)),
            ("app/services/a", json!("10.0.0.1")),
            ("app/services/b", json!("10.0.0.2")),
            ("app/services/c/deep", json!("x")),
            ("app/users", json!("[\"ann\",\"bob\"]")),
            ("app/obj", json!({"k": "v"})),
        ]);
        let cases = [
            ("{{ getv('/db/host') }}", "db1"),
            ("{{ getv('/db/port') }}", "5432"),
            ("{{ getv('/db/none', 'dflt') }}", "dflt"),
            (
                "{{ exists('/db/host') }} {{ exists('/db/none') }}",
                "true false",
            ),
            (
                "{% for kv in gets('/services/*') %}{{ kv.key }}={{ kv.Value }};{% endfor %}",
                "/services/a=10.0.0.1;/services/b=10.0.0.2;",
            ),
            (
                "{{ getvs('/services/[ab]') | join(',') }}",
                "10.0.0.1,10.0.0.2",
            ),
            ("{{ get('/db/host').Key }}", "/db/host"),
            ("{{ ls('/services') | join(',') }}", "a,b,c"),
            ("{{ lsdir('/services') | join(',') }}", "c"),
            ("{{ ls('/') | join(',') }}", "db,obj,services,users"),
            ("{{ json(getv('/obj')).k }}", "v"),
            ("{{ jsonArray(getv('/users'))[1] }}", "bob"),
            (
                "{{ base('/a/b/c') }} {{ dir('/a/b/c') }} {{ '/x/y' | base }}",
                "c /a/b y",
            ),
            ("{{ join(split('a:b:c', ':'), '-') }}", "a-b-c"),
            (
                "{{ replace('aaa', 'a', 'b', 2) }} {{ replace('aaa', 'a', 'b', -1) }}",
                "bba bbb",
            ),
            ("{{ getenv('ETCDKIT_SURELY_UNSET', 'd') }}", "d"),
            ("{{ revision }} {{ config.db.port + 1 }}", "9 5433"),
            (
                "{{ config.obj }} {{ none }} {{ [1, 'a'] }}",
                "{\"k\":\"v\"} null [1,\"a\"]",
            ),
        ];
        for (source, want) in cases {
            assert_eq!(render(source, &t, "/app").unwrap(), want, "{source}");
        }
    }

    #[test]
    fn a_missing_key_names_the_key_and_a_syntax_error_the_line() {
        let t = tree(&[]);
        let e = render("a\n{{ getv('/db/host') }}\n", &t, "").unwrap_err();
        assert!(
            e.to_string().contains("/db/host") && e.to_string().contains("t.tmpl:2"),
            "{e}"
        );
        let mut templates = Templates::new();
        let e = templates
            .add("bad.tmpl", "ok\nok\n{% for x in %}\n".into())
            .unwrap_err();
        assert!(e.to_string().starts_with("bad.tmpl:3: syntax error"), "{e}");
    }

    #[test]
    fn a_runaway_template_runs_out_of_fuel() {
        let t = tree(&[]);
        let e = render(
            "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
            &t,
            "",
        )
        .unwrap_err();
        assert!(e.to_string().contains("fuel"), "{e}");
    }

    #[test]
    fn globs_follow_go_path_match() {
        assert!(glob(b"a/*", b"a/b"));
        assert!(!glob(b"a/*", b"a/b/c"));
        assert!(glob(b"a/?x", b"a/bx"));
        assert!(glob(b"a/[^b]", b"a/c"));
        assert!(!glob(b"a/[^b]", b"a/b"));
        assert!(glob(b"a/[a-c]*", b"a/cde"));
        assert!(glob(b"a\\*", b"a*"));
    }

    #[test]
    fn ten_thousand_keys_render_quickly() {
        let pairs: Vec<(String, Value)> = (0..10_000)
            .map(|i| {
                (
                    format!("svc/n{i:05}"),
                    json!(format!("10.0.{}.{}", i / 256, i % 256)),
                )
            })
            .collect();
        let refs: Vec<(&str, Value)> = pairs.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        let t = tree(&refs);
        let out = render(
            "{% for kv in gets('/svc/*') %}{{ kv.key }} {{ getv(kv.key) }}\n{% endfor %}",
            &t,
            "",
        )
        .unwrap();
        assert_eq!(out.lines().count(), 10_000);
    }
}
