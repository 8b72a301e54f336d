//! Runs under `/etcdkit-bench/`: each live run marks itself with a key on a lease, so the next
//! run can tell the keys of a run that died without cleaning up (SIGKILL, a crash, a lost
//! machine) from those of a run still going, and delete them.
//!
//! The keys a run loads etcd with carry no lease on purpose: attaching every put to a lease
//! costs etcd 3.4 more than the put itself, and a benchmark must measure plain puts.

use etcd_client::{Client, DeleteOptions, GetOptions, PutOptions};

use crate::concurrency::session::Ttl;
use crate::conn::ConnectOptions;
use crate::error::Result;

/// Where runs put their keys unless told otherwise: `/etcdkit-bench/<run id>/`.
pub const RUNS: &str = "/etcdkit-bench/";

/// The TTL of the lease a run's marker hangs on: this long after a run died without cleaning up
/// (SIGKILL, a crash, a lost machine), the next run deletes its keys.
pub const MARKER_TTL: Ttl = Ttl::from_secs(10);

/// The most run directories one scan for stale runs looks at.
const SCAN_LIMIT: usize = 10_000;

/// A fresh run id: seconds since the epoch and a random suffix, in hex (`67a1b2c3-4f0e`).
pub fn new_id() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!("{secs:x}-{:04x}", fastrand::u16(..))
}

/// Whether `name` looks like an id [`new_id`] makes. Only such directories are ever cleaned up
/// by another run; a `--prefix /etcdkit-bench/mine/` of the user's is never touched.
fn is_run_id(name: &str) -> bool {
    let Some((secs, suffix)) = name.split_once('-') else {
        return false;
    };
    let hex = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit());
    hex(secs) && secs.len() <= 16 && suffix.len() == 4 && hex(suffix)
}

/// The marker key of the run whose prefix is `prefix`, when it is a run directory
/// (`/etcdkit-bench/<run id>/` -> `/etcdkit-bench/<run id>`).
pub fn marker(prefix: &str) -> Option<String> {
    let id = prefix.strip_prefix(RUNS)?.strip_suffix('/')?;
    is_run_id(id).then(|| format!("{RUNS}{id}"))
}

/// Marks a run as alive: its marker on `lease` (`running`), or with no lease for a run whose
/// keys stay (`--keep`: `kept`, so that no later run deletes them).
pub async fn mark(
    conn: &ConnectOptions,
    client: &Client,
    marker: &str,
    lease: Option<i64>,
) -> Result<()> {
    let (value, options) = match lease {
        Some(id) => ("running", Some(PutOptions::new().with_lease(id))),
        None => ("kept", None),
    };
    let mut kv = client.kv_client();
    conn.request(&conn.label(), kv.put(marker, value, options))
        .await?;
    Ok(())
}

/// Deletes the keys of every run directory under [`RUNS`] whose run has no marker (it died
/// without cleaning up, and its lease has expired); returns how many keys went.
pub async fn clean_up_dead(conn: &ConnectOptions, client: &Client) -> Result<i64> {
    let mut kv = client.kv_client();
    let end = format!("{}0", RUNS.trim_end_matches('/'));
    let mut from = RUNS.to_string();
    let mut deleted = 0;
    for _ in 0..SCAN_LIMIT {
        let first = GetOptions::new()
            .with_range(end.clone())
            .with_limit(1)
            .with_keys_only();
        let found = conn
            .request(&conn.label(), kv.get(from.clone(), Some(first)))
            .await?;
        let Some(key) = found.kvs().first().map(|kv| kv.key().to_vec()) else {
            break;
        };
        let key = String::from_utf8_lossy(&key).into_owned();
        let Some((name, _)) = key[RUNS.len()..].split_once('/') else {
            // A key of its own (a marker, say): go on right after it.
            from = format!("{key}\0");
            continue;
        };
        // Past everything under `<name>/` ('0' follows '/').
        from = format!("{RUNS}{name}0");
        if !is_run_id(name) {
            continue;
        }
        let alive = GetOptions::new().with_count_only();
        let marked = conn
            .request(&conn.label(), kv.get(format!("{RUNS}{name}"), Some(alive)))
            .await?
            .count();
        if marked == 0 {
            let dir = format!("{RUNS}{name}/");
            let gone = conn
                .delete_with_retry(&kv, dir, Some(DeleteOptions::new().with_prefix()))
                .await?;
            deleted += gone.deleted();
        }
    }
    Ok(deleted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_run_directories_have_markers() {
        let id = new_id();
        assert!(is_run_id(&id), "{id}");
        assert_eq!(marker(&format!("{RUNS}{id}/")), Some(format!("{RUNS}{id}")));
        for prefix in [
            "/etcdkit-bench/mine/",
            "/etcdkit-bench/67a1b2c3-4f0e/deeper/",
            "/other/67a1b2c3-4f0e/",
            "/etcdkit-bench/67a1b2c3-4f0/",
        ] {
            assert_eq!(marker(prefix), None, "{prefix}");
        }
    }
}
