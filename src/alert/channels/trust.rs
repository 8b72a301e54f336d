//! Which servers a channel trusts over TLS: Mozilla's roots (`webpki-roots`), plus the PEM
//! certificates of the channel's `ca_file` for a receiver or SMTP server behind a private CA.
//! The file is read when the config resolves, so a bad one is a usage error, not a failed
//! delivery later.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::CertificateDer;

use super::retry::words;
use crate::error::{Error, Result};

/// The TLS client settings of an http(s) channel.
#[derive(Clone)]
pub(crate) struct Trust(Arc<rustls::ClientConfig>);

impl Trust {
    /// Public roots, plus the certificates of `ca_file` when there is one. `channel` names the
    /// channel in errors.
    pub fn from_ca_file(channel: &str, ca_file: Option<&Path>) -> Result<Trust> {
        let Some(path) = ca_file else {
            return Ok(Trust::default());
        };
        let mut roots = rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        for cert in read_ca_file(channel, path)? {
            roots
                .add(cert)
                .map_err(|e| ca_file_error(channel, path, e.to_string()))?;
        }
        Ok(Trust(client_config(roots)))
    }

    /// What a TLS connection of this channel uses.
    pub fn client_config(&self) -> Arc<rustls::ClientConfig> {
        self.0.clone()
    }
}

impl Default for Trust {
    /// Public roots only, shared by every channel without a `ca_file`.
    fn default() -> Trust {
        static PUBLIC: OnceLock<Arc<rustls::ClientConfig>> = OnceLock::new();
        Trust(
            PUBLIC
                .get_or_init(|| {
                    client_config(rustls::RootCertStore {
                        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
                    })
                })
                .clone(),
        )
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

/// The certificates of a `ca_file`: at least one, PEM. The error names the channel and the
/// path.
pub(crate) fn read_ca_file(channel: &str, path: &Path) -> Result<Vec<CertificateDer<'static>>> {
    let pem = std::fs::read(path).map_err(|e| ca_file_error(channel, path, words(&e)))?;
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&pem)
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| ca_file_error(channel, path, e.to_string()))?;
    if certs.is_empty() {
        return Err(ca_file_error(
            channel,
            path,
            "there is no certificate in it".into(),
        ));
    }
    Ok(certs)
}

/// `channel NAME: ca_file PATH cannot be used: WHY`, with a hint on the format.
pub(crate) fn ca_file_error(channel: &str, path: &Path, why: String) -> Error {
    Error::usage_with_hint(
        format!(
            "channel {channel}: ca_file {} cannot be used: {why}",
            path.display()
        ),
        "ca_file must hold PEM certificates (-----BEGIN CERTIFICATE-----)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_ca_files_are_usage_errors_naming_channel_and_path() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.pem");
        let not_pem = dir.path().join("not.pem");
        std::fs::write(&not_pem, "just some text\n").unwrap();
        let garbled = dir.path().join("garbled.pem");
        std::fs::write(
            &garbled,
            "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n",
        )
        .unwrap();
        for (path, why) in [
            (&missing, "No such file"),
            (&not_pem, "no certificate"),
            (&garbled, "cannot be used"),
        ] {
            let err = Trust::from_ca_file("hook", Some(path)).err().unwrap();
            let text = err.to_string();
            assert!(text.starts_with("channel hook: ca_file "), "{text}");
            assert!(text.contains(&path.display().to_string()), "{text}");
            assert!(text.contains(why), "{text}");
            assert!(err.hint().unwrap().contains("PEM"));
            assert!(matches!(err, Error::Usage { .. }), "{err:?}");
        }
    }

    #[test]
    fn without_a_ca_file_every_channel_shares_the_public_roots() {
        let a = Trust::from_ca_file("a", None).unwrap();
        let b = Trust::default();
        assert!(Arc::ptr_eq(&a.client_config(), &b.client_config()));
    }
}
