//! An instance's record and the value it is stored as: etcd's gRPC naming JSON
//! (`{"Op":0,"Addr":"HOST:PORT","Metadata":{...}}`, as etcd's `client/v3/naming/endpoints`
//! writes it and etcd 3.4's `GRPCResolver` reads it), with etcdkit's record as the metadata.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::check::{CheckStatus, Health};

/// One instance of a service, as registered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Instance {
    /// The service.
    pub service: String,
    /// The instance ID, unique within the service.
    pub id: String,
    /// `HOST:PORT`.
    pub addr: String,
    /// Tags, in the order given.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Key/value metadata.
    #[serde(default)]
    pub meta: BTreeMap<String, String>,
    /// The share of traffic for weighted picks (1 by default).
    #[serde(default = "one")]
    pub weight: u32,
    /// The health its check reports (`passing` without a check).
    pub health: Health,
    /// Taken out of service by `discover drain`.
    #[serde(default)]
    pub drained: bool,
    /// When the registrar first registered it (RFC 3339, UTC).
    #[serde(default)]
    pub registered_at: String,
    /// Its check, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<CheckRecord>,
}

fn one() -> u32 {
    1
}

/// An instance's check and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckRecord {
    /// `http`, `tcp`, `grpc` or `exec`.
    pub kind: String,
    /// What it probes: the URL, the address, the command line.
    pub target: String,
    /// How often it runs, in milliseconds.
    pub interval_ms: u64,
    /// The health it reports, its output when that health was reached, and since when.
    #[serde(flatten)]
    pub status: CheckStatus,
}

impl Instance {
    /// Whether grpc clients and `discover pick` get it: passing and not drained.
    pub fn serving(&self) -> bool {
        self.health == Health::Passing && !self.drained
    }

    /// The stored value: etcd's naming JSON with this record as its `Metadata`.
    pub fn encode(&self) -> String {
        let update = Update {
            op: ADD,
            addr: self.addr.clone(),
            metadata: Some(self),
        };
        serde_json::to_string(&update).expect("a record always serializes")
    }

    /// The instance a stored value describes; `None` when it is not naming JSON or not an
    /// addition (etcd's resolver skips such values too). A value written by another tool,
    /// without etcdkit's record, is taken as a passing instance `id` of `service` at its
    /// address.
    pub fn decode(service: &str, id: &str, value: &[u8]) -> Option<Instance> {
        let update: Update<serde_json::Value> = serde_json::from_slice(value).ok()?;
        if update.op != ADD {
            return None;
        }
        let record = update
            .metadata
            .and_then(|m| serde_json::from_value::<Instance>(m).ok());
        Some(match record {
            Some(record) => Instance {
                // The key is the truth: a record copied to another key says where it is.
                service: service.to_string(),
                id: id.to_string(),
                addr: update.addr,
                ..record
            },
            None => Instance {
                service: service.to_string(),
                id: id.to_string(),
                addr: update.addr,
                tags: Vec::new(),
                meta: BTreeMap::new(),
                weight: 1,
                health: Health::Passing,
                drained: false,
                registered_at: String::new(),
                check: None,
            },
        })
    }
}

/// etcd's `Operation` Add.
const ADD: u8 = 0;

/// etcd's naming `Update` as stored: Go's field names, no tags.
#[derive(Serialize, Deserialize)]
struct Update<M> {
    #[serde(rename = "Op")]
    op: u8,
    #[serde(rename = "Addr")]
    addr: String,
    #[serde(rename = "Metadata", default)]
    metadata: Option<M>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Instance {
        Instance {
            service: "api".into(),
            id: "a".into(),
            addr: "127.0.0.1:8080".into(),
            tags: vec!["v2".into()],
            meta: [("zone".to_string(), "b".to_string())].into(),
            weight: 3,
            health: Health::Passing,
            drained: false,
            registered_at: "2026-12-02T00:00:00Z".into(),
            check: None,
        }
    }

    #[test]
    fn the_value_is_etcds_naming_json_with_the_record_as_metadata() {
        let value: serde_json::Value = serde_json::from_str(&sample().encode()).unwrap();
        assert_eq!(value["Op"], 0);
        assert_eq!(value["Addr"], "127.0.0.1:8080");
        assert_eq!(value["Metadata"]["weight"], 3);
        assert_eq!(value.as_object().unwrap().len(), 3);
        assert_eq!(
            Instance::decode("api", "a", sample().encode().as_bytes()),
            Some(sample())
        );
    }

    #[test]
    fn foreign_values_are_read_as_etcds_resolver_reads_them() {
        let bare = br#"{"Op":0,"Addr":"10.0.0.9:81","Metadata":null}"#;
        let got = Instance::decode("api", "x", bare).unwrap();
        assert_eq!(
            (got.addr.as_str(), got.weight, got.health),
            ("10.0.0.9:81", 1, Health::Passing)
        );
        assert_eq!(
            Instance::decode("api", "x", br#"{"Op":1,"Addr":"a:1"}"#),
            None
        );
        assert_eq!(Instance::decode("api", "x", b"not json"), None);
    }
}
