//! TLS to etcd: the material read from the user's PEM files once, and the one handshake
//! that gRPC channels, `/metrics` requests and bench load connections all make with it.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;
use tokio_rustls::rustls::client::danger::{
    HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier,
};
use tokio_rustls::rustls::pki_types::ServerName;
use tokio_rustls::rustls::{CertificateError, DigitallySignedStruct, SignatureScheme};
use tokio_rustls::TlsConnector;

use tokio_rustls::rustls;
use tokio_rustls::rustls::crypto::CryptoProvider;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, UnixTime};

use super::TlsFiles;
use crate::error::{Error, Result};

/// The trust and identity of every TLS connection to etcd (gRPC, `/metrics`, bench load), read
/// from `--cacert`, `--cert` and `--key` once. Without `--cacert` the system's CA bundle is
/// trusted, as etcdctl does; with `--insecure-skip-tls-verify` no server certificate is checked.
#[derive(Clone)]
pub struct TlsMaterial {
    /// For HTTP/1 requests: no ALPN.
    http1: Arc<rustls::ClientConfig>,
    /// For gRPC: ALPN `h2`.
    h2: Arc<rustls::ClientConfig>,
}

impl TlsMaterial {
    /// Reads and checks the files; a missing file or a cert without its key is a usage error.
    /// `skip_verify` accepts any server certificate (`--insecure-skip-tls-verify`).
    pub fn load(files: &TlsFiles, skip_verify: bool) -> Result<TlsMaterial> {
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
        let roots = match &ca {
            Some(ca) => ca_roots(ca, files)?,
            None => system_roots().clone(),
        };
        let config = rustls_config(roots, skip_verify, identity.as_ref(), files)?;
        Ok(TlsMaterial::from_config(config))
    }

    /// No files given: the system's CA bundle (or no check at all with `skip_verify`), no
    /// client certificate. For `https://` endpoints given without `--cacert`.
    pub(crate) fn system(skip_verify: bool) -> TlsMaterial {
        static VERIFYING: OnceLock<TlsMaterial> = OnceLock::new();
        let build = || {
            let config = rustls_config(
                system_roots().clone(),
                skip_verify,
                None,
                &TlsFiles::default(),
            )
            .expect("no files to fail on");
            TlsMaterial::from_config(config)
        };
        if skip_verify {
            build()
        } else {
            VERIFYING.get_or_init(build).clone()
        }
    }

    fn from_config(config: rustls::ClientConfig) -> TlsMaterial {
        let mut h2 = config.clone();
        h2.alpn_protocols = vec![b"h2".to_vec()];
        TlsMaterial {
            http1: Arc::new(config),
            h2: Arc::new(h2),
        }
    }

    /// The one TLS handshake etcdkit makes to etcd, over `tcp`, for the host in `url`
    /// (`https://host:port`, or a bare `host:port`). `grpc` asks for HTTP/2 (ALPN `h2`).
    pub(crate) async fn handshake(
        &self,
        url: &str,
        tcp: TcpStream,
        grpc: bool,
    ) -> std::io::Result<TlsStream<TcpStream>> {
        let authority = url.split_once("://").map_or(url, |(_, rest)| rest);
        let authority = authority.split('/').next().unwrap_or(authority);
        let host = authority
            .rsplit_once(':')
            .map_or(authority, |(h, _)| h)
            .trim_start_matches('[')
            .trim_end_matches(']');
        let name = ServerName::try_from(host.to_string()).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("invalid host name {host}: {e}"),
            )
        })?;
        let config = if grpc { &self.h2 } else { &self.http1 };
        TlsConnector::from(config.clone()).connect(name, tcp).await
    }
}

fn bad_file(what: &str, path: &Option<std::path::PathBuf>, why: String) -> Error {
    let shown = path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    Error::usage_with_hint(
        format!("{what} {shown} cannot be used: {why}"),
        "certificates and keys must be PEM files (-----BEGIN ...)",
    )
}

fn ca_roots(ca: &[u8], files: &TlsFiles) -> Result<rustls::RootCertStore> {
    let mut roots = rustls::RootCertStore::empty();
    let certs: Vec<_> = CertificateDer::pem_slice_iter(ca)
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| bad_file("CA certificate", &files.ca, e.to_string()))?;
    if certs.is_empty() {
        return Err(bad_file(
            "CA certificate",
            &files.ca,
            "no certificate in it".into(),
        ));
    }
    for cert in certs {
        roots
            .add(cert)
            .map_err(|e| bad_file("CA certificate", &files.ca, e.to_string()))?;
    }
    Ok(roots)
}

/// The system's CA bundle, where Go (and so etcdctl) finds it on Linux (`SSL_CERT_FILE`
/// first); Mozilla's roots when there is none.
fn system_roots() -> &'static rustls::RootCertStore {
    static ROOTS: OnceLock<rustls::RootCertStore> = OnceLock::new();
    ROOTS.get_or_init(|| {
        let from_env = std::env::var_os("SSL_CERT_FILE").map(std::path::PathBuf::from);
        let known = [
            "/etc/ssl/certs/ca-certificates.crt",
            "/etc/pki/tls/certs/ca-bundle.crt",
            "/etc/ssl/ca-bundle.pem",
            "/etc/pki/tls/cacert.pem",
            "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
            "/etc/ssl/cert.pem",
        ];
        let candidates = from_env
            .into_iter()
            .chain(known.iter().map(std::path::PathBuf::from));
        for path in candidates {
            let Ok(pem) = std::fs::read(&path) else {
                continue;
            };
            let mut roots = rustls::RootCertStore::empty();
            let certs = CertificateDer::pem_slice_iter(&pem).filter_map(|c| c.ok());
            roots.add_parsable_certificates(certs);
            if !roots.is_empty() {
                return roots;
            }
        }
        rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        }
    })
}

fn rustls_config(
    roots: rustls::RootCertStore,
    skip_verify: bool,
    identity: Option<&(Vec<u8>, Vec<u8>)>,
    files: &TlsFiles,
) -> Result<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .expect("ring supports the default protocol versions");
    let builder = if skip_verify {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AnyServer(provider)))
    } else {
        builder.with_root_certificates(roots)
    };
    match identity {
        None => Ok(builder.with_no_client_auth()),
        Some((cert, key)) => {
            let chain: Vec<_> = CertificateDer::pem_slice_iter(cert)
                .collect::<std::result::Result<_, _>>()
                .map_err(|e| bad_file("client certificate", &files.cert, e.to_string()))?;
            if chain.is_empty() {
                return Err(bad_file(
                    "client certificate",
                    &files.cert,
                    "no certificate in it".into(),
                ));
            }
            let key = PrivateKeyDer::from_pem_slice(key)
                .map_err(|e| bad_file("client key", &files.key, e.to_string()))?;
            builder
                .with_client_auth_cert(chain, key)
                .map_err(|e| bad_file("client key", &files.key, e.to_string()))
        }
    }
}

/// `--insecure-skip-tls-verify`: any server certificate is accepted, whoever signed it and
/// whatever host it names. The handshake's signatures are still checked, so the connection
/// is encrypted to whoever holds the certificate's key.
#[derive(Debug)]
struct AnyServer(Arc<CryptoProvider>);

impl ServerCertVerifier for AnyServer {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        if end_entity.is_empty() {
            return Err(rustls::Error::InvalidCertificate(
                CertificateError::BadEncoding,
            ));
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
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
        let attempt = async {
            let tcp = TcpStream::connect(authority).await.ok()?;
            let tls = self.handshake(url, tcp, false).await;
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
