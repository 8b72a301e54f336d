//! Why a session, a lock or a leadership was lost, and the signal that carries it.
//!
//! Its own small module so that [`crate::error`] can name the reason without depending on
//! sessions.

use std::fmt;

use serde::Serialize;
use tokio::sync::watch;

/// Why a session (and whatever hangs on it) was lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LostReason {
    /// etcd says the lease no longer exists: it expired or someone revoked it.
    LeaseExpired,
    /// etcd could not be reached for long enough that the lease may have expired.
    Unreachable,
    /// etcdkit itself did not run (stopped by SIGSTOP, a frozen VM, a starved host) until the
    /// lease could have expired: it never got to renew it.
    Paused,
    /// The key held under the lease was deleted by someone else.
    KeyDeleted,
}

impl fmt::Display for LostReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LostReason::LeaseExpired => "the lease expired or was revoked",
            LostReason::Unreachable => "etcd was unreachable until the lease could have expired",
            LostReason::Paused => {
                "etcdkit was paused (SIGSTOP, a frozen VM or a starved host) until the lease could have expired"
            }
            LostReason::KeyDeleted => "the key was deleted by someone else",
        })
    }
}

/// A signal that holds `Some(reason)` once something is lost.
pub type LostSignal = watch::Receiver<Option<LostReason>>;

/// Waits until a lost signal carries a reason.
pub async fn wait_lost(mut lost: LostSignal) -> LostReason {
    loop {
        if let Some(reason) = lost.borrow_and_update().clone() {
            return reason;
        }
        if lost.changed().await.is_err() {
            // The keeper ended without a verdict (the session was closed): never resolves.
            std::future::pending::<()>().await;
        }
    }
}
