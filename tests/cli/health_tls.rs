//! TLS and auth against a real etcd with client-certificate auth and users.

use crate::run::etcdkit;
use crate::support::{Etcd, ROOT_PASSWORD};

fn tls_args(etcd: &Etcd, ca: &std::path::Path) -> Vec<String> {
    let tls = etcd.tls().expect("a TLS fixture");
    vec![
        "--endpoints".into(),
        etcd.endpoint(0),
        "--cacert".into(),
        ca.display().to_string(),
        "--cert".into(),
        tls.cert.display().to_string(),
        "--key".into(),
        tls.key.display().to_string(),
    ]
}

fn run(args: Vec<String>) -> crate::run::Run {
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    etcdkit(&refs)
}

#[test]
fn tls_and_auth_work_and_failures_are_explained() {
    let etcd = Etcd::tls_auth();
    let tls = etcd.tls().unwrap().clone();

    // Right CA, right password.
    let mut args = vec!["health".to_string(), "-o".into(), "json".into()];
    args.extend(tls_args(&etcd, &tls.ca));
    let mut good = args.clone();
    good.extend(["--user".into(), format!("root:{ROOT_PASSWORD}")]);
    let ok = run(good);
    ok.expect_code(0);
    let r = ok.json();
    assert!(r["endpoints"][0]["endpoint"]
        .as_str()
        .unwrap()
        .starts_with("https://"));

    // --password separately.
    let mut split = args.clone();
    split.extend([
        "--user".into(),
        "root".into(),
        "--password".into(),
        ROOT_PASSWORD.into(),
    ]);
    run(split).expect_code(0);

    // Wrong password: UNKNOWN (the check could not run), a clear message, no password shown.
    let mut wrong = args.clone();
    wrong.extend(["--user".into(), "root:not-the-password".into()]);
    let bad = run(wrong);
    bad.expect_code(3);
    assert!(
        bad.stdout.contains("authentication failed"),
        "{}",
        bad.stdout
    );
    assert!(!bad.stdout.contains("not-the-password") && !bad.stderr.contains("not-the-password"));

    // Wrong CA: UNKNOWN and says which file to fix.
    let mut wrong_ca = vec!["health".to_string()];
    wrong_ca.extend(tls_args(&etcd, &tls.other_ca));
    wrong_ca.extend(["--user".into(), format!("root:{ROOT_PASSWORD}")]);
    let bad = run(wrong_ca);
    bad.expect_code(3);
    assert!(
        bad.stdout.contains("not signed by the CA in --cacert"),
        "{}",
        bad.stdout
    );
    assert!(!bad.stdout.contains(ROOT_PASSWORD));
}

#[test]
fn a_user_without_a_password_and_no_terminal_is_a_usage_error() {
    let etcd = Etcd::tls_auth();
    let tls = etcd.tls().unwrap().clone();
    let mut args = vec!["health".to_string()];
    args.extend(tls_args(&etcd, &tls.ca));
    args.extend(["--user".into(), "root".into()]);
    let r = run(args);
    r.expect_code(3);
    assert!(r.stderr.contains("--password"), "{}", r.stderr);
}

#[test]
fn the_quota_is_read_from_metrics_over_tls() {
    let etcd = Etcd::builder()
        .tls(true)
        .auth(true)
        .args(&["--quota-backend-bytes", "1048576"])
        .start();
    etcd.fill_until_nospace();
    let tls = etcd.tls().unwrap().clone();
    let mut args = vec!["health".to_string(), "-o".into(), "json".into()];
    args.extend(tls_args(&etcd, &tls.ca));
    args.extend(["--user".into(), format!("root:{ROOT_PASSWORD}")]);
    let r = run(args);
    r.expect_code(2);
    let report = r.json();
    assert_eq!(
        report["endpoints"][0]["db_quota_source"], "metrics",
        "{report:#}"
    );
    assert_eq!(report["endpoints"][0]["db_quota_bytes"], 1048576);
    assert_eq!(report["alarms"][0]["alarm"], "nospace");
}

#[test]
fn on_a_terminal_the_password_is_asked_for_and_not_echoed() {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};

    let etcd = Etcd::tls_auth();
    let tls = etcd.tls().unwrap().clone();
    let mut args = vec![env!("CARGO_BIN_EXE_etcdkit").to_string(), "health".into()];
    args.extend(tls_args(&etcd, &tls.ca));
    args.extend(["--user".into(), "root".into(), "-o".into(), "plain".into()]);
    // util-linux `script` gives etcdkit a real pseudo-terminal.
    let mut child = Command::new("script")
        .args(["-qec", &args.join(" "), "/dev/null"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script (util-linux) runs");
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 256];
    // Type the password only once the prompt is on screen, as a person would.
    while !String::from_utf8_lossy(&seen).contains("Password for etcd user root") {
        let n = stdout.read(&mut buf).unwrap();
        assert!(n > 0, "no prompt; got {:?}", String::from_utf8_lossy(&seen));
        seen.extend_from_slice(&buf[..n]);
    }
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(format!("{ROOT_PASSWORD}\r").as_bytes())
        .unwrap();
    stdout.read_to_end(&mut seen).unwrap();
    let status = child.wait().unwrap();
    let screen = String::from_utf8_lossy(&seen);
    assert_eq!(status.code(), Some(0), "{screen}");
    assert!(screen.contains("ETCD OK"), "{screen}");
    assert!(
        !screen.contains(ROOT_PASSWORD),
        "the password was echoed: {screen}"
    );
}

#[test]
fn a_rejected_client_certificate_gets_the_same_verdict_every_time() {
    let etcd = Etcd::tls_auth();
    let tls = etcd.tls().unwrap().clone();
    let ca = tls.ca.display().to_string();
    let user = format!("root:{ROOT_PASSWORD}");
    let ep = etcd.endpoint(0);
    let cases: [(&str, Vec<String>); 3] = [
        ("no certificate", vec![]),
        (
            "expired",
            vec![
                "--cert".into(),
                tls.expired_cert.display().to_string(),
                "--key".into(),
                tls.expired_key.display().to_string(),
            ],
        ),
        (
            "another CA",
            vec![
                "--cert".into(),
                tls.other_cert.display().to_string(),
                "--key".into(),
                tls.other_key.display().to_string(),
            ],
        ),
    ];
    for (what, cert) in &cases {
        for round in 0..10 {
            for (command, wanted) in [
                (&["health"][..], 3),
                (&["bench", "write", "--total", "1"][..], 4),
            ] {
                // bench gets the bare host:port (https because TLS files are given).
                let endpoint = if command[0] == "bench" {
                    ep.trim_start_matches("https://")
                } else {
                    ep.as_str()
                };
                let mut args = vec!["--endpoints", endpoint, "--cacert", ca.as_str()];
                args.extend(["--user", user.as_str()]);
                args.extend(cert.iter().map(String::as_str));
                args.extend_from_slice(command);
                let run = crate::run::etcdkit(&args);
                let all = format!("{}{}", run.stdout, run.stderr);
                assert_eq!(
                    run.code, wanted,
                    "{what}, round {round}, {command:?}: {all}"
                );
                assert!(
                    all.contains("the server rejected the client certificate"),
                    "{what}, round {round}, {command:?}: {all}"
                );
                for raw in ["tonic::", "hyper::", "dev-cluster", "Canceled"] {
                    assert!(!all.contains(raw), "{what}, round {round}: {raw} in {all}");
                }
            }
        }
    }
}
