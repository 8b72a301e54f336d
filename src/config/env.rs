//! The tree as environment variables (`config exec`, envconsul's job): a name for each key, and
//! two keys that would take one name found before anything runs.
//!
//! ```text
//! ROOT/db/host  under --root ROOT   ->  DB_HOST   (relative to the root, not to the prefix)
//! ROOT/db.port                      ->  DB_PORT   (upper case; anything but A-Z 0-9 _ is _)
//! ROOT/2fa/on                       ->  _2FA_ON   (a leading digit gets a _)
//! ```
//!
//! Values are [`super::text`]: a string as it is, anything else as its JSON.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::error::{Error, Result};

/// The environment variables of a tree: name -> value, in name order.
pub type Environment = BTreeMap<String, String>;

/// The variable name of `key` (relative to the root), after `prefix` (`--env-prefix`, checked
/// by [`check_env_prefix`]).
pub fn env_name(prefix: &str, key: &str) -> String {
    let mut name = String::with_capacity(prefix.len() + key.len() + 1);
    name.push_str(prefix);
    for c in key.chars() {
        name.push(match c {
            'a'..='z' => c.to_ascii_uppercase(),
            'A'..='Z' | '0'..='9' | '_' => c,
            _ => '_',
        });
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name
}

/// Checks `--env-prefix`: letters, digits and `_` only, so that every name stays a name a
/// shell can read.
pub fn check_env_prefix(prefix: &str) -> Result<()> {
    if prefix
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Ok(());
    }
    Err(Error::usage_with_hint(
        format!("the environment prefix {prefix:?} holds characters a variable name cannot"),
        "use letters, digits and _, e.g. --env-prefix APP_",
    ))
}

/// The environment of `keys` (relative key -> value): each key's [`env_name`] and text. Two keys
/// that take one name (`db/host` and `db.host`), or a value holding a NUL byte (no variable
/// can hold one), are an error that names them.
pub fn environment<'a>(
    prefix: &str,
    keys: impl IntoIterator<Item = (&'a str, &'a Value)>,
) -> Result<Environment> {
    let mut env = Environment::new();
    let mut owner: BTreeMap<String, &str> = BTreeMap::new();
    for (key, value) in keys {
        let name = env_name(prefix, key);
        if let Some(first) = owner.get(&name) {
            return Err(Error::usage_with_hint(
                format!("the keys {first} and {key} both make the variable {name}"),
                "rename one of them: a variable name is the key in upper case with every character but letters, digits and _ as _",
            ));
        }
        let text = super::text(value);
        if text.contains('\0') {
            return Err(Error::usage(format!(
                "the value of {key} holds a NUL byte, which no environment variable can hold"
            )));
        }
        owner.insert(name.clone(), key);
        env.insert(name, text);
    }
    Ok(env)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_are_the_key_in_upper_case_with_underscores() {
        assert_eq!(env_name("", "db/host"), "DB_HOST");
        assert_eq!(env_name("", "db.port"), "DB_PORT");
        assert_eq!(env_name("", "feature-x/on"), "FEATURE_X_ON");
        assert_eq!(env_name("", "2fa/on"), "_2FA_ON");
        assert_eq!(env_name("", "café"), "CAF_");
        assert_eq!(env_name("APP_", "db/host"), "APP_DB_HOST");
        assert_eq!(env_name("APP_", "2fa"), "APP_2FA");
        assert!(check_env_prefix("APP_").is_ok());
        assert!(check_env_prefix("APP-").is_err());
    }

    #[test]
    fn values_are_text_and_collisions_name_both_keys() {
        let (host, port, tls) = (json!("h"), json!(5432), json!({"on": true}));
        let env = environment(
            "",
            [("db/host", &host), ("db/port", &port), ("db/tls", &tls)],
        )
        .unwrap();
        assert_eq!(env["DB_HOST"], "h");
        assert_eq!(env["DB_PORT"], "5432");
        assert_eq!(env["DB_TLS"], r#"{"on":true}"#);
        let e = environment("", [("db.host", &host), ("db/host", &port)])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("db.host") && e.contains("db/host") && e.contains("DB_HOST"),
            "{e}"
        );
        let nul = json!("a\u{0}b");
        assert!(environment("", [("x", &nul)]).is_err());
    }
}
