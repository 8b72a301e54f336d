//! A real HTTP/1.1 server on 127.0.0.1 standing in for Slack, PagerDuty or a webhook receiver:
//! it records every request and answers from a script, then with a default reply.
//!
//! ```ignore
//! let rx = Receiver::with_responses(vec![500, 200]);
//! // ... deliver to rx.url("/hook") ...
//! let requests = rx.wait_for(2, Duration::from_secs(10));
//! assert_eq!(requests[1].json()["version"], "4");
//! ```
//!
//! One request per connection (`Connection: close`); bodies need a `Content-Length`.
//! [`Receiver::https`] speaks TLS with the fixture's server certificate (127.0.0.1 / localhost),
//! for channels whose `ca_file` trusts the fixture's CA.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio_rustls::rustls::{ServerConfig, ServerConnection, StreamOwned};

use super::loopback::{lock, LoopbackServer, Recording, Stopping};
use super::TlsFiles;

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Request {
    /// `POST`, `GET`, ...
    pub method: String,
    /// The request target: path and query.
    pub path: String,
    /// Headers in arrival order, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body as text.
    pub body: String,
    /// It came over TLS.
    pub tls: bool,
    /// When the request was complete.
    pub at: Instant,
}

impl Request {
    /// The first header called `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON; panics (showing the body) when it is not JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("request body is not JSON ({e}): {}", self.body))
    }
}

/// How the receiver answers one request.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: String,
    /// Accept the request and never answer (until the receiver is dropped).
    pub hang: bool,
}

impl Reply {
    /// `status` with the body `ok` for 2xx and `error <status>` otherwise.
    pub fn status(status: u16) -> Reply {
        let body = if (200..300).contains(&status) {
            "ok".to_string()
        } else {
            format!("error {status}")
        };
        Reply {
            status,
            headers: Vec::new(),
            body,
            hang: false,
        }
    }

    /// Never answers.
    pub fn hang() -> Reply {
        Reply {
            hang: true,
            ..Reply::status(200)
        }
    }

    /// The same reply with another body.
    pub fn with_body(mut self, body: impl Into<String>) -> Reply {
        self.body = body.into();
        self
    }

    /// The same reply with one more header.
    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
}

struct Shared {
    requests: Recording<Request>,
    script: Mutex<VecDeque<Reply>>,
    then: Reply,
    tls: Option<Arc<ServerConfig>>,
}

/// The running receiver; stopped on Drop.
pub struct Receiver {
    server: LoopbackServer,
    shared: Arc<Shared>,
}

impl Receiver {
    /// Answers every request with 200 `ok`.
    pub fn start() -> Receiver {
        Receiver::scripted(Vec::new(), Reply::status(200))
    }

    /// Answers with these statuses in turn, then 200.
    pub fn with_responses(statuses: Vec<u16>) -> Receiver {
        Receiver::scripted(
            statuses.into_iter().map(Reply::status).collect(),
            Reply::status(200),
        )
    }

    /// Answers the first request with `status` and `Retry-After: secs`, then 200.
    pub fn with_retry_after(status: u16, secs: u64) -> Receiver {
        let first = Reply::status(status).with_header("Retry-After", &secs.to_string());
        Receiver::scripted(vec![first], Reply::status(200))
    }

    /// Accepts requests and never answers.
    pub fn hanging() -> Receiver {
        Receiver::scripted(Vec::new(), Reply::hang())
    }

    /// Answers with `replies` in turn, then with `then`.
    pub fn scripted(replies: Vec<Reply>, then: Reply) -> Receiver {
        Receiver::listen(replies, then, None)
    }

    /// Speaks HTTPS with `files`' server certificate and answers every request with 200 `ok`.
    /// A client that does not trust `files.ca` fails the handshake, and nothing is recorded.
    pub fn https(files: &TlsFiles) -> Receiver {
        Receiver::listen(Vec::new(), Reply::status(200), Some(files.server_config()))
    }

    fn listen(replies: Vec<Reply>, then: Reply, tls: Option<Arc<ServerConfig>>) -> Receiver {
        let shared = Arc::new(Shared {
            requests: Recording::new(),
            script: Mutex::new(replies.into()),
            then,
            tls,
        });
        let server = {
            let shared = shared.clone();
            LoopbackServer::start("http receiver", move |stream, stopping| {
                serve(stream, &shared, stopping)
            })
        };
        Receiver { server, shared }
    }

    /// `http://127.0.0.1:PORT{path}`, or `https://...` for [`Receiver::https`].
    pub fn url(&self, path: &str) -> String {
        let scheme = if self.shared.tls.is_some() {
            "https"
        } else {
            "http"
        };
        format!("{scheme}://{}{path}", self.server.addr())
    }

    /// `127.0.0.1:PORT`.
    pub fn addr(&self) -> SocketAddr {
        self.server.addr()
    }

    /// The requests so far.
    pub fn requests(&self) -> Vec<Request> {
        self.shared.requests.all()
    }

    /// Waits until at least `n` requests arrived and returns them all; panics after `timeout`
    /// with what did arrive.
    pub fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Request> {
        let what = format!("requests at {}", self.addr());
        self.shared.requests.wait_for(n, timeout, &what)
    }
}

fn serve(tcp: TcpStream, shared: &Shared, stopping: &Stopping) {
    let Some(config) = &shared.tls else {
        return answer(tcp, false, shared, stopping);
    };
    let Ok(conn) = ServerConnection::new(config.clone()) else {
        return;
    };
    // The handshake happens on the first read; a client that rejects the certificate ends it
    // there, before any request.
    let mut tls = StreamOwned::new(conn, tcp);
    answer(&mut tls, true, shared, stopping);
    tls.conn.send_close_notify();
    let _ = tls.flush();
}

/// Reads one request from `stream`, records it and answers it.
fn answer(mut stream: impl Read + Write, tls: bool, shared: &Shared, stopping: &Stopping) {
    let Some(request) = read_request(&mut stream, tls) else {
        return;
    };
    let reply = lock(&shared.script)
        .pop_front()
        .unwrap_or_else(|| shared.then.clone());
    shared.requests.push(request);
    if reply.hang {
        stopping.wait();
        return;
    }
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reason(reply.status),
        reply.body.len()
    );
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(reply.body.as_bytes());
    let _ = stream.flush();
}

/// Reads one request: head up to the blank line, then `Content-Length` bytes of body.
fn read_request(stream: &mut impl Read, tls: bool) -> Option<Request> {
    let mut raw = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        if raw.len() > 64 * 1024 {
            return None;
        }
        let n = stream.read(&mut chunk).ok().filter(|n| *n > 0)?;
        raw.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split_whitespace();
    let (method, path) = (first.next()?.to_string(), first.next()?.to_string());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = raw[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).ok().filter(|n| *n > 0)?;
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Request {
        method,
        path,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
        tls,
        at: Instant::now(),
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        202 => "Accepted",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
