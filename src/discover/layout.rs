//! Where the keys of a service live under the registry's root, and which names may be used.
//!
//! ```text
//! ROOT/SERVICE/ID          the instances that serve: passing, not drained (what grpc reads)
//! ROOT/.all/SERVICE/ID     every registered instance, whatever its health
//! ROOT/.drain/SERVICE/ID   instances an operator took out of service (no lease: kept until undrain)
//! ```
//!
//! The first two are on the registrar's lease and hold the same value: etcd's naming JSON
//! `{"Op":0,"Addr":"HOST:PORT","Metadata":{...}}`. A service name never starts with `.`, so the
//! bookkeeping prefixes cannot be taken for a service, and grpc's resolver of `ROOT/SERVICE`
//! (which matches keys by prefix, without the trailing `/`: etcd #15022) never sees them.

use crate::error::{Error, Result};

/// The default root (`--root`, `ETCDKIT_DISCOVER_ROOT`).
pub const DEFAULT_ROOT: &str = "/services";

/// The longest service name or instance ID accepted.
const MAX_NAME: usize = 200;

/// The key layout under one root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The root without a trailing `/` (`""` when the root is `/`).
    root: String,
}

impl Layout {
    /// The layout under `root` (`/services`, `/services/`, `services`; `/` puts services at
    /// the top of the key space).
    pub fn new(root: &str) -> Result<Layout> {
        if root.is_empty() {
            return Err(Error::usage_with_hint(
                "the discovery root is empty",
                format!(
                    "give a key prefix such as {DEFAULT_ROOT} (--root or ETCDKIT_DISCOVER_ROOT)"
                ),
            ));
        }
        if root.chars().any(char::is_control) {
            return Err(Error::usage(format!(
                "the discovery root {root:?} contains control characters"
            )));
        }
        Ok(Layout {
            root: root.trim_end_matches('/').to_string(),
        })
    }

    /// The root as given, without its trailing `/`.
    pub fn root(&self) -> &str {
        &self.root
    }

    /// `ROOT/SERVICE/`: the instances that serve.
    pub fn serving(&self, service: &str) -> String {
        format!("{}/{service}/", self.root)
    }

    /// `ROOT/SERVICE/ID`.
    pub fn serving_key(&self, service: &str, id: &str) -> String {
        format!("{}{id}", self.serving(service))
    }

    /// `ROOT/.all/`: every registered instance of every service.
    pub fn all_records(&self) -> String {
        format!("{}/.all/", self.root)
    }

    /// `ROOT/.all/SERVICE/`: every registered instance of a service.
    pub fn records(&self, service: &str) -> String {
        format!("{}{service}/", self.all_records())
    }

    /// `ROOT/.all/SERVICE/ID`.
    pub fn record_key(&self, service: &str, id: &str) -> String {
        format!("{}{id}", self.records(service))
    }

    /// `ROOT/.drain/SERVICE/ID`: present while the instance is drained.
    pub fn drain_key(&self, service: &str, id: &str) -> String {
        format!("{}/.drain/{service}/{id}", self.root)
    }

    /// The service and ID of a key under [`Layout::all_records`].
    pub fn parse_record_key<'k>(&self, key: &'k str) -> Option<(&'k str, &'k str)> {
        let rest = key.strip_prefix(&self.all_records())?;
        rest.split_once('/')
    }
}

/// Checks a service name: letters, digits, `.`, `_`, `-`, not starting with `.`; no `/`.
pub fn check_service(name: &str) -> Result<()> {
    check_name("service name", name, |c| {
        c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')
    })
}

/// Checks an instance ID: printable, no `/` or space, not starting with `.` (the default ID,
/// the address `HOST:PORT`, is one).
pub fn check_id(id: &str) -> Result<()> {
    check_name("instance ID", id, |c| {
        !c.is_control() && !c.is_whitespace() && c != '/'
    })
}

fn check_name(what: &str, name: &str, allowed: impl Fn(char) -> bool) -> Result<()> {
    if name.is_empty() {
        return Err(Error::usage(format!("the {what} is empty")));
    }
    if name.len() > MAX_NAME {
        return Err(Error::usage(format!(
            "the {what} is {} bytes long: at most {MAX_NAME}",
            name.len()
        )));
    }
    if name.contains('/') {
        return Err(Error::usage_with_hint(
            format!("the {what} {name:?} contains '/'"),
            "a '/' would put it inside another name's keys (etcd #15022); use '-' or '.' instead",
        ));
    }
    if name.starts_with('.') {
        return Err(Error::usage(format!(
            "the {what} {name:?} starts with '.': such names are etcdkit's own bookkeeping"
        )));
    }
    if let Some(bad) = name.chars().find(|c| !allowed(*c)) {
        return Err(Error::usage(format!(
            "the {what} {name:?} contains {bad:?}: use letters, digits, '.', '_' and '-'"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sit_where_the_layout_says() {
        let l = Layout::new("/services/").unwrap();
        assert_eq!(
            l.serving_key("api", "10.0.0.1:80"),
            "/services/api/10.0.0.1:80"
        );
        assert_eq!(l.record_key("api", "a"), "/services/.all/api/a");
        assert_eq!(l.drain_key("api", "a"), "/services/.drain/api/a");
        assert_eq!(
            l.parse_record_key("/services/.all/api/a"),
            Some(("api", "a"))
        );
        assert_eq!(l.parse_record_key("/services/api/a"), None);
        let top = Layout::new("/").unwrap();
        assert_eq!(top.serving_key("api", "a"), "/api/a");
    }

    #[test]
    fn names_that_would_cross_into_other_keys_are_refused() {
        assert!(check_service("api-v2.internal_x").is_ok());
        for bad in ["", "a/b", ".all", "a b", "ä", &"x".repeat(201)] {
            assert!(check_service(bad).is_err(), "{bad:?}");
        }
        assert!(check_id("[::1]:8080").is_ok());
        assert!(check_id("10.0.0.1:80").is_ok());
        for bad in ["", "a/b", ".x", "a b", "a\nb"] {
            assert!(check_id(bad).is_err(), "{bad:?}");
        }
        assert!(Layout::new("").is_err());
    }
}
