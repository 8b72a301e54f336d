//! Tests of the etcd test fixture in `tests/support/` against real etcd processes.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{self, free_port, process_alive, Etcd};

/// GET `path` on a plain-http endpoint; returns the whole response.
fn http_get(endpoint: &str, path: &str) -> String {
    let addr = endpoint
        .strip_prefix("http://")
        .expect("plain http endpoint");
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    resp
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn wait_until_dead(pid: u32, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    while process_alive(pid) {
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    true
}

#[test]
fn single_member_answers() {
    let t = Instant::now();
    let etcd = Etcd::single();
    eprintln!(
        "Etcd::single() took {:?} (etcd {:?})",
        t.elapsed(),
        support::etcd_version()
    );

    assert_eq!(etcd.len(), 1);
    assert_eq!(etcd.member_name(0), "m0");
    assert!(etcd.endpoint(0).starts_with("http://127.0.0.1:"));
    assert_eq!(etcd.endpoints(), etcd.endpoint(0));
    assert!(etcd.tls().is_none());
    assert_eq!(etcd.leader_index(), Some(0));

    let health = http_get(&etcd.endpoint(0), "/health");
    assert!(health.contains(r#""health":"true""#), "{health}");

    etcd.put("greeting", "hello");
    assert_eq!(etcd.get("greeting").as_deref(), Some("hello"));
    assert_eq!(etcd.get("missing"), None);
    let out = etcd.etcdctl(&["get", "greeting", "--print-value-only"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out), "hello\n");
}

#[test]
fn single_with_small_quota_hits_nospace_and_restarts() {
    let mut etcd = Etcd::single_with(&["--quota-backend-bytes", "1048576"]);
    etcd.fill_until_nospace();
    assert!(stdout(&etcd.etcdctl(&["alarm", "list"])).contains("NOSPACE"));

    // The alarm survives a restart, and /health is false then: start() must still return.
    let t = Instant::now();
    etcd.stop(0);
    let stopped = t.elapsed();
    etcd.start(0);
    eprintln!(
        "stop (SIGTERM) took {stopped:?}, start {:?}",
        t.elapsed() - stopped
    );
    assert!(stdout(&etcd.etcdctl(&["alarm", "list"])).contains("NOSPACE"));
    assert_eq!(etcd.leader_index(), Some(0));
}

#[test]
fn cluster_elects_fails_over_and_rejoins() {
    let t = Instant::now();
    let mut etcd = Etcd::cluster(3);
    eprintln!("Etcd::cluster(3) took {:?}", t.elapsed());
    assert_eq!(etcd.len(), 3);
    assert_eq!(etcd.endpoints().split(',').count(), 3);
    let ids: HashSet<u64> = (0..3).map(|i| etcd.member_id(i)).collect();
    assert_eq!(ids.len(), 3, "distinct member IDs");

    let old = etcd.leader_index().expect("a leader after startup");
    let out = etcd.etcdctl(&["member", "list"]);
    assert!(out.status.success());
    for i in 0..3 {
        assert!(
            stdout(&out).contains(&etcd.member_name(i)),
            "{}",
            stdout(&out)
        );
    }

    let old_pid = etcd.pid(old).unwrap();
    let t = Instant::now();
    etcd.kill(old);
    assert!(!process_alive(old_pid));
    assert!(!etcd.is_running(old));
    let new = etcd.wait_for_new_leader(old, Duration::from_secs(10));
    eprintln!(
        "new leader {} after killing leader {}: {:?}",
        new,
        old,
        t.elapsed()
    );
    etcd.put("written-while-down", "yes");

    let t = Instant::now();
    etcd.start(old);
    eprintln!("restart of a killed member took {:?}", t.elapsed());
    assert!(etcd.is_running(old));
    // It rejoined: it answers and has the write it missed (serializable read from it alone).
    let out = etcd.etcdctl_at(
        old,
        &[
            "get",
            "written-while-down",
            "--print-value-only",
            "--consistency=s",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(stdout(&out), "yes\n");
    let out = etcd.etcdctl(&["endpoint", "health"]);
    assert!(out.status.success(), "{out:?}");
    assert!(etcd.leader_index().is_some());
}

#[test]
fn paused_follower_and_resume() {
    let etcd = Etcd::cluster(3);
    let leader = etcd.leader_index().unwrap();
    let follower = (leader + 1) % 3;
    etcd.pause(follower);
    assert!(etcd.is_paused(follower));
    // The majority still works.
    etcd.put("k", "v");
    etcd.resume(follower);
    assert!(!etcd.is_paused(follower));
    let out = etcd.etcdctl_at(follower, &["get", "k", "--print-value-only"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(stdout(&out), "v\n");
}

#[test]
fn tls_auth_fixture() {
    let t = Instant::now();
    let etcd = Etcd::tls_auth();
    eprintln!("Etcd::tls_auth() took {:?}", t.elapsed());
    assert!(etcd.endpoint(0).starts_with("https://127.0.0.1:"));
    assert!(etcd.auth_enabled());
    let tls = etcd.tls().expect("TLS files").clone();
    for f in [
        &tls.ca,
        &tls.cert,
        &tls.key,
        &tls.other_ca,
        &tls.other_cert,
        &tls.other_key,
    ] {
        assert!(f.is_file(), "{}", f.display());
    }

    // etcdctl() adds CA, client cert and root:rootpw.
    etcd.put("secret", "42");
    assert_eq!(etcd.get("secret").as_deref(), Some("42"));
    let users = stdout(&etcd.etcdctl(&["user", "list"]));
    assert!(users.contains("root") && users.contains("alice"), "{users}");

    let cert = format!("--cert={}", tls.cert.display());
    let key = format!("--key={}", tls.key.display());
    let base = |cacert: &std::path::Path| {
        let mut c = Command::new(support::etcdctl_bin());
        c.env("ETCDCTL_API", "3")
            .arg(format!("--endpoints={}", etcd.endpoints()))
            .arg(format!("--cacert={}", cacert.display()))
            .args(["--dial-timeout=1s", "--command-timeout=3s"]);
        c
    };

    // Right CA + root password works.
    let out = base(&tls.ca)
        .args([
            &cert,
            &key,
            "--user=root:rootpw",
            "get",
            "secret",
            "--print-value-only",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(stdout(&out), "42\n");

    // Wrong CA fails.
    let out = base(&tls.other_ca)
        .args([&cert, &key, "--user=root:rootpw", "get", "secret"])
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "other_ca must not verify the server: {out:?}"
    );

    // No client certificate fails (client-cert-auth).
    let out = base(&tls.ca)
        .args(["--user=root:rootpw", "get", "secret"])
        .output()
        .unwrap();
    assert!(!out.status.success(), "no client cert must fail: {out:?}");

    // A client certificate from the other CA fails.
    let out = base(&tls.ca)
        .arg(format!("--cert={}", tls.other_cert.display()))
        .arg(format!("--key={}", tls.other_key.display()))
        .args(["--user=root:rootpw", "get", "secret"])
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "a client cert of another CA must fail: {out:?}"
    );

    // Wrong password fails.
    let out = base(&tls.ca)
        .args([&cert, &key, "--user=root:nope", "get", "secret"])
        .output()
        .unwrap();
    assert!(!out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("authentication failed"),
        "{out:?}"
    );

    // alice can read but not write (a later --user overrides the fixture's root login).
    let out = etcd.etcdctl(&[
        "--user=alice:alicepw",
        "get",
        "secret",
        "--print-value-only",
    ]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(stdout(&out), "42\n");
    let out = etcd.etcdctl(&["--user=alice:alicepw", "put", "secret", "43"]);
    assert!(!out.status.success(), "alice must not write: {out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("permission denied"),
        "{out:?}"
    );
}

#[test]
fn tls_auth_member_restarts() {
    let mut etcd = Etcd::tls_auth();
    etcd.put("a", "1");
    etcd.kill(0);
    etcd.start(0);
    assert_eq!(etcd.get("a").as_deref(), Some("1"));
    assert_eq!(etcd.leader_index(), Some(0));
}

#[test]
fn drop_kills_all_members_even_paused_ones() {
    let etcd = Etcd::cluster(2);
    let pids: Vec<u32> = (0..2).map(|i| etcd.pid(i).unwrap()).collect();
    let ports: Vec<u16> = (0..2).map(|i| etcd.client_port(i)).collect();
    let dir = etcd.dir().to_path_buf();
    etcd.pause(1);
    assert!(pids.iter().all(|&p| process_alive(p)));
    let t = Instant::now();
    drop(etcd);
    eprintln!("drop of a 2-member cluster took {:?}", t.elapsed());
    for pid in pids {
        assert!(!process_alive(pid), "etcd pid {pid} survived drop");
    }
    for port in ports {
        assert!(
            TcpStream::connect(("127.0.0.1", port)).is_err(),
            "port {port} still served"
        );
    }
    assert!(!dir.exists(), "temp dir removed");
}

#[test]
fn drop_on_panic_kills_members() {
    let pid = std::sync::Arc::new(std::sync::Mutex::new(None));
    let pid2 = pid.clone();
    let result = std::thread::spawn(move || {
        let etcd = Etcd::single();
        *pid2.lock().unwrap() = etcd.pid(0);
        panic!("deliberate test panic");
    })
    .join();
    assert!(result.is_err());
    let pid = pid.lock().unwrap().expect("pid recorded");
    assert!(
        !process_alive(pid),
        "etcd pid {pid} survived a panicking test"
    );
}

#[test]
fn fixture_outlives_the_thread_that_created_it() {
    // PR_SET_PDEATHSIG is per thread: the fixture must not die with its creating thread.
    let etcd = std::thread::spawn(Etcd::single).join().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert!(etcd.is_running(0));
    etcd.put("still", "here");
}

/// Not a test: the child process of `members_die_with_the_test_process`, which runs it with
/// `--ignored --exact`. It starts etcd, prints its pid and aborts (no Drop runs). Ignored, so
/// a normal run never counts it as a passing test; run by hand it refuses to pass.
#[test]
#[ignore = "the child of members_die_with_the_test_process, which runs it"]
fn abort_helper() {
    assert!(
        std::env::var_os("ETCDKIT_FIXTURE_ABORT_HELPER").is_some(),
        "run by members_die_with_the_test_process only"
    );
    let etcd = Etcd::single();
    println!("ETCD_DIR={}", etcd.dir().display());
    println!("ETCD_PID={}", etcd.pid(0).unwrap());
    std::io::stdout().flush().unwrap();
    std::process::abort();
}

#[test]
fn members_die_with_the_test_process() {
    let exe = std::env::current_exe().unwrap();
    let mut child = Command::new(exe)
        .args([
            "fixture::abort_helper",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("ETCDKIT_FIXTURE_ABORT_HELPER", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut pid = None;
    let mut dir = None;
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        // libtest prints "test abort_helper ... " on the same line first.
        let line = line.unwrap();
        if let Some((_, p)) = line.split_once("ETCD_PID=") {
            pid = Some(p.trim().parse::<u32>().unwrap());
        }
        if let Some((_, d)) = line.split_once("ETCD_DIR=") {
            dir = Some(std::path::PathBuf::from(d.trim()));
        }
    }
    let status = child.wait().unwrap();
    assert!(!status.success(), "the helper aborts");
    let pid = pid.expect("helper printed the etcd pid");
    // No Drop ran in the helper: remove its temp dir here.
    if let Some(dir) = dir {
        let _ = std::fs::remove_dir_all(dir);
    }
    assert!(
        wait_until_dead(pid, Duration::from_secs(5)),
        "etcd pid {pid} outlived its test process"
    );
}

#[test]
fn free_port_never_repeats() {
    let ports: Vec<u16> = (0..300).map(|_| free_port()).collect();
    let unique: HashSet<u16> = ports.iter().copied().collect();
    assert_eq!(unique.len(), ports.len());
    assert!(ports.iter().all(|&p| p != 0));
}

#[test]
#[should_panic(expected = "flag provided but not defined")]
fn startup_failure_panics_with_the_log_tail() {
    Etcd::single_with(&["--no-such-flag"]);
}

#[test]
#[should_panic(expected = "address already in use")]
fn port_conflict_is_reported_after_retries() {
    let held = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://127.0.0.1:{}", held.local_addr().unwrap().port());
    Etcd::single_with(&[&format!("--listen-client-urls={url}")]);
}

#[test]
fn stop_all_members_of_a_cluster_and_restart_them() {
    let mut etcd = Etcd::cluster(3);
    etcd.put("k", "v");
    let leader = etcd.leader_index().unwrap();
    // Followers first, the leader (which then has lost quorum) last.
    let order: Vec<usize> = (0..3).filter(|&i| i != leader).chain([leader]).collect();
    for &i in &order {
        let t = Instant::now();
        etcd.stop(i);
        eprintln!("stop (SIGTERM) of member {i} took {:?}", t.elapsed());
        assert!(!etcd.is_running(i));
    }
    // Without quorum no member serves: start them all, then wait.
    let t = Instant::now();
    for i in 0..3 {
        etcd.start_nowait(i);
    }
    for i in 0..3 {
        etcd.wait_ready(i);
    }
    etcd.wait_for_leader(Duration::from_secs(10));
    eprintln!("restart of the whole cluster took {:?}", t.elapsed());
    assert_eq!(etcd.get("k").as_deref(), Some("v"));
}

/// The version member `i` itself reports (`etcdctl endpoint status`).
fn served_version(etcd: &Etcd, i: usize) -> String {
    let out = etcd.etcdctl_at(i, &["endpoint", "status", "-w", "json"]);
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v[0]["Status"]["version"]
        .as_str()
        .unwrap_or_else(|| panic!("no version in {v}"))
        .to_string()
}

#[test]
fn a_member_runs_its_own_binary_also_after_a_restart() {
    let etcd35 = support::etcd35_bin();
    let (major, minor, patch) = support::version_of(&etcd35);
    let want = format!("{major}.{minor}.{patch}");
    let mut etcd = Etcd::builder().members(3).binary_for(2, &etcd35).start();
    assert_eq!(etcd.binary(0), support::etcd_bin());
    assert_eq!(etcd.binary(2), etcd35.as_os_str());
    let exe = |etcd: &Etcd| {
        let pid = etcd.pid(2).expect("member 2 runs");
        std::fs::canonicalize(format!("/proc/{pid}/exe")).unwrap()
    };
    let etcd35_real = std::fs::canonicalize(&etcd35).unwrap();
    assert_eq!(exe(&etcd), etcd35_real);
    assert_eq!(served_version(&etcd, 2), want);

    etcd.kill(2);
    etcd.start(2);
    assert_eq!(exe(&etcd), etcd35_real, "the restart keeps the binary");
    assert_eq!(served_version(&etcd, 2), want);
}

#[test]
#[should_panic(expected = "binary_for(3, ..): the fixture has 3 members")]
fn binary_for_a_member_that_does_not_exist_panics() {
    Etcd::builder().members(3).binary_for(3, "etcd").start();
}
