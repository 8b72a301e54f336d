//! Which servers an outbound https request trusts: Mozilla's roots (`webpki-roots`), plus,
//! when the caller has some, the PEM certificates of a private CA.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::CertificateDer;

use crate::text::words;

/// The TLS client settings of outbound https requests.
#[derive(Clone)]
pub(crate) struct Trust(Arc<rustls::ClientConfig>);

impl Trust {
    /// Public roots plus `certs` (a private CA's).
    pub fn with_private_cas(certs: Vec<CertificateDer<'static>>) -> Result<Trust, rustls::Error> {
        let mut roots = public_roots();
        for cert in certs {
            roots.add(cert)?;
        }
        Ok(Trust(client_config(roots)))
    }

    /// What a TLS connection made with this trust uses.
    pub fn client_config(&self) -> Arc<rustls::ClientConfig> {
        self.0.clone()
    }
}

impl Default for Trust {
    /// Public roots only, built once and shared.
    fn default() -> Trust {
        static PUBLIC: OnceLock<Arc<rustls::ClientConfig>> = OnceLock::new();
        Trust(PUBLIC.get_or_init(|| client_config(public_roots())).clone())
    }
}

fn public_roots() -> rustls::RootCertStore {
    rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    }
}

fn client_config(roots: rustls::RootCertStore) -> Arc<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("ring supports the default protocol versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    Arc::new(config)
}

/// The certificates of a PEM file: at least one. The error says why in words, without the
/// path (the caller names the file).
pub(crate) fn read_pem_certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let pem = std::fs::read(path).map_err(|e| words(&e))?;
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    if certs.is_empty() {
        return Err("there is no certificate in it".into());
    }
    Ok(certs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_roots_are_built_once_and_shared() {
        let a = Trust::default();
        let b = Trust::default();
        assert!(Arc::ptr_eq(&a.client_config(), &b.client_config()));
    }
}
