//! `watch-metrics` against the fixture's TLS + auth member: a run that cannot verify or
//! authenticate to any member says so and exits 4 (TLS) or 5 (credentials), never a quiet
//! `up: false` with exit 0.

use crate::run::{etcdkit, Run};
use crate::support::{Etcd, ROOT_PASSWORD};

fn watch(etcd: &Etcd, ca: &std::path::Path, user: Option<&str>) -> Run {
    let tls = etcd.tls().expect("a TLS fixture");
    let endpoint = etcd.endpoint(0);
    let (ca, cert, key) = (
        ca.display().to_string(),
        tls.cert.display().to_string(),
        tls.key.display().to_string(),
    );
    let mut args = vec![
        "watch-metrics",
        "--endpoints",
        &endpoint,
        "--cacert",
        &ca,
        "--cert",
        &cert,
        "--key",
        &key,
        "--interval",
        "200ms",
        "--count",
        "2",
        "-o",
        "json",
    ];
    if let Some(user) = user {
        args.extend(["--user", user]);
    }
    etcdkit(&args)
}

/// stderr with the report's frame and line wrapping taken out.
fn said(run: &Run) -> String {
    run.stderr
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn watch_metrics_with_a_wrong_ca_or_password_says_so_and_exits_4_or_5() {
    let etcd = Etcd::tls_auth();
    let tls = etcd.tls().unwrap().clone();
    let root = format!("root:{ROOT_PASSWORD}");
    let root = Some(root.as_str());

    // The right CA and password: both samples see the member up.
    let good = watch(&etcd, &tls.ca, root);
    good.expect_code(0);
    let lines = good.json_lines();
    assert_eq!(lines.len(), 2, "{}", good.stdout);
    assert_eq!(lines[1]["members"][0]["up"], true, "{}", good.stdout);

    // A CA that did not sign the server's certificate, with and without a user: exit 4, and
    // it says why.
    for user in [root, None] {
        let wrong_ca = watch(&etcd, &tls.other_ca, user);
        wrong_ca.expect_code(4);
        assert!(
            said(&wrong_ca).contains("not signed by the CA in --cacert"),
            "{}",
            wrong_ca.stderr
        );
        assert!(
            !wrong_ca.stdout.contains("\"up\":false"),
            "no sample claims the member is down: {}",
            wrong_ca.stdout
        );
    }

    // A wrong password: exit 5, says the credentials were refused, never shows the password.
    let wrong_pw = watch(&etcd, &tls.ca, Some("root:not-the-password"));
    wrong_pw.expect_code(5);
    assert!(
        said(&wrong_pw).contains("refused the credentials"),
        "{}",
        wrong_pw.stderr
    );
    assert!(
        !wrong_pw.stdout.contains("\"up\":false"),
        "{}",
        wrong_pw.stdout
    );
    for out in [&wrong_pw.stdout, &wrong_pw.stderr] {
        assert!(!out.contains("not-the-password"), "{out}");
    }
}

#[test]
fn watch_metrics_with_a_client_certificate_the_server_rejects_exits_4() {
    let etcd = Etcd::tls_auth();
    let tls = etcd.tls().unwrap().clone();
    let (endpoint, ca, cert, key) = (
        etcd.endpoint(0),
        tls.ca.display().to_string(),
        tls.other_cert.display().to_string(),
        tls.other_key.display().to_string(),
    );
    for _ in 0..5 {
        let run = etcdkit(&[
            "watch-metrics",
            "--endpoints",
            &endpoint,
            "--cacert",
            &ca,
            "--cert",
            &cert,
            "--key",
            &key,
            "--count",
            "1",
            "-o",
            "json",
        ]);
        run.expect_code(4);
        assert!(!run.stdout.contains("\"up\":false"), "{}", run.stdout);
    }
}

#[test]
fn watch_metrics_without_credentials_on_an_auth_cluster_exits_5() {
    // Plain http: no client certificate can stand in for a user.
    let etcd = Etcd::builder().auth(true).start();
    let run = etcdkit(&[
        "watch-metrics",
        "--endpoints",
        &etcd.endpoint(0),
        "--count",
        "1",
        "-o",
        "json",
    ]);
    run.expect_code(5);
    assert!(
        !run.stdout.contains("\"up\":true"),
        "a member it cannot read is not reported up: {}",
        run.stdout
    );
}
