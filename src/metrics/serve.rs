//! The HTTP endpoint of `watch-metrics --listen`: the latest sample as Prometheus text and JSON.
//!
//! `GET /metrics` (Prometheus exposition of etcdkit's derived series), `GET /healthz`,
//! `GET /api/v1/cluster/status` and `GET /api/v1/metrics/current` (JSON). A small HTTP/1.1
//! server: one request per connection, no keep-alive, nothing but GET.

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::watch::{ClusterSample, MemberMetrics, Quantiles};

/// The latest sample, shared between the sampler and the server.
pub type Latest = Arc<Mutex<Option<ClusterSample>>>;

/// Serves until the listener fails; each connection is answered on its own task.
pub async fn serve(listener: TcpListener, latest: Latest) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let latest = latest.clone();
        tokio::spawn(async move {
            let _ = answer(stream, &latest).await;
        });
    }
}

async fn answer(mut stream: TcpStream, latest: &Latest) -> std::io::Result<()> {
    let mut request = Vec::with_capacity(1024);
    let mut buf = [0u8; 1024];
    // Read the request head (bounded); the body, if any, is ignored.
    while !request.windows(4).any(|w| w == b"\r\n\r\n") && request.len() < 16 * 1024 {
        let n = tokio::time::timeout(std::time::Duration::from_secs(5), stream.read(&mut buf))
            .await
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::TimedOut))??;
        if n == 0 {
            break;
        }
        request.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&request);
    let mut parts = head.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let path = target.split('?').next().unwrap_or("");
    let sample = latest.lock().map(|s| s.clone()).unwrap_or(None);
    let (status, kind, body) = match (method, path) {
        ("GET", "/metrics") => (
            "200 OK",
            "text/plain; version=0.0.4; charset=utf-8",
            exposition(sample.as_ref()),
        ),
        ("GET", "/healthz") => ("200 OK", "text/plain; charset=utf-8", "ok\n".to_string()),
        ("GET", "/api/v1/metrics/current") => match &sample {
            Some(s) => json(s),
            None => not_yet(),
        },
        ("GET", "/api/v1/cluster/status") => match &sample {
            Some(s) => json(&status_of(s)),
            None => not_yet(),
        },
        ("GET", _) => (
            "404 Not Found",
            "text/plain; charset=utf-8",
            "not found\n".to_string(),
        ),
        _ => (
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            "only GET\n".to_string(),
        ),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await
}

fn json<T: Serialize>(value: &T) -> (&'static str, &'static str, String) {
    match serde_json::to_string(value) {
        Ok(text) => ("200 OK", "application/json", text + "\n"),
        Err(_) => (
            "500 Internal Server Error",
            "text/plain; charset=utf-8",
            "cannot encode\n".into(),
        ),
    }
}

/// Before the first sample there is nothing to tell: 503, and why, as JSON.
fn not_yet() -> (&'static str, &'static str, String) {
    let reason = serde_json::json!({
        "error": "no sample yet: etcdkit is still taking its first sample of the cluster",
    });
    (
        "503 Service Unavailable",
        "application/json",
        format!("{reason}\n"),
    )
}

/// The cluster's state without the per-member figures.
#[derive(Debug, Serialize)]
struct ClusterStatus {
    time: String,
    sample: u64,
    members_up: usize,
    members_total: usize,
    leader_id: Option<crate::ids::HexId>,
    members: Vec<MemberStatus>,
}

#[derive(Debug, Serialize)]
struct MemberStatus {
    endpoint: String,
    up: bool,
    error: Option<String>,
    member_id: Option<crate::ids::HexId>,
    is_leader: bool,
    version: Option<String>,
}

fn status_of(s: &ClusterSample) -> ClusterStatus {
    ClusterStatus {
        time: s.time.clone(),
        sample: s.sample,
        members_up: s.members_up,
        members_total: s.members_total,
        leader_id: s.leader_id,
        members: s
            .members
            .iter()
            .map(|m| MemberStatus {
                endpoint: m.endpoint.clone(),
                up: m.up,
                error: m.error.clone(),
                member_id: m.member_id,
                is_leader: m.is_leader,
                version: m.version.clone(),
            })
            .collect(),
    }
}

/// The latest sample in the Prometheus text format. Series carry an `endpoint` label; a
/// figure that is unknown (first sample, member down) is left out rather than made up.
pub fn exposition(sample: Option<&ClusterSample>) -> String {
    let mut out = String::new();
    let Some(s) = sample else {
        out.push_str("# HELP etcdkit_samples_total Samples taken so far.\n# TYPE etcdkit_samples_total counter\netcdkit_samples_total 0\n");
        return out;
    };
    let gauge = |out: &mut String, name: &str, help: &str, value: f64| {
        let _ = writeln!(
            out,
            "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}"
        );
    };
    let _ = writeln!(out, "# HELP etcdkit_samples_total Samples taken so far.\n# TYPE etcdkit_samples_total counter\netcdkit_samples_total {}", s.sample);
    gauge(
        &mut out,
        "etcdkit_cluster_members_up",
        "Members that answered the last sample.",
        s.members_up as f64,
    );
    gauge(
        &mut out,
        "etcdkit_cluster_members",
        "Members asked in the last sample.",
        s.members_total as f64,
    );
    gauge(
        &mut out,
        "etcdkit_cluster_has_leader",
        "1 when a member that answered leads.",
        f64::from(u8::from(s.leader_id.is_some())),
    );
    type Get = fn(&MemberMetrics) -> Option<f64>;
    let series: [(&str, &str, Get); 16] = [
        (
            "etcdkit_member_up",
            "1 when the member answered the last sample.",
            |m| Some(f64::from(u8::from(m.up))),
        ),
        (
            "etcdkit_member_is_leader",
            "1 when the member leads.",
            |m| m.up.then(|| f64::from(u8::from(m.is_leader))),
        ),
        ("etcdkit_member_raft_term", "Raft term.", |m| {
            m.raft_term.map(|v| v as f64)
        }),
        (
            "etcdkit_member_raft_apply_lag",
            "Committed minus applied raft index.",
            |m| Some(m.raft_index? as f64 - m.raft_applied_index? as f64),
        ),
        ("etcdkit_member_db_size_bytes", "Backend size.", |m| {
            m.db_size_bytes.map(|v| v as f64)
        }),
        (
            "etcdkit_member_db_size_in_use_bytes",
            "Backend bytes in use.",
            |m| m.db_size_in_use_bytes.map(|v| v as f64),
        ),
        ("etcdkit_member_puts_per_second", "Puts per second.", |m| {
            m.puts_per_sec
        }),
        (
            "etcdkit_member_ranges_per_second",
            "Ranges per second.",
            |m| m.ranges_per_sec,
        ),
        (
            "etcdkit_member_txns_per_second",
            "Transactions per second.",
            |m| m.txns_per_sec,
        ),
        (
            "etcdkit_member_deletes_per_second",
            "Deletes per second.",
            |m| m.deletes_per_sec,
        ),
        (
            "etcdkit_member_grpc_failed_ratio",
            "Failed share of finished gRPC requests.",
            |m| m.grpc_failed_ratio,
        ),
        (
            "etcdkit_member_leader_changes",
            "Leader changes seen since the previous sample.",
            |m| m.leader_changes,
        ),
        (
            "etcdkit_member_proposals_pending",
            "Proposals pending.",
            |m| m.proposals_pending,
        ),
        (
            "etcdkit_member_proposals_failed",
            "Proposals failed since the previous sample.",
            |m| m.proposals_failed,
        ),
        (
            "etcdkit_member_memory_bytes",
            "Resident memory of the etcd process.",
            |m| m.memory_bytes,
        ),
        (
            "etcdkit_member_cpu_cores",
            "CPU seconds per second of the etcd process.",
            |m| m.cpu_cores,
        ),
    ];
    for (name, help, get) in series {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge");
        for m in &s.members {
            if let Some(v) = get(m).filter(|v| v.is_finite()) {
                let _ = writeln!(out, "{name}{{endpoint=\"{}\"}} {v}", escape(&m.endpoint));
            }
        }
    }
    type GetQ = fn(&MemberMetrics) -> Option<Quantiles>;
    let latencies: [(&str, &str, GetQ); 5] = [
        (
            "etcdkit_member_wal_fsync_ms",
            "WAL fsync latency since the previous sample, ms.",
            |m| m.wal_fsync_ms,
        ),
        (
            "etcdkit_member_backend_commit_ms",
            "Backend commit latency since the previous sample, ms.",
            |m| m.backend_commit_ms,
        ),
        (
            "etcdkit_member_peer_round_trip_ms",
            "Peer round-trip time since the previous sample, ms.",
            |m| m.peer_round_trip_ms,
        ),
        (
            "etcdkit_member_grpc_handling_ms",
            "Server-side gRPC handling time, ms (etcd --metrics=extensive).",
            |m| m.grpc_handling_ms,
        ),
        (
            "etcdkit_member_probe_ms",
            "etcdkit's own linearizable read latency over the run, ms.",
            |m| m.probe_ms,
        ),
    ];
    for (name, help, get) in latencies {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge");
        for m in &s.members {
            if let Some(q) = get(m) {
                for (label, v) in [("0.5", q.p50), ("0.95", q.p95), ("0.99", q.p99)] {
                    let _ = writeln!(
                        out,
                        "{name}{{endpoint=\"{}\",quantile=\"{label}\"}} {v}",
                        escape(&m.endpoint)
                    );
                }
            }
        }
    }
    out
}

fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exposition_parses_back_and_leaves_unknowns_out() {
        let sample = ClusterSample {
            time: "t".into(),
            sample: 2,
            members_up: 1,
            members_total: 2,
            leader_id: None,
            puts_per_sec: None,
            ranges_per_sec: None,
            members: vec![
                MemberMetrics {
                    endpoint: "http://127.0.0.1:1".into(),
                    up: true,
                    puts_per_sec: Some(12.5),
                    wal_fsync_ms: Some(Quantiles {
                        p50: 1.0,
                        p95: 2.0,
                        p99: 3.0,
                    }),
                    ..MemberMetrics::default()
                },
                MemberMetrics {
                    endpoint: "http://127.0.0.1:2".into(),
                    ..MemberMetrics::default()
                },
            ],
        };
        let text = exposition(Some(&sample));
        let parsed = crate::metrics::parse(&text);
        let lines = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .count();
        assert_eq!(
            parsed.0.len(),
            lines,
            "every line is valid exposition:\n{text}"
        );
        let ups: Vec<f64> = parsed.all("etcdkit_member_up").map(|s| s.value).collect();
        assert_eq!(ups, [1.0, 0.0]);
        assert_eq!(
            parsed.all("etcdkit_member_puts_per_second").count(),
            1,
            "unknowns are left out"
        );
        let p99 = parsed
            .all("etcdkit_member_wal_fsync_ms")
            .find(|s| s.label("quantile") == Some("0.99"))
            .unwrap();
        assert_eq!(p99.value, 3.0);
    }
}
