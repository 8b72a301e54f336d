//! The health checks of `discover register` (`etcdkit::discover::check`) against real servers
//! on 127.0.0.1: an HTTP server with scripted replies, a listener whose queue is full, grpcio's
//! own grpc.health.v1 server, and real commands.

use std::os::fd::{AsRawFd, OwnedFd};
use std::time::Duration;

use etcdkit::discover::check::{probe, CheckSpec, Checker, Health, Outcome, Probe, Thresholds};
use etcdkit::Error;

use crate::run::wait_until;
use crate::support::{free_port, process_alive, GrpcHealthServer, Receiver, Reply, TlsFiles};

const TIMEOUT: Duration = Duration::from_secs(5);
const SHORT: Duration = Duration::from_millis(300);

async fn check(probe_: Probe) -> Outcome {
    probe(&probe_, TIMEOUT).await
}

fn outcome(health: Health, output: &str) -> Outcome {
    Outcome {
        health,
        output: output.to_string(),
    }
}

/// An address where nothing listens.
fn nowhere() -> String {
    format!("127.0.0.1:{}", free_port())
}

#[tokio::test]
async fn http_2xx_passes_429_warns_and_anything_else_is_critical() {
    let redirect = "HTTP 302 Found (a redirect: redirects are not followed, check the URL)";
    let script = [
        (200, Health::Passing, "HTTP 200 OK"),
        (204, Health::Passing, "HTTP 204 No Content"),
        (429, Health::Warning, "HTTP 429 Too Many Requests"),
        (503, Health::Critical, "HTTP 503 Service Unavailable"),
        (302, Health::Critical, redirect),
        (404, Health::Critical, "HTTP 404 Not Found"),
    ];
    let replies = script.iter().map(|&(status, _, _)| {
        Reply::status(status).with_header("Location", "http://127.0.0.1:1/")
    });
    let rx = Receiver::scripted(replies.collect(), Reply::status(200));
    let p = Probe::http(&rx.url("/health?deep=1")).unwrap();
    assert_eq!((p.kind(), p.target()), ("http", rx.url("/health?deep=1")));
    for (status, health, output) in script {
        assert_eq!(check(p.clone()).await, outcome(health, output), "{status}");
    }
    let requests = rx.wait_for(6, TIMEOUT);
    assert_eq!(requests.len(), 6, "the redirect was not followed");
    assert!(requests
        .iter()
        .all(|r| r.method == "GET" && r.path == "/health?deep=1"));
}

#[tokio::test]
async fn http_without_an_answer_is_critical() {
    let refused = check(Probe::http(&format!("http://{}/health", nowhere())).unwrap()).await;
    assert_eq!(refused.health, Health::Critical);
    assert!(
        refused.output.starts_with("cannot connect to 127.0.0.1:")
            && refused.output.ends_with(": connection refused"),
        "{refused:?}"
    );
    let hanging = Receiver::hanging();
    let p = Probe::http(&hanging.url("/health")).unwrap();
    assert_eq!(
        probe(&p, SHORT).await,
        outcome(Health::Critical, "timed out after 300ms")
    );
    hanging.wait_for(1, TIMEOUT);
}

#[tokio::test]
async fn https_is_verified_against_the_public_cas() {
    // A server whose certificate comes from the fixture's own CA, which no public root signs.
    let dir = tempfile::tempdir().unwrap();
    let private = Receiver::https(&TlsFiles::generate(dir.path()));
    let p = Probe::http(&private.url("/health")).unwrap();
    let refused = check(p).await;
    assert_eq!(refused.health, Health::Critical);
    assert_eq!(
        refused.output,
        format!(
            "TLS handshake with {} failed (its certificate is not signed by a trusted CA; \
             a check trusts the public CAs (Mozilla's roots) only): invalid peer certificate: \
             UnknownIssuer",
            private.addr()
        )
    );
    assert!(
        private.requests().is_empty(),
        "no request after a refused handshake"
    );
}

#[tokio::test]
async fn tcp_connect_passes_refused_and_unanswered_are_critical() {
    let rx = Receiver::start();
    let addr = rx.addr().to_string();
    let p = Probe::tcp(&addr).unwrap();
    assert_eq!((p.kind(), p.target()), ("tcp", addr.clone()));
    assert_eq!(
        check(p).await,
        outcome(Health::Passing, &format!("TCP connect {addr}: success"))
    );

    let gone = nowhere();
    assert_eq!(
        check(Probe::tcp(&gone).unwrap()).await,
        outcome(
            Health::Critical,
            &format!("TCP connect {gone}: connection refused")
        )
    );

    // A listener whose accept queue is full: the kernel drops new connection attempts, so a
    // connect waits without an answer.
    let (full, addr) = full_listener();
    assert_eq!(
        probe(&Probe::tcp(&addr).unwrap(), SHORT).await,
        outcome(Health::Critical, "timed out after 300ms")
    );
    drop(full);
}

/// A listener on 127.0.0.1 with a backlog of 0 that never accepts, filled until a connect
/// gets no answer; the listener (and the connections that filled it) and its address.
fn full_listener() -> ((OwnedFd, Vec<std::net::TcpStream>), String) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let fd = OwnedFd::from(listener);
    // SAFETY: listen(2) on a socket we own.
    assert_eq!(unsafe { libc::listen(fd.as_raw_fd(), 0) }, 0);
    let mut queued = Vec::new();
    for _ in 0..16 {
        match std::net::TcpStream::connect_timeout(&addr, SHORT) {
            Ok(stream) => queued.push(stream),
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                return ((fd, queued), addr.to_string())
            }
            Err(e) => panic!("filling the accept queue of {addr}: {e}"),
        }
    }
    panic!("the accept queue of {addr} never filled");
}

#[tokio::test]
async fn grpc_serving_passes_and_everything_else_is_critical() {
    let mut server = GrpcHealthServer::start();
    let addr = server.addr();
    let whole = Probe::grpc(&addr).unwrap();
    let api = Probe::grpc(&format!("{addr}/my.pkg.Api")).unwrap();
    assert_eq!(
        (api.kind(), api.target()),
        ("grpc", format!("{addr}/my.pkg.Api"))
    );
    assert_eq!(
        check(whole.clone()).await,
        outcome(Health::Passing, "grpc: SERVING")
    );
    // A service the server does not know.
    assert_eq!(
        check(api.clone()).await,
        outcome(
            Health::Critical,
            "grpc: the server knows no service \"my.pkg.Api\" (NOT_FOUND)"
        )
    );
    server.set("my.pkg.Api", "SERVING");
    assert_eq!(
        check(api.clone()).await,
        outcome(Health::Passing, "grpc: SERVING")
    );
    server.set("my.pkg.Api", "NOT_SERVING");
    assert_eq!(
        check(api.clone()).await,
        outcome(Health::Critical, "grpc: NOT_SERVING")
    );
    // Each service on its own: the server as a whole still serves.
    assert_eq!(
        check(whole.clone()).await,
        outcome(Health::Passing, "grpc: SERVING")
    );
    server.set("", "NOT_SERVING");
    assert_eq!(
        check(whole).await,
        outcome(Health::Critical, "grpc: NOT_SERVING")
    );
    server.set("my.pkg.Api", "UNKNOWN");
    assert_eq!(check(api).await, outcome(Health::Critical, "grpc: UNKNOWN"));
}

#[tokio::test]
async fn grpc_without_the_health_service_or_an_answer_is_critical() {
    let plain = GrpcHealthServer::without_health();
    assert_eq!(
        check(Probe::grpc(&plain.addr()).unwrap()).await,
        outcome(
            Health::Critical,
            "the server does not implement grpc.health.v1"
        )
    );

    let gone = nowhere();
    let refused = check(Probe::grpc(&gone).unwrap()).await;
    assert_eq!(refused.health, Health::Critical);
    assert!(
        refused
            .output
            .starts_with(&format!("grpc: cannot connect to {gone}: "))
            && refused.output.contains("connection refused"),
        "{refused:?}"
    );

    // A server that takes the connection and never answers.
    let hanging = Receiver::hanging();
    assert_eq!(
        probe(&Probe::grpc(&hanging.addr().to_string()).unwrap(), SHORT).await,
        outcome(Health::Critical, "timed out after 300ms")
    );
}

fn sh(script: &str) -> Probe {
    Probe::exec(&format!("sh -c '{script}'")).unwrap()
}

#[tokio::test]
async fn exec_exit_0_passes_1_warns_and_anything_else_is_critical() {
    let p = Probe::exec("true").unwrap();
    assert_eq!((p.kind(), p.target()), ("exec", "true".to_string()));
    assert_eq!(check(p).await, outcome(Health::Passing, "exit 0"));
    for (probe_, health, output) in [
        (
            sh("echo all good; echo more"),
            Health::Passing,
            "exit 0: all good",
        ),
        (
            sh("echo; echo \"  slow   replies \" >&2; exit 1"),
            Health::Warning,
            "exit 1: slow replies",
        ),
        (
            sh("echo disk full >&2; exit 2"),
            Health::Critical,
            "exit 2: disk full",
        ),
        (
            sh("kill -TERM $$"),
            Health::Critical,
            "killed by signal 15 (SIGTERM)",
        ),
        // No shell in between: the words reach the program as they are.
        (
            Probe::exec(r#"printf "%s|%s" "a b" '$HOME'"#).unwrap(),
            Health::Passing,
            "exit 0: a b|$HOME",
        ),
        // stdin is empty, not the test's.
        (Probe::exec("cat").unwrap(), Health::Passing, "exit 0"),
    ] {
        assert_eq!(check(probe_).await, outcome(health, output));
    }
    // A long output is cut; a child left running with the pipe open does not hold the verdict.
    let long = check(sh("head -c 100000 /dev/zero | tr \"\\\\0\" x; exit 1")).await;
    assert_eq!(long.health, Health::Warning);
    assert_eq!(long.output.chars().count(), 200, "{long:?}");
    let left = check(sh("sleep 30 & echo $!; exit 0")).await;
    assert_eq!(left.health, Health::Passing, "{left:?}");
    let pid: i32 = left
        .output
        .strip_prefix("exit 0: ")
        .unwrap()
        .parse()
        .unwrap();
    // SAFETY: kill(2) of the sleep the check left behind.
    unsafe { libc::kill(pid, libc::SIGKILL) };
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exec_check_past_its_timeout_is_killed_with_its_whole_group() {
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    let p = sh(&format!(
        "sleep 300 & echo $! > {}; wait",
        pid_file.display()
    ));
    assert_eq!(
        probe(&p, Duration::from_millis(500)).await,
        outcome(Health::Critical, "timed out after 500ms")
    );
    let pid: u32 = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    wait_until("the check's background sleep is killed", TIMEOUT, || {
        !process_alive(pid)
    });
}

#[test]
fn an_exec_check_of_a_missing_program_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let not_executable = dir.path().join("check.sh");
    std::fs::write(&not_executable, "#!/bin/sh\nexit 0\n").unwrap();
    let not_executable = not_executable.display().to_string();
    for program in [
        "no-such-check-program",
        "/nonexistent/check",
        &not_executable,
    ] {
        let e = Probe::exec(&format!("{program} --flag")).unwrap_err();
        assert!(matches!(e, Error::Usage { .. }), "{program}: {e:?}");
        assert_eq!(e.exit_status().code(), 3);
        assert_eq!(
            e.to_string(),
            format!("the check command {program} is not found or not executable")
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_checker_turns_critical_after_the_failures_in_a_row_and_reports_the_change() {
    // Two good answers, then the service breaks for good.
    let rx = Receiver::scripted(
        vec![Reply::status(200), Reply::status(200)],
        Reply::status(503),
    );
    let spec = CheckSpec {
        probe: Probe::http(&rx.url("/health")).unwrap(),
        interval: Duration::from_millis(50),
        timeout: TIMEOUT,
        thresholds: Thresholds {
            successes_before_passing: 1,
            failures_before_critical: 3,
        },
    };
    let mut checker = Checker::start(spec).await;
    // The first probe is in before start returns.
    assert_eq!(rx.requests().len(), 1);
    let passing = checker.status();
    assert_eq!(
        (passing.health, passing.output.as_str()),
        (Health::Passing, "HTTP 200 OK")
    );
    let changed = tokio::time::timeout(Duration::from_secs(30), checker.changed())
        .await
        .expect("a change within 30 s");
    assert_eq!(
        (changed.health, changed.output.as_str()),
        (Health::Critical, "HTTP 503 Service Unavailable")
    );
    assert!(
        changed.changed_at >= passing.changed_at,
        "{changed:?} {passing:?}"
    );
    assert_eq!(checker.status(), changed);
    // Two passes, then three failures before the change, one probe at a time.
    let requests = rx.requests();
    assert!(requests.len() >= 5, "{} probes", requests.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_checker_kills_its_running_command() {
    let dir = tempfile::tempdir().unwrap();
    let (marker, pid_file) = (dir.path().join("marker"), dir.path().join("pid"));
    // The first probe passes at once; the next one hangs.
    let p = sh(&format!(
        "if [ -e {m} ]; then echo $$ > {p}.tmp; mv {p}.tmp {p}; exec sleep 300; fi; touch {m}",
        m = marker.display(),
        p = pid_file.display()
    ));
    let checker = Checker::start(CheckSpec {
        probe: p,
        interval: Duration::from_millis(50),
        timeout: Duration::from_secs(600),
        thresholds: Thresholds::default(),
    })
    .await;
    assert_eq!(checker.status().health, Health::Passing);
    wait_until("the second probe runs", TIMEOUT, || pid_file.exists());
    let pid: u32 = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(process_alive(pid));
    drop(checker);
    wait_until("the dropped checker's command is killed", TIMEOUT, || {
        !process_alive(pid)
    });
}
