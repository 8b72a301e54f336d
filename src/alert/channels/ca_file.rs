//! A channel's `ca_file`: the PEM certificates of a private CA that its receiver or SMTP server
//! uses, trusted beside the public roots. The file is read when the config resolves, so a bad
//! one is a usage error naming the channel and the path, not a failed delivery later.

use std::path::Path;

use tokio_rustls::rustls::pki_types::CertificateDer;

use crate::error::{Error, Result};
use crate::http::{read_pem_certificates, Trust};

/// Public roots, plus the certificates of `ca_file` when there is one. `channel` names the
/// channel in errors.
pub(crate) fn trust(channel: &str, ca_file: Option<&Path>) -> Result<Trust> {
    let Some(path) = ca_file else {
        return Ok(Trust::default());
    };
    Trust::with_private_cas(read_ca_file(channel, path)?)
        .map_err(|e| ca_file_error(channel, path, e.to_string()))
}

/// The certificates of a `ca_file`: at least one, PEM. The error names the channel and the
/// path.
pub(crate) fn read_ca_file(channel: &str, path: &Path) -> Result<Vec<CertificateDer<'static>>> {
    read_pem_certificates(path).map_err(|why| ca_file_error(channel, path, why))
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
            let err = trust("hook", Some(path)).err().unwrap();
            let text = err.to_string();
            assert!(text.starts_with("channel hook: ca_file "), "{text}");
            assert!(text.contains(&path.display().to_string()), "{text}");
            assert!(text.contains(why), "{text}");
            assert!(err.hint().unwrap().contains("PEM"));
            assert!(matches!(err, Error::Usage { .. }), "{err:?}");
        }
    }

    #[test]
    fn without_a_ca_file_a_channel_trusts_the_public_roots() {
        let a = trust("a", None).unwrap();
        let b = Trust::default();
        assert!(std::sync::Arc::ptr_eq(
            &a.client_config(),
            &b.client_config()
        ));
    }
}
