//! A registered instance kept current: its check run, its health and drain state written to its
//! keys, and its keys put back whenever its lease is lost.

use std::collections::BTreeMap;
use std::time::Duration;

use etcd_client::Client;
use tokio::sync::{mpsc, oneshot, watch};
use tokio::task::JoinHandle;
use tokio::time::Instant;

use super::check::{CheckSpec, CheckStatus, Checker, Health};
use super::layout::{check_id, check_service, Layout};
use super::record::{CheckRecord, Instance};
use crate::concurrency::session::Ttl;
use crate::concurrency::LostReason;
use crate::conn::Target;
use crate::error::{Error, Result};
use crate::registration::{KeptEvent, KeptKeys, Keys};
use crate::watch::{self as follow, FollowOptions, Follower, Keys as WatchKeys};

/// What to register.
pub struct RegisterOptions {
    /// The service.
    pub service: String,
    /// The instance ID; `None`: the address.
    pub id: Option<String>,
    /// `HOST:PORT` clients connect to.
    pub addr: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Key/value metadata.
    pub meta: BTreeMap<String, String>,
    /// The share of traffic for weighted picks, 1 to [`MAX_WEIGHT`].
    pub weight: u32,
    /// The lease TTL: how soon the instance disappears when its registrar dies.
    pub ttl: Ttl,
    /// The check that decides its health; without one it is always passing.
    pub check: Option<CheckSpec>,
    /// Withdraw it altogether after this long critical (it comes back once passing again).
    pub deregister_after: Option<Duration>,
}

/// The largest weight accepted.
pub const MAX_WEIGHT: u32 = 1_000_000;

impl RegisterOptions {
    /// The instance ID.
    pub fn id(&self) -> &str {
        self.id.as_deref().unwrap_or(&self.addr)
    }

    /// Checks everything that can be checked before anything is registered.
    pub fn validate(&self) -> Result<()> {
        check_service(&self.service)?;
        super::check::parse_host_port(&self.addr).map_err(|e| match e {
            Error::Usage { message, .. } => Error::usage_with_hint(
                format!("--addr: {message}"),
                "give the address clients connect to, e.g. --addr 10.0.0.5:8080",
            ),
            other => other,
        })?;
        check_id(self.id())?;
        if self.weight == 0 || self.weight > MAX_WEIGHT {
            return Err(Error::usage(format!(
                "--weight {} is out of range: use 1 to {MAX_WEIGHT}",
                self.weight
            )));
        }
        if let Some(tag) = self.tags.iter().find(|t| t.is_empty()) {
            return Err(Error::usage(format!(
                "an empty --tag ({tag:?}) tags nothing"
            )));
        }
        if self.meta.keys().any(String::is_empty) {
            return Err(Error::usage("--meta needs KEY=VALUE with a non-empty KEY"));
        }
        if let Some(check) = &self.check {
            if check.interval < MIN_INTERVAL {
                return Err(Error::usage(format!(
                    "--check-interval {} is too short: at least 100ms",
                    humantime::format_duration(check.interval)
                )));
            }
            if check.timeout.is_zero() {
                return Err(Error::usage("--check-timeout must be above 0"));
            }
        }
        if self.deregister_after.is_some() && self.check.is_none() {
            return Err(Error::usage_with_hint(
                "--deregister-after needs a check",
                "without a check the instance is always passing; add --check-http, --check-tcp, --check-grpc or --check-exec",
            ));
        }
        Ok(())
    }
}

/// The shortest check interval accepted.
const MIN_INTERVAL: Duration = Duration::from_millis(100);

/// Something that happened to a registration, for its owner.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The instance's ID is registered by another registrar (on `lease`): waiting for it to go.
    Waiting {
        /// The other registrar's lease.
        lease: i64,
    },
    /// Registered, after waiting for the ID.
    Registered,
    /// The check's verdict changed.
    Health {
        /// Where the check stands now.
        status: CheckStatus,
        /// Whether the instance serves now.
        serving: bool,
    },
    /// An operator drained (true) or undrained (false) the instance.
    Drained(bool),
    /// The lease was lost and the keys with it: the instance is gone until put back.
    Lost {
        /// Why.
        reason: LostReason,
    },
    /// Its lease could not be renewed until it could have run out: etcd is asked whether it
    /// still has it.
    InDoubt {
        /// Why.
        reason: LostReason,
    },
    /// After [`Event::InDoubt`]: etcd still had the lease; the instance never left.
    Outlived,
    /// Its keys were deleted by someone else (while its lease lived) and are put back.
    PutBack,
    /// The keys are back on a new lease.
    Restored {
        /// How long the instance was gone.
        missing: Duration,
    },
    /// Critical for `--deregister-after`: withdrawn until its check passes again.
    Deregistered {
        /// How long it had been critical.
        critical_for: Duration,
    },
    /// Back after a deregistration, its check passing again.
    Reregistered,
}

/// A registered instance, kept current on a task of its own until closed.
pub struct Registration {
    instance: watch::Receiver<Instance>,
    registered: watch::Receiver<bool>,
    events: mpsc::UnboundedReceiver<Event>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Registration {
    /// Registers the instance (after its check's first verdict, so that it is listed as its
    /// check finds it) and keeps it registered.
    pub async fn start(
        target: &Target,
        client: &Client,
        layout: &Layout,
        options: RegisterOptions,
    ) -> Result<Registration> {
        options.validate()?;
        let registered_at = crate::units::now();
        let service = options.service.clone();
        let id = options.id().to_string();
        // An unreachable cluster at the start is an error, as for any request; once
        // registered, the follow waits for a member to come back.
        let drain_options = FollowOptions {
            give_up_after: Some(
                target
                    .options()
                    .dial_timeout
                    .max(target.options().command_timeout),
            ),
            ..FollowOptions::new(WatchKeys::key(layout.drain_key(&service, &id)))
        };
        let label = target.options().label();
        let drain = follow::follow_on(target, client.clone(), &label, drain_options).await?;
        let mut keeper = Keeper {
            layout: layout.clone(),
            drain: Some(drain),
            checker: None,
            deregister_after: options.deregister_after,
            critical_since: None,
            deregistered: false,
            instance: Instance {
                service,
                id,
                addr: options.addr.clone(),
                tags: options.tags.clone(),
                meta: options.meta.clone(),
                weight: options.weight,
                health: Health::Passing,
                drained: false,
                registered_at,
                check: None,
            },
        };
        keeper.drained_now().await?;
        if let Some(spec) = options.check {
            let (kind, target, interval) = (
                spec.probe.kind().to_string(),
                spec.probe.target(),
                spec.interval,
            );
            let checker = Checker::start(spec).await;
            let status = checker.status();
            keeper.instance.health = status.health;
            keeper.instance.check = Some(CheckRecord {
                kind,
                target,
                interval_ms: interval.as_millis() as u64,
                status,
            });
            keeper.critical_since = (keeper.instance.health == Health::Critical).then(Instant::now);
            keeper.checker = Some(checker);
        }
        let keys = Keys {
            keys: keeper.keys(),
            claim: Some(layout.record_key(&keeper.instance.service, &keeper.instance.id)),
        };
        let kept = KeptKeys::start(target, client, keys, options.ttl).await?;
        let (registered_tx, registered) = watch::channel(kept.lease_id().is_some());
        let (instance_tx, instance) = watch::channel(keeper.instance.clone());
        let (events_tx, events) = mpsc::unbounded_channel();
        let (stop_tx, stop) = oneshot::channel();
        let tell = Tell {
            instance: instance_tx,
            registered: registered_tx,
            events: events_tx,
        };
        let task = tokio::spawn(keeper.run(kept, tell, stop));
        Ok(Registration {
            instance,
            registered,
            events,
            stop: Some(stop_tx),
            task: Some(task),
        })
    }

    /// The instance as registered now.
    pub fn instance(&self) -> Instance {
        self.instance.borrow().clone()
    }

    /// Whether the instance is registered: false while its ID is held by another registrar
    /// ([`Event::Waiting`]) until [`Event::Registered`].
    pub fn is_registered(&self) -> bool {
        *self.registered.borrow()
    }

    /// The next thing that happened; `None` once closed.
    pub async fn next_event(&mut self) -> Option<Event> {
        self.events.recv().await
    }

    /// Withdraws the instance at once (revokes its lease, which deletes its keys). Best effort:
    /// when etcd does not answer, the lease runs out by itself within the TTL.
    pub async fn close(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        if let Some(task) = &self.task {
            task.abort();
        }
    }
}

/// The registration's state and the task that keeps it.
struct Keeper {
    layout: Layout,
    /// Follows the drain marker; `None` once it failed for good (credentials).
    drain: Option<Follower>,
    checker: Option<Checker>,
    deregister_after: Option<Duration>,
    /// Since when the check has said critical.
    critical_since: Option<Instant>,
    deregistered: bool,
    instance: Instance,
}

impl Keeper {
    fn record_key(&self) -> String {
        self.layout
            .record_key(&self.instance.service, &self.instance.id)
    }

    fn serving_key(&self) -> String {
        self.layout
            .serving_key(&self.instance.service, &self.instance.id)
    }

    /// The keys as they should be now.
    fn keys(&self) -> BTreeMap<String, String> {
        let mut keys = BTreeMap::new();
        if self.deregistered {
            return keys;
        }
        let value = self.instance.encode();
        if self.instance.serving() {
            keys.insert(self.serving_key(), value.clone());
        }
        keys.insert(self.record_key(), value);
        keys
    }

    /// Reads the drain marker's first state (the follow's snapshot).
    async fn drained_now(&mut self) -> Result<()> {
        if let Some(drain) = self.drain.as_mut() {
            let snapshot = drain.next().await?;
            drain.set_give_up_after(None);
            self.instance.drained = !snapshot.events.is_empty();
        }
        Ok(())
    }

    /// Puts the keys as they should be now, deleting the ones that should not be there.
    fn write(&self, kept: &KeptKeys) {
        let keys = self.keys();
        let deletes = [self.serving_key(), self.record_key()]
            .into_iter()
            .filter(|k| !keys.contains_key(k))
            .collect();
        kept.change(keys.into_iter().collect(), deletes);
    }

    async fn run(mut self, mut kept: KeptKeys, to: Tell, mut stop: oneshot::Receiver<()>) {
        let tell = |event| {
            let _ = to.events.send(event);
        };
        loop {
            let deadline = match (self.critical_since, self.deregister_after) {
                (Some(since), Some(after)) if !self.deregistered => Some(since + after),
                _ => None,
            };
            let deregister = async move {
                match deadline {
                    Some(at) => tokio::time::sleep_until(at).await,
                    None => std::future::pending().await,
                }
            };
            let checker = self.checker.as_mut();
            let check = async move {
                match checker {
                    Some(checker) => checker.changed().await,
                    None => std::future::pending().await,
                }
            };
            let drain = self.drain.as_mut();
            let drain = async move {
                match drain {
                    Some(drain) => Some(drain.next().await),
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                _ = &mut stop => {
                    kept.close().await;
                    return;
                }
                event = kept.next_event() => match event {
                    Some(KeptEvent::Claimed { lease, .. }) => {
                        to.registered.send_replace(false);
                        tell(Event::Waiting { lease })
                    }
                    Some(KeptEvent::Registered { .. }) => {
                        to.registered.send_replace(true);
                        tell(Event::Registered)
                    }
                    Some(KeptEvent::Lost { reason, .. }) => tell(Event::Lost { reason }),
                    Some(KeptEvent::Restored { missing, .. }) => tell(Event::Restored { missing }),
                    Some(KeptEvent::PutBack { .. }) => tell(Event::PutBack),
                    Some(KeptEvent::InDoubt { reason, .. }) => tell(Event::InDoubt { reason }),
                    Some(KeptEvent::Outlived { .. }) => tell(Event::Outlived),
                    None => return,
                },
                status = check => {
                    let was_critical = self.critical_since.is_some();
                    self.instance.health = status.health;
                    if let Some(record) = self.instance.check.as_mut() {
                        record.status = status.clone();
                    }
                    match (status.health == Health::Critical, was_critical) {
                        (true, false) => self.critical_since = Some(Instant::now()),
                        (false, _) => self.critical_since = None,
                        _ => {}
                    }
                    if self.deregistered && status.health == Health::Passing {
                        self.deregistered = false;
                        tell(Event::Reregistered);
                    }
                    tell(Event::Health { status, serving: self.instance.serving() });
                    self.write(&kept);
                }
                update = drain => match update {
                    Some(Ok(update)) => {
                        let drained = match update.events.last() {
                            Some(event) => event.kind == follow::EventKind::Put,
                            None => self.instance.drained,
                        };
                        if drained != self.instance.drained {
                            self.instance.drained = drained;
                            tell(Event::Drained(drained));
                            self.write(&kept);
                        }
                    }
                    Some(Err(_)) | None => self.drain = None,
                },
                _ = deregister => {
                    self.deregistered = true;
                    let critical_for = self.critical_since.map_or(Duration::ZERO, |s| s.elapsed());
                    tell(Event::Deregistered { critical_for });
                    self.write(&kept);
                }
            }
            to.instance.send_replace(self.instance.clone());
        }
    }
}

/// Where the keeper tells its owner what happened.
struct Tell {
    instance: watch::Sender<Instance>,
    registered: watch::Sender<bool>,
    events: mpsc::UnboundedSender<Event>,
}
