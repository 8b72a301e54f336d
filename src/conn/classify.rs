//! Turns etcd-client's errors into etcdkit's, with the cause in words a person can act on.
//!
//! etcdctl prints "context deadline exceeded" for a wrong CA, a refused connection and a bad
//! key alike; here each gets its own message and hint.

use std::time::Duration;

use etcd_client::Error as ClientError;
use tonic::Code;

use crate::error::Error;

/// Classifies an etcd-client error seen while talking to `endpoint`.
pub(crate) fn classify(endpoint: &str, error: ClientError, timeout: Duration) -> Error {
    let endpoint = endpoint.to_string();
    match error {
        ClientError::GRpcStatus(status) => {
            let message = status.message().to_string();
            match status.code() {
                Code::Unauthenticated | Code::PermissionDenied => Error::Auth {
                    endpoint,
                    cause: message,
                },
                Code::InvalidArgument if message.contains("authentication failed") => Error::Auth {
                    endpoint,
                    cause: message,
                },
                _ if message.contains("authentication is not enabled") => Error::Auth {
                    endpoint,
                    cause: "a user was given but authentication is not enabled on this cluster"
                        .into(),
                },
                Code::DeadlineExceeded => Error::Timeout {
                    endpoint,
                    after: timeout,
                },
                Code::Cancelled if message.to_lowercase().contains("timeout") => Error::Timeout {
                    endpoint,
                    after: timeout,
                },
                // etcd's own "leader changed", "no leader", "too many requests".
                Code::Unavailable if message.starts_with("etcdserver:") => Error::Etcd {
                    endpoint,
                    cause: message,
                },
                Code::Unavailable | Code::Unknown | Code::Cancelled => {
                    let detail = format!("{message} {:?}", status.source_chain_text());
                    transport(endpoint, &detail, timeout)
                }
                _ => Error::Etcd {
                    endpoint,
                    cause: message,
                },
            }
        }
        ClientError::TransportError(e) => {
            // Its Display is only "transport error"; the cause is in the Debug form.
            transport(endpoint, &format!("{e:?}"), timeout)
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

/// The error shows the request never reached a server (the connection itself was refused),
/// so sending it again cannot apply it twice.
pub(crate) fn never_sent(error: &ClientError) -> bool {
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

/// A transport-level failure: TLS, refused, timed out, or something else on the way.
fn transport(endpoint: String, detail: &str, timeout: Duration) -> Error {
    let lower = detail.to_lowercase();
    if let Some((cause, hint)) = tls_cause(&lower) {
        return Error::Tls {
            endpoint,
            cause: cause.to_string(),
            hint: hint.to_string(),
        };
    }
    if lower.contains("timed out") || lower.contains("timeout") || lower.contains("deadline") {
        return Error::Timeout {
            endpoint,
            after: timeout,
        };
    }
    let cause = if lower.contains("connection refused") {
        "connection refused".to_string()
    } else if lower.contains("connection reset") || lower.contains("broken pipe") {
        if endpoint.contains("https://") {
            "the connection was closed by the server (was the client certificate rejected?)"
                .to_string()
        } else {
            "the connection was closed by the server".to_string()
        }
    } else if lower.contains("dns error") || lower.contains("failed to lookup") {
        "the host name does not resolve".to_string()
    } else {
        first_line(detail)
    };
    Error::Unreachable { endpoint, cause }
}

fn tls_cause(lower: &str) -> Option<(&'static str, &'static str)> {
    if lower.contains("unknownissuer") || lower.contains("unknown issuer") {
        Some((
            "the server's certificate is not signed by the CA in --cacert",
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
            "the TLS handshake failed",
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
