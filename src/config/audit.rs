//! The audit record every write puts at `ROOT/.audit` in its own transaction: who (user, host,
//! etcd user), when, what kind of write and why. Its history is the tree's audit log: the
//! record at a revision tells who made the change at that revision.

use serde::{Deserialize, Serialize};

/// One write's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audit {
    /// What the write was: `set`, `delete`, `import`, `schema set`, ...
    pub action: String,
    /// The account that ran etcdkit.
    pub user: String,
    /// The machine it ran on.
    pub host: String,
    /// The etcd user it wrote as, when etcd's authentication was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etcd_user: Option<String>,
    /// Why (`--reason`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// When, by the writer's clock (RFC 3339).
    pub written_at: String,
    /// How many keys the write changed.
    pub keys: usize,
    /// A random ID of the write: tells a retried transaction that its first attempt went
    /// through.
    pub write_id: String,
}

impl Audit {
    /// A record of a write by this process, now.
    pub fn new(action: &str, etcd_user: Option<&str>, reason: Option<&str>, keys: usize) -> Audit {
        Audit {
            action: action.to_string(),
            user: crate::who::user(),
            host: crate::who::hostname(),
            etcd_user: etcd_user.map(str::to_string),
            reason: reason.map(str::to_string),
            written_at: crate::units::now(),
            keys,
            write_id: format!("{:016x}", fastrand::u64(..)),
        }
    }

    /// The record stored as `bytes`, if it is one.
    pub fn decode(bytes: &[u8]) -> Option<Audit> {
        serde_json::from_slice(bytes).ok()
    }

    /// The stored text.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("an audit record always serializes")
    }
}
