//! The command's whole process tree and the lease: it dies with etcdkit however etcdkit dies
//! (SIGKILL included), and after a loss it is gone before the lease can run out. Proven by the
//! order of events: a FIFO that only the command's processes hold open reaches end-of-file
//! exactly when the last of them has died, and at that moment the next holder has not run yet.

use std::fs;
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use crate::lock_scene::{wait_for, Scene, Spawned};
use crate::support::{process_alive, LoopbackServer, Stopping};

/// The read end of a FIFO that the command's processes hold open for writing (`exec
/// 3>"$DIR/alive"; echo x >&3`, inherited by everything the command starts).
pub(crate) struct TreeAlive {
    fifo: fs::File,
}

impl TreeAlive {
    pub fn new(path: &Path) -> TreeAlive {
        let status = Command::new("mkfifo").arg(path).status().unwrap();
        assert!(status.success(), "mkfifo {}", path.display());
        // Non-blocking: opening succeeds with no writer yet, reads never hang.
        let fifo = fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)
            .unwrap();
        TreeAlive { fifo }
    }

    /// Waits until the command has opened the FIFO and written its first byte.
    pub fn wait_started(&mut self, seconds: u64) {
        let mut byte = [0u8; 1];
        wait_for("the command to open the FIFO", seconds, || {
            matches!(self.fifo.read(&mut byte), Ok(1))
        });
    }

    /// Waits until no process holds the FIFO any more (end-of-file), then runs `at_death`
    /// at once; panics after `seconds`.
    pub fn wait_gone<T>(&mut self, seconds: u64, at_death: impl FnOnce() -> T) -> T {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let mut buf = [0u8; 64];
        loop {
            match self.fifo.read(&mut buf) {
                Ok(0) => return at_death(),
                Ok(_) => {}
                Err(e) if e.kind() == ErrorKind::WouldBlock => {}
                Err(e) => panic!("reading the FIFO: {e}"),
            }
            assert!(
                Instant::now() < deadline,
                "the command's processes still hold the FIFO after {seconds} s"
            );
            thread::sleep(Duration::from_millis(2));
        }
    }
}

/// A TCP proxy on loopback to one etcd endpoint that the test can freeze: while frozen it
/// forwards nothing in either direction but keeps the connections open, as a network
/// partition looks to a client.
pub(crate) struct StallingProxy {
    server: LoopbackServer,
    frozen: Arc<AtomicBool>,
}

impl StallingProxy {
    pub fn to(endpoint: &str) -> StallingProxy {
        StallingProxy::start(endpoint, false)
    }

    /// A proxy that passes gRPC (HTTP/2) on but answers every plain HTTP request (`GET
    /// /metrics`) with 404, as a proxy in front of etcd that exposes gRPC alone would.
    pub fn grpc_only(endpoint: &str) -> StallingProxy {
        StallingProxy::start(endpoint, true)
    }

    fn start(endpoint: &str, refuse_http: bool) -> StallingProxy {
        let upstream = endpoint
            .trim_start_matches("http://")
            .trim_start_matches("https://")
            .to_string();
        let frozen = Arc::new(AtomicBool::new(false));
        let flag = frozen.clone();
        let server = LoopbackServer::start("stalling proxy", move |mut client, stopping| {
            let mut first = [0u8; 4];
            if refuse_http && client.peek(&mut first).is_ok_and(|n| n == 4) && &first == b"GET " {
                let _ = client.write_all(b"HTTP/1.0 404 Not Found\r\n\r\n");
                return;
            }
            let Ok(server) = TcpStream::connect(&upstream) else {
                return;
            };
            let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            let (flag2, stop2) = (flag.clone(), stopping.clone());
            let back = thread::spawn(move || pump(s2, c2, &flag2, &stop2));
            pump(client, server, &flag, stopping);
            let _ = back.join();
        });
        StallingProxy { server, frozen }
    }

    pub fn endpoint(&self) -> String {
        format!("http://{}", self.server.addr())
    }

    pub fn freeze(&self) {
        self.frozen.store(true, Ordering::SeqCst);
    }
}

/// Copies `from` to `to` until either side closes or the proxy stops; holds the bytes while
/// frozen.
fn pump(mut from: TcpStream, mut to: TcpStream, frozen: &AtomicBool, stopping: &Stopping) {
    from.set_read_timeout(Some(Duration::from_millis(50)))
        .unwrap();
    let mut buf = [0u8; 16384];
    while !stopping.is_set() {
        if frozen.load(Ordering::SeqCst) {
            thread::sleep(Duration::from_millis(20));
            continue;
        }
        match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                while frozen.load(Ordering::SeqCst) && !stopping.is_set() {
                    thread::sleep(Duration::from_millis(20));
                }
                if to.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => break,
        }
    }
    let _ = to.shutdown(Shutdown::Both);
}

/// The command: holds the FIFO, starts a grandchild (which holds it too and writes its pid),
/// and waits.
const TREE_SH: &str = r#"exec 3>"$DIR/alive"; echo x >&3
sh -c 'echo $$ > "$DIR/grandchild.tmp"; mv "$DIR/grandchild.tmp" "$DIR/grandchild"; exec sleep 40' &
wait; echo done >> "$DIR/log""#;

#[test]
fn sigkill_of_etcdkit_stops_the_whole_tree_before_the_next_waiter_runs() {
    let scene = Scene::single("/locks/tree");
    let mut alive = TreeAlive::new(&scene.path("alive"));
    let mut holder = Spawned::spawn(
        scene.etcdkit(&[&scene.name, "--ttl", "2s", "--", "sh", "-c", TREE_SH]),
        scene.dir(),
        "holder",
    );
    alive.wait_started(10);
    wait_for("the grandchild", 10, || scene.path("grandchild").exists());
    let grandchild: u32 = fs::read_to_string(scene.path("grandchild"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let next = r#"echo "$ETCD_LOCK_REV" >> "$DIR/next""#;
    let mut waiters: Vec<Spawned> = ["w1", "w2"]
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let w = Spawned::spawn(
                scene.etcdkit(&[&scene.name, "--", "sh", "-c", next]),
                scene.dir(),
                label,
            );
            scene.wait_keys(i + 2);
            w
        })
        .collect();

    holder.signal(libc::SIGKILL);
    // The moment the last process of the tree is gone, no waiter has run yet.
    let ran_before = alive.wait_gone(20, || scene.lines("next"));
    assert!(
        ran_before.is_empty(),
        "a waiter ran while the tree lived: {ran_before:?}"
    );
    assert!(
        !process_alive(grandchild),
        "the grandchild outlived etcdkit"
    );
    for w in &mut waiters {
        w.wait(20).expect_code(0);
    }
    assert_eq!(scene.lines("next").len(), 2);
    assert!(scene.lines("log").is_empty(), "the command never finished");
}

#[test]
fn what_the_command_leaves_running_is_stopped_when_it_exits() {
    let scene = Scene::single("/locks/leftover");
    let mut alive = TreeAlive::new(&scene.path("alive"));
    let body = r#"exec 3>"$DIR/alive"; echo x >&3; sleep 40 & echo started"#;
    let run = crate::run::run_command(&mut scene.etcdkit(&[&scene.name, "--", "sh", "-c", body]));
    run.expect_code(0);
    assert!(run.stderr.contains("left 1 process"), "{}", run.stderr);
    // etcdkit has exited and the lock is free: nothing of the command runs any more.
    alive.wait_gone(10, || ());
    assert!(scene.keys().is_empty());
}

#[test]
fn a_command_ignoring_sigterm_is_gone_before_a_frozen_holders_lease_can_expire() {
    let scene = Scene::single("/locks/frozen-link");
    let proxy = StallingProxy::to(&scene.etcd.endpoint(0));
    let mut alive = TreeAlive::new(&scene.path("alive"));
    let body = r#"trap '' TERM; exec 3>"$DIR/alive"; echo x >&3; exec sleep 60"#;
    // The holder talks to etcd through the proxy; --kill-after is far longer than the TTL.
    let mut cmd = crate::run::etcdkit_command();
    cmd.args(["lock", "--endpoints", &proxy.endpoint(), &scene.name])
        .args(["--ttl", "3s", "--kill-after", "30s", "--", "sh", "-c", body])
        .current_dir(scene.dir())
        .env("DIR", scene.dir());
    let mut holder = Spawned::spawn(cmd, scene.dir(), "holder");
    alive.wait_started(10);
    let next = r#"touch "$DIR/next""#;
    let mut waiter = Spawned::spawn(
        scene.etcdkit(&[&scene.name, "--", "sh", "-c", next]),
        scene.dir(),
        "waiter",
    );
    scene.wait_keys(2);

    proxy.freeze();
    let next_ran = alive.wait_gone(30, || scene.path("next").exists());
    assert!(
        !next_ran,
        "the next holder ran while the old command lived; holder said:\n{}",
        holder.stderr()
    );
    waiter.wait(30).expect_code(0);
    let run = holder.wait(30);
    run.expect_code(7);
    assert!(run.stderr.contains("unreachable"), "{}", run.stderr);
    assert!(
        run.stderr.contains("before SIGKILL, not --kill-after 30s"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_default_kill_after_gives_the_command_5s_after_sigterm() {
    let scene = Scene::single("/locks/grace");
    let mut alive = TreeAlive::new(&scene.path("alive"));
    let body = r#"trap 'echo term >> "$DIR/events"' TERM
exec 3>"$DIR/alive"; echo x >&3
while :; do sleep 0.05; done"#;
    let mut holder = Spawned::spawn(
        scene.etcdkit(&[&scene.name, "--", "sh", "-c", body]),
        scene.dir(),
        "holder",
    );
    alive.wait_started(10);
    scene.etcd.etcdctl_ok(&["del", &scene.name, "--prefix"]);
    wait_for("the SIGTERM handler", 10, || {
        scene.lines("events") == ["term"]
    });
    // Two clocks outside the tree, started at the SIGTERM: 4 s and 7 s.
    let mut clocks: Vec<_> = [4, 7]
        .iter()
        .map(|s| {
            let mut cmd = Command::new("sh");
            cmd.args([
                "-c",
                &format!("sleep {s}; echo after{s} >> \"$DIR/events\""),
            ])
            .env("DIR", scene.dir());
            cmd.spawn().unwrap()
        })
        .collect();
    alive.wait_gone(20, || {
        fs::OpenOptions::new()
            .append(true)
            .open(scene.path("events"))
            .unwrap()
            .write_all(b"dead\n")
            .unwrap()
    });
    for c in &mut clocks {
        c.wait().unwrap();
    }
    assert_eq!(scene.lines("events"), ["term", "after4", "dead", "after7"]);
    holder.wait(10).expect_code(7);
}

#[test]
fn on_a_terminal_sigkill_of_etcdkit_stops_the_whole_tree_too() {
    // On a terminal the command stays in etcdkit's (foreground) process group, so the guard
    // cannot kill a group of its own: it stops the tree through what it reaps.
    let scene = Scene::single("/locks/tty");
    let mut alive = TreeAlive::new(&scene.path("alive"));
    let tree = format!("echo $PPID > \"$DIR/parent.pid\"\n{TREE_SH}");
    fs::write(scene.path("tree.sh"), tree).unwrap();
    // A shell stays the terminal's session leader (as a login shell would), so that the
    // kernel's SIGHUP on the leader's exit does not do the guard's work.
    let line = format!(
        "{} lock --endpoints {} {} --ttl 2s -- sh {}; sleep 60",
        env!("CARGO_BIN_EXE_etcdkit"),
        scene.ep,
        scene.name,
        scene.path("tree.sh").display()
    );
    // `script` runs it on a pseudo-terminal of its own.
    let mut on_tty = Command::new("script");
    on_tty
        .args(["-qec", &line, "/dev/null"])
        .env("DIR", scene.dir())
        .stdin(std::process::Stdio::null());
    let mut session = Spawned::spawn(on_tty, scene.dir(), "script");
    alive.wait_started(10);
    wait_for("the grandchild", 10, || scene.path("grandchild").exists());
    // etcdkit: the nearest ancestor of the command that runs the etcdkit binary as itself
    // (the guard is a fork of it, with the same command line: it goes by its own name).
    let mut etcdkit: i32 = fs::read_to_string(scene.path("parent.pid"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    loop {
        let cmdline = fs::read_to_string(format!("/proc/{etcdkit}/cmdline")).unwrap();
        let name = fs::read_to_string(format!("/proc/{etcdkit}/comm")).unwrap();
        if cmdline.starts_with(&format!("{}\0lock", env!("CARGO_BIN_EXE_etcdkit")))
            && name.trim() != "etcdkit-guard"
        {
            break;
        }
        let stat = fs::read_to_string(format!("/proc/{etcdkit}/stat")).unwrap();
        etcdkit = stat[stat.rfind(')').unwrap() + 1..]
            .split_whitespace()
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        assert!(etcdkit > 1, "no etcdkit above the command");
    }
    let on_terminal = fs::read_link(format!("/proc/{etcdkit}/fd/0")).unwrap();
    assert!(
        on_terminal.to_string_lossy().starts_with("/dev/pts/"),
        "{on_terminal:?}"
    );
    let next = r#"echo ran >> "$DIR/next""#;
    let mut waiter = Spawned::spawn(
        scene.etcdkit(&[&scene.name, "--", "sh", "-c", next]),
        scene.dir(),
        "waiter",
    );
    scene.wait_keys(2);

    // SAFETY: etcdkit runs below the `script` this test started; its pid was just read.
    assert_eq!(unsafe { libc::kill(etcdkit, libc::SIGKILL) }, 0);
    let ran_before = alive.wait_gone(20, || scene.lines("next"));
    assert!(ran_before.is_empty(), "the waiter ran while the tree lived");
    waiter.wait(20).expect_code(0);
    assert!(session.running(), "the terminal's session ended early");
}
