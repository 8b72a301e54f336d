//! Turns etcd-client's errors into etcdkit's, with the cause in words a person can act on.
//!
//! etcdctl prints "context deadline exceeded" for a wrong CA, a refused connection and a bad
//! key alike; here each gets its own message and hint.

use std::time::Duration;

use etcd_client::Error as ClientError;
use tonic::Code;

use crate::error::{Error, Refusal, Waiting};

/// The two deadlines a connection has: to connect, and for each request.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadlines {
    pub dial: Duration,
    pub request: Duration,
}

impl Deadlines {
    fn timeout(self, endpoint: String, waiting: Waiting) -> Error {
        let after = match waiting {
            Waiting::Connect => self.dial,
            Waiting::Answer => self.request,
        };
        Error::Timeout {
            endpoint,
            after,
            waiting,
        }
    }
}

/// etcd's words for a refusal, and which kind each is (etcd's `auth` and `rpctypes` errors).
fn refusal(code: Code, message: &str) -> Option<Refusal> {
    if message.contains("user name is empty") {
        // etcd 3.4/3.5 say this to a request without a token when auth is on.
        Some(Refusal::Missing)
    } else if message.contains("permission denied") || code == Code::PermissionDenied {
        Some(Refusal::Permission)
    } else if message.contains("authentication failed")
        || message.contains("authentication is not enabled")
        || message.contains("invalid auth token")
        || message.contains("user name not found")
        || code == Code::Unauthenticated
    {
        Some(Refusal::Credentials)
    } else {
        None
    }
}

/// Classifies an etcd-client error seen while talking to `endpoint`.
pub(crate) fn classify(endpoint: &str, error: ClientError, deadlines: Deadlines) -> Error {
    let endpoint = endpoint.to_string();
    match error {
        ClientError::GRpcStatus(status) => {
            let message = status.message().to_string();
            if let Some(refusal) = refusal(status.code(), &message) {
                let cause = if message.contains("authentication is not enabled") {
                    "a user was given but authentication is not enabled on this cluster".into()
                } else {
                    message
                };
                return Error::Auth {
                    endpoint,
                    cause,
                    refusal,
                };
            }
            match status.code() {
                Code::DeadlineExceeded => deadlines.timeout(endpoint, Waiting::Answer),
                Code::Cancelled if message.to_lowercase().contains("timeout") => {
                    deadlines.timeout(endpoint, Waiting::Answer)
                }
                // etcd's own "leader changed", "no leader", "too many requests".
                Code::Unavailable if message.starts_with("etcdserver:") => Error::Etcd {
                    endpoint,
                    cause: message,
                },
                Code::Unavailable | Code::Unknown | Code::Cancelled => {
                    let detail = format!("{message} {:?}", status.source_chain_text());
                    transport(endpoint, &detail, deadlines)
                }
                _ => Error::Etcd {
                    endpoint,
                    cause: message,
                },
            }
        }
        ClientError::TransportError(e) => {
            // Its Display is only "transport error"; the cause is in the Debug form.
            transport(endpoint, &format!("{e:?}"), deadlines)
        }
        ClientError::InvalidArgs(message) | ClientError::EndpointError(message) => {
            Error::usage(format!("cannot use endpoint {endpoint}: {message}"))
        }
        ClientError::InvalidUri(e) => Error::usage(format!("invalid endpoint {endpoint}: {e}")),
        other => Error::Etcd {
            endpoint,
            cause: other.to_string(),
        },
    }
}

/// The connection did not complete within the dial timeout (TCP or TLS).
pub(crate) fn connect_timed_out(error: &ClientError) -> bool {
    let text = match error {
        ClientError::GRpcStatus(status) => {
            format!("{} {}", status.message(), status.source_chain_text())
        }
        ClientError::TransportError(e) => format!("{e:?}"),
        _ => return false,
    };
    text.to_lowercase().contains("elapsed")
}

/// The error shows the request never reached a server (the connection itself was refused),
/// so sending it again cannot apply it twice.
pub(crate) fn never_sent(error: &ClientError) -> bool {
    if connect_timed_out(error) {
        return true;
    }
    let text = match error {
        ClientError::GRpcStatus(status) if status.code() == Code::Unavailable => {
            format!("{} {}", status.message(), status.source_chain_text())
        }
        ClientError::TransportError(e) => format!("{e:?}"),
        _ => return false,
    };
    let lower = text.to_lowercase();
    lower.contains("connection refused") || lower.contains("tcp connect error")
}

/// The connection ended during the TLS handshake or was closed under the request.
pub(crate) fn cut_short(error: &ClientError) -> bool {
    let text = match error {
        ClientError::GRpcStatus(status) => {
            format!("{} {}", status.message(), status.source_chain_text())
        }
        ClientError::TransportError(e) => format!("{e:?}"),
        _ => return false,
    };
    let lower = text.to_lowercase();
    [
        "tls handshake",
        "connection reset",
        "connection closed",
        "unexpected eof",
    ]
    .iter()
    .any(|s| lower.contains(s))
}

/// The error is passing (no leader for a moment, a member gone, overload): an idempotent
/// request may be sent again.
pub(crate) fn transient(error: &ClientError) -> bool {
    match error {
        // A connection reset or closed mid-request shows as Unknown or Cancelled: for an
        // idempotent request that is as passing as a refused one.
        ClientError::GRpcStatus(status) => {
            matches!(
                status.code(),
                Code::Unavailable
                    | Code::DeadlineExceeded
                    | Code::ResourceExhausted
                    | Code::Unknown
                    | Code::Cancelled
                    | Code::Aborted
            ) && !status.message().contains("space exceeded")
        }
        ClientError::TransportError(_) => true,
        _ => false,
    }
}

/// The connection was closed or reset under the request: on a TLS endpoint with client
/// certificate auth this is often a rejected certificate, told apart by [`super::tls`].
/// The cause of a TLS failure the TLS library does not explain.
pub(crate) const HANDSHAKE_FAILED: &str = "the TLS handshake failed";

pub(crate) const CLOSED_BY_SERVER: &str = "the connection was closed by the server";

/// A transport-level failure: TLS, refused, timed out, or something else on the way.
fn transport(endpoint: String, detail: &str, deadlines: Deadlines) -> Error {
    let lower = detail.to_lowercase();
    if let Some(e) = tls_error(&endpoint, detail) {
        return e;
    }
    // The connector's deadline (tokio's "deadline has elapsed") bounds TCP and TLS together.
    if lower.contains("elapsed")
        || (lower.contains("tcp connect error")
            && (lower.contains("timed out") || lower.contains("timeout")))
    {
        return deadlines.timeout(endpoint, Waiting::Connect);
    }
    if lower.contains("timed out") || lower.contains("timeout") || lower.contains("deadline") {
        return deadlines.timeout(endpoint, Waiting::Answer);
    }
    let cause = if lower.contains("connection refused") {
        "connection refused".to_string()
    } else if lower.contains("connection reset")
        || lower.contains("broken pipe")
        || lower.contains("connection closed")
        || lower.contains("canceled")
        || lower.contains("unexpected eof")
    {
        CLOSED_BY_SERVER.to_string()
    } else if lower.contains("dns error") || lower.contains("failed to lookup") {
        "the host name does not resolve".to_string()
    } else {
        first_line(detail)
    };
    Error::Unreachable { endpoint, cause }
}

/// A TLS error's text as etcdkit's error, when it names a TLS cause.
/// The cause for a server certificate that no trusted CA signed.
pub(crate) const NOT_SIGNED_BY_CA: &str =
    "the server's certificate is not signed by the CA in --cacert";

pub(crate) fn tls_error(endpoint: &str, detail: &str) -> Option<Error> {
    let (cause, hint) = tls_cause(&detail.to_lowercase())?;
    Some(Error::Tls {
        endpoint: endpoint.to_string(),
        cause: cause.to_string(),
        hint: hint.to_string(),
    })
}

fn tls_cause(lower: &str) -> Option<(&'static str, &'static str)> {
    if lower.contains("unknownissuer") || lower.contains("unknown issuer") {
        Some((
            NOT_SIGNED_BY_CA,
            "pass the CA that signed etcd's server certificate with --cacert (ETCDKIT_CACERT)",
        ))
    } else if lower.contains("not valid for name") || lower.contains("notvalidforname") {
        Some((
            "the server's certificate does not name this host",
            "use an endpoint host that appears in the certificate's subject alternative names",
        ))
    } else if lower.contains("expired") && lower.contains("cert") {
        Some(("a certificate has expired", "renew the expired certificate"))
    } else if lower.contains("badcertificate")
        || lower.contains("bad certificate")
        || lower.contains("certificaterequired")
        || lower.contains("certificate required")
        || lower.contains("unknownca")
    {
        Some((
            "the server rejected the client certificate",
            "pass a client certificate and key signed by a CA the server trusts (--cert, --key)",
        ))
    } else if lower.contains("invalidcertificate") || lower.contains("invalid peer certificate") {
        Some((
            "the server's certificate was not accepted",
            "check --cacert and the server's certificate",
        ))
    } else if lower.contains("private key") || lower.contains("keymismatch") {
        Some((
            "the client key does not match the client certificate",
            "pass the key that belongs to --cert with --key",
        ))
    } else if lower.contains("tls") || lower.contains("handshake") || lower.contains("rustls") {
        Some((
            HANDSHAKE_FAILED,
            "check --cacert, --cert and --key, and that the endpoint speaks TLS (https://)",
        ))
    } else {
        None
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or(text).trim();
    let mut shown: String = line.chars().take(300).collect();
    if shown.len() < line.len() {
        shown.push('…');
    }
    shown
}

/// The text of a status's source chain, where tonic keeps the transport error.
trait SourceChainText {
    fn source_chain_text(&self) -> String;
}

impl SourceChainText for tonic::Status {
    fn source_chain_text(&self) -> String {
        let mut text = String::new();
        let mut next: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(self);
        while let Some(e) = next {
            text.push_str(&format!("{e} {e:?} "));
            next = e.source();
        }
        text
    }
}
