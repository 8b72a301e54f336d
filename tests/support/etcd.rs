//! [`Etcd`]: one or more real etcd members on 127.0.0.1, plus helpers to drive them with etcdctl.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::fs::{self, OpenOptions};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

use super::netns::{command_in, in_netns, Host, Network};
use super::proc::{kill_and_reap, signal_child, spawn_tied_to_test, wait_timeout};
use super::tls::TlsFiles;

mod boot;
mod ctl;

/// Password of the `root` user in [`Etcd::tls_auth`] (and any fixture built with `.auth(true)`).
pub const ROOT_PASSWORD: &str = "rootpw";
/// Password of the `alice` user (role `reader`: read-only on all keys).
pub const ALICE_PASSWORD: &str = "alicepw";

/// How long [`Etcd::stop`] waits after SIGTERM before it falls back to SIGKILL.
const STOP_GRACE: Duration = Duration::from_secs(30);
/// Attempts with fresh ports when another process grabbed a port between `free_port` and bind.
const LAUNCH_ATTEMPTS: usize = 3;

/// Options for an [`Etcd`] fixture; start with [`Etcd::builder`].
#[derive(Debug, Clone)]
pub struct EtcdBuilder {
    members: usize,
    tls: bool,
    auth: bool,
    args: Vec<String>,
    /// Member index -> etcd binary, for members that do not run `ETCDKIT_TEST_ETCD`.
    binaries: Vec<(usize, OsString)>,
    /// Members in namespaces of a [`Network`] instead of on 127.0.0.1.
    network: Option<Placement>,
}

/// Where a [`Network`]'s members run and where etcdctl runs.
#[derive(Debug, Clone)]
struct Placement {
    members: Vec<Host>,
    client: String,
}

impl EtcdBuilder {
    /// Number of members (default 1).
    pub fn members(mut self, n: usize) -> Self {
        assert!(n >= 1, "an etcd cluster needs at least one member");
        self.members = n;
        self
    }

    /// Serve clients over https with client-certificate auth ([`TlsFiles`] are generated).
    pub fn tls(mut self, on: bool) -> Self {
        self.tls = on;
        self
    }

    /// Enable etcd auth: users `root`/[`ROOT_PASSWORD`] and `alice`/[`ALICE_PASSWORD`] (role
    /// `reader`, read on all keys). [`Etcd::etcdctl`] then logs in as root.
    pub fn auth(mut self, on: bool) -> Self {
        self.auth = on;
        self
    }

    /// Extra etcd flags for every member, after the fixture's own (so they override them).
    pub fn args(mut self, args: &[&str]) -> Self {
        self.args.extend(args.iter().map(|s| s.to_string()));
        self
    }

    /// Member `i` runs the etcd binary `bin` instead of `ETCDKIT_TEST_ETCD` (also when it is
    /// restarted), e.g. `.members(3).binary_for(2, support::etcd35_bin())` for a cluster in the
    /// middle of a rolling upgrade.
    pub fn binary_for(mut self, i: usize, bin: impl AsRef<OsStr>) -> Self {
        self.binaries.retain(|(j, _)| *j != i);
        self.binaries.push((i, bin.as_ref().to_owned()));
        self
    }

    /// Runs member `i` in `network`'s member namespace `i` (ports 2379 and 2380 on its
    /// address) and etcdctl in its client namespace; one member per member namespace.
    pub fn network(mut self, network: &Network) -> Self {
        self.members = network.members();
        self.network = Some(Placement {
            members: (0..self.members)
                .map(|i| network.member(i).clone())
                .collect(),
            client: network.client().netns.clone(),
        });
        self
    }

    /// Starts the members and waits until all answer and agree on a leader (panics otherwise).
    pub fn start(self) -> Etcd {
        Etcd::launch(&self)
    }
}

/// One or more real etcd members on 127.0.0.1 with free ports and a temp dir.
///
/// All members are SIGKILLed and reaped on drop (also when the test panics), and get SIGKILL
/// from the kernel if the test process dies. Member `i` is named `m{i}`; its data dir is
/// `<dir>/m{i}.etcd` and its log `<dir>/m{i}.log`. Clusters use `--heartbeat-interval 50
/// --election-timeout 500` (a new leader within about a second), a lone member 10 / 100 ms.
/// Peer URLs are always plain http; etcd logs at `--log-level error`.
pub struct Etcd {
    members: Vec<Member>,
    tls: Option<TlsFiles>,
    auth: bool,
    /// The namespace etcdctl runs in (None: this one).
    client_netns: Option<String>,
    timeout: Duration,
    /// Set when a fixture panic already showed the logs (Drop then does not repeat them).
    logs_shown: AtomicBool,
    dir: Option<TempDir>,
}

struct Member {
    name: String,
    client_url: String,
    /// Namespace the member runs in (None: this one, on 127.0.0.1).
    netns: Option<String>,
    host: Ipv4Addr,
    client_port: u16,
    peer_port: u16,
    peer_url: String,
    data_dir: PathBuf,
    log_path: PathBuf,
    /// The etcd binary this member runs.
    bin: OsString,
    args: Vec<String>,
    child: Mutex<Option<Child>>,
    paused: AtomicBool,
    /// Raft member ID once known (0 = not known yet; etcd never uses 0).
    id: AtomicU64,
    starts: AtomicUsize,
}

/// Why a member did not come up.
enum StartError {
    /// A port was taken by someone else: retry with other ports.
    PortInUse(String),
    /// Anything else: the message includes the log tail.
    Failed(String),
}

impl StartError {
    fn into_message(self) -> String {
        match self {
            StartError::PortInUse(m) | StartError::Failed(m) => m,
        }
    }
}

impl Etcd {
    /// Options for a custom fixture (members, TLS, auth, extra flags).
    pub fn builder() -> EtcdBuilder {
        EtcdBuilder {
            members: 1,
            tls: false,
            auth: false,
            args: Vec::new(),
            binaries: Vec::new(),
            network: None,
        }
    }

    /// One member, plain http.
    pub fn single() -> Etcd {
        Etcd::builder().start()
    }

    /// One member, plain http, with extra etcd flags, e.g. `&["--quota-backend-bytes", "1048576"]`.
    pub fn single_with(extra_args: &[&str]) -> Etcd {
        Etcd::builder().args(extra_args).start()
    }

    /// `n` members, plain http. Returns once all members answer and agree on a leader.
    pub fn cluster(n: usize) -> Etcd {
        Etcd::builder().members(n).start()
    }

    /// One member with https clients (server cert for IP 127.0.0.1, client certificates required,
    /// see [`Etcd::tls`]) and etcd auth on: `root`/`rootpw`, and `alice`/`alicepw` with role
    /// `reader` (read on all keys). Client certificates have CN `root`.
    pub fn tls_auth() -> Etcd {
        Etcd::builder().tls(true).auth(true).start()
    }

    // ----- accessors -------------------------------------------------------------------------

    /// Comma-joined client URLs of all members (running or not), e.g.
    /// `http://127.0.0.1:41234,http://127.0.0.1:41240`.
    pub fn endpoints(&self) -> String {
        self.members
            .iter()
            .map(|m| m.client_url.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Client URL of member `i`, e.g. `https://127.0.0.1:41234`.
    /// The resolved target of member 0 alone and a client of it, for library tests.
    pub async fn connect(&self) -> (etcdkit::conn::Target, etcd_client::Client) {
        let conn = etcdkit::conn::ConnectOptions {
            endpoints: vec![self.endpoint(0)],
            ..etcdkit::conn::ConnectOptions::default()
        };
        let target = conn.resolve().unwrap();
        let client = target.connect().await.unwrap();
        (target, client)
    }

    pub fn endpoint(&self, i: usize) -> String {
        self.member(i).client_url.clone()
    }

    /// Client port of member `i`.
    pub fn client_port(&self, i: usize) -> u16 {
        self.member(i).client_port
    }

    /// Peer URL of member `i` (always http).
    pub fn peer_url(&self, i: usize) -> String {
        self.member(i).peer_url.clone()
    }

    /// Name of member `i` (`m0`, `m1`, ...).
    pub fn member_name(&self, i: usize) -> String {
        self.member(i).name.clone()
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Always false: a fixture has at least one member.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// TLS files, for fixtures with TLS ([`Etcd::tls_auth`]).
    pub fn tls(&self) -> Option<&TlsFiles> {
        self.tls.as_ref()
    }

    /// Whether etcd auth is on (then [`Etcd::etcdctl`] logs in as `root`).
    pub fn auth_enabled(&self) -> bool {
        self.auth
    }

    /// The fixture's temp dir (data dirs, logs, TLS files).
    pub fn dir(&self) -> &Path {
        self.dir
            .as_ref()
            .expect("temp dir is present until drop")
            .path()
    }

    /// Data dir of member `i`.
    pub fn data_dir(&self, i: usize) -> PathBuf {
        self.member(i).data_dir.clone()
    }

    /// Log file (etcd's stdout and stderr) of member `i`.
    pub fn log_path(&self, i: usize) -> PathBuf {
        self.member(i).log_path.clone()
    }

    /// Contents of member `i`'s log so far.
    pub fn log(&self, i: usize) -> String {
        fs::read_to_string(&self.member(i).log_path).unwrap_or_default()
    }

    /// The etcd binary member `i` runs (see [`EtcdBuilder::binary_for`]).
    pub fn binary(&self, i: usize) -> OsString {
        self.member(i).bin.clone()
    }

    /// The etcd command-line flags member `i` runs with.
    pub fn args(&self, i: usize) -> Vec<String> {
        self.member(i).args.clone()
    }

    /// Process id of member `i`, if it was started and not killed/stopped through the fixture.
    pub fn pid(&self, i: usize) -> Option<u32> {
        self.child(i).as_ref().map(|c| c.id())
    }

    /// Whether member `i`'s process is alive (paused members count as running).
    pub fn is_running(&self, i: usize) -> bool {
        matches!(self.child(i).as_mut().map(|c| c.try_wait()), Some(Ok(None)))
    }

    /// Whether member `i` is paused with [`Etcd::pause`].
    pub fn is_paused(&self, i: usize) -> bool {
        self.member(i).paused.load(Ordering::SeqCst)
    }

    // ----- process control -------------------------------------------------------------------

    /// SIGKILLs member `i` and reaps it. No-op if it is not running.
    pub fn kill(&mut self, i: usize) {
        if let Some(mut child) = self.child(i).take() {
            kill_and_reap(&mut child);
        }
        self.member(i).paused.store(false, Ordering::SeqCst);
    }

    /// SIGTERMs member `i` and waits for it to exit (resumes it first if paused). Falls back to
    /// SIGKILL after 30 s. No-op if it is not running.
    pub fn stop(&mut self, i: usize) {
        let member = self.member(i);
        if let Some(mut child) = self.child(i).take() {
            if member.paused.swap(false, Ordering::SeqCst) {
                signal_child(&mut child, libc::SIGCONT);
            }
            signal_child(&mut child, libc::SIGTERM);
            if !wait_timeout(&mut child, STOP_GRACE) {
                eprintln!(
                    "etcd fixture: {} did not exit {STOP_GRACE:?} after SIGTERM; sending SIGKILL",
                    member.name
                );
                kill_and_reap(&mut child);
            }
        }
        member.paused.store(false, Ordering::SeqCst);
    }

    /// Restarts stopped/killed member `i` with the same binary, flags, data dir and ports, and
    /// waits until it serves clients (which needs a quorum: use [`Etcd::start_nowait`] +
    /// [`Etcd::wait_ready`] to restart several members of a cluster that lost quorum). Panics if
    /// it is running.
    pub fn start(&mut self, i: usize) {
        self.start_nowait(i);
        self.wait_ready(i);
    }

    /// Restarts stopped/killed member `i` without waiting for it. Panics if it is running.
    pub fn start_nowait(&mut self, i: usize) {
        assert!(
            !self.is_running(i),
            "Etcd::start({i}): member {} is already running",
            self.member(i).name
        );
        if let Err(e) = self.spawn_member(i) {
            self.fail(e);
        }
    }

    /// Waits until member `i` serves clients (panics after the start timeout, default 20 s). If
    /// its port was taken meanwhile, it is restarted until the port is free or time runs out.
    pub fn wait_ready(&self, i: usize) {
        let deadline = Instant::now() + self.timeout;
        loop {
            match self.wait_member(i, deadline) {
                Ok(()) => return,
                Err(StartError::PortInUse(msg)) if Instant::now() < deadline => {
                    let first = msg.lines().next().unwrap_or_default();
                    eprintln!("etcd fixture: port conflict ({first}): retrying");
                    thread::sleep(Duration::from_millis(300));
                    if let Err(e) = self.spawn_member(i) {
                        self.fail(e);
                    }
                }
                Err(e) => self.fail(e),
            }
        }
    }

    /// Sends SIGSTOP to member `i` (it stops answering but keeps its sockets open).
    pub fn pause(&self, i: usize) {
        let sent = self
            .child(i)
            .as_mut()
            .is_some_and(|c| signal_child(c, libc::SIGSTOP));
        assert!(
            sent,
            "Etcd::pause({i}): member {} is not running",
            self.member(i).name
        );
        self.member(i).paused.store(true, Ordering::SeqCst);
    }

    /// Sends SIGCONT to member `i`.
    pub fn resume(&self, i: usize) {
        if let Some(child) = self.child(i).as_mut() {
            signal_child(child, libc::SIGCONT);
        }
        self.member(i).paused.store(false, Ordering::SeqCst);
    }

    // ----- internals -------------------------------------------------------------------------

    fn member(&self, i: usize) -> &Member {
        self.members.get(i).unwrap_or_else(|| {
            panic!(
                "etcd member index {i} out of range (fixture has {})",
                self.len()
            )
        })
    }

    fn child(&self, i: usize) -> MutexGuard<'_, Option<Child>> {
        self.member(i)
            .child
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    fn spawn_member(&self, i: usize) -> Result<(), StartError> {
        let m = self.member(i);
        let n = m.starts.fetch_add(1, Ordering::SeqCst) + 1;
        let mut log = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&m.log_path)
            .map_err(|e| {
                StartError::Failed(format!("cannot open {}: {e}", m.log_path.display()))
            })?;
        let _ = writeln!(log, "==== etcd fixture: start #{n} of {} ====", m.name);
        let stderr = log
            .try_clone()
            .map_err(|e| StartError::Failed(e.to_string()))?;
        let mut cmd = match &m.netns {
            Some(netns) => command_in(netns, &m.bin),
            None => Command::new(&m.bin),
        };
        for (k, _) in std::env::vars_os() {
            if k.to_string_lossy().starts_with("ETCD_") {
                cmd.env_remove(k);
            }
        }
        cmd.args(&m.args)
            .current_dir(self.dir())
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(stderr);
        let child = spawn_tied_to_test(cmd).map_err(|e| {
            StartError::Failed(format!(
                "cannot run etcd binary {:?} for {}: {e} (ETCDKIT_TEST_ETCD sets the default one)",
                m.bin, m.name
            ))
        })?;
        *self.child(i) = Some(child);
        Ok(())
    }

    /// Waits (at most 2 s) until member `i` answers on its peer port, or its process exits.
    fn wait_peer_port(&self, i: usize, deadline: Instant) {
        let m = self.member(i);
        let until = deadline.min(Instant::now() + Duration::from_secs(2));
        loop {
            let now = Instant::now();
            if now >= until || !self.is_running(i) || m.serving(m.peer_port, until - now) {
                return;
            }
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Why member `i`'s process is no longer running, if it is not (with its log's tail); a
    /// port taken by another process is told apart, so that the start can be retried.
    fn exit_error(&self, i: usize) -> Option<StartError> {
        let m = self.member(i);
        let how = {
            let mut child = self.child(i);
            match child.as_mut().map(|c| c.try_wait()) {
                None => "was not started".to_string(),
                Some(Ok(Some(status))) => {
                    *child = None;
                    format!("exited with {status}")
                }
                Some(Ok(None)) => return None,
                Some(Err(e)) => format!("cannot be waited for: {e}"),
            }
        };
        let log = fs::read_to_string(&m.log_path).unwrap_or_default();
        let msg = format!(
            "etcd member {} ({}) {how}\ncommand: {:?} {}\n{}",
            m.name,
            m.client_url,
            m.bin,
            m.args.join(" "),
            tail_of(&m.log_path, &log, 40)
        );
        Some(if log.contains("address already in use") {
            StartError::PortInUse(msg)
        } else {
            StartError::Failed(msg)
        })
    }

    /// Waits until member `i` serves clients, or its process exits, or `deadline` passes.
    fn wait_member(&self, i: usize, deadline: Instant) -> Result<(), StartError> {
        let m = self.member(i);
        loop {
            if let Some(error) = self.exit_error(i) {
                return Err(error);
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(StartError::Failed(format!(
                    "etcd member {} did not answer on {} within {:?} (ETCDKIT_TEST_START_TIMEOUT)\n\
                     command: {:?} {}\n{}",
                    m.name,
                    m.client_url,
                    self.timeout,
                    m.bin,
                    m.args.join(" "),
                    self.log_tails()
                )));
            }
            if m.serving(m.client_port, (deadline - now).min(Duration::from_secs(1))) {
                return Ok(());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Panics with the error's message (which already includes the relevant log tails).
    fn fail(&self, e: StartError) -> ! {
        self.logs_shown.store(true, Ordering::SeqCst);
        panic!("{}", e.into_message())
    }

    fn log_tails(&self) -> String {
        self.members
            .iter()
            .map(|m| {
                let log = fs::read_to_string(&m.log_path).unwrap_or_default();
                tail_of(&m.log_path, &log, 20)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl fmt::Debug for Etcd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        for (i, m) in self.members.iter().enumerate() {
            list.entry(&format_args!(
                "{} {} pid={:?}{}",
                m.name,
                m.client_url,
                self.pid(i),
                if self.is_paused(i) { " paused" } else { "" }
            ));
        }
        list.finish()
    }
}

impl Drop for Etcd {
    fn drop(&mut self) {
        let panicking = thread::panicking() && !self.logs_shown.load(Ordering::SeqCst);
        for m in &self.members {
            let mut child = m.child.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(mut c) = child.take() {
                kill_and_reap(&mut c);
            }
            if panicking {
                let log = fs::read_to_string(&m.log_path).unwrap_or_default();
                let has_etcd_output = log.lines().any(|l| !l.starts_with("==== etcd fixture"));
                if has_etcd_output {
                    eprintln!("{}", tail_of(&m.log_path, &log, 15));
                }
            }
        }
        let keep = std::env::var_os("ETCDKIT_TEST_KEEP").is_some_and(|v| !v.is_empty() && v != "0");
        if keep {
            if let Some(dir) = self.dir.take() {
                eprintln!("etcd fixture: kept {}", dir.keep().display());
            }
        }
    }
}

impl Member {
    /// Whether the member serves on `port` (see [`serving`]), asked from its namespace.
    fn serving(&self, port: u16, wait: Duration) -> bool {
        let addr = SocketAddr::from((self.host, port));
        match &self.netns {
            Some(netns) => in_netns(netns, || serving(addr, wait)),
            None => serving(addr, wait),
        }
    }
}

/// Whether something serves on `addr`.
///
/// etcd binds its client port early but only accepts connections once the member is ready
/// (joined, leader known, its attributes published). So: connect, send an HTTP request, and
/// wait up to `wait` for any reaction. Plain http answers `/health`; https answers a 400 or
/// closes the connection. Before readiness the connection sits in the backlog and nothing comes
/// back; as soon as etcd starts serving, it reads the buffered request and answers at once.
fn serving(addr: SocketAddr, wait: Duration) -> bool {
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(300)) else {
        return false;
    };
    let _ = stream.set_write_timeout(Some(Duration::from_millis(300)));
    let _ = stream.set_read_timeout(Some(wait.max(Duration::from_millis(10))));
    if stream
        .write_all(b"GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut buf = [0u8; 256];
    // Ok(0) = closed after accepting (TLS handshake failure): serving too.
    stream.read(&mut buf).is_ok()
}

fn tail_of(path: &Path, text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    let start = all.len().saturating_sub(lines);
    format!(
        "--- last {} lines of {} ---\n{}",
        all.len() - start,
        path.display(),
        all[start..].join("\n")
    )
}

// An `Etcd` can be shared between threads (e.g. in an `Arc`).
const _: () = {
    fn check<T: Send + Sync>() {}
    fn etcd_is_send_sync() {
        check::<Etcd>();
    }
};
