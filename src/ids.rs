//! IDs that etcd hands out as uint64 (members, clusters, leases), shown as hex strings.
//!
//! They are often above 2^53, so JSON numbers would be rounded by jq and JavaScript; etcdctl's
//! tables show them in lowercase hex, and so do we, everywhere.

use std::fmt;

use serde::{Serialize, Serializer};

/// A member, cluster or lease ID; serialises as a lowercase hex string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HexId(pub u64);

impl fmt::Display for HexId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:x}", self.0)
    }
}

impl Serialize for HexId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_ids_are_exact_hex_strings() {
        let id = HexId(0xd8c7_89e0_cff9_a973);
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"d8c789e0cff9a973\"");
    }
}
