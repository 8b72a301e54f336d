//! A session: a lease kept alive in the background, and a signal for the moment it is lost.
//!
//! Locks and elections hang their keys on a session's lease. The lease is renewed every third of
//! its TTL (through another member when the one it talks to stalls, see `keep_alive`). The
//! session counts as lost when etcd says the lease is gone (expired, revoked), or
//! when it could not be renewed and the last renewal is about to run out: past that point etcd
//! may already have deleted the keys, so whoever holds a lock must stop.

use std::sync::Mutex;
use std::time::Duration;

use etcd_client::Client;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio::time::Instant;

use super::keep_alive::{keep_alive, renew, Lease, Renewed};
use super::lost::{wait_lost, LostReason, LostSignal};
use crate::conn::{ConnectOptions, Target};
use crate::error::{Error, Result};

/// The shortest and longest session TTLs accepted.
pub const MIN_TTL: Duration = Duration::from_secs(1);
/// etcd's own limit on a lease's TTL ([`ETCD_MAX_TTL`]) is far beyond any useful session:
/// a TTL past a day is taken for a typo.
pub const MAX_TTL: Duration = Duration::from_secs(24 * 3600);
/// etcd's limit on a lease's TTL (`MaxLeaseTTL` in its lessor): 9,000,000,000 s.
pub const ETCD_MAX_TTL: Duration = Duration::from_secs(9_000_000_000);

/// A session TTL that has been checked: whole seconds, from [`MIN_TTL`] to [`MAX_TTL`]. The
/// only way to make one is [`Ttl::new`], so a session never grants a lease it should not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ttl(Duration);

impl Ttl {
    /// The TTL `etcdkit lock` and `etcdkit elect` use unless told otherwise (etcdctl's too).
    pub const DEFAULT: Ttl = Ttl::from_secs(10);

    /// A TTL fixed in the code; one out of range fails to compile where it is a `const`.
    pub const fn from_secs(secs: u64) -> Ttl {
        assert!(secs >= MIN_TTL.as_secs() && secs <= MAX_TTL.as_secs());
        Ttl(Duration::from_secs(secs))
    }

    /// Checks `ttl`; the error says what was given and what would do.
    pub fn new(ttl: Duration) -> Result<Ttl> {
        let given = if ttl < MIN_TTL {
            format!("{}ms", ttl.as_millis())
        } else {
            format!("{}s", ttl.as_secs())
        };
        if ttl < MIN_TTL {
            return Err(Error::usage(format!(
                "a TTL of {given} is too short: etcd leases last at least 1s (1000ms)"
            )));
        }
        if ttl > MAX_TTL {
            return Err(Error::usage(format!(
                "a TTL of {given} is too long: use at most 24h (86400s)"
            )));
        }
        if ttl.subsec_nanos() != 0 {
            return Err(Error::usage(
                "etcd leases count whole seconds: use a TTL like 10s",
            ));
        }
        Ok(Ttl(ttl))
    }

    /// The TTL.
    pub fn get(self) -> Duration {
        self.0
    }

    /// The TTL in whole seconds, as etcd grants it.
    pub fn seconds(self) -> i64 {
        self.0.as_secs() as i64
    }
}

impl Default for Ttl {
    fn default() -> Self {
        Ttl::DEFAULT
    }
}

/// A lease with a keep-alive task. Dropping it stops the keep-alive; [`Session::close`] also
/// revokes the lease, which deletes every key on it at once.
pub struct Session {
    client: Client,
    target: Target,
    lease: i64,
    ttl: Duration,
    lost: LostSignal,
    valid_until: watch::Receiver<Instant>,
    /// The keeper's ends of `lost` and `valid_until`, for a keeper started again.
    tell: Lease,
    /// The TTL etcd granted.
    granted: Duration,
    keeper: Mutex<JoinHandle<()>>,
}

impl Session {
    /// Grants a lease of `ttl` and starts keeping it alive. `client` is a client of `target`
    /// (its [`Target::connect`]): the session's requests and waits go through it, and the waits
    /// dial the members of `target` only when it fails.
    pub async fn new(target: &Target, client: &Client, ttl: Ttl) -> Result<Session> {
        let conn = target.options();
        let seconds = ttl.seconds();
        let lease_client = client.lease_client();
        // The lease is counted from when etcd granted it, which is after this.
        let sent = Instant::now();
        // Sent again through a leader election too ("leader changed"): a grant applied twice
        // leaves a spare lease that nobody renews, gone within the TTL with nothing on it.
        let granted = conn
            .retry_idempotent(|| {
                let mut c = lease_client.clone();
                async move { c.grant(seconds, None).await }
            })
            .await?;
        let granted_ttl = Duration::from_secs(granted.ttl().max(1) as u64);
        Ok(Session::keep(
            target,
            client,
            granted.id(),
            ttl,
            granted_ttl,
            sent,
        ))
    }

    /// Keeps `lease` (of `granted` TTL, last renewed at `renewed`) alive from now on.
    fn keep(
        target: &Target,
        client: &Client,
        lease: i64,
        ttl: Ttl,
        granted: Duration,
        renewed: Instant,
    ) -> Session {
        let (lost_tx, lost) = watch::channel(None);
        let (valid_tx, valid_until) = watch::channel(renewed + granted);
        let tell = Lease {
            lost: lost_tx,
            valid_until: valid_tx,
        };
        let session = Session {
            client: client.clone(),
            target: target.clone(),
            lease,
            ttl: ttl.get(),
            lost,
            valid_until,
            tell,
            granted,
            keeper: Mutex::new(tokio::spawn(async {})),
        };
        session.start_keeper();
        session
    }

    /// Starts the keep-alive (again), in place of the one before.
    fn start_keeper(&self) {
        let keeper = tokio::spawn(keep_alive(
            self.client.clone(),
            self.target.clone(),
            self.lease,
            self.granted,
            self.tell.clone(),
        ));
        std::mem::replace(&mut *self.keeper.lock().unwrap(), keeper).abort();
    }

    /// Takes the lease back after the session was lost only in doubt (etcd out of reach or
    /// this process paused until the lease could have run out: [`LostReason::Unreachable`],
    /// [`LostReason::Paused`]): renews it through whichever member answers first, waiting as
    /// long as etcd takes to answer, and keeps it alive again. `true`: the session holds again
    /// (as it does if it was not lost); `false`: the lease is gone for sure. For whoever waits
    /// on the lease (a place in line, a registration), never for a holder: whoever holds must
    /// stop.
    pub async fn take_back(&self) -> bool {
        let reason = self.lost.borrow().clone();
        match reason {
            None => return true,
            Some(LostReason::Unreachable | LostReason::Paused) => {}
            Some(_) => return false,
        }
        let sent = Instant::now();
        match renew(&self.target, self.lease, self.granted / 6).await {
            Renewed::Alive => {
                let _ = self.tell.valid_until.send(sent + self.granted);
                let _ = self.tell.lost.send(None);
                self.start_keeper();
                true
            }
            Renewed::Gone => {
                let _ = self.tell.lost.send(Some(LostReason::LeaseExpired));
                false
            }
        }
    }

    /// Until when the lease is surely valid, as far as this side can tell: the last renewal's
    /// send time plus the TTL etcd granted then.
    pub fn lease_valid_until(&self) -> Instant {
        *self.valid_until.borrow()
    }

    /// The lease ID.
    pub fn lease_id(&self) -> i64 {
        self.lease
    }

    /// The TTL asked for.
    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// The client the session uses.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The connection options the session was made with.
    pub fn conn(&self) -> &ConnectOptions {
        self.target.options()
    }

    /// Where the session's waits dial when its client fails.
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// A receiver that holds `Some(reason)` once the session is lost.
    pub fn lost_signal(&self) -> LostSignal {
        self.lost.clone()
    }

    /// Resolves when the session is lost.
    pub async fn lost(&self) -> LostReason {
        wait_lost(self.lost.clone()).await
    }

    /// Stops the keep-alive and revokes the lease (deleting its keys). Best effort: if etcd is
    /// unreachable the lease simply expires after its TTL.
    pub async fn close(&self) {
        self.keeper.lock().unwrap().abort();
        // Retried (a revoke lost to a dead endpoint would leave the keys until the TTL), but
        // bounded: when etcd is unreachable the lease runs out by itself anyway.
        let lease = self.client.lease_client();
        let id = self.lease;
        let revoke = self.conn().retry_idempotent(|| {
            let mut c = lease.clone();
            async move { c.revoke(id).await }
        });
        let _ = tokio::time::timeout(CLOSE_LIMIT.min(self.conn().command_timeout), revoke).await;
    }
}

/// The longest a session waits for its lease to be revoked on close.
const CLOSE_LIMIT: Duration = Duration::from_secs(2);

impl Drop for Session {
    fn drop(&mut self) {
        self.keeper.lock().unwrap().abort();
    }
}

/// `hostname:pid`, the default holder description and election proposal.
pub fn default_holder() -> String {
    format!("{}:{}", crate::who::hostname(), std::process::id())
}
