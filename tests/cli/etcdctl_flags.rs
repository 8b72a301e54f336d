//! etcdctl's global flags and ETCDCTL_* variables: the ones etcdkit supports take effect
//! (against a real etcd), the others are refused with a pointer, never ignored.

use std::path::Path;

use crate::run::{etcdkit, etcdkit_command, run_command, Run};
use crate::support::{Etcd, ROOT_PASSWORD};

const WARNING: &str = "the servers' certificates are not checked";

fn run_with(args: &[String], env: &[(&str, &str)]) -> Run {
    let mut cmd = etcdkit_command();
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    run_command(&mut cmd)
}

/// `health` with the fixture's client certificate and `ca` as --cacert.
fn health_args(endpoints: &str, ca: Option<&Path>, etcd: &Etcd) -> Vec<String> {
    let tls = etcd.tls().expect("a TLS fixture");
    let mut args: Vec<String> = vec![
        "health".into(),
        "-o".into(),
        "json".into(),
        "--endpoints".into(),
        endpoints.into(),
        "--cert".into(),
        tls.cert.display().to_string(),
        "--key".into(),
        tls.key.display().to_string(),
    ];
    if let Some(ca) = ca {
        args.extend(["--cacert".into(), ca.display().to_string()]);
    }
    if etcd.auth_enabled() {
        args.extend(["--user".into(), format!("root:{ROOT_PASSWORD}")]);
    }
    args
}

fn with(mut args: Vec<String>, more: &[&str]) -> Vec<String> {
    args.extend(more.iter().map(|s| s.to_string()));
    args
}

#[test]
fn skip_tls_verify_accepts_a_certificate_of_another_ca_warns_and_still_sends_the_client_cert() {
    let etcd = Etcd::tls_auth();
    let tls = etcd.tls().unwrap().clone();
    let endpoint = etcd.endpoint(0);
    let args = health_args(&endpoint, Some(&tls.other_ca), &etcd);

    // Without the flag the server's certificate is refused, as before.
    let refused = run_with(&args, &[]);
    refused.expect_code(3);
    assert!(
        refused.stdout.contains("not signed by the CA in --cacert"),
        "{}",
        refused.stdout
    );
    assert!(!refused.stderr.contains(WARNING), "{}", refused.stderr);

    // With it: accepted, and one warning on stderr naming the flag.
    let ok = run_with(&with(args.clone(), &["--insecure-skip-tls-verify"]), &[]);
    ok.expect_code(0);
    let warning = format!("warning: --insecure-skip-tls-verify: {WARNING}");
    assert_eq!(ok.stderr.matches(&warning).count(), 1, "{}", ok.stderr);

    // The variables, etcdctl's and etcdkit's, with Go's spellings of true.
    for (name, value) in [
        ("ETCDCTL_INSECURE_SKIP_TLS_VERIFY", "true"),
        ("ETCDKIT_INSECURE_SKIP_TLS_VERIFY", "1"),
    ] {
        let r = run_with(&args, &[(name, value)]);
        r.expect_code(0);
        assert!(
            r.stderr
                .contains(&format!("warning: {name} (for --insecure-skip-tls-verify)")),
            "{name}: {}",
            r.stderr
        );
    }
    // The flag beats the variables.
    let r = run_with(
        &with(args.clone(), &["--insecure-skip-tls-verify=false"]),
        &[("ETCDCTL_INSECURE_SKIP_TLS_VERIFY", "true")],
    );
    r.expect_code(3);
    // A bad value is a usage error naming the variable.
    let r = run_with(&args, &[("ETCDCTL_INSECURE_SKIP_TLS_VERIFY", "yes please")]);
    r.expect_code(3);
    assert!(
        r.stderr.contains("ETCDCTL_INSECURE_SKIP_TLS_VERIFY"),
        "{}",
        r.stderr
    );

    // The client certificate is still what lets the client in (etcd asks for one): without it
    // the server refuses, the flag or not.
    let bare = vec![
        "health".to_string(),
        "--endpoints".into(),
        endpoint.clone(),
        "--insecure-skip-tls-verify".into(),
        "--user".into(),
        format!("root:{ROOT_PASSWORD}"),
    ];
    let r = run_with(&bare, &[]);
    r.expect_code(3);
    assert!(r.stdout.contains("client certificate"), "{}", r.stdout);

    // Several endpoints: the failover client dials with the same handshake (lock runs its
    // command only once it holds the lock).
    let both = format!("{endpoint},{}", endpoint.replace("127.0.0.1", "localhost"));
    let mut lock = vec![
        "lock".to_string(),
        "/habits/skip".into(),
        "--endpoints".into(),
        both,
        "--cacert".into(),
        tls.other_ca.display().to_string(),
        "--cert".into(),
        tls.cert.display().to_string(),
        "--key".into(),
        tls.key.display().to_string(),
        "--user".into(),
        format!("root:{ROOT_PASSWORD}"),
    ];
    // bench's load connections and watch-metrics' /metrics reads make the same handshake.
    let common: Vec<String> = lock[2..].to_vec();
    let mut bench = vec![
        "bench".to_string(),
        "write".into(),
        "--total".into(),
        "20".into(),
    ];
    bench.extend(common.iter().cloned());
    run_with(&bench, &[]).expect_code(4);
    bench.push("--insecure-skip-tls-verify".into());
    let r = run_with(&bench, &[]);
    r.expect_code(0);
    assert!(r.stderr.contains(WARNING), "{}", r.stderr);
    let mut watch = vec![
        "watch-metrics".to_string(),
        "--count".into(),
        "1".into(),
        "-o".into(),
        "json".into(),
        "--insecure-skip-tls-verify".into(),
    ];
    watch.extend(common.iter().cloned());
    let r = run_with(&watch, &[]);
    r.expect_code(0);
    let sample = &r.json_lines()[0];
    assert_eq!(sample["members_up"], 2, "{sample:#}");
    // memory_bytes comes from /metrics.
    assert!(
        sample["members"][0]["memory_bytes"].is_number(),
        "{sample:#}"
    );

    let refused = run_with(&lock, &[]);
    refused.expect_code(4);
    assert!(
        refused.stderr.contains("not signed by the CA"),
        "{}",
        refused.stderr
    );
    lock.extend([
        "--insecure-skip-tls-verify".into(),
        "--".into(),
        "true".into(),
    ]);
    run_with(&lock, &[]).expect_code(0);
}

#[test]
fn skip_tls_verify_accepts_a_certificate_for_another_host_name() {
    let etcd = Etcd::builder().tls(true).start();
    let tls = etcd.tls().unwrap().clone();
    // The server's certificate names 127.0.0.1 and localhost; the IPv4-mapped IPv6 form of
    // 127.0.0.1 reaches the same member under an address it does not name.
    let port = etcd.client_port(0);
    let endpoint = format!("https://[::ffff:127.0.0.1]:{port}");
    let args = health_args(&endpoint, Some(&tls.ca), &etcd);

    let refused = run_with(&args, &[]);
    refused.expect_code(3);
    assert!(
        refused.stdout.contains("does not name this host"),
        "{}\n{}",
        refused.stdout,
        refused.stderr
    );
    let ok = run_with(&with(args, &["--insecure-skip-tls-verify"]), &[]);
    ok.expect_code(0);
    assert!(ok.stderr.contains(WARNING), "{}", ok.stderr);
    // The quota came from /metrics, read over the same handshake.
    assert_eq!(ok.json()["endpoints"][0]["db_quota_source"], "metrics");
}

#[test]
fn insecure_transport_and_https_endpoints_without_a_ca_follow_etcdctl() {
    let etcd = Etcd::builder().tls(true).start();
    let tls = etcd.tls().unwrap().clone();
    let https = etcd.endpoint(0);
    assert!(https.starts_with("https://"), "{https}");
    let bare = https.trim_start_matches("https://").to_string();

    // An https:// endpoint without --cacert trusts the system's CAs, as etcdctl does: the
    // test CA is not one of them, and the message says no --cacert was given.
    let r = run_with(&health_args(&https, None, &etcd), &[]);
    r.expect_code(3);
    assert!(r.stdout.contains("no --cacert was given"), "{}", r.stdout);

    // A bare endpoint is plain http by default (etcdctl's --insecure-transport=true)...
    let r = run_with(
        &[
            "health".into(),
            "-o".into(),
            "json".into(),
            "--endpoints".into(),
            bare.clone(),
        ],
        &[],
    );
    r.expect_code(2);
    assert!(r.stdout.contains(&format!("http://{bare}")), "{}", r.stdout);
    // ...and TLS with --insecure-transport=false (or its variables), here with the CA.
    let secure = health_args(&bare, None, &etcd);
    for (extra, env) in [
        (vec!["--insecure-transport=false"], vec![]),
        (vec![], vec![("ETCDCTL_INSECURE_TRANSPORT", "false")]),
        (vec![], vec![("ETCDKIT_INSECURE_TRANSPORT", "f")]),
    ] {
        let args = with(secure.clone(), &extra);
        // Without a CA: the system's CAs, which do not know the test CA.
        let r = run_with(&args, &env);
        r.expect_code(3);
        assert!(r.stdout.contains("no --cacert was given"), "{}", r.stdout);
        let mut with_ca = with(args, &["--cacert"]);
        with_ca.push(tls.ca.display().to_string());
        let r = run_with(&with_ca, &env);
        r.expect_code(0);
        assert!(
            r.json()["endpoints"][0]["endpoint"]
                .as_str()
                .unwrap()
                .starts_with("https://"),
            "{}",
            r.stdout
        );
    }
    // An http:// endpoint with --insecure-transport=false is refused, not dialled in plain.
    let r = etcdkit(&[
        "health",
        "--endpoints",
        "http://127.0.0.1:2379",
        "--insecure-transport=false",
    ]);
    r.expect_code(3);
    assert!(
        r.stderr.contains("plain http but TLS was asked for"),
        "{}",
        r.stderr
    );
}

#[test]
fn keepalive_flags_are_read_and_checked() {
    let etcd = Etcd::single();
    let ep = etcd.endpoint(0);
    for (args, env) in [
        (
            vec!["--keepalive-time", "1s", "--keepalive-timeout", "3s"],
            vec![],
        ),
        (
            vec![],
            vec![
                ("ETCDCTL_KEEPALIVE_TIME", "1s"),
                ("ETCDCTL_KEEPALIVE_TIMEOUT", "3s"),
            ],
        ),
    ] {
        let mut all = vec!["health".to_string(), "--endpoints".into(), ep.clone()];
        all.extend(args.iter().map(|s| s.to_string()));
        run_with(&all, &env).expect_code(0);
    }
    for (args, env, says) in [
        (
            vec!["--keepalive-time", "0s"],
            vec![],
            "--keepalive-time must be more than 0",
        ),
        (
            vec![],
            vec![("ETCDCTL_KEEPALIVE_TIMEOUT", "soon")],
            "ETCDCTL_KEEPALIVE_TIMEOUT",
        ),
    ] {
        let mut all = vec!["health".to_string(), "--endpoints".into(), ep.clone()];
        all.extend(args.iter().map(|s| s.to_string()));
        let r = run_with(&all, &env);
        r.expect_code(3);
        assert!(r.stderr.contains(says), "{}", r.stderr);
    }
}

#[test]
fn etcdctl_flags_etcdkit_does_not_support_are_refused_with_a_pointer() {
    for (args, says, points_to) in [
        (
            vec!["--discovery-srv", "example.com"],
            "--discovery-srv",
            "--endpoints",
        ),
        (vec!["-d", "example.com"], "--discovery-srv", "--endpoints"),
        (
            vec!["--discovery-srv-name", "x"],
            "--discovery-srv-name",
            "--endpoints",
        ),
        (
            vec!["--insecure-discovery"],
            "--insecure-discovery",
            "--endpoints",
        ),
        (vec!["--hex"], "--hex", "-o json"),
        (vec!["--debug"], "--debug", "endpoint and the cause"),
        (
            vec!["--max-request-bytes", "1000"],
            "--max-request-bytes",
            "server",
        ),
        (vec!["--max-recv-bytes", "1000"], "--max-recv-bytes", "drop"),
        (
            vec!["--auth-jwt-token", "abc"],
            "--auth-jwt-token",
            "--user",
        ),
    ] {
        let mut all = vec!["health", "--endpoints", "127.0.0.1:1"];
        all.extend(args.iter());
        let r = etcdkit(&all);
        r.expect_code(3);
        let lines: Vec<&str> = r.stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{args:?}: {}", r.stderr);
        assert!(
            lines[0].starts_with("error: ") && lines[0].contains(says),
            "{args:?}: {}",
            r.stderr
        );
        assert!(
            lines[1].starts_with("help: ") && lines[1].contains(points_to),
            "{args:?}: {}",
            r.stderr
        );
        assert!(!r.stderr.contains("abc"), "{}", r.stderr);
    }
}

#[test]
fn etcdctl_output_formats_map_or_are_refused() {
    // `simple`, etcdctl's default, is etcdkit's plain output.
    let r = etcdkit(&["-w", "simple", "health", "--endpoints", "127.0.0.1:1"]);
    r.expect_code(2);
    assert!(r.stdout.starts_with("ETCD CRITICAL"), "{}", r.stdout);
    for format in ["fields", "protobuf"] {
        let r = etcdkit(&["-w", format, "health", "--endpoints", "127.0.0.1:1"]);
        r.expect_code(3);
        assert!(
            r.stderr.starts_with("error: ") && r.stderr.contains(format),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains("help: ") && r.stderr.contains("json"),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn etcdctl_write_out_chooses_the_format_unless_etcdkit_is_told_otherwise() {
    let args = [
        "health".to_string(),
        "--endpoints".into(),
        "127.0.0.1:1".into(),
    ];
    let r = run_with(&args, &[("ETCDCTL_WRITE_OUT", "json")]);
    r.expect_code(2);
    assert_eq!(r.json()["status"], "critical", "{}", r.stdout);
    let r = run_with(&args, &[("ETCDCTL_WRITE_OUT", "simple")]);
    assert!(r.stdout.starts_with("ETCD CRITICAL"), "{}", r.stdout);
    // etcdkit's own variable and the flag win.
    let r = run_with(
        &args,
        &[("ETCDCTL_WRITE_OUT", "json"), ("ETCDKIT_OUTPUT", "plain")],
    );
    assert!(r.stdout.starts_with("ETCD CRITICAL"), "{}", r.stdout);
    let mut flagged = args.to_vec();
    flagged.extend(["-o".into(), "plain".into()]);
    let r = run_with(&flagged, &[("ETCDCTL_WRITE_OUT", "json")]);
    assert!(r.stdout.starts_with("ETCD CRITICAL"), "{}", r.stdout);
    // A format etcdkit has no counterpart for: said once, and the default applies.
    let r = run_with(&args, &[("ETCDCTL_WRITE_OUT", "fields")]);
    r.expect_code(2);
    assert_eq!(
        r.stderr
            .matches("warning: ETCDCTL_WRITE_OUT=fields")
            .count(),
        1,
        "{}",
        r.stderr
    );
}

#[test]
fn etcdctl_variables_that_would_change_the_cluster_or_the_login_are_refused() {
    let health = ["health".to_string()];
    let r = run_with(&health, &[("ETCDCTL_DISCOVERY_SRV", "example.com")]);
    r.expect_code(3);
    assert!(
        r.stderr.contains("error: ETCDCTL_DISCOVERY_SRV is set")
            && r.stderr.contains("help: ")
            && r.stderr.contains("--endpoints"),
        "{}",
        r.stderr
    );
    // Endpoints given to etcdkit itself say which cluster is meant.
    let etcd = Etcd::single();
    let explicit = vec!["health".to_string(), "--endpoints".into(), etcd.endpoint(0)];
    run_with(&explicit, &[("ETCDCTL_DISCOVERY_SRV", "example.com")]).expect_code(0);

    let r = run_with(&explicit, &[("ETCDCTL_AUTH_JWT_TOKEN", "secret-token")]);
    r.expect_code(3);
    assert!(r.stderr.contains("ETCDCTL_AUTH_JWT_TOKEN"), "{}", r.stderr);
    assert!(!r.stderr.contains("secret-token"), "{}", r.stderr);
}

/// What a client sent through [`ping_counter`]: HTTP/2 PING frames (not acks), and whether
/// the client closed a connection.
#[derive(Default)]
struct Seen {
    pings: std::sync::atomic::AtomicUsize,
    closed: std::sync::atomic::AtomicBool,
}

/// A TCP forwarder to `upstream` that reads the HTTP/2 frames the client sends.
fn ping_counter(upstream: u16, seen: std::sync::Arc<Seen>) -> crate::support::LoopbackServer {
    use std::io::{Read, Write};
    use std::sync::atomic::Ordering;
    crate::support::LoopbackServer::start("ping counter", move |mut client, _| {
        let Ok(mut server) = std::net::TcpStream::connect(("127.0.0.1", upstream)) else {
            return;
        };
        let (mut from_server, mut to_client) =
            (server.try_clone().unwrap(), client.try_clone().unwrap());
        std::thread::spawn(move || {
            let _ = std::io::copy(&mut from_server, &mut to_client);
            let _ = to_client.shutdown(std::net::Shutdown::Both);
        });
        const PREFACE: usize = 24;
        let mut pending: Vec<u8> = Vec::new();
        let mut preface_left = PREFACE;
        let mut chunk = [0u8; 16 * 1024];
        loop {
            let n = match client.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if server.write_all(&chunk[..n]).is_err() {
                break;
            }
            pending.extend_from_slice(&chunk[..n]);
            let skip = preface_left.min(pending.len());
            pending.drain(..skip);
            preface_left -= skip;
            // Frames: a 9-byte header (length 24 bits, type, flags, stream), then the payload.
            while pending.len() >= 9 {
                let len = usize::from(pending[0]) << 16
                    | usize::from(pending[1]) << 8
                    | usize::from(pending[2]);
                if pending.len() < 9 + len {
                    break;
                }
                let (kind, flags) = (pending[3], pending[4]);
                if kind == 0x6 && flags & 0x1 == 0 {
                    seen.pings.fetch_add(1, Ordering::SeqCst);
                }
                pending.drain(..9 + len);
            }
        }
        seen.closed.store(true, Ordering::SeqCst);
        let _ = server.shutdown(std::net::Shutdown::Both);
    })
}

#[test]
fn keepalive_flags_set_how_often_idle_connections_are_pinged_and_when_they_count_as_dead() {
    use std::sync::atomic::Ordering;
    use std::time::Duration;

    use crate::run::wait_until;
    use crate::watch_metrics_prometheus::Killed;

    let etcd = Etcd::single();
    for (flags, env) in [
        (
            vec!["--keepalive-time", "200ms", "--keepalive-timeout", "1s"],
            vec![],
        ),
        (
            vec![],
            vec![
                ("ETCDCTL_KEEPALIVE_TIME", "200ms"),
                ("ETCDCTL_KEEPALIVE_TIMEOUT", "1s"),
            ],
        ),
    ] {
        let seen = std::sync::Arc::new(Seen::default());
        let proxy = ping_counter(etcd.client_port(0), seen.clone());
        let mut cmd = etcdkit_command();
        // An observer holds a watch open and otherwise sends nothing.
        cmd.args(["elect", "/habits/keepalive", "--observe", "--endpoints"])
            .arg(proxy.addr().to_string())
            .args(&flags)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        for (k, v) in &env {
            cmd.env(k, v);
        }
        let _observer = Killed(crate::support::spawn_tied_to_test(cmd).unwrap());
        // etcdkit's default is one ping every 10 s: three within the limit come from the flag.
        wait_until("three keepalive pings", Duration::from_secs(20), || {
            seen.pings.load(Ordering::SeqCst) >= 3
        });
        // A member that stops answering: its pings go unanswered, and after the keepalive
        // timeout the client gives the connection up (the default waits 10 s + 5 s).
        etcd.pause(0);
        wait_until(
            "the client to drop the connection",
            Duration::from_secs(12),
            || seen.closed.load(Ordering::SeqCst),
        );
        etcd.resume(0);
        drop(proxy);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_requests_without_verification_fail_over_to_a_live_endpoint() {
    let mut etcd = Etcd::builder().members(3).tls(true).start();
    let tls = etcd.tls().unwrap().clone();
    let conn = etcdkit::conn::ConnectOptions {
        endpoints: (0..3).map(|i| etcd.endpoint(i)).collect(),
        dial_timeout: std::time::Duration::from_secs(1),
        command_timeout: std::time::Duration::from_secs(2),
        // A CA that signed none of the servers: only the skipped check lets the client in.
        tls: Some(etcdkit::conn::TlsFiles {
            ca: Some(tls.other_ca.clone()),
            cert: Some(tls.cert.clone()),
            key: Some(tls.key.clone()),
        }),
        insecure_skip_tls_verify: true,
        ..etcdkit::conn::ConnectOptions::default()
    };
    let client = conn.connect().await.expect("connects without verification");
    crate::conn::requests_go_on_when_the_first_member_dies(&mut etcd, &conn, &client, 10).await;
}

#[test]
fn skipping_certificate_checks_warns_only_where_there_is_tls() {
    let etcd = Etcd::single();
    let plain = etcd.endpoint(0);
    assert!(plain.starts_with("http://"), "{plain}");
    let args: Vec<String> = [
        "health",
        "-o",
        "json",
        "--insecure-skip-tls-verify",
        "--endpoints",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([plain])
    .collect();
    let r = run_with(&args, &[]);
    r.expect_code(0);
    assert!(!r.stderr.contains(WARNING), "{}", r.stderr);
}
