//! The request loops of each workload.

use std::cell::Cell;
use std::time::{Duration, Instant};

use etcd_client::{Client, Compare, CompareOp, EventType, GetOptions, Txn, TxnOp, WatchOptions};
use futures_util::future::join_all;
use tokio::sync::Notify;

use super::keys::KeySpace;
use super::recorder::Recorder;
use super::{BenchOptions, Stop, Workload};
use crate::concurrency::lock::{self, LockOptions};
use crate::concurrency::Session;
use crate::conn::ConnectOptions;
use crate::error::{Error, Result};

/// The pause after a failed request, so a dead endpoint is not hammered in a tight loop.
const ERROR_PAUSE: Duration = Duration::from_millis(5);

/// Set on Ctrl-C (or SIGTERM): no new requests, and clients waiting for their next due time
/// wake at once; those in flight finish, so the cleanup comes after them.
#[derive(Default)]
pub(super) struct Halt {
    set: Cell<bool>,
    woken: Notify,
}

impl Halt {
    /// Stops the run.
    pub(super) fn set(&self) {
        self.set.replace(true);
        self.woken.notify_waiters();
    }

    fn is_set(&self) -> bool {
        self.set.get()
    }

    /// Resolves once the run is stopped.
    async fn wait(&self) {
        loop {
            // A `Notified` hears `notify_waiters` from the moment it exists, so make it first.
            let woken = self.woken.notified();
            if self.is_set() {
                return;
            }
            woken.await;
        }
    }
}

/// Hands out request numbers and says when to stop.
struct Schedule<'a> {
    next: Cell<u64>,
    stop: super::Stop,
    rate: Option<f64>,
    started: Instant,
    /// The end of a run with a duration.
    deadline: Option<Instant>,
    halt: &'a Halt,
}

impl<'a> Schedule<'a> {
    fn new(options: &BenchOptions, started: Instant, halt: &'a Halt) -> Schedule<'a> {
        Schedule {
            next: Cell::new(0),
            stop: options.stop,
            rate: options.rate,
            started,
            deadline: match options.stop {
                // Bounded by validate(); an instant past the clock's end would mean "never".
                Stop::After(d) => started.checked_add(d),
                Stop::Total(_) => None,
            },
            halt,
        }
    }

    /// The next request number and the moment it is due (now, in a closed loop). In an open
    /// loop a request is handed out only if it is due before the end of the run: at 2 per
    /// second for 1 s that is the requests due at 0 s and 0.5 s.
    fn take(&self) -> Option<(u64, Instant)> {
        let n = self.next.get();
        if self.halt.is_set() {
            return None;
        }
        if let Stop::Total(total) = self.stop {
            if n >= total {
                return None;
            }
        }
        let due = match self.rate {
            Some(rate) => {
                let offset = Duration::try_from_secs_f64(n as f64 / rate).ok()?;
                self.started.checked_add(offset)?
            }
            None => Instant::now(),
        };
        if self.deadline.is_some_and(|end| due >= end) {
            return None;
        }
        self.next.set(n + 1);
        Some((n, due))
    }

    /// Waits until `due` (open loop only); false when the run was stopped meanwhile.
    async fn wait_until(&self, due: Instant) -> bool {
        if self.rate.is_none() {
            return !self.halt.is_set();
        }
        tokio::select! {
            _ = tokio::time::sleep_until(due.into()) => !self.halt.is_set(),
            _ = self.halt.wait() => false,
        }
    }

    /// The next request, once it is due: its number and the time its latency counts from.
    async fn next_due(&self) -> Option<(u64, Instant)> {
        let (n, due) = self.take()?;
        if !self.wait_until(due).await {
            return None;
        }
        Some((
            n,
            if self.rate.is_some() {
                due
            } else {
                Instant::now()
            },
        ))
    }
}

/// Writes every key of the key space once, so that reads find something (not measured).
pub(super) async fn prefill(
    conn: &ConnectOptions,
    clients: &[Client],
    keys: &KeySpace,
    val_size: usize,
    halt: &Halt,
) -> Result<()> {
    let value = vec![b'v'; val_size];
    let next = Cell::new(0u64);
    let writers = (0..clients.len() * 8).map(|i| {
        let mut kv = clients[i % clients.len()].kv_client();
        let (value, next) = (&value, &next);
        async move {
            loop {
                let n = next.get();
                if n >= keys.size() || halt.is_set() {
                    return Ok::<_, Error>(());
                }
                next.set(n + 1);
                let put = kv.put(keys.key_at(n), value.clone(), None);
                conn.request(&conn.label(), put).await?;
            }
        }
    });
    for r in join_all(writers).await {
        r?;
    }
    Ok(())
}

/// Runs the workload's clients until the schedule runs out.
#[allow(clippy::too_many_arguments)]
pub(super) async fn drive(
    conn: &ConnectOptions,
    clients: &[Client],
    options: &BenchOptions,
    keys: &KeySpace,
    prefix: &str,
    recorder: &Recorder,
    halt: &Halt,
) -> Result<()> {
    let schedule = Schedule::new(options, recorder.started(), halt);
    match options.workload {
        Workload::Watch => watch(conn, clients, options, keys, prefix, recorder, &schedule).await,
        Workload::Lock => lock_handoffs(conn, clients, options, prefix, recorder, &schedule).await,
        _ => {
            let value = vec![b'x'; options.val_size];
            let loops = (0..options.clients as usize).map(|i| {
                kv_client_loop(
                    conn.command_timeout,
                    &clients[i % clients.len()],
                    options,
                    keys,
                    &value,
                    recorder,
                    &schedule,
                    i as u64,
                )
            });
            join_all(loops).await;
            Ok(())
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn kv_client_loop(
    limit: Duration,
    client: &Client,
    options: &BenchOptions,
    keys: &KeySpace,
    value: &[u8],
    recorder: &Recorder,
    schedule: &Schedule<'_>,
    seed: u64,
) {
    let mut kv = client.kv_client();
    let mut rng = fastrand::Rng::with_seed(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x5eed);
    let read_options = || {
        let o = GetOptions::new();
        if options.serializable {
            o.with_serializable()
        } else {
            o
        }
    };
    // One timer per client, moved for each request (the lean connections arm none). A command
    // timeout past any run's length means "no limit" and must not overflow the clock.
    let limit = limit.min(super::MAX_RUN);
    let deadline = tokio::time::sleep(limit);
    tokio::pin!(deadline);
    while let Some((n, sent)) = schedule.next_due().await {
        let key = keys.key(n, &mut rng);
        let read = match options.workload {
            Workload::Read => true,
            Workload::Mixed => rng.f64() < options.read_ratio,
            _ => false,
        };
        let request = async {
            if read {
                kv.get(key, Some(read_options())).await.map(drop)
            } else if options.workload == Workload::Txn {
                // Compare-and-put: put only if the key was not changed after revision 2^62.
                let txn = Txn::new()
                    .when([Compare::mod_revision(key.clone(), CompareOp::Less, 1 << 62)])
                    .and_then([TxnOp::put(key, value.to_vec(), None)]);
                kv.txn(txn).await.map(drop)
            } else {
                kv.put(key, value.to_vec(), None).await.map(drop)
            }
        };
        deadline.as_mut().reset(tokio::time::Instant::now() + limit);
        tokio::select! {
            biased;
            result = request => record(recorder, sent, result).await,
            _ = &mut deadline => {
                recorder.error("timeout");
                tokio::time::sleep(ERROR_PAUSE).await;
            }
        }
    }
}

async fn record(
    recorder: &Recorder,
    sent: Instant,
    result: std::result::Result<(), etcd_client::Error>,
) {
    match result {
        Ok(()) => recorder.success(sent.elapsed()),
        Err(e) => {
            recorder.error(&error_kind(&e));
            tokio::time::sleep(ERROR_PAUSE).await;
        }
    }
}

/// A short name for an error, for the error distribution.
fn error_kind(e: &etcd_client::Error) -> String {
    match e {
        etcd_client::Error::GRpcStatus(s) if s.message().contains("Timeout expired") => {
            "timeout".into()
        }
        etcd_client::Error::GRpcStatus(s) => format!("{:?}", s.code()),
        etcd_client::Error::TransportError(_) => "transport".into(),
        other => other
            .to_string()
            .split(':')
            .next()
            .unwrap_or("other")
            .to_string(),
    }
}

/// `watch`: watchers on the prefix, putters writing values that carry their send time; each
/// event's latency is its arrival minus that time.
async fn watch(
    conn: &ConnectOptions,
    clients: &[Client],
    options: &BenchOptions,
    keys: &KeySpace,
    prefix: &str,
    recorder: &Recorder,
    schedule: &Schedule<'_>,
) -> Result<()> {
    let started = recorder.started();
    let mut streams = Vec::new();
    for i in 0..options.watchers as usize {
        let mut w = clients[i % clients.len()].watch_client();
        let mut stream = conn
            .request(
                &conn.label(),
                w.watch(prefix, Some(WatchOptions::new().with_prefix())),
            )
            .await?;
        // The first message confirms the watch exists; only then may puts begin.
        conn.request(&conn.label(), stream.message()).await?;
        streams.push(stream);
    }
    let puts_done = Cell::new(false);
    let expected = Cell::new(0u64);
    let watchers = streams.into_iter().map(|mut stream| {
        let (puts_done, expected) = (&puts_done, &expected);
        async move {
            let mut seen = 0u64;
            loop {
                if puts_done.get() && seen >= expected.get() {
                    return;
                }
                let next = tokio::time::timeout(Duration::from_millis(200), stream.message()).await;
                match next {
                    Ok(Ok(Some(resp))) => {
                        for event in resp
                            .events()
                            .iter()
                            .filter(|e| e.event_type() == EventType::Put)
                        {
                            seen += 1;
                            if let Some(sent) = event.kv().and_then(|kv| sent_at(kv.value())) {
                                recorder.success((started.elapsed()).saturating_sub(sent));
                            }
                        }
                    }
                    Ok(Ok(None)) | Ok(Err(_)) => {
                        recorder.error("watch broken");
                        return;
                    }
                    Err(_) if puts_done.get() => {
                        // Nothing more arrives: the missing events count as lost.
                        let lost = expected.get().saturating_sub(seen);
                        for _ in 0..lost {
                            recorder.error("event lost");
                        }
                        return;
                    }
                    Err(_) => {}
                }
            }
        }
    });
    let putters = async {
        let loops = (0..options.clients as usize).map(|i| {
            let mut kv = clients[i % clients.len()].kv_client();
            let mut rng = fastrand::Rng::with_seed(i as u64 + 1);
            let val_size = options.val_size;
            async move {
                let mut ok = 0u64;
                while let Some((n, _)) = schedule.next_due().await {
                    let stamp = format!("{:016x}", started.elapsed().as_nanos() as u64);
                    let mut value = stamp.into_bytes();
                    value.resize(val_size, b'x');
                    let put = tokio::time::timeout(
                        conn.command_timeout,
                        kv.put(keys.key(n, &mut rng), value, None),
                    )
                    .await;
                    match put {
                        Ok(Ok(_)) => ok += 1,
                        Ok(Err(e)) => recorder.error(&format!("put {}", error_kind(&e))),
                        Err(_) => recorder.error("put timeout"),
                    }
                }
                ok
            }
        });
        let ok: u64 = join_all(loops).await.into_iter().sum();
        // Each watcher expects every successful put once.
        expected.set(ok);
        puts_done.set(true);
    };
    let (_, _) = tokio::join!(putters, join_all(watchers));
    Ok(())
}

/// The send time carried in a watch benchmark value (16 hex digits of nanoseconds).
fn sent_at(value: &[u8]) -> Option<Duration> {
    let hex = std::str::from_utf8(value.get(..16)?).ok()?;
    u64::from_str_radix(hex, 16).ok().map(Duration::from_nanos)
}

/// `lock`: clients contend for one lock; each acquisition's latency is from asking to holding.
async fn lock_handoffs(
    conn: &ConnectOptions,
    clients: &[Client],
    options: &BenchOptions,
    prefix: &str,
    recorder: &Recorder,
    schedule: &Schedule<'_>,
) -> Result<()> {
    let name = format!("{prefix}lock");
    let lock_options = LockOptions::default();
    let target = conn.resolve()?;
    let mut sessions = Vec::new();
    for i in 0..options.clients as usize {
        let client = &clients[i % clients.len()];
        sessions.push(Session::new(&target, client, lock_options.ttl).await?);
    }
    let contenders = sessions.iter().map(|session| {
        let (name, lock_options) = (&name, &lock_options);
        async move {
            while let Some((_, sent)) = schedule.next_due().await {
                let acquire = tokio::time::timeout(
                    conn.command_timeout.saturating_mul(4),
                    lock::acquire(session, name, lock_options),
                );
                // A stop does not wait for a lock that may take long to come: the attempt's
                // key goes with the session's lease at the end.
                let acquired = tokio::select! {
                    acquired = acquire => acquired,
                    _ = schedule.halt.wait() => break,
                };
                match acquired {
                    Ok(Ok(guard)) => {
                        recorder.success(sent.elapsed());
                        if guard.release().await.is_err() {
                            recorder.error("release");
                        }
                    }
                    Ok(Err(_)) => {
                        recorder.error("acquire");
                        tokio::time::sleep(ERROR_PAUSE).await;
                    }
                    Err(_) => {
                        recorder.error("timeout");
                        // The abandoned attempt's key would block everyone behind it.
                        let mut kv = session.client().kv_client();
                        let key = format!("{name}/{:x}", session.lease_id());
                        let _ = conn.request(&conn.label(), kv.delete(key, None)).await;
                    }
                }
            }
        }
    });
    join_all(contenders).await;
    for s in &sessions {
        s.close().await;
    }
    Ok(())
}
