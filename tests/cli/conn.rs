//! The connection layer as a library: failover across endpoints, member discovery.

use std::time::Duration;

use etcdkit::conn::ConnectOptions;

use crate::run::etcdkit;
use crate::support::{free_port, Etcd, ALICE_PASSWORD};

fn options(endpoints: Vec<String>) -> ConnectOptions {
    ConnectOptions {
        endpoints,
        dial_timeout: Duration::from_secs(1),
        command_timeout: Duration::from_secs(2),
        ..ConnectOptions::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_fail_over_to_a_live_endpoint() {
    let mut etcd = Etcd::cluster(3);
    let dead = format!("127.0.0.1:{}", free_port());
    // A dead first endpoint costs a refused connection, not the request.
    let mut endpoints = vec![dead];
    endpoints.extend((0..3).map(|i| etcd.endpoint(i)));
    let conn = options(endpoints);
    let client = conn
        .connect()
        .await
        .expect("connects past the dead endpoint");
    requests_go_on_when_the_first_member_dies(&mut etcd, &conn, &client, 20).await;
}

/// Writes a key, kills member 0 (the one the client dialled first) and checks that `rounds`
/// reads and writes go on through the others.
pub(crate) async fn requests_go_on_when_the_first_member_dies(
    etcd: &mut Etcd,
    conn: &ConnectOptions,
    client: &etcd_client::Client,
    rounds: usize,
) {
    client
        .clone()
        .put("failover", "before", None)
        .await
        .unwrap();
    etcd.kill(0);
    for i in 0..rounds {
        let r = conn
            .retry_idempotent(|| {
                let mut c = client.clone();
                async move { c.get("failover", None).await }
            })
            .await
            .unwrap_or_else(|e| panic!("read {i} after the member died: {e}"));
        assert_eq!(r.kvs()[0].value(), b"before");
        conn.retry_idempotent(|| {
            let mut c = client.clone();
            async move { c.put("failover", "before", None).await }
        })
        .await
        .unwrap_or_else(|e| panic!("write {i} after the member died: {e}"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_member_list_comes_from_the_first_endpoint_that_answers() {
    let etcd = Etcd::cluster(3);
    let dead = format!("127.0.0.1:{}", free_port());
    let conn = options(vec![dead, etcd.endpoint(2)]);
    let (from, members) = conn.resolve().unwrap().member_list().await.unwrap();
    assert_eq!(from, etcd.endpoint(2));
    assert_eq!(members.len(), 3);
}

#[test]
fn cluster_mode_discovers_members_past_a_dead_endpoint() {
    let etcd = Etcd::cluster(3);
    let dead = format!("127.0.0.1:{}", free_port());
    let endpoints = format!("{dead},{}", etcd.endpoint(1));
    let run = etcdkit(&[
        "health",
        "--cluster",
        "--endpoints",
        &endpoints,
        "-o",
        "json",
    ]);
    // The dead endpoint was given, so it is still asked and listed: a warning, not hidden.
    run.expect_code(1);
    let r = run.json();
    let found: Vec<&str> = r["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["endpoint"].as_str().unwrap())
        .collect();
    for i in 0..3 {
        assert!(found.contains(&etcd.endpoint(i).as_str()), "{found:?}");
    }
    assert!(
        found.contains(&format!("http://{dead}").as_str()),
        "{found:?}"
    );
    assert_eq!(crate::run::check_status(&r, "reachability"), "warning");
    assert_eq!(crate::run::check_status(&r, "quorum"), "ok", "{r:#}");
}

#[test]
fn an_added_learner_that_has_not_started_is_reported() {
    let etcd = Etcd::single();
    let peer = format!("http://127.0.0.1:{}", free_port());
    let out = etcd.etcdctl(&["member", "add", "late", "--learner", "--peer-urls", &peer]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run = etcdkit(&[
        "health",
        "--cluster",
        "--endpoints",
        &etcd.endpoint(0),
        "-o",
        "json",
    ]);
    let r = run.json();
    let members = r["members"].as_array().unwrap();
    assert_eq!(members.len(), 2);
    let learners = crate::run::check(&r, "learners");
    assert!(
        learners["message"].as_str().unwrap().contains("1 learner"),
        "{learners}"
    );
    // The learner is listed as an endpoint that has not started; quorum (one voter) holds.
    let eps = r["endpoints"].as_array().unwrap();
    assert_eq!(eps.len(), 2, "{r:#}");
    let late = eps
        .iter()
        .find(|e| e["healthy"] == false)
        .expect("the unstarted learner");
    assert!(
        late["error"].as_str().unwrap().contains("has not started"),
        "{late}"
    );
    let quorum = crate::run::check(&r, "quorum");
    assert_eq!(quorum["status"], "ok", "{quorum}");
    assert_eq!(run.code, 1, "an unreachable endpoint is a warning");
}

/// Every command, run against an auth-enabled member with no credentials or a wrong password.
fn credential_runs(etcd: &Etcd, credentials: &[&str]) -> Vec<(String, crate::run::Run)> {
    let ep = etcd.endpoint(0);
    let commands: [&[&str]; 16] = [
        &["health"],
        &["bench", "write", "--total", "10"],
        &["bench", "read", "--total", "10"],
        &["lock", "/conn-auth", "--", "true"],
        &["watch-metrics", "--count", "1"],
        &["discover", "register", "api", "--addr", "127.0.0.1:80"],
        &["discover", "watch", "api"],
        &["discover", "pick", "api"],
        &["discover", "drain", "api", "a"],
        &["config", "set", "a", "1"],
        &["config", "get", "a"],
        &["config", "history", "a"],
        &["flags", "set", "a", "--variants", "on=true"],
        &["flags", "eval", "a"],
        &["flags", "log"],
        &["flags", "serve", "--listen", "0"],
    ];
    commands
        .iter()
        .map(|command| {
            let mut args = vec!["--endpoints", ep.as_str(), "--command-timeout", "10s"];
            args.extend_from_slice(credentials);
            args.extend_from_slice(command);
            (command.join(" "), etcdkit(&args))
        })
        .collect()
}

#[test]
fn no_credentials_where_auth_is_on_say_so_in_every_command() {
    let etcd = Etcd::builder().auth(true).start();
    for (command, run) in credential_runs(&etcd, &[]) {
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(!all.contains("panicked"), "{command}: {all}");
        let wanted = if command == "health" { 3 } else { 5 };
        assert_eq!(run.code, wanted, "{command}: {all}");
        assert!(all.contains("needs credentials"), "{command}: {all}");
        assert!(
            all.contains("--user"),
            "{command}: the hint names --user: {all}"
        );
        assert!(!all.contains("quorum lost"), "{command}: {all}");
    }
}

#[test]
fn a_wrong_password_is_exit_5_in_every_command_and_unknown_in_health() {
    let etcd = Etcd::builder().auth(true).start();
    for (command, run) in credential_runs(&etcd, &["--user", "root:not-the-password"]) {
        let all = format!("{}{}", run.stdout, run.stderr);
        let wanted = if command == "health" { 3 } else { 5 };
        assert_eq!(run.code, wanted, "{command}: {all}");
        assert!(all.contains("authentication failed"), "{command}: {all}");
        assert!(!all.contains("not-the-password"), "{command}: {all}");
    }
}

#[test]
fn the_read_only_user_gets_exit_5_for_a_write() {
    let etcd = Etcd::builder().auth(true).start();
    let ep = etcd.endpoint(0);
    let alice = format!("alice:{ALICE_PASSWORD}");
    // alice may read: health is OK as alice.
    etcdkit(&["--endpoints", &ep, "--user", &alice, "health"]).expect_code(0);
    for command in [
        &["lock", "/conn-readonly", "--", "true"][..],
        &["bench", "write", "--total", "5"][..],
    ] {
        let mut args = vec!["--endpoints", ep.as_str(), "--user", alice.as_str()];
        args.extend_from_slice(command);
        let run = etcdkit(&args);
        run.expect_code(5);
        assert!(
            run.stderr.contains("refused a permission"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("permission denied"), "{}", run.stderr);
        assert!(
            run.stderr.contains("role"),
            "the hint says what to grant: {}",
            run.stderr
        );
    }
    // The write never happened.
    let keys = etcd.etcdctl_ok(&["get", "--prefix", "--keys-only", "/conn-readonly"]);
    assert!(keys.trim().is_empty(), "{keys}");
}

/// A loopback port whose listen queue is full: a new connection to it never completes (the
/// kernel drops the SYN), as behind a firewall that drops packets.
struct Blackhole {
    port: u16,
    _listener: std::net::TcpListener,
    _queued: Vec<std::net::TcpStream>,
}

impl Blackhole {
    fn new() -> Blackhole {
        use std::os::fd::AsRawFd;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        // A backlog of 0: one queued connection fills it. The listener never accepts.
        assert_eq!(unsafe { libc::listen(listener.as_raw_fd(), 0) }, 0);
        let port = listener.local_addr().unwrap().port();
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        let mut queued = Vec::new();
        // Fill the queue until a connect does not complete: that is the proof of the hole.
        loop {
            match std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(500)) {
                Ok(s) => queued.push(s),
                Err(e) if e.kind() == std::io::ErrorKind::TimedOut => break,
                Err(e) => panic!("unexpected connect error: {e}"),
            }
            assert!(queued.len() < 64, "the listen queue never filled");
        }
        Blackhole {
            port,
            _listener: listener,
            _queued: queued,
        }
    }
}

#[test]
fn a_connection_that_never_completes_names_the_dial_timeout() {
    let hole = Blackhole::new();
    for scheme in ["http", "https"] {
        let ep = format!("{scheme}://127.0.0.1:{}", hole.port);
        let mut base = vec!["--endpoints", ep.as_str(), "--dial-timeout", "1s"];
        base.extend(["--command-timeout", "60s"]);
        let dir = tempfile::tempdir().unwrap();
        let tls = crate::support::TlsFiles::generate(dir.path());
        let ca_path = tls.ca.display().to_string();
        if scheme == "https" {
            base.extend(["--cacert", ca_path.as_str()]);
        }
        for command in [&["health"][..], &["bench", "write", "--total", "1"][..]] {
            let mut args = base.clone();
            args.extend_from_slice(command);
            let started = std::time::Instant::now();
            let run = etcdkit(&args);
            let all = format!("{}{}", run.stdout, run.stderr);
            assert!(
                all.contains("could not connect to etcd") && all.contains("within 1s"),
                "{scheme} {command:?}: {all}"
            );
            assert!(all.contains("dial timeout"), "{all}");
            assert!(!all.contains("60s"), "{all}");
            // Generous: the point is that the 60s command timeout was not waited out.
            assert!(started.elapsed() < Duration::from_secs(30), "{all}");
            let wanted = if command[0] == "health" { 2 } else { 4 };
            assert_eq!(run.code, wanted, "{all}");
        }
    }
}

#[test]
fn a_server_that_accepts_and_never_speaks_tls_is_a_dial_timeout() {
    // The TCP connection completes; the TLS handshake never does.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // Never accepted: the kernel completes the TCP handshake into the listen queue.
    let dir = tempfile::tempdir().unwrap();
    let tls = crate::support::TlsFiles::generate(dir.path());
    let ep = format!("https://127.0.0.1:{port}");
    let ca = tls.ca.display().to_string();
    let run = etcdkit(&[
        "--endpoints",
        &ep,
        "--cacert",
        &ca,
        "--dial-timeout",
        "1s",
        "--command-timeout",
        "60s",
        "bench",
        "write",
        "--total",
        "1",
    ]);
    run.expect_code(4);
    assert!(
        run.stderr.contains("could not connect to etcd") && run.stderr.contains("within 1s"),
        "{}",
        run.stderr
    );
    drop(listener);
}

#[test]
fn tls_to_a_plain_port_says_the_port_speaks_plain_http() {
    let etcd = Etcd::single();
    let plain = etcd.endpoint(0);
    let https = format!("https://{}", plain.trim_start_matches("http://"));
    // The plain port closes the connection at one moment or another of the handshake: try a
    // few times, through the paths that retry (elect --leader) and those that do not.
    let runs = [
        vec!["lock", "/x", "--no-wait", "--endpoints", &https],
        vec!["elect", "/x", "--leader", "--endpoints", &https],
    ];
    for args in runs.iter().cycle().take(6) {
        let run = etcdkit(args);
        run.expect_code(4);
        assert!(
            run.stderr.contains("the port speaks plain HTTP, not TLS")
                && run.stderr.contains(&format!(
                    "use http://{}",
                    plain.trim_start_matches("http://")
                )),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("failed: the TLS handshake failed"),
            "{}",
            run.stderr
        );
    }
}
