//! The one error type of etcdkit and the one table of exit codes.
//!
//! Every failure a user can meet is a variant here; each variant knows its exit code and, where
//! there is one, a hint that says what to do about it. The CLI renders these; the library only
//! returns them.

use std::path::PathBuf;
use std::time::Duration;

/// Result with etcdkit's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Exit codes, the same for every subcommand. `health` reads them the Nagios way:
/// 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: success; `health`: OK.
    Ok,
    /// 1: the command ran and the answer is "no": `health` WARNING, a lock not acquired, a
    /// failed SLO.
    Negative,
    /// 2: `health` CRITICAL: the cluster is down, has lost quorum, has no leader or is split.
    Critical,
    /// 3: bad flags, arguments or input files (Nagios UNKNOWN: the check could not run).
    Usage,
    /// 4: etcd could not be reached: connection refused, timeout, TLS failure.
    Unavailable,
    /// 5: etcd needs credentials that were not given, refused them, or refused a permission.
    Auth,
    /// 6: anything else: an unexpected answer from etcd, a local I/O failure.
    Failure,
    /// 7: a lock or leadership was lost while the command ran; the command was stopped.
    Lost,
    /// 127: the command could not be started (not found, not executable).
    CannotRun,
    /// 128 + N: interrupted by signal N before the work was done, as shells report it (130
    /// for SIGINT, 143 for SIGTERM).
    Interrupted(i32),
    /// The exit code of a command etcdkit ran (`lock -- CMD`, `elect -- CMD`), passed on as it
    /// is (128 + N when a signal N ended it).
    External(u8),
}

impl ExitStatus {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Ok => 0,
            ExitStatus::Negative => 1,
            ExitStatus::Critical => 2,
            ExitStatus::Usage => 3,
            ExitStatus::Unavailable => 4,
            ExitStatus::Auth => 5,
            ExitStatus::Failure => 6,
            ExitStatus::Lost => 7,
            ExitStatus::CannotRun => 127,
            ExitStatus::Interrupted(signal) => (128 + signal) as u8,
            ExitStatus::External(code) => code,
        }
    }
}

/// Everything that can go wrong in etcdkit.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A flag, argument or input value that cannot be used.
    #[error("{message}")]
    Usage {
        /// What is wrong with the input.
        message: String,
        /// How to fix it, when there is something to say.
        hint: Option<String>,
    },

    /// A file named by the user could not be read.
    #[error("cannot read {what} {}: {source}", path.display())]
    File {
        /// What the file was for ("CA certificate", "client key", ...).
        what: &'static str,
        /// The path as given.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },

    /// Nothing answered at the endpoint.
    #[error("cannot connect to etcd at {endpoint}: {cause}")]
    Unreachable {
        /// The endpoint as dialled.
        endpoint: String,
        /// What the network said.
        cause: String,
    },

    /// The endpoint did not connect, or did not answer, in time.
    #[error("{}", waiting.describe(endpoint, *after))]
    Timeout {
        /// The endpoint as dialled.
        endpoint: String,
        /// The deadline that passed.
        after: Duration,
        /// What was being waited for: the connection (`--dial-timeout`) or an answer
        /// (`--command-timeout`).
        waiting: Waiting,
    },

    /// The TLS handshake failed (wrong CA, wrong name, rejected client certificate).
    #[error("TLS handshake with {endpoint} failed: {cause}")]
    Tls {
        /// The endpoint as dialled.
        endpoint: String,
        /// The TLS failure in words.
        cause: String,
        /// What to check.
        hint: String,
    },

    /// etcd refused the user name or password, wants credentials that were not given, or the
    /// user lacks a permission.
    #[error("{}", refusal.describe(endpoint, cause))]
    Auth {
        /// The endpoint as dialled.
        endpoint: String,
        /// etcd's words.
        cause: String,
        /// Which kind of refusal.
        refusal: Refusal,
    },

    /// etcd answered with an error.
    #[error("etcd at {endpoint} answered with an error: {cause}")]
    Etcd {
        /// The endpoint as dialled.
        endpoint: String,
        /// etcd's words.
        cause: String,
    },

    /// A lock was not acquired: it is held and the caller would not (or no longer) wait.
    #[error("lock {name} is held{}", holder.as_ref().map(|h| format!(" by {h}")).unwrap_or_default())]
    NotAcquired {
        /// The lock name.
        name: String,
        /// Who holds it, as far as can be told.
        holder: Option<String>,
        /// Why waiting stopped ("--no-wait", "timed out after 5s").
        why: String,
    },

    /// What was asked for does not exist (an instance to drain, a service to pick from).
    #[error("{what}")]
    NotFound {
        /// What is missing, in words ("no instance a of service api").
        what: String,
        /// Where to look instead.
        hint: String,
    },

    /// A guarded write found its key not as it expected (`--if-revision`, `--if-absent`):
    /// nothing was written.
    #[error("{key} {}: expected it {expected}", match revision {
        Some(r) => format!("is at revision {r}"),
        None => "does not exist".to_string(),
    })]
    Conflict {
        /// The key, as the user named it.
        key: String,
        /// What the write expected, in words ("to be at revision 7", "to be absent").
        expected: String,
        /// The key's current mod revision; `None` when it does not exist.
        revision: Option<i64>,
        /// The store revision it was read at.
        read_at: i64,
    },

    /// What a command planned from changed before it was applied (an import's plan): the
    /// transaction that found it was not written.
    #[error("{message}")]
    Stale {
        /// What changed.
        message: String,
        /// What to do (run it again).
        hint: String,
    },

    /// A lock or election key was lost while it was held.
    #[error("{what} lost: {reason}")]
    Lost {
        /// "lock /x" or "leadership of /x".
        what: String,
        /// Why.
        reason: crate::concurrency::lost::LostReason,
    },

    /// Waiting in line for a lock or leadership ended before it was reached, so the command
    /// never ran: the place in line was deleted, its lease ran out, or etcd stopped answering.
    #[error("waiting for {what} ended: {reason}")]
    WaitEnded {
        /// "lock /x" or "leadership of /x".
        what: String,
        /// Why.
        reason: crate::concurrency::lost::LostReason,
    },

    /// A command to run could not be started.
    #[error("cannot run {program}: {source}")]
    Spawn {
        /// The program as given.
        program: String,
        /// The OS error.
        source: std::io::Error,
    },

    /// Writing output or another local I/O step failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// What a [`Error::Timeout`] was waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    /// The connection (TCP, then TLS): bounded by the dial timeout.
    Connect,
    /// The answer to a request: bounded by the command timeout.
    Answer,
}

impl Waiting {
    fn describe(self, endpoint: &str, after: Duration) -> String {
        let after = humantime::format_duration(after);
        match self {
            Waiting::Connect => {
                format!("could not connect to etcd at {endpoint} within {after} (the dial timeout)")
            }
            Waiting::Answer => {
                format!("etcd at {endpoint} did not answer within {after} (the command timeout)")
            }
        }
    }
}

/// Why etcd's auth said no.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Authentication is on and no credentials were given.
    Missing,
    /// The user name or password is wrong (or a user was given where auth is off).
    Credentials,
    /// The user is known but lacks a permission for the request.
    Permission,
}

impl Refusal {
    fn describe(self, endpoint: &str, cause: &str) -> String {
        match self {
            Refusal::Missing => format!(
                "etcd at {endpoint} needs credentials: authentication is enabled and no user was given ({cause})"
            ),
            Refusal::Credentials => format!("etcd at {endpoint} refused the credentials: {cause}"),
            Refusal::Permission => format!("etcd at {endpoint} refused a permission: {cause}"),
        }
    }
}

impl Error {
    /// A usage error with a message and no hint.
    pub fn usage(message: impl Into<String>) -> Error {
        Error::Usage {
            message: message.into(),
            hint: None,
        }
    }

    /// A usage error with a hint that says what to do.
    pub fn usage_with_hint(message: impl Into<String>, hint: impl Into<String>) -> Error {
        Error::Usage {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    /// The exit code this error ends the process with.
    pub fn exit_status(&self) -> ExitStatus {
        match self {
            Error::Usage { .. } | Error::File { .. } => ExitStatus::Usage,
            Error::Unreachable { .. } | Error::Timeout { .. } | Error::Tls { .. } => {
                ExitStatus::Unavailable
            }
            Error::Auth { .. } => ExitStatus::Auth,
            Error::NotAcquired { .. }
            | Error::NotFound { .. }
            | Error::Conflict { .. }
            | Error::Stale { .. } => ExitStatus::Negative,
            Error::Lost { .. } => ExitStatus::Lost,
            Error::WaitEnded { reason, .. } => match reason {
                crate::concurrency::lost::LostReason::Unreachable => ExitStatus::Unavailable,
                _ => ExitStatus::Negative,
            },
            Error::Spawn { .. } => ExitStatus::CannotRun,
            Error::Etcd { .. } | Error::Io { .. } => ExitStatus::Failure,
        }
    }

    /// What the user can do about it, when there is something useful to say.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Usage { hint, .. } => hint.clone(),
            Error::File { .. } => Some("check the path and that the file is readable".into()),
            Error::Unreachable { endpoint, .. } => Some(format!(
                "is etcd running and listening on {endpoint}? \
                 --endpoints (or ETCDKIT_ENDPOINTS) chooses another endpoint"
            )),
            Error::Timeout {
                waiting: Waiting::Connect,
                ..
            } => Some(
                "check the address and that no firewall drops the connection; \
                 raise --dial-timeout to wait longer"
                    .into(),
            ),
            Error::Timeout {
                waiting: Waiting::Answer,
                ..
            } => Some(
                "the member may be overloaded, paused or partitioned; \
                 raise --command-timeout to wait longer"
                    .into(),
            ),
            Error::Tls { hint, .. } => Some(hint.clone()),
            Error::Auth {
                refusal: Refusal::Missing,
                ..
            } => Some(
                "pass --user NAME:PASSWORD, or --user NAME with --password \
                 (or ETCDKIT_USER / ETCDKIT_PASSWORD)"
                    .into(),
            ),
            Error::Auth {
                refusal: Refusal::Credentials,
                ..
            } => Some("check --user and --password (or ETCDKIT_USER / ETCDKIT_PASSWORD)".into()),
            Error::Auth {
                refusal: Refusal::Permission,
                ..
            } => Some(
                "grant the user a role that allows this (`etcdctl role grant-permission`), \
                 or use another --user"
                    .into(),
            ),
            Error::NotFound { hint, .. } | Error::Stale { hint, .. } => Some(hint.clone()),
            Error::Conflict { key, revision, expected, .. } => Some(match revision {
                Some(r) if expected == "to be absent" => format!(
                    "nothing was written; to overwrite it, leave out --if-absent or pass --if-revision {r}"
                ),
                Some(r) => format!(
                    "nothing was written; read it again (etcdkit config get {key}) and retry with --if-revision {r} if the change still holds"
                ),
                None => format!("nothing was written; --if-absent creates {key} only when it does not exist"),
            }),
            Error::NotAcquired { why, .. } => Some(format!(
                "stopped waiting: {why}; without --no-wait or --timeout etcdkit waits its turn"
            )),
            Error::Spawn { .. } => Some("check the command name and PATH".into()),
            Error::WaitEnded { .. } => {
                Some("nothing ran; etcdkit can be started again to wait anew".into())
            }
            Error::Etcd { .. } | Error::Io { .. } | Error::Lost { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ExitStatus;

    #[test]
    fn exit_codes_follow_the_table_and_pass_a_child_s_code_on() {
        assert_eq!(ExitStatus::Ok.code(), 0);
        assert_eq!(ExitStatus::Lost.code(), 7);
        assert_eq!(ExitStatus::CannotRun.code(), 127);
        assert_eq!(ExitStatus::Interrupted(libc::SIGINT).code(), 130);
        assert_eq!(ExitStatus::Interrupted(libc::SIGTERM).code(), 143);
        for code in [0, 1, 3, 42, 255] {
            assert_eq!(ExitStatus::External(code).code(), code);
        }
    }
}
