//! TLS material read from the user's PEM files, once, for gRPC and for HTTP (`/metrics`).

use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::rustls::pki_types::ServerName;
use tokio_rustls::TlsConnector;

use etcd_client::{Certificate, Identity, TlsOptions};
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

use super::TlsFiles;
use crate::error::{Error, Result};

/// The contents of `--cacert`, `--cert` and `--key`.
#[derive(Clone)]
pub struct TlsMaterial {
    ca: Option<Vec<u8>>,
    identity: Option<(Vec<u8>, Vec<u8>)>,
}

impl TlsMaterial {
    /// Reads and checks the files; a missing file or a cert without its key is a usage error.
    pub fn load(files: &TlsFiles) -> Result<TlsMaterial> {
        let read = |what: &'static str, path: &std::path::Path| {
            std::fs::read(path).map_err(|source| Error::File {
                what,
                path: path.to_path_buf(),
                source,
            })
        };
        let ca = files
            .ca
            .as_deref()
            .map(|p| read("CA certificate", p))
            .transpose()?;
        let identity = match (&files.cert, &files.key) {
            (Some(cert), Some(key)) => {
                Some((read("client certificate", cert)?, read("client key", key)?))
            }
            (None, None) => None,
            (Some(_), None) => {
                return Err(Error::usage_with_hint(
                    "--cert was given without --key",
                    "a client certificate needs its private key: add --key FILE",
                ))
            }
            (None, Some(_)) => {
                return Err(Error::usage_with_hint(
                    "--key was given without --cert",
                    "a client key needs its certificate: add --cert FILE",
                ))
            }
        };
        let material = TlsMaterial { ca, identity };
        // Parse now so that a file that is not PEM fails before anything is dialled.
        material.rustls_config(files)?;
        Ok(material)
    }

    /// The TLS settings for etcd-client's gRPC channel.
    pub fn client_config(&self) -> TlsOptions {
        let mut options = TlsOptions::new();
        if let Some(ca) = &self.ca {
            options = options.ca_certificate(Certificate::from_pem(ca));
        }
        if let Some((cert, key)) = &self.identity {
            options = options.identity(Identity::from_pem(cert, key));
        }
        options
    }

    /// A rustls client configuration with the same trust and identity, for plain HTTPS requests.
    pub(crate) fn rustls(&self) -> Arc<rustls::ClientConfig> {
        Arc::new(
            self.rustls_config(&TlsFiles::default())
                .expect("checked when loaded"),
        )
    }

    fn rustls_config(&self, files: &TlsFiles) -> Result<rustls::ClientConfig> {
        let bad = |what: &str, path: &Option<std::path::PathBuf>, why: String| {
            let shown = path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            Error::usage_with_hint(
                format!("{what} {shown} cannot be used: {why}"),
                "certificates and keys must be PEM files (-----BEGIN ...)",
            )
        };
        let mut roots = rustls::RootCertStore::empty();
        if let Some(ca) = &self.ca {
            let certs: Vec<_> = CertificateDer::pem_slice_iter(ca)
                .collect::<std::result::Result<_, _>>()
                .map_err(|e| bad("CA certificate", &files.ca, e.to_string()))?;
            if certs.is_empty() {
                return Err(bad(
                    "CA certificate",
                    &files.ca,
                    "no certificate in it".into(),
                ));
            }
            for cert in certs {
                roots
                    .add(cert)
                    .map_err(|e| bad("CA certificate", &files.ca, e.to_string()))?;
            }
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("ring supports the default protocol versions")
            .with_root_certificates(roots);
        match &self.identity {
            None => Ok(builder.with_no_client_auth()),
            Some((cert, key)) => {
                let chain: Vec<_> = CertificateDer::pem_slice_iter(cert)
                    .collect::<std::result::Result<_, _>>()
                    .map_err(|e| bad("client certificate", &files.cert, e.to_string()))?;
                if chain.is_empty() {
                    return Err(bad(
                        "client certificate",
                        &files.cert,
                        "no certificate in it".into(),
                    ));
                }
                let key = PrivateKeyDer::from_pem_slice(key)
                    .map_err(|e| bad("client key", &files.key, e.to_string()))?;
                builder
                    .with_client_auth_cert(chain, key)
                    .map_err(|e| bad("client key", &files.key, e.to_string()))
            }
        }
    }
}

impl TlsMaterial {
    /// Tells a rejected client certificate from a connection that merely closed.
    ///
    /// With TLS 1.3 the server checks the client's certificate after the client has finished
    /// its half of the handshake, so a rejection reaches gRPC as a closed connection, or as the
    /// server's alert, depending on timing. A handshake of its own, followed by a short read,
    /// sees the alert every time: `Some` with the TLS error, `None` when the server accepted.
    pub(crate) async fn rejection(&self, url: &str, wait: Duration) -> Option<Error> {
        let authority = url.strip_prefix("https://")?;
        let host = authority
            .rsplit_once(':')
            .map_or(authority, |(h, _)| h)
            .trim_start_matches('[')
            .trim_end_matches(']');
        let name = ServerName::try_from(host.to_string()).ok()?;
        let attempt = async {
            let tcp = TcpStream::connect(authority).await.ok()?;
            let tls = TlsConnector::from(self.rustls()).connect(name, tcp).await;
            let mut stream = match tls {
                Ok(stream) => stream,
                Err(e) => return super::classify::tls_error(url, &format!("{e} {e:?}")),
            };
            let mut byte = [0u8; 1];
            // A rejection arrives as an alert at once; an accepting etcd waits for the client
            // to speak first, so the read only ends by the deadline below.
            match stream.read(&mut byte).await {
                Err(e) => super::classify::tls_error(url, &format!("{e} {e:?}")),
                Ok(_) => None,
            }
        };
        tokio::time::timeout(wait, attempt).await.ok().flatten()
    }
}

/// Whether the port behind an `https://` URL answers plain HTTP. A plain etcd port closes a
/// connection that starts with a TLS hello, which a TLS client only sees as a closed
/// connection or a handshake cut short: asking in plain HTTP tells the two apart.
pub(crate) async fn speaks_plain_http(url: &str, wait: Duration) -> bool {
    let Some(authority) = url.strip_prefix("https://") else {
        return false;
    };
    let attempt = async {
        let mut tcp = TcpStream::connect(authority).await.ok()?;
        tcp.write_all(b"GET /version HTTP/1.0\r\n\r\n").await.ok()?;
        let mut head = [0u8; 5];
        tcp.read_exact(&mut head).await.ok()?;
        Some(&head == b"HTTP/")
    };
    tokio::time::timeout(wait, attempt)
        .await
        .ok()
        .flatten()
        .unwrap_or(false)
}
