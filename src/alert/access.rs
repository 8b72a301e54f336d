//! Our own access problems, told apart from a cluster that is down: a member that refused our
//! credentials, or whose certificate (or ours) did not verify, answered; it is not down. Its
//! figures are unknown, so no rule fires or resolves on them, and the run says why.

use futures_util::future::join_all;
use serde::Serialize;

use crate::conn::Target;
use crate::error::{Error, ExitStatus};

/// A member etcdkit could not look at because of its own credentials or TLS setup.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccessProblem {
    /// The member's name (its client URL when the name is not known).
    pub member: String,
    /// The client URL asked.
    pub endpoint: String,
    /// `credentials` (user, password or permission refused) or `tls` (a certificate did not
    /// verify).
    pub kind: &'static str,
    /// What happened, in words (never a secret).
    pub error: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl AccessProblem {
    /// The exit code it calls for: 5 for credentials, 4 for TLS.
    pub fn exit_status(&self) -> ExitStatus {
        match self.kind {
            "credentials" => ExitStatus::Auth,
            _ => ExitStatus::Unavailable,
        }
    }
}

/// `error`'s kind, when it is about our access rather than the member.
pub fn kind_of(error: &Error) -> Option<&'static str> {
    match error {
        Error::Auth { .. } => Some("credentials"),
        Error::Tls { .. } => Some("tls"),
        _ => None,
    }
}

/// Asks each of `endpoints` (ones that did not answer a look) again, to tell a refusal of our
/// credentials or certificates apart from a member that is down. Returns, in order, the error
/// for each endpoint that refused us.
pub(crate) async fn refusals(target: &Target, endpoints: &[String]) -> Vec<Option<Error>> {
    let asks = endpoints.iter().map(|url| async move {
        let result = async {
            let mut client = target.client(url).await?;
            let status = client.status();
            target.options().request(url, status).await.map(|_| ())
        }
        .await;
        result.err().filter(|e| kind_of(e).is_some())
    });
    join_all(asks).await
}

#[cfg(test)]
#[path = "access_tests.rs"]
mod tests;
