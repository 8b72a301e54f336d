//! Integration-test fixture that runs REAL etcd processes on 127.0.0.1 (see [`Etcd`]).
//!
//! Use it from an integration test file with `mod support;` (from `tests/NAME/main.rs`:
//! `#[path = "../support/mod.rs"] mod support;`), then for example:
//!
//! ```ignore
//! let etcd = support::Etcd::cluster(3);
//! let out = etcd.etcdctl(&["put", "k", "v"]);
//! assert!(out.status.success());
//! ```
//!
//! Binaries: `ETCDKIT_TEST_ETCD` (default `etcd`) and `ETCDKIT_TEST_ETCDCTL` (default `etcdctl`);
//! for mixed-version clusters `ETCDKIT_TEST_ETCD35` (default `.tools/etcd-3.5.1/etcd`, which
//! `scripts/test` fetches, see [`etcd35_bin`]).
//! Other knobs: `ETCDKIT_TEST_START_TIMEOUT` (seconds to wait for members to answer, default 20),
//! `ETCDKIT_TEST_ETCD_LOG_LEVEL` (default `error`), `ETCDKIT_TEST_KEEP=1` (keep the temp dir with
//! data, logs and TLS files after the test; its path is printed on stderr).
//!
//! Every member runs in its own temp dir with free loopback ports, logs to `<dir>/<name>.log`, and
//! is killed with SIGKILL when the [`Etcd`] is dropped (also when the test panics) or when the test
//! process dies (`PR_SET_PDEATHSIG`).
//!
//! [`Network`] puts a cluster in network namespaces instead (as root), so that a member can be
//! cut off, delayed or made lossy: `Etcd::builder().network(&net)` (see tests/nemesis).
//!
//! For alert channels it also runs stand-ins for the services etcdkit notifies, on 127.0.0.1
//! and stopped on Drop: [`Receiver`] (an HTTP server that records requests and answers from a
//! script: Slack, PagerDuty, webhooks) and [`SmtpServer`] (SMTP with optional STARTTLS or
//! implicit TLS and AUTH), and for `discover`'s gRPC checks a real grpc.health.v1 server
//! ([`GrpcHealthServer`], grpcio's own, in the Python venv `scripts/setup` makes).

// Each test binary uses a different part of the fixture.
#![allow(dead_code)]

mod etcd;
mod grpc_health;
mod loopback;
mod netns;
mod proc;
mod receiver;
mod smtp;
mod switch;
mod tls;

use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

#[allow(unused_imports)]
pub use etcd::{Etcd, EtcdBuilder, ALICE_PASSWORD, ROOT_PASSWORD};
#[allow(unused_imports)]
pub use grpc_health::GrpcHealthServer;
#[allow(unused_imports)]
pub use loopback::{LoopbackServer, Stopping};
#[allow(unused_imports)]
pub use netns::{command_in, in_netns, Host, Network};
#[allow(unused_imports)]
pub use proc::{process_alive, spawn_tied_to_test};
#[allow(unused_imports)]
pub use receiver::{Receiver, Reply, Request};
#[allow(unused_imports)]
pub use smtp::{Mail, SmtpBuilder, SmtpServer};
#[allow(unused_imports)]
pub use switch::Degrade;
#[allow(unused_imports)]
pub use tls::TlsFiles;

/// The etcd binary the fixture runs: `$ETCDKIT_TEST_ETCD`, or `etcd` from `PATH`.
pub fn etcd_bin() -> OsString {
    std::env::var_os("ETCDKIT_TEST_ETCD")
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "etcd".into())
}

/// An etcd 3.5.1 binary, for clusters whose members run different versions
/// ([`EtcdBuilder::binary_for`]): `$ETCDKIT_TEST_ETCD35`, or `.tools/etcd-3.5.1/etcd` in the
/// repository, where `ETCDKIT_WITH_ETCD35=1 scripts/setup` puts it (`scripts/test` always does).
///
/// Panics when it is missing: a test that needs it must fail, not pass without running.
pub fn etcd35_bin() -> PathBuf {
    tool_in_repo(
        "ETCDKIT_TEST_ETCD35",
        ".tools/etcd-3.5.1/etcd",
        "etcd 3.5.1",
        "Fetch it with `ETCDKIT_WITH_ETCD35=1 scripts/setup` (scripts/test does), or set \
         ETCDKIT_TEST_ETCD35 to an etcd 3.5 binary.",
    )
}

/// A program a test needs: `$VAR`, or `default` below the repository (where `scripts/setup`
/// puts it). Panics with `what` is missing and `how` to get it when it is not there: a test
/// that needs it must fail, not pass without running.
pub fn tool_in_repo(var: &str, default: &str, what: &str, how: &str) -> PathBuf {
    let (bin, from) = match std::env::var_os(var).filter(|s| !s.is_empty()) {
        Some(bin) => (PathBuf::from(bin), var),
        None => (
            Path::new(env!("CARGO_MANIFEST_DIR")).join(default),
            "the default path",
        ),
    };
    assert!(
        bin.is_file(),
        "{what} is missing: {} ({from}) does not exist.\n{how}",
        bin.display()
    );
    bin
}

/// The etcdctl binary the fixture runs: `$ETCDKIT_TEST_ETCDCTL`, or `etcdctl` from `PATH`.
pub fn etcdctl_bin() -> OsString {
    std::env::var_os("ETCDKIT_TEST_ETCDCTL")
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "etcdctl".into())
}

/// Returns a TCP port that was free on 127.0.0.1 a moment ago (picked at random below the
/// kernel's ephemeral range, and bound once to check).
///
/// Never returns the same port twice within one process. Another process can still grab the
/// port before etcd binds it; [`Etcd`] detects "address already in use" and retries with new
/// ports.
pub fn free_port() -> u16 {
    static HANDED_OUT: OnceLock<Mutex<HashSet<u16>>> = OnceLock::new();
    let handed_out = HANDED_OUT.get_or_init(|| Mutex::new(HashSet::new()));
    // Below the kernel's ephemeral range (32768-60999 by default), from which every outgoing
    // connection takes its source port: a port found free there can be taken by some test's
    // client between this check and the server's bind ("address already in use"). Here only
    // another listener can take it, and tests in other processes pick at random too.
    const PORTS: std::ops::Range<u32> = 20_000..32_768;
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
        ^ (u64::from(std::process::id()) << 32);
    for _ in 0..1000 {
        // xorshift64: enough to spread the picks of parallel test processes.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let port = (PORTS.start + (seed % u64::from(PORTS.end - PORTS.start)) as u32) as u16;
        if TcpListener::bind((Ipv4Addr::LOCALHOST, port)).is_err() {
            continue;
        }
        let mut set = handed_out.lock().unwrap_or_else(|e| e.into_inner());
        if set.insert(port) {
            return port;
        }
    }
    panic!("free_port: no new free port after 1000 attempts");
}

/// Version of the etcd binary the fixture runs by default ([`etcd_bin`]), e.g. (3, 4, 23).
pub fn etcd_version() -> (u32, u32, u32) {
    static VERSION: OnceLock<(u32, u32, u32)> = OnceLock::new();
    *VERSION.get_or_init(|| version_of(etcd_bin()))
}

/// Version of an etcd binary (`etcd --version`) as (major, minor, patch).
pub fn version_of(bin: impl AsRef<OsStr>) -> (u32, u32, u32) {
    let bin = bin.as_ref();
    let out = std::process::Command::new(bin)
        .arg("--version")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {bin:?} --version: {e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    let v = text
        .lines()
        .find_map(|l| l.strip_prefix("etcd Version:"))
        .unwrap_or_else(|| panic!("unexpected `{bin:?} --version` output: {text}"));
    let mut parts = v.trim().split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}
