//! A [`Session`](super::Session)'s keep-alive: renews the lease every third of its TTL, and
//! when the member it talks to stops answering, renews it through another member before the
//! lease can run out.
//!
//! A member cut off by a partition neither answers nor fails: its packets are dropped, and TCP
//! and HTTP/2 keep-alives take tens of seconds to notice. So a renewal left unanswered for half
//! a renewal interval counts as stalled, and every member is asked at once (each with etcd's
//! require-leader metadata, so a member cut off from its leader refuses rather than stalls);
//! the first to renew carries the stream from then on.

use std::time::Duration;

use etcd_client::{Client, LeaseKeepAliveStream, LeaseKeeper};
use futures_util::stream::{FuturesUnordered, StreamExt as _};
use tokio::sync::watch;
use tokio::time::Instant;

use super::lost::LostReason;
use crate::conn::Target;

/// What the keep-alive tells the session.
#[derive(Clone)]
pub(super) struct Lease {
    pub lost: watch::Sender<Option<LostReason>>,
    pub valid_until: watch::Sender<Instant>,
}

/// What opening a keep-alive stream came to.
enum Opened {
    /// A stream, opened with a renewal that etcd answered (and the member's own client, when
    /// it was dialled for the stream: its connection carries it).
    Stream(Box<(LeaseKeeper, LeaseKeepAliveStream, Option<Client>)>),
    /// etcd says the lease no longer exists.
    Gone,
    /// Refused, reset, no leader.
    Failed,
    /// No answer in time.
    TimedOut,
}

/// Renews the lease every ttl/3 until it is lost; reports the loss once. `client` carries the
/// stream first; after a failure or a stall, the members of `target` are asked directly.
pub(super) async fn keep_alive(
    client: Client,
    target: Target,
    lease: i64,
    ttl: Duration,
    tell: Lease,
) {
    let every = ttl / 3;
    // The server counts the TTL from when it got the renewal; counting from when it was sent
    // is earlier, and a margin covers clock drift between here and there.
    let margin = (ttl / 10).max(Duration::from_millis(200));
    // How long a renewal may go unanswered before another member is asked.
    let patience = (every / 2).max(Duration::from_millis(200));
    let mut valid_until = *tell.valid_until.borrow();
    let report = |reason| {
        let _ = tell.lost.send(Some(reason));
    };
    // Nothing to renew before a third of the TTL has passed; a short-lived session (a quick
    // locked job) never opens the keep-alive stream at all.
    let wake = Instant::now() + every;
    tokio::time::sleep_until(wake).await;
    if overslept(wake, valid_until, margin) {
        return report(LostReason::Paused);
    }
    let mut first = Some(client);
    loop {
        if Instant::now() + margin >= valid_until {
            return report(LostReason::Unreachable);
        }
        let sent = Instant::now();
        let opened = match first.take() {
            Some(client) => open(client, lease, (sent + patience).min(valid_until - margin)).await,
            None => race(&target, lease, patience, Some(valid_until - margin)).await,
        };
        // Kept for as long as its stream is used: its connection carries the stream.
        let (mut keeper, mut stream, _client) = match opened {
            Opened::Stream(opened) => *opened,
            Opened::Gone => return report(LostReason::LeaseExpired),
            // The session's own client did not renew: ask the members (or, after a race,
            // say the lease is lost at the top of the loop).
            Opened::TimedOut | Opened::Failed => continue,
        };
        // Opening renewed the lease; etcd answers a renewal with the TTL it granted.
        valid_until = sent + ttl;
        let _ = tell.valid_until.send(valid_until);
        loop {
            let wake = (valid_until - ttl + every).max(Instant::now());
            tokio::time::sleep_until(wake).await;
            if overslept(wake, valid_until, margin) {
                return report(LostReason::Paused);
            }
            let sent = Instant::now();
            if keeper.keep_alive().await.is_err() {
                break;
            }
            let limit = (sent + patience).min(valid_until - margin);
            match tokio::time::timeout_at(limit, stream.message()).await {
                // Stalled: another member, while the lease lasts.
                Err(_) => break,
                Ok(Ok(Some(resp))) if resp.ttl() <= 0 => return report(LostReason::LeaseExpired),
                Ok(Ok(Some(resp))) => {
                    valid_until = sent + Duration::from_secs(resp.ttl() as u64);
                    let _ = tell.valid_until.send(valid_until);
                }
                Ok(Ok(None)) | Ok(Err(_)) => {
                    tokio::time::sleep(Duration::from_millis(100).min(every)).await;
                    break;
                }
            }
        }
    }
}

/// What one renewal through the members came to.
pub(super) enum Renewed {
    Alive,
    Gone,
}

/// Renews `lease` once through whichever member answers first (asking again every
/// `patience`), however long that takes.
pub(super) async fn renew(target: &Target, lease: i64, patience: Duration) -> Renewed {
    loop {
        // Without a deadline, a race ends only with a stream or with the lease gone.
        match race(target, lease, patience, None).await {
            Opened::Stream(_) => return Renewed::Alive,
            Opened::Gone => return Renewed::Gone,
            Opened::TimedOut | Opened::Failed => continue,
        }
    }
}

/// Opens the stream through `client` (the session's own), by `deadline`.
async fn open(client: Client, lease: i64, deadline: Instant) -> Opened {
    let mut leases = client.lease_client();
    match tokio::time::timeout_at(deadline, leases.keep_alive(lease)).await {
        Ok(result) => opened(result, None),
        Err(_) => Opened::TimedOut,
    }
}

/// Opens the stream through every member of `target` at once, and again every `patience`
/// (until `deadline`, if one is given)
/// while none has renewed (a member whose leader was just cut off forwards a renewal to it and
/// stalls; asked again, it forwards to the new leader); the first to renew wins. Attempts still
/// in flight keep their chance: a slow cluster is not a stalled one.
async fn race(
    target: &Target,
    lease: i64,
    patience: Duration,
    deadline: Option<Instant>,
) -> Opened {
    let attempt = |url: String| async move {
        let client = target.client_requiring_leader(&url).await.ok()?;
        let result = client.lease_client().keep_alive(lease).await;
        Some(opened(result, Some(client)))
    };
    let mut attempts = FuturesUnordered::new();
    let mut wave = Instant::now();
    loop {
        let now = Instant::now();
        if deadline.is_some_and(|d| now >= d) {
            return Opened::TimedOut;
        }
        if now >= wave {
            attempts.extend(target.urls().iter().cloned().map(attempt));
            wave = now + patience;
        }
        tokio::select! {
            Some(done) = attempts.next() => {
                if let Some(done @ (Opened::Stream(..) | Opened::Gone)) = done {
                    return done;
                }
            }
            _ = tokio::time::sleep_until(deadline.map_or(wave, |d| wave.min(d))) => {}
        }
    }
}

fn opened(
    result: Result<(LeaseKeeper, LeaseKeepAliveStream), etcd_client::Error>,
    client: Option<Client>,
) -> Opened {
    match result {
        Ok((keeper, stream)) => Opened::Stream(Box::new((keeper, stream, client))),
        // etcd-client opens the stream with a first renewal, and answers a TTL of 0 to it (the
        // lease revoked or run out meanwhile) with this error: the lease is gone, not etcd.
        Err(etcd_client::Error::LeaseKeepAliveError(why)) if why == "lease not found" => {
            Opened::Gone
        }
        Err(_) => Opened::Failed,
    }
}

/// A sleep meant to end well before the lease's end woke past it: this process did not run
/// (SIGSTOP, a frozen VM, a starved host), rather than etcd not answering.
fn overslept(wake: Instant, valid_until: Instant, margin: Duration) -> bool {
    let now = Instant::now();
    now + margin >= valid_until && now.saturating_duration_since(wake) >= margin
}
