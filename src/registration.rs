//! A registration that outlives a lost lease: a key put on a session's lease and, whenever the
//! lease is lost (expired, revoked, etcd out of reach for too long), a new lease granted and the
//! key put again. The owner hears what was lost and when, and when the key was back.
//!
//! Between the loss and the new put the key is gone: whoever reads it meanwhile sees nothing, as
//! they should, since etcd already deleted it. `discover register` stands on this.

use std::time::{Duration, SystemTime};

use etcd_client::{Client, PutOptions};
use tokio::sync::{mpsc, oneshot, watch};
use tokio::task::JoinHandle;

use crate::concurrency::session::Ttl;
use crate::concurrency::{LostReason, Session};
use crate::conn::Target;
use crate::error::Result;

/// Something that happened to a registration, for its owner.
#[derive(Debug, Clone, PartialEq)]
pub enum RegistrationEvent {
    /// The lease the key was on is gone, and the key with it.
    Lost {
        /// The lease that was lost.
        lease: i64,
        /// Why.
        reason: LostReason,
        /// When the loss was noticed.
        at: SystemTime,
    },
    /// The key is back, on a new lease.
    Restored {
        /// The new lease.
        lease: i64,
        /// When the key was put again.
        at: SystemTime,
        /// How long the key was missing, from the loss to the new put.
        missing: Duration,
    },
}

/// A key kept registered on a lease, re-granted and re-put whenever the lease is lost.
pub struct Registration {
    key: String,
    lease: watch::Receiver<i64>,
    events: mpsc::UnboundedReceiver<RegistrationEvent>,
    stop: Option<oneshot::Sender<()>>,
    keeper: Option<JoinHandle<()>>,
}

/// The longest pause between two attempts to grant and put again while etcd does not answer.
const MAX_PAUSE: Duration = Duration::from_secs(1);

impl Registration {
    /// Puts `value` at `key` on a lease of `ttl` and keeps it there.
    pub async fn start(
        target: &Target,
        client: &Client,
        key: &str,
        value: &str,
        ttl: Ttl,
    ) -> Result<Registration> {
        let what = Put {
            target: target.clone(),
            client: client.clone(),
            key: key.to_string(),
            value: value.to_string(),
            ttl,
        };
        let session = what.register().await?;
        let (lease_tx, lease) = watch::channel(session.lease_id());
        let (events_tx, events) = mpsc::unbounded_channel();
        let (stop_tx, stop) = oneshot::channel();
        let keeper = tokio::spawn(keep(what, session, lease_tx, events_tx, stop));
        Ok(Registration {
            key: key.to_string(),
            lease,
            events,
            stop: Some(stop_tx),
            keeper: Some(keeper),
        })
    }

    /// The key registered.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The lease the key is on now (the lost one until the key is back).
    pub fn lease_id(&self) -> i64 {
        *self.lease.borrow()
    }

    /// The next thing that happened; `None` once the registration is closed.
    pub async fn next_event(&mut self) -> Option<RegistrationEvent> {
        self.events.recv().await
    }

    /// Stops keeping the key and revokes its lease, which deletes it. Best effort: when etcd
    /// does not answer, the lease runs out by itself.
    pub async fn close(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(keeper) = self.keeper.take() {
            let _ = keeper.await;
        }
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        // Not closed: stop renewing; the lease runs out by itself.
        if let Some(keeper) = &self.keeper {
            keeper.abort();
        }
    }
}

/// What to register, and how.
struct Put {
    target: Target,
    client: Client,
    key: String,
    value: String,
    ttl: Ttl,
}

impl Put {
    /// Grants a lease and puts the key on it.
    async fn register(&self) -> Result<Session> {
        let session = Session::new(&self.target, &self.client, self.ttl).await?;
        let kv = self.client.kv_client();
        let options = PutOptions::new().with_lease(session.lease_id());
        // A put of a fixed value may be applied twice.
        let put = self.target.options().retry_idempotent(|| {
            let (mut kv, options) = (kv.clone(), options.clone());
            let (key, value) = (self.key.clone(), self.value.clone());
            async move { kv.put(key, value, Some(options)).await }
        });
        if let Err(e) = put.await {
            session.close().await;
            return Err(e);
        }
        Ok(session)
    }
}

/// Waits for the lease to be lost, tells, registers again (as often as it takes), tells again.
async fn keep(
    what: Put,
    mut session: Session,
    lease: watch::Sender<i64>,
    events: mpsc::UnboundedSender<RegistrationEvent>,
    mut stop: oneshot::Receiver<()>,
) {
    loop {
        let reason = tokio::select! {
            reason = session.lost() => reason,
            _ = &mut stop => return session.close().await,
        };
        let lost_at = SystemTime::now();
        let noticed = tokio::time::Instant::now();
        let _ = events.send(RegistrationEvent::Lost {
            lease: session.lease_id(),
            reason,
            at: lost_at,
        });
        let mut pause = Duration::from_millis(50);
        session = loop {
            let attempt = tokio::select! {
                attempt = what.register() => attempt,
                _ = &mut stop => return,
            };
            match attempt {
                Ok(s) => break s,
                Err(_) => {
                    tokio::select! {
                        _ = tokio::time::sleep(pause) => {}
                        _ = &mut stop => return,
                    }
                    pause = (pause * 2).min(MAX_PAUSE);
                }
            }
        };
        let _ = lease.send(session.lease_id());
        let _ = events.send(RegistrationEvent::Restored {
            lease: session.lease_id(),
            at: SystemTime::now(),
            missing: noticed.elapsed(),
        });
    }
}
