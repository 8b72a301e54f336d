//! `etcdkit alert test` to a webhook behind HTTPS with a private CA: `ca_file` makes it trusted,
//! and a `ca_file` that cannot be read stops the config from loading.

use std::fs;
use std::time::Duration;

use crate::alert_notify::webhook;
use crate::run::etcdkit;
use crate::support::{Receiver, TlsFiles};

#[test]
fn alert_test_reaches_an_https_webhook_through_ca_file_and_names_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let tls = TlsFiles::generate(&dir.path().join("tls"));
    let hook = Receiver::https(&tls);
    let write_config = |ca_file: &std::path::Path| {
        let path = dir.path().join("alert.toml");
        fs::write(
            &path,
            format!(
                "{}ca_file = \"{}\"\nretries = 0\n",
                webhook("hook", &hook.url("/alerts")),
                ca_file.display()
            ),
        )
        .unwrap();
        path.to_string_lossy().into_owned()
    };

    let config = write_config(&tls.ca);
    let run = etcdkit(&[
        "alert",
        "test",
        "--config",
        &config,
        "--channel",
        "hook",
        "-o",
        "json",
    ]);
    run.expect_code(0);
    assert_eq!(run.json()["deliveries"][0]["ok"], true, "{}", run.stdout);
    let request = &hook.wait_for(1, Duration::from_secs(5))[0];
    assert!(request.tls);
    assert_eq!(request.path, "/alerts");
    let body = request.json();
    assert_eq!(body["receiver"], "hook");
    assert_eq!(body["alerts"][0]["labels"]["alertname"], "EtcdkitTest");

    let missing = dir.path().join("no-such-ca.pem");
    let config = write_config(&missing);
    let run = etcdkit(&["alert", "test", "--config", &config, "--channel", "hook"]);
    run.expect_code(3);
    assert!(
        run.stderr.contains(&missing.display().to_string()) && run.stderr.contains("channel hook"),
        "{}",
        run.stderr
    );
    assert_eq!(hook.requests().len(), 1, "nothing sent with a bad ca_file");
}
