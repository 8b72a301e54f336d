//! `etcdkit alert` delivering to real local receivers: a webhook that fails then works, one that
//! hangs, one that refuses; email through a real SMTP server; silences; secrets kept out of
//! every output.

use std::fs;
use std::time::Duration;

use crate::run::{etcdkit, etcdkit_command, run_command, Run};
use crate::support::Etcd;
use crate::support::Receiver;
use crate::support::SmtpServer;

/// A rule that fires at once on a healthy member, so every run has something to send.
pub const ALWAYS: &str = r#"
[[rules]]
name = "AlwaysUp"
metric = "up"
op = "=="
threshold = 1
severity = "warning"
annotations = { summary = "{{ $labels.member }} is up" }
"#;

const FAST_ROUTE: &str = r#"
[route]
group_wait = "0s"
group_interval = "1s"
repeat_interval = "1h"
"#;

/// A `[[channels]]` entry for a webhook called `name` at `url`.
pub fn webhook(name: &str, url: &str) -> String {
    format!("\n[[channels]]\nname = \"{name}\"\ntype = \"webhook\"\nurl = \"{url}\"\n")
}

struct Setup {
    dir: tempfile::TempDir,
    endpoints: String,
}

impl Setup {
    fn new(etcd: &Etcd) -> Setup {
        Setup {
            dir: tempfile::tempdir().unwrap(),
            endpoints: etcd.endpoints(),
        }
    }

    fn config(&self, text: &str) -> String {
        let p = self.dir.path().join("alert.toml");
        fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    }

    fn state(&self) -> String {
        self.dir
            .path()
            .join("state.json")
            .to_string_lossy()
            .into_owned()
    }

    fn once(&self, config: &str, env: &[(&str, &str)]) -> Run {
        let mut cmd = etcdkit_command();
        cmd.args([
            "alert",
            "run",
            "--once",
            "--config",
            config,
            "--state",
            &self.state(),
            "--endpoints",
            &self.endpoints,
            "-o",
            "json",
        ]);
        for (k, v) in env {
            cmd.env(k, v);
        }
        run_command(&mut cmd)
    }
}

fn sent_for(run: &Run, channel: &str) -> serde_json::Value {
    let e = run.json();
    e["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["channel"] == channel)
        .cloned()
        .unwrap_or(serde_json::Value::Null)
}

#[test]
fn a_firing_alert_is_sent_once_with_alertmanagers_payload_then_only_after_repeat() {
    let etcd = Etcd::single();
    let hook = Receiver::start();
    let setup = Setup::new(&etcd);
    let config = setup.config(&format!(
        "{ALWAYS}{FAST_ROUTE}{}",
        webhook("hook", &hook.url("/alerts"))
    ));
    for _ in 0..3 {
        setup.once(&config, &[]).expect_code(0);
    }
    let got = hook.wait_for(1, Duration::from_secs(5));
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(hook.requests().len(), 1, "sent once across three runs");
    let body = got[0].json();
    assert_eq!(body["version"], "4");
    assert_eq!(body["status"], "firing");
    assert_eq!(body["receiver"], "hook");
    assert_eq!(body["groupLabels"]["alertname"], "AlwaysUp");
    let alert = &body["alerts"][0];
    assert_eq!(alert["labels"]["alertname"], "AlwaysUp");
    assert_eq!(alert["labels"]["severity"], "warning");
    assert_eq!(alert["labels"]["member"], etcd.member_name(0).as_str());
    assert_eq!(
        alert["annotations"]["summary"],
        format!("{} is up", etcd.member_name(0))
    );
    assert_eq!(alert["fingerprint"].as_str().unwrap().len(), 16);
    assert!(alert["startsAt"].as_str().unwrap().ends_with('Z'));
    assert!(body["groupKey"].is_string() && body["commonLabels"].is_object());

    // The rule stops holding (a threshold it cannot meet): the resolution is sent once.
    let off = setup.config(&format!(
        "[[rules]]\nname = \"AlwaysUp\"\nmetric = \"up\"\nop = \"==\"\nthreshold = 2\n{FAST_ROUTE}{}",
        webhook("hook", &hook.url("/alerts"))
    ));
    std::thread::sleep(Duration::from_millis(1100));
    setup.once(&off, &[]).expect_code(0);
    setup.once(&off, &[]).expect_code(0);
    let got = hook.wait_for(2, Duration::from_secs(5));
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(hook.requests().len(), 2, "one resolution");
    let resolved = got[1].json();
    assert_eq!(resolved["status"], "resolved");
    assert_eq!(resolved["alerts"][0]["status"], "resolved");
    assert_eq!(resolved["alerts"][0]["fingerprint"], alert["fingerprint"]);
    assert!(!resolved["alerts"][0]["endsAt"]
        .as_str()
        .unwrap()
        .starts_with("0001"));
}

#[test]
fn a_receiver_that_fails_then_works_gets_the_alert_after_a_retry() {
    let etcd = Etcd::single();
    let flaky = Receiver::with_responses(vec![500]);
    let setup = Setup::new(&etcd);
    let config = setup.config(&format!(
        "{ALWAYS}{FAST_ROUTE}{}",
        webhook("flaky", &flaky.url("/"))
    ));
    let run = setup.once(&config, &[]);
    run.expect_code(0);
    let sent = sent_for(&run, "flaky");
    assert_eq!(sent["ok"], true, "{sent:#}");
    assert_eq!(sent["attempts"], 2);
    assert_eq!(flaky.requests().len(), 2);
}

#[test]
fn a_hanging_channel_times_out_without_holding_up_the_others_and_is_retried_next_run() {
    let etcd = Etcd::single();
    let hanging = Receiver::hanging();
    let good = Receiver::start();
    let refusing = Receiver::with_responses(vec![400, 400, 400, 400]);
    let setup = Setup::new(&etcd);
    let config = setup.config(&format!(
        "{ALWAYS}{FAST_ROUTE}
[[channels]]
name = \"slow\"
type = \"webhook\"
url = \"{}\"
timeout = \"1s\"
retries = 0
[[channels]]
name = \"good\"
type = \"slack\"
url = \"{}\"
[[channels]]
name = \"refusing\"
type = \"webhook\"
url = \"{}\"
",
        hanging.url("/"),
        good.url("/slack"),
        refusing.url("/")
    ));
    let run = setup.once(&config, &[]);
    run.expect_code(6);
    let slow = sent_for(&run, "slow");
    assert_eq!(slow["ok"], false);
    assert!(
        slow["error"].as_str().unwrap().contains("no answer"),
        "{slow:#}"
    );
    let refused = sent_for(&run, "refusing");
    assert_eq!(refused["ok"], false);
    assert_eq!(refused["attempts"], 1, "a 400 is not retried: {refused:#}");
    assert!(
        refused["error"].as_str().unwrap().contains("400"),
        "{refused:#}"
    );
    assert_eq!(sent_for(&run, "good")["ok"], true);
    let slack = good.wait_for(1, Duration::from_secs(5))[0].json();
    assert!(
        slack["text"].as_str().unwrap().contains("AlwaysUp"),
        "{slack:#}"
    );
    assert!(slack["blocks"].is_array());

    // Next run: the good channel is not sent again; the failed ones are retried.
    let again = setup.once(&config, &[]);
    again.expect_code(6);
    assert!(sent_for(&again, "good").is_null(), "{}", again.stdout);
    assert_eq!(sent_for(&again, "refusing")["attempts"], 1);
    assert_eq!(good.requests().len(), 1);
}

#[test]
fn silenced_alerts_wait_until_the_silence_ends() {
    let etcd = Etcd::single();
    let hook = Receiver::start();
    let setup = Setup::new(&etcd);
    let config = setup.config(&format!(
        "{ALWAYS}{FAST_ROUTE}{}",
        webhook("hook", &hook.url("/"))
    ));
    let state = setup.state();
    let add = etcdkit(&[
        "alert",
        "silence",
        "add",
        "alertname=AlwaysUp",
        "--state",
        &state,
        "-o",
        "plain",
    ]);
    add.expect_code(0);
    let id = add.stdout.trim().to_string();
    setup.once(&config, &[]).expect_code(0);
    setup.once(&config, &[]).expect_code(0);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(hook.requests().len(), 0, "silenced");
    etcdkit(&["alert", "silence", "expire", &id, "--state", &state]).expect_code(0);
    setup.once(&config, &[]).expect_code(0);
    assert_eq!(
        hook.wait_for(1, Duration::from_secs(5))[0].json()["status"],
        "firing"
    );
}

#[test]
fn pagerduty_triggers_and_resolves_with_one_dedup_key_and_secrets_stay_hidden() {
    let etcd = Etcd::single();
    let pd = Receiver::with_responses(vec![202, 202]);
    let setup = Setup::new(&etcd);
    let key = "R0UTINGKEYsecret42";
    let config = setup.config(&format!(
        "{ALWAYS}{FAST_ROUTE}\n[[channels]]\nname = \"pager\"\ntype = \"pagerduty\"\nrouting_key_env = \"PD_KEY\"\nurl = \"{}\"\n",
        pd.url("/v2/enqueue")
    ));
    let run = setup.once(&config, &[("PD_KEY", key)]);
    run.expect_code(0);
    let trigger = pd.wait_for(1, Duration::from_secs(5))[0].json();
    assert_eq!(trigger["event_action"], "trigger");
    assert_eq!(trigger["routing_key"], key);
    assert_eq!(trigger["payload"]["severity"], "warning");
    assert!(trigger["payload"]["summary"]
        .as_str()
        .unwrap()
        .contains("AlwaysUp"));
    let dedup = trigger["dedup_key"].as_str().unwrap().to_string();
    // Other rules may fire too on a loaded machine (etcd's own, slow fsyncs): this one by name.
    let report = run.json();
    let always_up = report["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "AlwaysUp")
        .expect("AlwaysUp fires");
    assert_eq!(dedup, always_up["fingerprint"].as_str().unwrap());
    assert!(!run.stdout.contains(key) && !run.stderr.contains(key));

    let off = setup.config(&format!(
        "[[rules]]\nname = \"AlwaysUp\"\nmetric = \"up\"\nop = \"==\"\nthreshold = 2\n{FAST_ROUTE}\n[[channels]]\nname = \"pager\"\ntype = \"pagerduty\"\nrouting_key_env = \"PD_KEY\"\nurl = \"{}\"\n",
        pd.url("/v2/enqueue")
    ));
    std::thread::sleep(Duration::from_millis(1100));
    setup.once(&off, &[("PD_KEY", key)]).expect_code(0);
    let resolve = pd.wait_for(2, Duration::from_secs(5))[1].json();
    assert_eq!(resolve["event_action"], "resolve");
    assert_eq!(resolve["dedup_key"], dedup.as_str());

    // A missing secret is named, not shown; a failing URL with a token in it is not shown.
    let run = setup.once(&config, &[]);
    run.expect_code(3);
    assert!(run.stderr.contains("PD_KEY"), "{}", run.stderr);
    let down = crate::support::free_port();
    let token_url = format!("http://127.0.0.1:{down}/hooks/T0KENsecret99");
    let leaky = setup.config(&format!(
        "{ALWAYS}{FAST_ROUTE}\n[[channels]]\nname = \"hook\"\ntype = \"webhook\"\nurl = \"{token_url}\"\nretries = 0\n"
    ));
    for format in ["json", "table", "plain"] {
        let mut cmd = etcdkit_command();
        cmd.args([
            "alert",
            "run",
            "--once",
            "--config",
            &leaky,
            "--state",
            &setup.state(),
            "--endpoints",
            &setup.endpoints,
            "-o",
            format,
        ]);
        let run = run_command(&mut cmd);
        run.expect_code(6);
        assert!(
            !run.stdout.contains("T0KENsecret99") && !run.stderr.contains("T0KENsecret99"),
            "{}{}",
            run.stdout,
            run.stderr
        );
    }
    let test = etcdkit(&["alert", "test", "--config", &leaky, "--channel", "hook"]);
    test.expect_code(6);
    assert!(!test.stdout.contains("T0KENsecret99") && !test.stderr.contains("T0KENsecret99"));
}

#[test]
fn alert_test_sends_a_marked_email_and_says_when_smtp_is_unreachable() {
    let smtp = SmtpServer::start();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("alert.toml");
    fs::write(
        &config,
        format!(
            "[[channels]]\nname = \"mail\"\ntype = \"email\"\nsmtp = \"{}\"\ntls = \"none\"\nfrom = \"etcdkit@example.com\"\nto = [\"oncall@example.com\"]\n\n[[channels]]\nname = \"nowhere\"\ntype = \"email\"\nsmtp = \"127.0.0.1:{}\"\ntls = \"none\"\nfrom = \"etcdkit@example.com\"\nto = [\"oncall@example.com\"]\ntimeout = \"2s\"\nretries = 0\n",
            smtp.addr(),
            crate::support::free_port()
        ),
    )
    .unwrap();
    let config = config.to_string_lossy().into_owned();
    let run = etcdkit(&[
        "alert",
        "test",
        "--config",
        &config,
        "--channel",
        "mail",
        "-o",
        "json",
    ]);
    run.expect_code(0);
    assert_eq!(run.json()["deliveries"][0]["ok"], true);
    let mail = &smtp.wait_for(1, Duration::from_secs(5))[0];
    assert_eq!(mail.from, "etcdkit@example.com");
    assert_eq!(mail.to, vec!["oncall@example.com".to_string()]);
    assert!(mail.subject().contains("TEST"), "{}", mail.subject());
    assert!(mail.body().contains("EtcdkitTest"), "{}", mail.body());

    let run = etcdkit(&["alert", "test", "--config", &config, "--channel", "nowhere"]);
    run.expect_code(6);
    assert!(
        run.stdout.contains("cannot connect") || run.stdout.contains("refused"),
        "{}",
        run.stdout
    );
    let unknown = etcdkit(&["alert", "test", "--config", &config, "--channel", "pager"]);
    unknown.expect_code(3);
    assert!(
        unknown.stderr.contains("mail, nowhere"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn a_critical_alert_holds_back_the_warning_of_the_same_name_unless_told_otherwise() {
    let etcd = Etcd::single();
    let twins = "[[rules]]\nname = \"Twin\"\nmetric = \"up\"\nop = \"==\"\nthreshold = 1\nseverity = \"critical\"\n\
                 [[rules]]\nname = \"Twin\"\nmetric = \"up\"\nop = \"==\"\nthreshold = 1\nseverity = \"warning\"\n";
    for (extra, wanted) in [
        ("", vec!["critical"]),
        ("inhibit_rules = []\n", vec!["critical", "warning"]),
    ] {
        let hook = Receiver::start();
        let setup = Setup::new(&etcd);
        let config = setup.config(&format!(
            "{extra}{twins}{FAST_ROUTE}{}",
            webhook("hook", &hook.url("/"))
        ));
        let run = setup.once(&config, &[]);
        run.expect_code(0);
        let body = hook.wait_for(1, Duration::from_secs(5))[0].json();
        let mut severities: Vec<&str> = body["alerts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["labels"]["severity"].as_str().unwrap())
            .collect();
        severities.sort();
        assert_eq!(severities, wanted, "{extra:?}: {body:#}");
        let e = run.json();
        let warning = e["alerts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["severity"] == "warning")
            .unwrap();
        assert_eq!(warning["state"], "firing");
        assert_eq!(
            warning["inhibited_by"].as_array().unwrap().is_empty(),
            !extra.is_empty()
        );
    }
}
