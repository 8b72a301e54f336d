//! The email password and the Slack webhook URL never appear in anything etcdkit prints, in a
//! real end-to-end run: deliveries that work and ones that fail, every output format, errors,
//! and with every logging and backtrace variable turned up.

use std::fs;
use std::time::Duration;

use crate::alert_notify::ALWAYS;
use crate::run::{etcdkit_command, run_command, Run};
use crate::support::{Etcd, Receiver, SmtpServer, TlsFiles};

const PASSWORD: &str = "SMTPpw-secret-77";
const SLACK_TOKEN: &str = "SLACKsecret55";

const ROUTE: &str = "\n[route]\ngroup_wait = \"0s\"\n";

/// A Slack channel (URL from a variable) and an email channel (password from a variable,
/// STARTTLS to a server behind a private CA).
fn channels(smtp: &SmtpServer, tls: &TlsFiles) -> String {
    format!(
        r#"
[[channels]]
name = "slack"
type = "slack"
url_env = "ETCDKIT_TEST_SLACK_URL"
retries = 0

[[channels]]
name = "mail"
type = "email"
smtp = "{}"
tls = "starttls"
ca_file = "{}"
username = "alerts"
password_env = "ETCDKIT_TEST_SMTP_PASSWORD"
from = "etcdkit@example.com"
to = ["oncall@example.com"]
retries = 0
timeout = "5s"
"#,
        smtp.addr(),
        tls.ca.display()
    )
}

fn run(args: &[&str], slack_url: &str, password: &str) -> Run {
    let mut cmd = etcdkit_command();
    cmd.args(args)
        .env("ETCDKIT_TEST_SLACK_URL", slack_url)
        .env("ETCDKIT_TEST_SMTP_PASSWORD", password)
        .env("RUST_LOG", "trace")
        .env("RUST_BACKTRACE", "full");
    run_command(&mut cmd)
}

/// `alert run --once` with its own state file.
fn once_args<'a>(
    config: &'a str,
    state: &'a std::path::Path,
    endpoints: &'a str,
    format: &'a str,
) -> Vec<&'a str> {
    let state = state.to_str().unwrap();
    vec![
        "alert",
        "run",
        "--once",
        "--config",
        config,
        "--state",
        state,
        "--endpoints",
        endpoints,
        "-o",
        format,
    ]
}

fn assert_hidden(what: &str, run: &Run, secrets: &[&str]) {
    for s in secrets {
        assert!(
            !run.stdout.contains(s) && !run.stderr.contains(s),
            "{what} shows {s}:\n{}\n{}",
            run.stdout,
            run.stderr
        );
    }
}

#[test]
fn the_email_password_and_slack_url_never_appear_in_any_output() {
    let etcd = Etcd::single();
    let dir = tempfile::tempdir().unwrap();
    let tls = TlsFiles::generate(dir.path());
    let smtp = SmtpServer::builder()
        .starttls(&tls)
        .auth("alerts", PASSWORD)
        .start();
    let slack = Receiver::start();
    let slack_url = slack.url(&format!("/services/T0/B0/{SLACK_TOKEN}"));
    let config = dir.path().join("alert.toml");
    fs::write(&config, format!("{ALWAYS}{ROUTE}{}", channels(&smtp, &tls))).unwrap();
    let config = config.to_string_lossy().into_owned();
    let endpoints = etcd.endpoints();
    let secrets = [PASSWORD, SLACK_TOKEN];

    // Deliveries that work, in every format: each run has its own state, so each sends.
    for (i, format) in ["json", "table", "plain"].into_iter().enumerate() {
        let state = dir.path().join(format!("ok-{format}.json"));
        let once = run(
            &once_args(&config, &state, &endpoints, format),
            &slack_url,
            PASSWORD,
        );
        once.expect_code(0);
        assert_hidden(format, &once, &secrets);
        slack.wait_for(i + 1, Duration::from_secs(30));
        let mails = smtp.wait_for(i + 1, Duration::from_secs(30));
        assert_eq!(mails[i].auth_user.as_deref(), Some("alerts"));
        for args in [
            vec!["alert", "rules", "--config", &config, "-o", format],
            vec![
                "alert",
                "test",
                "--config",
                &config,
                "--channel",
                "slack",
                "--channel",
                "mail",
                "-o",
                format,
            ],
        ] {
            let r = run(&args, &slack_url, PASSWORD);
            r.expect_code(0);
            assert_hidden(&args.join(" "), &r, &secrets);
        }
    }
    let state = dir.path().join("ok-json.json");
    let saved = fs::read_to_string(&state).unwrap();
    assert!(!saved.contains(PASSWORD) && !saved.contains(SLACK_TOKEN));

    // Deliveries that fail: the server refuses the password; nothing listens at the Slack URL.
    let nowhere = format!(
        "http://127.0.0.1:{}/services/T0/B0/{SLACK_TOKEN}",
        crate::support::free_port()
    );
    let wrong = "WRONGpw-secret-88";
    for format in ["json", "table", "plain"] {
        let state = dir.path().join(format!("failing-{format}.json"));
        let once = run(
            &once_args(&config, &state, &endpoints, format),
            &nowhere,
            wrong,
        );
        once.expect_code(6);
        assert_hidden(format, &once, &[PASSWORD, SLACK_TOKEN, wrong]);
        let test = run(
            &[
                "alert",
                "test",
                "--config",
                &config,
                "--channel",
                "slack",
                "--channel",
                "mail",
                "-o",
                format,
            ],
            &nowhere,
            wrong,
        );
        test.expect_code(6);
        assert_hidden(format, &test, &[PASSWORD, SLACK_TOKEN, wrong]);
    }
    assert!(smtp.failed_logins() >= 1, "the wrong password was tried");

    // Nor in the library's Debug form of the loaded config, channels and all.
    std::env::set_var("ETCDKIT_TEST_SLACK_URL", &slack_url);
    std::env::set_var("ETCDKIT_TEST_SMTP_PASSWORD", PASSWORD);
    let loaded = etcdkit::alert::config::load(std::path::Path::new(&config)).unwrap();
    let debug = format!("{loaded:?} {loaded:#?}");
    assert!(debug.contains("slack") && debug.contains("mail"), "{debug}");
    assert!(
        !debug.contains(PASSWORD) && !debug.contains(SLACK_TOKEN),
        "{debug}"
    );

    // A config error names the variable, never a value.
    let empty = run(&["alert", "rules", "--config", &config], "", PASSWORD);
    empty.expect_code(3);
    assert!(
        empty.stderr.contains("ETCDKIT_TEST_SLACK_URL"),
        "{}",
        empty.stderr
    );
    assert_hidden("a config error", &empty, &secrets);
}
