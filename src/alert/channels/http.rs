//! One HTTP/1.1 request (hyper's client connection on our own TCP or TLS stream): a JSON POST
//! whose answer is turned into success or a [`Failure`] that says whether to try again, and
//! the GET of a health check (`discover register --check-http`), which only wants the status.
//!
//! Redirects are not followed: a webhook URL that redirects is a configuration to fix, and
//! following it would send the payload (and any token headers) somewhere else.

use std::time::Duration;

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
use super::retry::{parse_retry_after, with_retries, words, Failure, Policy};
use super::trust::Trust;

/// How much of a response body is read: enough for an error message.
const MAX_BODY_READ: usize = 4096;
/// How much of it an error message quotes.
const EXCERPT_CHARS: usize = 200;

/// POSTs `body` (JSON) to `endpoint` with `headers`, retrying as `policy` allows; an https
/// server must present a certificate `trust` vouches for. Returns the last failure, if any,
/// and the number of attempts.
pub(crate) async fn post_json(
    endpoint: &HttpEndpoint,
    trust: &Trust,
    headers: &[(HeaderName, HeaderValue)],
    body: &[u8],
    policy: Policy,
) -> (Result<(), Failure>, u32) {
    let body = Bytes::copy_from_slice(body);
    with_retries(policy, &endpoint.host_port(), || {
        post_once(endpoint, trust, headers, body.clone())
    })
    .await
}

/// The status line's verdict: 2xx is delivered; 429 and 5xx may work later (after the
/// server's `Retry-After`, if it sent one); anything else will not.
fn judge(endpoint: &HttpEndpoint, answer: Answer) -> Result<(), Failure> {
    let summary = format!("HTTP {} from {}", answer.status, endpoint.host_port());
    let detail = Some(answer.excerpt).filter(|e| !e.is_empty());
    match answer.status {
        200..=299 => Ok(()),
        429 | 500..=599 => Err(Failure {
            retry: Some(answer.retry_after),
            ..Failure::transient(summary, detail)
        }),
        300..=399 => Err(Failure::fatal(
            format!("{summary} (a redirect; redirects are not followed, check the URL)"),
            None,
        )),
        _ => Err(Failure::fatal(summary, detail)),
    }
}

/// What came back, as far as the verdict and the error message need it.
pub(crate) struct Answer {
    /// The status code.
    pub status: u16,
    retry_after: Option<Duration>,
    excerpt: String,
}

async fn post_once(
    endpoint: &HttpEndpoint,
    trust: &Trust,
    headers: &[(HeaderName, HeaderValue)],
    body: Bytes,
) -> Result<(), Failure> {
    let request = build_request(endpoint, headers, body)?;
    let private_ca = "for a private CA, set the channel's ca_file";
    judge(endpoint, send(endpoint, trust, request, private_ca).await?)
}

/// GETs `endpoint` once, without retries or a deadline of its own (the caller sets one); the
/// answer whatever its status. An https server must present a certificate `trust` vouches for;
/// `private_ca` says what to do when the certificate comes from a CA it does not know.
pub(crate) async fn get(
    endpoint: &HttpEndpoint,
    trust: &Trust,
    private_ca: &str,
) -> Result<Answer, Failure> {
    let request = Request::get(endpoint.path_and_query.as_str())
        .header(HOST, endpoint.authority.as_str())
        .header(USER_AGENT, concat!("etcdkit/", env!("CARGO_PKG_VERSION")))
        .body(Full::new(Bytes::new()))
        // The URL was checked when parsed; the error must not quote it.
        .map_err(|_| Failure::fatal("cannot build the HTTP request from the URL", None))?;
    send(endpoint, trust, request, private_ca).await
}

/// Connects (TCP, then TLS for https), sends `request` and reads the answer.
async fn send(
    endpoint: &HttpEndpoint,
    trust: &Trust,
    request: Request<Full<Bytes>>,
    private_ca: &str,
) -> Result<Answer, Failure> {
    let target = endpoint.host_port();
    let tcp = TcpStream::connect((endpoint.host.as_str(), endpoint.port))
        .await
        .map_err(|e| Failure::transient(format!("cannot connect to {target}"), Some(words(&e))))?;
    let _ = tcp.set_nodelay(true);
    let answer = if endpoint.https {
        let name = ServerName::try_from(endpoint.host.clone()).map_err(|_| {
            Failure::fatal(format!("{target} is not a valid TLS server name"), None)
        })?;
        let tls = TlsConnector::from(trust.client_config())
            .connect(name, tcp)
            .await
            .map_err(|e| tls_failure(&target, &e, private_ca))?;
        exchange(tls, request, &target).await?
    } else {
        exchange(tcp, request, &target).await?
    };
    Ok(answer)
}

fn build_request(
    endpoint: &HttpEndpoint,
    headers: &[(HeaderName, HeaderValue)],
    body: Bytes,
) -> Result<Request<Full<Bytes>>, Failure> {
    let mut builder = Request::post(endpoint.path_and_query.as_str())
        .header(HOST, endpoint.authority.as_str())
        .header(CONTENT_TYPE, "application/json")
        .header(USER_AGENT, concat!("etcdkit/", env!("CARGO_PKG_VERSION")));
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    // The URL and headers were checked when the channel was made; this cannot fail, but if it
    // did the error must not quote them.
    builder
        .body(Full::new(body))
        .map_err(|_| Failure::fatal("cannot build the HTTP request from the URL", None))
}

/// Sends the request on `io` and reads the status, `Retry-After` and the start of the body.
async fn exchange<S>(io: S, request: Request<Full<Bytes>>, target: &str) -> Result<Answer, Failure>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let broken = |e: hyper::Error| {
        Failure::transient(
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
            .and_then(parse_retry_after);
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
    // The connection is driven here, not spawned: when the attempt ends or times out,
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

/// `text` on one line (each run of white space one space), cut to at most `max_chars`
/// characters with `...` where it was cut: what a message quotes of a server's or a
/// command's words.
pub(crate) fn one_line(text: &str, max_chars: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > max_chars {
        let cut: String = line.chars().take(max_chars.saturating_sub(3)).collect();
        format!("{cut}...")
    } else {
        line
    }
}

/// A TLS handshake failure: a certificate problem is final, a broken connection is not.
/// `private_ca` is the advice for a certificate from an unknown CA.
fn tls_failure(target: &str, e: &std::io::Error, private_ca: &str) -> Failure {
    let mut summary = format!("TLS handshake with {target} failed");
    let detail = Some(words(e));
    let Some(tls) = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
    else {
        return Failure::transient(summary, detail);
    };
    if matches!(
        tls,
        rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer)
    ) {
        summary.push_str(&format!(
            " (its certificate is not signed by a trusted CA; {private_ca})"
        ));
    }
    Failure::fatal(summary, detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, retry_after: Option<u64>, body: &str) -> Answer {
        Answer {
            status,
            retry_after: retry_after.map(Duration::from_secs),
            excerpt: excerpt(body.as_bytes()),
        }
    }

    #[test]
    fn judges_statuses_the_way_the_apis_ask() {
        let ep = HttpEndpoint::parse("https://events.pagerduty.com/v2/enqueue").unwrap();
        assert!(judge(&ep, answer(202, None, "")).is_ok());

        let f = judge(&ep, answer(429, Some(3), "slow down")).unwrap_err();
        assert_eq!(f.retry, Some(Some(Duration::from_secs(3))));
        assert_eq!(
            f.describe(1),
            "HTTP 429 from events.pagerduty.com: slow down"
        );

        let f = judge(&ep, answer(503, None, "")).unwrap_err();
        assert_eq!((f.retry, f.detail), (Some(None), None));

        let f = judge(&ep, answer(400, None, "{\"status\":\"invalid event\"}")).unwrap_err();
        assert_eq!(f.retry, None);
        assert!(f.describe(1).contains("invalid event"));

        let f = judge(&ep, answer(302, None, "")).unwrap_err();
        assert_eq!(f.retry, None);
        assert!(f.summary.contains("redirects are not followed"));
    }

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
