//! Throw-away TLS material for the fixture, generated with `rcgen`: a CA, a server certificate for
//! 127.0.0.1 / localhost, a client certificate, and an unrelated second CA for wrong-CA tests.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose,
};
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::ServerConfig;

/// PEM files written by the fixture (keys are PKCS#8 ECDSA P-256).
#[derive(Debug, Clone)]
pub struct TlsFiles {
    /// The CA that signed the server and client certificates (pass as `--cacert`).
    pub ca: PathBuf,
    /// Client certificate, CN `root`, signed by [`TlsFiles::ca`] (pass as `--cert`).
    pub cert: PathBuf,
    /// Key of [`TlsFiles::cert`] (pass as `--key`).
    pub key: PathBuf,
    /// A CA that signed neither the server nor the client certificate (for wrong-CA tests).
    pub other_ca: PathBuf,
    /// Client certificate, CN `root`, signed by [`TlsFiles::other_ca`]: the server rejects it.
    pub other_cert: PathBuf,
    /// Key of [`TlsFiles::other_cert`].
    pub other_key: PathBuf,
    /// Client certificate, CN `root`, signed by [`TlsFiles::ca`] but expired (valid only in
    /// 2020): the server rejects it.
    pub expired_cert: PathBuf,
    /// Key of [`TlsFiles::expired_cert`].
    pub expired_key: PathBuf,
    /// Server certificate: SANs IP 127.0.0.1 and DNS localhost, server+client auth usage.
    pub server_cert: PathBuf,
    /// Key of [`TlsFiles::server_cert`].
    pub server_key: PathBuf,
}

impl TlsFiles {
    /// Generates fresh CAs and certificates into `dir` (created if missing). Panics on failure.
    pub fn generate(dir: &Path) -> TlsFiles {
        fs::create_dir_all(dir)
            .unwrap_or_else(|e| panic!("cannot create TLS dir {}: {e}", dir.display()));
        let write = |name: &str, pem: String| -> PathBuf {
            let path = dir.join(name);
            fs::write(&path, pem)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
            path
        };

        let ca = new_ca("etcdkit test CA");
        let other_ca = new_ca("etcdkit unrelated test CA");

        let (server_cert, server_key) = leaf(
            &ca,
            "etcdkit test server",
            &["127.0.0.1", "localhost"],
            &[
                ExtendedKeyUsagePurpose::ServerAuth,
                ExtendedKeyUsagePurpose::ClientAuth,
            ],
        );
        let (cert, key) = leaf(&ca, "root", &[], &[ExtendedKeyUsagePurpose::ClientAuth]);
        let (other_cert, other_key) = leaf(
            &other_ca,
            "root",
            &[],
            &[ExtendedKeyUsagePurpose::ClientAuth],
        );

        let (expired_cert, expired_key) = expired_leaf(&ca, "root");

        TlsFiles {
            ca: write("ca.pem", ca.pem()),
            expired_cert: write("expired-client.pem", expired_cert),
            expired_key: write("expired-client-key.pem", expired_key),
            cert: write("client.pem", cert),
            key: write("client-key.pem", key),
            other_ca: write("other-ca.pem", other_ca.pem()),
            other_cert: write("other-client.pem", other_cert),
            other_key: write("other-client-key.pem", other_key),
            server_cert: write("server.pem", server_cert),
            server_key: write("server-key.pem", server_key),
        }
    }

    /// A rustls server presenting [`TlsFiles::server_cert`], asking no client certificate: what
    /// the fixture's TLS servers (SMTP, HTTPS receiver) speak.
    pub fn server_config(&self) -> Arc<ServerConfig> {
        let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&self.server_cert)
            .expect("read server certificate")
            .collect::<Result<_, _>>()
            .expect("parse server certificate");
        let key = PrivateKeyDer::from_pem_file(&self.server_key).expect("read server key");
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("protocol versions")
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .expect("server certificate and key");
        Arc::new(config)
    }
}

fn new_ca(common_name: &str) -> CertifiedIssuer<'static, KeyPair> {
    let mut params = CertificateParams::default();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params
        .distinguished_name
        .push(DnType::CommonName, common_name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let key = KeyPair::generate().expect("rcgen: generate CA key");
    CertifiedIssuer::self_signed(params, key).expect("rcgen: self-sign CA")
}

/// Returns (certificate PEM, key PEM) of a leaf certificate signed by `issuer`.
fn leaf(
    issuer: &Issuer<'_, KeyPair>,
    common_name: &str,
    sans: &[&str],
    usages: &[ExtendedKeyUsagePurpose],
) -> (String, String) {
    leaf_with(issuer, common_name, sans, usages, |_| {})
}

/// A client certificate that expired in 2020.
fn expired_leaf(issuer: &Issuer<'_, KeyPair>, common_name: &str) -> (String, String) {
    leaf_with(
        issuer,
        common_name,
        &[],
        &[ExtendedKeyUsagePurpose::ClientAuth],
        |params| {
            params.not_before = rcgen::date_time_ymd(2020, 1, 1);
            params.not_after = rcgen::date_time_ymd(2020, 1, 2);
        },
    )
}

fn leaf_with(
    issuer: &Issuer<'_, KeyPair>,
    common_name: &str,
    sans: &[&str],
    usages: &[ExtendedKeyUsagePurpose],
    adjust: impl FnOnce(&mut CertificateParams),
) -> (String, String) {
    let sans: Vec<String> = sans.iter().map(|s| s.to_string()).collect();
    let mut params = CertificateParams::new(sans).expect("rcgen: certificate params");
    params.distinguished_name = rcgen::DistinguishedName::new();
    params
        .distinguished_name
        .push(DnType::CommonName, common_name);
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = usages.to_vec();
    params.use_authority_key_identifier_extension = true;
    adjust(&mut params);
    let key = KeyPair::generate().expect("rcgen: generate key");
    let cert = params
        .signed_by(&key, issuer)
        .expect("rcgen: sign certificate");
    (cert.pem(), key.serialize_pem())
}
