//! One HTTP/1.1 request (hyper's client connection on our own TCP or TLS stream): a JSON POST
//! or a GET, answered with the status, the `Retry-After` header and the start of the body, or
//! a [`Failed`] that says whether trying again could work.
//!
//! Redirects are not followed: a URL that redirects is a configuration to fix, and following
//! it would send the request (and any token headers) somewhere else.

use std::fmt;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1;
use hyper::header::{HeaderName, HeaderValue, CONTENT_TYPE, HOST, RETRY_AFTER, USER_AGENT};
use hyper::Request;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::ServerName;
use tokio_rustls::TlsConnector;

use super::endpoint::HttpEndpoint;
use super::trust::Trust;
use crate::text::{one_line, words};

/// How much of a response body is read: enough for an error message.
const MAX_BODY_READ: usize = 4096;
/// How much of it an error message quotes.
const EXCERPT_CHARS: usize = 200;

/// What came back, whatever the status.
pub(crate) struct Answer {
    /// The status code.
    pub status: u16,
    /// The `Retry-After` header, when there is one and it is text.
    pub retry_after: Option<String>,
    /// The start of the body on one line, for an error message.
    pub excerpt: String,
}

/// Why a request got no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failed {
    /// What went wrong, safe to show ("cannot connect to h:1").
    pub summary: String,
    /// More words, when there are some (an OS or TLS error).
    pub detail: Option<String>,
    /// Another try would fail the same way (a bad certificate), unlike a refused connection.
    pub lasting: bool,
}

impl Failed {
    fn transient(summary: impl Into<String>, detail: Option<String>) -> Failed {
        Failed {
            summary: summary.into(),
            detail,
            lasting: false,
        }
    }

    fn lasting(summary: impl Into<String>, detail: Option<String>) -> Failed {
        Failed {
            summary: summary.into(),
            detail,
            lasting: true,
        }
    }
}

impl fmt::Display for Failed {
    /// "cannot connect to h:1: connection refused".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary)?;
        match self.detail.as_deref().filter(|d| !d.is_empty()) {
            Some(detail) => write!(f, ": {detail}"),
            None => Ok(()),
        }
    }
}

/// POSTs `body` (JSON) to `endpoint` with `headers`, once, without a deadline of its own (the
/// caller sets one). An https server must present a certificate `trust` vouches for;
/// `private_ca` says what to do when the certificate comes from a CA it does not know.
pub(crate) async fn post_json(
    endpoint: &HttpEndpoint,
    trust: &Trust,
    headers: &[(HeaderName, HeaderValue)],
    body: Bytes,
    private_ca: &str,
) -> Result<Answer, Failed> {
    let mut builder = Request::post(endpoint.path_and_query.as_str())
        .header(HOST, endpoint.authority.as_str())
        .header(CONTENT_TYPE, "application/json")
        .header(USER_AGENT, concat!("etcdkit/", env!("CARGO_PKG_VERSION")));
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    // The URL and headers were checked when parsed; this cannot fail, but if it did the error
    // must not quote them.
    let request = builder
        .body(Full::new(body))
        .map_err(|_| Failed::lasting("cannot build the HTTP request from the URL", None))?;
    send(endpoint, trust, request, private_ca).await
}

/// GETs `endpoint` once, like [`post_json`].
pub(crate) async fn get(
    endpoint: &HttpEndpoint,
    trust: &Trust,
    private_ca: &str,
) -> Result<Answer, Failed> {
    let request = Request::get(endpoint.path_and_query.as_str())
        .header(HOST, endpoint.authority.as_str())
        .header(USER_AGENT, concat!("etcdkit/", env!("CARGO_PKG_VERSION")))
        .body(Full::new(Bytes::new()))
        // The URL was checked when parsed; the error must not quote it.
        .map_err(|_| Failed::lasting("cannot build the HTTP request from the URL", None))?;
    send(endpoint, trust, request, private_ca).await
}

/// Connects (TCP, then TLS for https), sends `request` and reads the answer.
async fn send(
    endpoint: &HttpEndpoint,
    trust: &Trust,
    request: Request<Full<Bytes>>,
    private_ca: &str,
) -> Result<Answer, Failed> {
    let target = endpoint.host_port();
    let tcp = TcpStream::connect((endpoint.host.as_str(), endpoint.port))
        .await
        .map_err(|e| Failed::transient(format!("cannot connect to {target}"), Some(words(&e))))?;
    let _ = tcp.set_nodelay(true);
    if endpoint.https {
        let name = ServerName::try_from(endpoint.host.clone()).map_err(|_| {
            Failed::lasting(format!("{target} is not a valid TLS server name"), None)
        })?;
        let tls = TlsConnector::from(trust.client_config())
            .connect(name, tcp)
            .await
            .map_err(|e| tls_failed(&target, &e, private_ca))?;
        exchange(tls, request, &target).await
    } else {
        exchange(tcp, request, &target).await
    }
}

/// Sends the request on `io` and reads the status, `Retry-After` and the start of the body.
async fn exchange<S>(io: S, request: Request<Full<Bytes>>, target: &str) -> Result<Answer, Failed>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let broken = |e: hyper::Error| {
        Failed::transient(
            format!("HTTP exchange with {target} failed"),
            Some(words(&e)),
        )
    };
    let (mut sender, connection) = http1::handshake(TokioIo::new(io)).await.map_err(broken)?;
    let answer = async move {
        let response = sender.send_request(request).await?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let mut body = response.into_body();
        let mut bytes = Vec::new();
        // A body that breaks off still leaves the status, which is what counts.
        while bytes.len() < MAX_BODY_READ {
            match body.frame().await {
                Some(Ok(frame)) => {
                    if let Some(data) = frame.data_ref() {
                        bytes.extend_from_slice(data);
                    }
                }
                Some(Err(_)) | None => break,
            }
        }
        Ok(Answer {
            status,
            retry_after,
            excerpt: excerpt(&bytes),
        })
    };
    // The connection is driven here, not spawned: when the request ends or times out,
    // dropping it closes the socket.
    tokio::pin!(connection);
    tokio::select! {
        answer = answer => answer.map_err(broken),
        Err(e) = &mut connection => Err(broken(e)),
    }
}

/// The start of a response body on one line, for an error message.
fn excerpt(bytes: &[u8]) -> String {
    one_line(&String::from_utf8_lossy(bytes), EXCERPT_CHARS + 3)
}

/// A TLS handshake failure: a certificate problem is lasting, a broken connection is not.
/// `private_ca` is the advice for a certificate from an unknown CA.
fn tls_failed(target: &str, e: &std::io::Error, private_ca: &str) -> Failed {
    let mut summary = format!("TLS handshake with {target} failed");
    let detail = Some(words(e));
    let Some(tls) = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
    else {
        return Failed::transient(summary, detail);
    };
    if matches!(
        tls,
        rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer)
    ) {
        summary.push_str(&format!(
            " (its certificate is not signed by a trusted CA; {private_ca})"
        ));
    }
    Failed::lasting(summary, detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_one_short_line() {
        assert_eq!(
            excerpt(b"  no_service \r\n\tsecond line "),
            "no_service second line"
        );
        let long = "x".repeat(500);
        assert_eq!(excerpt(long.as_bytes()).len(), EXCERPT_CHARS + 3);
        assert_eq!(
            excerpt("é".repeat(300).as_bytes()).chars().count(),
            EXCERPT_CHARS + 3
        );
    }
}
