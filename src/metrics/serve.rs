//! The HTTP endpoint of `watch-metrics --listen`: the latest sample as Prometheus text and JSON.
//!
//! `GET /metrics` (Prometheus exposition, see [`super::export`]), `GET /healthz`,
//! `GET /api/v1/cluster/status` and `GET /api/v1/metrics/current` (JSON). A small HTTP/1.1
//! server: one request per connection, no keep-alive, nothing but GET.

use std::sync::{Arc, Mutex};

use serde::Serialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::export::exposition;
use super::watch::ClusterSample;

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
        "time": crate::units::now(),
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
    id: Option<crate::ids::HexId>,
    name: Option<String>,
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
                id: m.id,
                name: m.name.clone(),
                is_leader: m.is_leader,
                version: m.version.clone(),
            })
            .collect(),
    }
}
