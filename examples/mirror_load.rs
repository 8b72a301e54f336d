//! Loads a [`Mirror`] of a prefix and reports how long the load took and what it holds, for
//! `scripts/bench-watch`: `cargo run --release --example mirror_load -- ENDPOINT PREFIX [PAGE_SIZE]`
//! (keys per page of the listing; the layer's default when not given).
//!
//! Prints one JSON object: `keys`, `raw_bytes` (keys plus values), `load_ms`, and the
//! process's resident memory before the load, after it, and at its peak (KiB, from
//! /proc/self/status), so the growth can be set against the raw size.

use std::time::Instant;

use etcdkit::conn::ConnectOptions;
use etcdkit::watch::{FollowOptions, Keys, Mirror};

/// A `VmRSS`-style line of /proc/self/status, in KiB.
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> etcdkit::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(endpoint), Some(prefix)) = (args.next(), args.next()) else {
        eprintln!("usage: mirror_load ENDPOINT PREFIX [PAGE_SIZE]");
        std::process::exit(3);
    };
    let mut options = FollowOptions::new(Keys::raw_prefix(prefix));
    if let Some(page_size) = args.next().and_then(|p| p.parse().ok()) {
        options.page_size = page_size;
    }
    let conn = ConnectOptions {
        endpoints: vec![endpoint],
        ..Default::default()
    };
    let target = conn.resolve()?;
    let before = status_kib("VmRSS:");
    let started = Instant::now();
    let mirror = Mirror::start(&target, options).await?;
    let load_ms = started.elapsed().as_secs_f64() * 1000.0;
    let (keys, raw_bytes) = {
        let read = mirror.read();
        let raw: usize = read.iter().map(|(k, e)| k.len() + e.value.len()).sum();
        (read.len(), raw)
    };
    let report = serde_json::json!({
        "keys": keys,
        "raw_bytes": raw_bytes,
        "load_ms": load_ms,
        "rss_before_kib": before,
        "rss_after_kib": status_kib("VmRSS:"),
        "rss_peak_kib": status_kib("VmHWM:"),
    });
    println!("{report}");
    Ok(())
}
