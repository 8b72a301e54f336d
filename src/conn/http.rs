//! A small HTTP GET for the plain endpoints etcd serves beside gRPC (`/metrics`, `/health`).
//!
//! HTTP/1.0 on purpose: the server then sends the body whole and closes, with no chunked
//! encoding to undo, which keeps this a few lines instead of a dependency.

use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;

use super::TlsMaterial;
use crate::error::{Error, Result};

/// The largest body read; etcd's `/metrics` is about 150 KB.
const MAX_BODY: u64 = 16 * 1024 * 1024;

/// GETs `path` from a client URL (`http://host:port` or `https://host:port`), within `timeout`.
pub async fn get(
    base_url: &str,
    path: &str,
    tls: Option<&TlsMaterial>,
    timeout: Duration,
) -> Result<String> {
    let timed_out = || Error::Timeout {
        endpoint: base_url.to_string(),
        after: timeout,
        waiting: crate::error::Waiting::Answer,
    };
    tokio::time::timeout(timeout, get_inner(base_url, path, tls))
        .await
        .map_err(|_| timed_out())?
}

async fn get_inner(base_url: &str, path: &str, tls: Option<&TlsMaterial>) -> Result<String> {
    let unreachable = |cause: String| Error::Unreachable {
        endpoint: base_url.to_string(),
        cause,
    };
    let (https, authority) = match base_url.split_once("://") {
        Some(("https", rest)) => (true, rest),
        Some(("http", rest)) => (false, rest),
        _ => (false, base_url),
    };
    let authority = authority.split('/').next().unwrap_or(authority);
    let tcp = TcpStream::connect(authority)
        .await
        .map_err(|e| unreachable(e.to_string()))?;
    let request = format!("GET {path} HTTP/1.0\r\nHost: {authority}\r\nAccept: text/plain\r\n\r\n");
    let raw = if https {
        // An https:// endpoint given without TLS files: the system's CAs, as for gRPC.
        let system;
        let tls = match tls {
            Some(t) => t,
            None => {
                system = TlsMaterial::system(false);
                &system
            }
        };
        let stream = tls.handshake(base_url, tcp, false).await.map_err(|e| {
            super::classify::tls_error(base_url, &format!("{e} {e:?}")).unwrap_or_else(|| {
                Error::Tls {
                    endpoint: base_url.to_string(),
                    cause: e.to_string(),
                    hint: "check --cacert, --cert and --key".into(),
                }
            })
        })?;
        exchange(stream, &request).await
    } else {
        exchange(tcp, &request).await
    }
    .map_err(|e| unreachable(e.to_string()))?;
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| unreachable("the answer is not HTTP".into()))?;
    let status = head.split_whitespace().nth(1).unwrap_or("");
    if status != "200" {
        return Err(Error::Etcd {
            endpoint: base_url.to_string(),
            cause: format!("GET {path} answered HTTP {status}"),
        });
    }
    Ok(body.to_string())
}

async fn exchange<S: AsyncRead + AsyncWrite + Unpin>(
    mut stream: S,
    request: &str,
) -> std::io::Result<Vec<u8>> {
    stream.write_all(request.as_bytes()).await?;
    stream.flush().await?;
    let mut raw = Vec::with_capacity(64 * 1024);
    let read = (&mut stream).take(MAX_BODY).read_to_end(&mut raw).await;
    match read {
        Ok(_) => Ok(raw),
        // Some servers close TLS without close_notify; what arrived is the whole answer.
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof && !raw.is_empty() => Ok(raw),
        Err(e) => Err(e),
    }
}
