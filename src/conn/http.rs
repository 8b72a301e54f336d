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
    let mut body = Vec::with_capacity(64 * 1024);
    fetch(base_url, path, tls, timeout, |chunk| {
        body.extend_from_slice(chunk);
        true
    })
    .await?;
    Ok(String::from_utf8_lossy(&body).into_owned())
}

/// GETs `path` like [`get`], but reads the body only up to the first line that starts with
/// `prefix` followed by a space or `{` (one metric's sample line), and returns that line; `None`
/// when the body has no such line. The rest is never read: the connection is dropped.
pub async fn find_line(
    base_url: &str,
    path: &str,
    tls: Option<&TlsMaterial>,
    timeout: Duration,
    prefix: &str,
) -> Result<Option<String>> {
    let mut lines = LineFinder {
        prefix,
        pending: Vec::new(),
        found: None,
    };
    fetch(base_url, path, tls, timeout, |chunk| lines.feed(chunk)).await?;
    lines.finish();
    Ok(lines.found)
}

/// Looks through a body arriving in chunks for the first line that starts with a prefix.
struct LineFinder<'a> {
    prefix: &'a str,
    /// The start of a line whose end has not arrived yet.
    pending: Vec<u8>,
    found: Option<String>,
}

impl LineFinder<'_> {
    /// Takes the next chunk; false once the line is found.
    fn feed(&mut self, chunk: &[u8]) -> bool {
        let mut rest = chunk;
        while let Some(end) = rest.iter().position(|&b| b == b'\n') {
            let line = if self.pending.is_empty() {
                &rest[..end]
            } else {
                self.pending.extend_from_slice(&rest[..end]);
                &self.pending[..]
            };
            if self.matches(line) {
                self.found = Some(String::from_utf8_lossy(line).into_owned());
                return false;
            }
            self.pending.clear();
            rest = &rest[end + 1..];
        }
        self.pending.extend_from_slice(rest);
        true
    }

    /// The body ended: its last line may lack its line end.
    fn finish(&mut self) {
        if self.found.is_none() && self.matches(&self.pending) {
            self.found = Some(String::from_utf8_lossy(&self.pending).into_owned());
        }
    }

    fn matches(&self, line: &[u8]) -> bool {
        line.strip_prefix(self.prefix.as_bytes())
            .is_some_and(|after| matches!(after.first(), Some(b' ' | b'{')))
    }
}

/// GETs `path` and hands the body to `sink` as it arrives, until `sink` returns false or the
/// body ends, all within `timeout`.
async fn fetch(
    base_url: &str,
    path: &str,
    tls: Option<&TlsMaterial>,
    timeout: Duration,
    sink: impl FnMut(&[u8]) -> bool,
) -> Result<()> {
    let timed_out = || Error::Timeout {
        endpoint: base_url.to_string(),
        after: timeout,
        waiting: crate::error::Waiting::Answer,
    };
    tokio::time::timeout(timeout, fetch_inner(base_url, path, tls, sink))
        .await
        .map_err(|_| timed_out())?
}

async fn fetch_inner(
    base_url: &str,
    path: &str,
    tls: Option<&TlsMaterial>,
    sink: impl FnMut(&[u8]) -> bool,
) -> Result<()> {
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
    let status = if https {
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
        exchange(stream, &request, sink).await
    } else {
        exchange(tcp, &request, sink).await
    }
    .map_err(|e| unreachable(e.to_string()))?;
    match status {
        Some(200) => Ok(()),
        Some(code) => Err(Error::Etcd {
            endpoint: base_url.to_string(),
            cause: format!("GET {path} answered HTTP {code}"),
        }),
        None => Err(unreachable("the answer is not HTTP".into())),
    }
}

/// Sends the request and passes the body on to `sink` (only when the status is 200); the
/// status code, `None` when the answer is not HTTP.
async fn exchange<S: AsyncRead + AsyncWrite + Unpin>(
    mut stream: S,
    request: &str,
    mut sink: impl FnMut(&[u8]) -> bool,
) -> std::io::Result<Option<u16>> {
    stream.write_all(request.as_bytes()).await?;
    stream.flush().await?;
    let mut head = Vec::new();
    let mut status = None;
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = match stream.read(&mut buf).await {
            Ok(n) => n,
            // Some servers close TLS without close_notify; what arrived is the whole answer.
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof && total > 0 => 0,
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(status);
        }
        total += n as u64;
        let mut chunk = &buf[..n];
        if status.is_none() {
            head.extend_from_slice(chunk);
            let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") else {
                if head.len() > 64 * 1024 {
                    return Ok(None);
                }
                continue;
            };
            let code = String::from_utf8_lossy(&head[..end])
                .split_whitespace()
                .nth(1)
                .and_then(|c| c.parse::<u16>().ok());
            let Some(code) = code else {
                return Ok(None);
            };
            status = Some(code);
            if code != 200 {
                return Ok(status);
            }
            let body_start = end + 4 - (head.len() - n);
            chunk = &buf[body_start..n];
        }
        if !sink(chunk) || total > MAX_BODY {
            return Ok(status);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds `body` in chunks of `size` bytes; the line found and how many bytes were taken.
    fn find(body: &str, prefix: &str, size: usize) -> (Option<String>, usize) {
        let mut lines = LineFinder {
            prefix,
            pending: Vec::new(),
            found: None,
        };
        let mut taken = 0;
        for chunk in body.as_bytes().chunks(size) {
            taken += chunk.len();
            if !lines.feed(chunk) {
                return (lines.found, taken);
            }
        }
        lines.finish();
        (lines.found, taken)
    }

    #[test]
    fn the_line_is_found_across_chunks_and_reading_stops_there() {
        let body = "# HELP q_bytes The quota.\n# TYPE q_bytes gauge\nq_bytes_total 7\nq_bytes 1.048576e+06\nlater 1\n";
        let wanted = Some("q_bytes 1.048576e+06".to_string());
        let line_end = body.find("e+06\n").unwrap() + 5;
        for size in [1, 2, 3, 7, 16, body.len()] {
            let (found, taken) = find(body, "q_bytes", size);
            assert_eq!(found, wanted, "chunks of {size}");
            assert!(
                taken < line_end + size,
                "chunks of {size}: read on to {taken}"
            );
        }
        let labelled = "x 1\nq_bytes{a=\"b\"} 3\n";
        assert_eq!(
            find(labelled, "q_bytes", 5).0.as_deref(),
            Some("q_bytes{a=\"b\"} 3")
        );
        // A longer name or a comment is not the line; a last line without its end is.
        assert_eq!(find(body, "q_byte", 4).0, None);
        assert_eq!(
            find("# q_bytes 3\nq_bytes 3", "q_bytes", 4).0.as_deref(),
            Some("q_bytes 3")
        );
    }
}
