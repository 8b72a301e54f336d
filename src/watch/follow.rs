//! The follower: list, then watch, and carry on through any trouble a member or the network
//! can cause, without missing or repeating a revision.

use std::collections::{HashMap, VecDeque};
use std::time::Instant;

use etcd_client::{Client, WatchResponse, WatchStream};

use super::known::Known;
use super::list::{compacted, future, open_watch, Listing};
use super::replay::{self, Replay};
use super::{Event, FollowOptions, Start, Update, UpdateKind};
use crate::conn::{ConnectOptions, Target};
use crate::error::{Error, Refusal, Result};

/// Starts following: lists the keys (retrying through trouble as [`Follower::next`] does) and
/// returns; the watch opens on the first [`Follower::next`], from the revision after the
/// listing's, so nothing that happens in between is missed. Each member is dialled through
/// `target` (resolved once: its TLS files are not read again).
pub async fn follow(target: &Target, options: FollowOptions) -> Result<Follower> {
    follow_into(target, None, options, Known::Revisions(HashMap::new())).await
}

/// [`follow`], starting on `client`, a client the caller has already dialled (a session's),
/// labelled `endpoint` in errors: no dial while it works. Only once it fails does the follow
/// dial the members of `target` itself, as [`follow`] does.
pub async fn follow_on(
    target: &Target,
    client: Client,
    endpoint: &str,
    options: FollowOptions,
) -> Result<Follower> {
    let given = Some((endpoint.to_string(), client));
    follow_into(target, given, options, Known::Revisions(HashMap::new())).await
}

/// Resumes a follow that stopped at `revision` (every change up to it was taken in), for a
/// caller that kept the keys it had then, each with its mod revision (`keys`): a consumer
/// that saved its state and its revision, and restarts. The changes after `revision` come as
/// they happened; when etcd has compacted them away, they come as one
/// [`UpdateKind::Resync`] that is the difference from `keys`: puts of new and changed keys,
/// deletes of the keys gone meanwhile. `options.start` is ignored.
///
/// ([`Start::Revision`] alone cannot tell a resync what was deleted when the revision before
/// it is compacted too: nothing is left in etcd to learn the old keys from.)
pub async fn resume(
    target: &Target,
    options: FollowOptions,
    revision: i64,
    keys: impl IntoIterator<Item = (bytes::Bytes, i64)>,
) -> Result<Follower> {
    if revision < 0 {
        return Err(Error::usage(format!(
            "cannot resume after revision {revision}: revisions start at 1"
        )));
    }
    let options = FollowOptions {
        start: Start::Revision(revision + 1),
        // The keys are known already: no listing to learn them.
        resync_deletes: false,
        ..options
    };
    let known = Known::Revisions(keys.into_iter().collect());
    follow_into(target, None, options, known).await
}

/// [`follow`], remembering the delivered keys in `known`, on the `given` client first.
pub(crate) async fn follow_into(
    target: &Target,
    given: Option<(String, Client)>,
    options: FollowOptions,
    known: Known,
) -> Result<Follower> {
    let range = options.keys.range();
    if range.0.is_empty() && range.1.is_empty() {
        return Err(Error::usage("the key to follow is empty"));
    }
    let (listing, revision) = match options.start {
        Start::Snapshot => (
            Some((
                Listing::new(range.clone(), options.page_size, 0, false),
                Purpose::Snapshot,
            )),
            0,
        ),
        Start::Now => (
            Some((
                Listing::new(range.clone(), options.page_size, 0, true),
                Purpose::Quiet,
            )),
            0,
        ),
        Start::Revision(r) if r < 1 => {
            return Err(Error::usage(format!(
                "cannot follow from revision {r}: revisions start at 1"
            )))
        }
        // Nothing existed before revision 1: nothing to learn.
        Start::Revision(1) => (None, 0),
        // Nothing to learn either: the caller takes any resync as a sign to look again.
        Start::Revision(r) if !options.resync_deletes => (None, r - 1),
        Start::Revision(r) => (
            Some((
                Listing::new(range.clone(), options.page_size, r - 1, true),
                Purpose::Quiet,
            )),
            r - 1,
        ),
    };
    let (given, client) = given.unzip();
    let mut follower = Follower {
        conn: target.options().clone(),
        target: target.clone(),
        given,
        at: 0,
        client,
        stream: None,
        backoff: options.backoff.clone(),
        options,
        range,
        known,
        revision,
        listing,
        pending: VecDeque::new(),
        replay: None,
        plan: None,
        plan_not_before: 0,
        trouble_since: None,
        reconnects: 0,
        resyncs: 0,
        windows: 0,
    };
    // "Now" is now, not the first call to `next`: the first listing fixes the revision.
    while follower.listing.is_some() {
        if let Err(error) = follower.step().await {
            follower.recover(error).await?;
        }
    }
    Ok(follower)
}

/// What a listing is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    /// The first state, delivered as a snapshot.
    Snapshot,
    /// The first state, only to know what exists (not delivered).
    Quiet,
    /// The state after a compaction, delivered as the difference from what was delivered.
    Resync,
}

/// A follow in progress: call [`Follower::next`] for each [`Update`].
pub struct Follower {
    /// The target's options: requests with its timeouts.
    conn: ConnectOptions,
    /// Where to dial, and how.
    target: Target,
    /// The label of the client the caller gave, while it is in use.
    given: Option<String>,
    /// The endpoint dialled (an index into the target's URLs) once no given client is in use.
    at: usize,
    client: Option<Client>,
    stream: Option<WatchStream>,
    options: FollowOptions,
    range: (Vec<u8>, Vec<u8>),
    backoff: super::Backoff,
    /// The keys that exist as far as delivered, with their mod revisions: what a resync
    /// compares against.
    known: Known,
    /// The last revision delivered (or learnt from progress): the watch resumes after it.
    revision: i64,
    listing: Option<(Listing, Purpose)>,
    /// Updates read and not yet handed out.
    pending: VecDeque<Update>,
    /// A long replay read in parallel windows.
    replay: Option<Replay>,
    /// A replay to plan: the watch found itself this far behind (the store's revision).
    plan: Option<i64>,
    /// The last plan found no windows up to this revision: no new plan before it is reached.
    plan_not_before: i64,
    /// Since when no member has answered.
    trouble_since: Option<Instant>,
    reconnects: u64,
    resyncs: u64,
    windows: u64,
}

impl std::fmt::Debug for Follower {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Follower")
            .field("keys", &self.options.keys)
            .field("revision", &self.revision)
            .field("endpoint", &self.endpoint())
            .finish_non_exhaustive()
    }
}

impl Follower {
    /// The next update. Waits as long as it takes (through reconnections), unless
    /// [`FollowOptions::give_up_after`] says otherwise; errors that retrying cannot mend
    /// (credentials, permissions, TLS, bad input) return at once.
    ///
    /// Cancel-safe: dropping the future loses nothing, the next call carries on.
    pub async fn next(&mut self) -> Result<Update> {
        loop {
            if let Some(update) = self.pending.pop_front() {
                return Ok(update);
            }
            if let Err(error) = self.step().await {
                self.recover(error).await?;
            }
        }
    }

    /// The last revision delivered, or learnt from a progress notification: every change up
    /// to it has been delivered.
    pub fn revision(&self) -> i64 {
        self.revision
    }

    /// The endpoint in use (or tried next).
    pub fn endpoint(&self) -> &str {
        match &self.given {
            Some(label) => label,
            None => &self.target.urls()[self.at],
        }
    }

    /// How many times the follow has had to reconnect.
    pub fn reconnects(&self) -> u64 {
        self.reconnects
    }

    /// How many resyncs (relists after a compaction) it has delivered.
    pub fn resyncs(&self) -> u64 {
        self.resyncs
    }

    /// How many windows of history it has read in parallel: a follow far behind reads a long
    /// replay through several watches at once, as etcd paces each one.
    pub fn parallel_windows(&self) -> u64 {
        self.windows
    }

    /// The options it follows with.
    pub fn options(&self) -> &FollowOptions {
        &self.options
    }

    /// From now on, give up when no member has answered for this long (`None`: never), e.g.
    /// once a start that had to fail fast on an unreachable cluster is behind.
    pub fn set_give_up_after(&mut self, after: Option<std::time::Duration>) {
        self.options.give_up_after = after;
    }

    /// One request's worth of progress: a listing, the opening of a watch, or one watch
    /// response.
    async fn step(&mut self) -> Result<()> {
        let client = self.client().await?;
        let url = self.endpoint().to_string();
        if let Some((listing, purpose)) = &mut self.listing {
            match listing.run(&self.conn, &url, &client).await {
                Ok(()) => {}
                Err(e) if compacted(&e) && *purpose == Purpose::Quiet && self.revision > 0 => {
                    // The start revision is compacted away: nothing to learn the old keys
                    // from, so the first update is a resync to the current ones.
                    *listing = Listing::new(self.range.clone(), self.options.page_size, 0, false);
                    *purpose = Purpose::Resync;
                    return Ok(());
                }
                Err(e) if compacted(&e) => {
                    listing.restart();
                    return Ok(());
                }
                Err(e) if future(&e) && listing.revision > 0 && listing.kvs.is_empty() => {
                    // Asked to start after a revision etcd has not reached: the keys now are
                    // the keys then.
                    self.revision = listing.revision;
                    listing.restart();
                    return Ok(());
                }
                Err(e) => return Err(e),
            }
            self.answered();
            let (listing, purpose) = self.listing.take().expect("a listing is in progress");
            self.listed(listing, purpose);
            return Ok(());
        }
        let source = replay::Source {
            conn: &self.conn,
            url: &url,
            client: &client,
            range: &self.range,
            prev_kv: self.options.prev_kv,
        };
        if let Some(now) = self.plan {
            let from = self.revision + 1;
            self.replay = Replay::plan(&source, from).await?;
            self.plan = None;
            match &self.replay {
                Some(replay) => self.windows += replay.windows() as u64,
                None => self.plan_not_before = now,
            }
        }
        if let Some(replay) = &mut self.replay {
            let step = replay.step(&source).await?;
            let end = replay.end;
            self.answered();
            match step {
                replay::Step::Updates(updates) => {
                    for update in updates {
                        if update.revision > self.revision {
                            self.known.apply(&update.events);
                            self.deliver(update.kind, update.revision, update.events);
                        }
                    }
                }
                replay::Step::Finished => {
                    // Every window was read to its end: all up to the last end is delivered.
                    let reached = end - 1;
                    self.replay = None;
                    if reached > self.revision {
                        self.revision = reached;
                        self.known.reached(reached);
                    }
                }
                replay::Step::Abandon => self.replay = None,
            }
            return Ok(());
        }
        if self.stream.is_none() {
            self.stream = Some(self.open(&url, &client).await?);
            self.answered();
        }
        let stream = self.stream.as_mut().expect("a watch is open");
        match stream.message().await {
            Ok(Some(response)) => {
                self.answered();
                self.handle(response)
            }
            Ok(None) => Err(Error::Etcd {
                endpoint: url,
                cause: "the watch stream ended".into(),
            }),
            Err(e) => Err(self.conn.classify_error(&url, e)),
        }
    }

    /// A client of the endpoint in use, dialled once per endpoint change.
    async fn client(&mut self) -> Result<Client> {
        if let Some(client) = &self.client {
            return Ok(client.clone());
        }
        let url = &self.target.urls()[self.at];
        let client = self.target.client_requiring_leader(url).await?;
        self.client = Some(client.clone());
        Ok(client)
    }

    /// Opens a watch from the revision after the last one delivered.
    async fn open(&self, url: &str, client: &Client) -> Result<WatchStream> {
        let start = self.revision + 1;
        open_watch(
            &self.conn,
            url,
            client,
            &self.range,
            start,
            self.options.prev_kv,
            true,
        )
        .await
    }

    /// A member answered: the trouble, if any, is over.
    fn answered(&mut self) {
        self.trouble_since = None;
        self.backoff.reset();
    }

    /// After a failed step: give up, or move to the next endpoint after a pause.
    async fn recover(&mut self, error: Error) -> Result<()> {
        if cannot_mend(&error) {
            return Err(error);
        }
        let since = *self.trouble_since.get_or_insert_with(Instant::now);
        if let Some(limit) = self.options.give_up_after {
            if since.elapsed() >= limit {
                return Err(error);
            }
        }
        self.stream = None;
        self.client = None;
        self.replay = None;
        self.plan = None;
        // A given client that failed is not used again: the members are dialled from the
        // first one on.
        if self.given.take().is_none() {
            self.at = (self.at + 1) % self.target.urls().len();
        }
        self.reconnects += 1;
        self.backoff.pause().await;
        Ok(())
    }

    /// A listing is complete: deliver it as its purpose says.
    fn listed(&mut self, listing: Listing, purpose: Purpose) {
        let revision = listing.revision;
        match purpose {
            Purpose::Quiet => {
                self.known.replace(&listing.kvs);
                self.revision = self.revision.max(revision);
            }
            Purpose::Snapshot => {
                self.known.replace(&listing.kvs);
                let events = listing
                    .kvs
                    .into_iter()
                    .map(|(key, entry)| Event::listed(key, entry, revision))
                    .collect();
                self.deliver(UpdateKind::Snapshot, revision, events);
            }
            Purpose::Resync => {
                let events = self.known.resync(listing.kvs, revision);
                self.resyncs += 1;
                self.deliver(UpdateKind::Resync, revision, events);
            }
        }
    }

    fn deliver(&mut self, kind: UpdateKind, revision: i64, events: Vec<Event>) {
        self.revision = self.revision.max(revision);
        self.known.reached(revision);
        self.pending.push_back(Update {
            kind,
            revision,
            events,
        });
    }

    /// One watch response: events grouped by revision, progress, or the end of the watch.
    fn handle(&mut self, response: WatchResponse) -> Result<()> {
        if response.canceled() {
            self.stream = None;
            if response.compact_revision() > 0 {
                let listing = Listing::new(self.range.clone(), self.options.page_size, 0, false);
                self.listing = Some((listing, Purpose::Resync));
                return Ok(());
            }
            return Err(canceled(self.endpoint(), response.cancel_reason()));
        }
        if response.events().is_empty() {
            // A creation answer's revision runs ahead of the history still to come; only a
            // progress notification (server-timed, sent in order with the events) says
            // that everything up to its revision has been sent.
            let revision = response.header().map_or(0, |h| h.revision());
            if response.created()
                && revision - self.revision >= replay::WORTH_FROM
                && self.revision >= self.plan_not_before
            {
                // Far behind: read the history through parallel windows (see `replay`).
                self.stream = None;
                self.plan = Some(revision);
                return Ok(());
            }
            if !response.created() && revision > self.revision {
                self.deliver(UpdateKind::Progress, revision, Vec::new());
            }
            return Ok(());
        }
        let mut last = self.revision;
        let mut groups: Vec<Update> = Vec::new();
        for event in response.events() {
            let Some(event) = Event::from_watch(event, self.options.prev_kv) else {
                continue;
            };
            match groups.last_mut() {
                Some(group) if group.revision == event.revision => group.events.push(event),
                // Anything at or before the last delivered revision was delivered already.
                _ if event.revision <= last => {}
                _ => {
                    last = event.revision;
                    groups.push(Update {
                        kind: UpdateKind::Changes,
                        revision: event.revision,
                        events: vec![event],
                    });
                }
            }
        }
        for group in groups {
            self.known.apply(&group.events);
            self.deliver(group.kind, group.revision, group.events);
        }
        Ok(())
    }
}

/// An error no retry can mend.
pub(crate) fn cannot_mend(error: &Error) -> bool {
    matches!(
        error,
        Error::Auth { .. } | Error::Tls { .. } | Error::Usage { .. } | Error::File { .. }
    )
}

/// etcd cancelled the watch for another reason than compaction.
fn canceled(endpoint: &str, reason: &str) -> Error {
    if reason.contains("permission denied") {
        return Error::Auth {
            endpoint: endpoint.to_string(),
            cause: reason.to_string(),
            refusal: Refusal::Permission,
        };
    }
    let cause = if reason.is_empty() {
        "etcd cancelled the watch".to_string()
    } else {
        format!("etcd cancelled the watch: {reason}")
    };
    Error::Etcd {
        endpoint: endpoint.to_string(),
        cause,
    }
}
