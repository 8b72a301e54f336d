//! Alert channels against real local receivers: what Slack, PagerDuty, webhooks and SMTP
//! servers get, retries and timeouts, and that secrets stay out of errors and `Debug`.

use std::time::{Duration, Instant};

use etcdkit::alert::channels::{deliver, Channel, ChannelConfig, Delivery};
use etcdkit::alert::notification::{AlertInfo, AlertStatus, Notification};
use serde_json::json;

use crate::support::{free_port, Receiver, Reply, SmtpServer, TlsFiles};

/// Long enough for any request on a loaded machine; nothing here should take close to it.
const WAIT: Duration = Duration::from_secs(20);

fn alert(name: &str, severity: &str, status: AlertStatus, fingerprint: &str) -> AlertInfo {
    AlertInfo {
        status,
        labels: [
            ("alertname", name),
            ("severity", severity),
            ("member", "m1"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect(),
        annotations: [("summary".to_string(), format!("{name} on member m1"))].into(),
        starts_at: "2026-03-04T05:06:07Z".into(),
        ends_at: (status == AlertStatus::Resolved).then(|| "2026-03-04T05:16:07Z".into()),
        fingerprint: fingerprint.into(),
        value: Some(0.0),
    }
}

fn notification(alerts: Vec<AlertInfo>) -> Notification {
    Notification {
        group_key: "{}:{alertname=\"NoLeader\"}".into(),
        status: Notification::status_of(&alerts),
        group_labels: [("alertname".to_string(), "NoLeader".to_string())].into(),
        common_labels: [("member".to_string(), "m1".to_string())].into(),
        common_annotations: Default::default(),
        alerts,
        source: "127.0.0.1:2379".into(),
        test: false,
    }
}

fn no_leader() -> Notification {
    notification(vec![alert(
        "NoLeader",
        "critical",
        AlertStatus::Firing,
        "a1b2c3d4e5f60718",
    )])
}

fn channel(config: serde_json::Value) -> Channel {
    let config: ChannelConfig = serde_json::from_value(config).expect("channel config parses");
    Channel::from_config(&config).expect("channel config is valid")
}

fn assert_delivered(d: &Delivery, attempts: u32) {
    assert!(d.ok, "not delivered: {d:?}");
    assert_eq!(d.attempts, attempts, "{d:?}");
    assert_eq!(d.error, None);
}

#[tokio::test]
async fn slack_gets_text_and_blocks() {
    let rx = Receiver::start();
    let slack = channel(json!({"type": "slack", "name": "ops-slack",
                               "url": rx.url("/services/T000/B000/SLACKTOKEN1234"),
                               "username": "etcd"}));
    let mut n = no_leader();
    assert_delivered(&deliver(&slack, &n).await, 1);
    n.test = true;
    assert_delivered(&deliver(&slack, &n).await, 1);

    let requests = rx.wait_for(2, WAIT);
    let r = &requests[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, "/services/T000/B000/SLACKTOKEN1234");
    assert_eq!(r.header("content-type"), Some("application/json"));
    let p = r.json();
    assert_eq!(
        p["text"],
        "[FIRING:1] NoLeader (critical) on etcd 127.0.0.1:2379"
    );
    assert_eq!(p["username"], "etcd");
    let blocks = p["blocks"].as_array().expect("blocks");
    assert_eq!(blocks[0]["type"], "header");
    assert_eq!(blocks[0]["text"]["text"], "[FIRING:1] NoLeader (critical)");
    let section = blocks[1]["text"]["text"].as_str().unwrap();
    assert!(
        section.contains("NoLeader firing since 2026-03-04T05:06:07Z"),
        "{section}"
    );
    assert!(section.contains("NoLeader on member m1"), "{section}");
    assert!(section.contains("member=m1"), "{section}");

    let test = requests[1].json();
    assert!(test["text"]
        .as_str()
        .unwrap()
        .starts_with("[TEST] [FIRING:1]"));
}

#[tokio::test]
async fn pagerduty_gets_one_event_per_alert() {
    let rx = Receiver::scripted(
        Vec::new(),
        Reply::status(202).with_body(r#"{"status":"success","message":"Event processed"}"#),
    );
    let pd = channel(
        json!({"type": "pagerduty", "name": "pd", "routing_key": "R0UTINGKEY0042",
                            "url": rx.url("/v2/enqueue")}),
    );
    let n = notification(vec![
        alert(
            "NoLeader",
            "critical",
            AlertStatus::Firing,
            "00000000000000f1",
        ),
        alert(
            "HighFsyncDurations",
            "page",
            AlertStatus::Resolved,
            "00000000000000f2",
        ),
    ]);
    assert_delivered(&deliver(&pd, &n).await, 1);

    let events: Vec<_> = rx.wait_for(2, WAIT).iter().map(|r| r.json()).collect();
    assert_eq!(events.len(), 2);
    let (trigger, resolve) = (&events[0], &events[1]);
    assert_eq!(trigger["routing_key"], "R0UTINGKEY0042");
    assert_eq!(trigger["event_action"], "trigger");
    assert_eq!(trigger["dedup_key"], "00000000000000f1");
    assert_eq!(trigger["client"], "etcdkit");
    assert_eq!(
        trigger["payload"]["summary"],
        "NoLeader: NoLeader on member m1"
    );
    assert_eq!(trigger["payload"]["source"], "127.0.0.1:2379");
    assert_eq!(trigger["payload"]["severity"], "critical");
    assert_eq!(trigger["payload"]["timestamp"], "2026-03-04T05:06:07Z");
    assert_eq!(
        trigger["payload"]["custom_details"]["labels"]["member"],
        "m1"
    );
    assert_eq!(resolve["event_action"], "resolve");
    assert_eq!(resolve["dedup_key"], "00000000000000f2");
    assert_eq!(resolve["payload"]["severity"], "error");
    assert_eq!(resolve["payload"]["timestamp"], "2026-03-04T05:16:07Z");
}

#[tokio::test]
async fn webhook_gets_alertmanagers_payload_and_headers() {
    let rx = Receiver::start();
    std::env::set_var("ETCDKIT_TEST_WEBHOOK_BEARER", "BEARERTOKEN77");
    let hook = channel(json!({"type": "webhook", "name": "ops-hook",
                              "url": rx.url("/alerts?token=URLTOKEN99"),
                              "headers": {"X-Team": "etcd"},
                              "bearer_token_env": "ETCDKIT_TEST_WEBHOOK_BEARER",
                              "max_alerts": 1}));
    let n = notification(vec![
        alert(
            "NoLeader",
            "critical",
            AlertStatus::Firing,
            "00000000000000f1",
        ),
        alert(
            "NoLeader",
            "critical",
            AlertStatus::Resolved,
            "00000000000000f2",
        ),
    ]);
    assert_delivered(&deliver(&hook, &n).await, 1);

    let r = &rx.wait_for(1, WAIT)[0];
    assert_eq!(r.path, "/alerts?token=URLTOKEN99");
    assert_eq!(r.header("x-team"), Some("etcd"));
    assert_eq!(r.header("authorization"), Some("Bearer BEARERTOKEN77"));
    let p = r.json();
    assert_eq!(p["version"], "4");
    assert_eq!(p["groupKey"], n.group_key.as_str());
    assert_eq!(p["status"], "firing");
    assert_eq!(p["receiver"], "ops-hook");
    assert_eq!(p["groupLabels"], json!({"alertname": "NoLeader"}));
    assert_eq!(p["commonLabels"], json!({"member": "m1"}));
    assert_eq!(p["commonAnnotations"], json!({}));
    assert_eq!(p["externalURL"], "");
    assert_eq!(p["truncatedAlerts"], 1);
    let alerts = p["alerts"].as_array().unwrap();
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0]["status"], "firing");
    assert_eq!(alerts[0]["labels"]["alertname"], "NoLeader");
    assert_eq!(alerts[0]["annotations"]["summary"], "NoLeader on member m1");
    assert_eq!(alerts[0]["startsAt"], "2026-03-04T05:06:07Z");
    assert_eq!(alerts[0]["endsAt"], "0001-01-01T00:00:00Z");
    assert_eq!(alerts[0]["generatorURL"], "");
    assert_eq!(alerts[0]["fingerprint"], "00000000000000f1");

    let debug = format!("{hook:?}");
    assert!(
        !debug.contains("URLTOKEN99") && !debug.contains("BEARERTOKEN77"),
        "{debug}"
    );
}

#[tokio::test]
async fn a_500_is_retried_and_the_retry_delivers() {
    let rx = Receiver::with_responses(vec![500]);
    let hook = channel(json!({"type": "webhook", "name": "w", "url": rx.url("/hook")}));
    assert_delivered(&deliver(&hook, &no_leader()).await, 2);
    let requests = rx.wait_for(2, WAIT);
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].body, requests[1].body);
}

#[tokio::test]
async fn a_429_waits_as_long_as_retry_after_says() {
    let rx = Receiver::with_retry_after(429, 1);
    let slack = channel(json!({"type": "slack", "name": "s", "url": rx.url("/services/x")}));
    assert_delivered(&deliver(&slack, &no_leader()).await, 2);
    let requests = rx.wait_for(2, WAIT);
    let gap = requests[1].at - requests[0].at;
    // The backoff alone would wait 0.5 s; Retry-After asked for 1 s.
    assert!(gap >= Duration::from_millis(950), "retried after {gap:?}");
}

#[tokio::test]
async fn a_400_is_not_retried() {
    let rx = Receiver::with_responses(vec![400, 400]);
    let pd = channel(
        json!({"type": "pagerduty", "name": "pd", "routing_key": "k3y-k3y-k3y",
                            "url": rx.url("/v2/enqueue")}),
    );
    let d = deliver(&pd, &no_leader()).await;
    assert!(!d.ok);
    assert_eq!(d.attempts, 1);
    let error = d.error.unwrap();
    assert!(error.starts_with("HTTP 400 from 127.0.0.1:"), "{error}");
    assert_eq!(rx.requests().len(), 1);
}

#[tokio::test]
async fn errors_say_how_often_they_tried_and_never_quote_secrets() {
    // The receivers echo the secrets back, as some services do in their error bodies.
    let rx = Receiver::scripted(
        Vec::new(),
        Reply::status(503).with_body("no such hook /hook/HOOKTOKEN5150 for key PDKEY8675309"),
    );
    let hook = channel(json!({"type": "webhook", "name": "w", "retries": 1,
                              "url": rx.url("/hook/HOOKTOKEN5150")}));
    let pd = channel(json!({"type": "pagerduty", "name": "pd", "retries": 1,
                            "routing_key": "PDKEY8675309", "url": rx.url("/v2/enqueue")}));
    for (c, secret) in [(&hook, "HOOKTOKEN5150"), (&pd, "PDKEY8675309")] {
        let d = deliver(c, &no_leader()).await;
        assert!(!d.ok);
        assert_eq!(d.attempts, 2);
        let error = d.error.unwrap();
        assert!(error.contains("HTTP 503 from 127.0.0.1:"), "{error}");
        assert!(error.contains("after 2 attempts: no such hook"), "{error}");
        assert!(error.contains("[redacted]"), "{error}");
        assert!(!error.contains(secret), "{error}");
        let debug = format!("{c:?}");
        assert!(!debug.contains(secret), "{debug}");
    }
}

#[tokio::test]
async fn a_hanging_receiver_times_out_without_holding_up_another_channel() {
    let hanging = Receiver::hanging();
    let healthy = Receiver::start();
    let stuck = channel(json!({"type": "webhook", "name": "stuck", "timeout": "1s",
                               "retries": 0, "url": hanging.url("/hook")}));
    let fine = channel(json!({"type": "webhook", "name": "fine", "url": healthy.url("/hook")}));
    let n = no_leader();
    let start = Instant::now();
    let ((stuck_d, stuck_took), (fine_d, fine_took)) =
        tokio::join!(timed(&stuck, &n, start), timed(&fine, &n, start));

    assert_delivered(&fine_d, 1);
    assert!(!stuck_d.ok);
    assert_eq!(stuck_d.attempts, 1);
    let error = stuck_d.error.unwrap();
    assert_eq!(
        error,
        format!("no answer from {} within 1s", hanging.addr()),
        "{error}"
    );
    assert!(
        fine_took < stuck_took,
        "fine {fine_took:?}, stuck {stuck_took:?}"
    );
    assert!(stuck_took >= Duration::from_secs(1), "{stuck_took:?}");
    assert!(
        stuck_took < WAIT,
        "the timeout did not end the attempt: {stuck_took:?}"
    );
    assert_eq!(hanging.wait_for(1, WAIT).len(), 1);
}

async fn timed(c: &Channel, n: &Notification, start: Instant) -> (Delivery, Duration) {
    let d = deliver(c, n).await;
    (d, start.elapsed())
}

#[tokio::test]
async fn https_receivers_behind_a_private_ca_are_trusted_through_ca_file() {
    let dir = tempfile::tempdir().unwrap();
    let tls = TlsFiles::generate(dir.path());
    let rx = Receiver::https(&tls);
    assert!(rx.url("/").starts_with("https://127.0.0.1:"));
    let hook = channel(json!({"type": "webhook", "name": "hook", "retries": 0,
                              "url": rx.url("/alerts"), "ca_file": tls.ca}));
    let slack = channel(json!({"type": "slack", "name": "slack", "retries": 0,
                               "url": rx.url("/services/T/B/x"), "ca_file": tls.ca}));
    let pd = channel(json!({"type": "pagerduty", "name": "pd", "retries": 0,
                            "routing_key": "k3y", "url": rx.url("/v2/enqueue"),
                            "ca_file": tls.ca}));
    for c in [&hook, &slack, &pd] {
        assert_delivered(&deliver(c, &no_leader()).await, 1);
    }

    let requests = rx.wait_for(3, WAIT);
    assert!(requests.iter().all(|r| r.tls), "{requests:#?}");
    let paths: Vec<&str> = requests.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(paths, ["/alerts", "/services/T/B/x", "/v2/enqueue"]);
    let p = requests[0].json();
    assert_eq!(
        (p["version"].as_str(), p["receiver"].as_str()),
        (Some("4"), Some("hook"))
    );
    assert_eq!(p["alerts"][0]["fingerprint"], "a1b2c3d4e5f60718");
}

#[tokio::test]
async fn an_https_receiver_nobody_vouched_for_is_a_certificate_error_tried_once() {
    let dir = tempfile::tempdir().unwrap();
    let tls = TlsFiles::generate(dir.path());
    let rx = Receiver::https(&tls);
    let url = rx.url("/hook/HTTPSTOKEN4242");
    // No ca_file (public roots only), and a ca_file of a CA that did not sign the server's.
    let untrusted = channel(json!({"type": "webhook", "name": "w", "retries": 2, "url": url}));
    let wrong_ca = channel(
        json!({"type": "webhook", "name": "w", "retries": 2, "url": url,
                                  "ca_file": tls.other_ca}),
    );
    for c in [&untrusted, &wrong_ca] {
        let d = deliver(c, &no_leader()).await;
        assert!(!d.ok, "{d:?}");
        assert_eq!(d.attempts, 1, "a certificate error is not retried: {d:?}");
        let error = d.error.unwrap();
        assert!(
            error.starts_with(&format!("TLS handshake with {} failed", rx.addr())),
            "{error}"
        );
        assert!(
            error.contains("certificate") && error.contains("UnknownIssuer"),
            "{error}"
        );
        assert!(error.contains("set the channel's ca_file"), "{error}");
        assert!(!error.contains("HTTPSTOKEN4242"), "{error}");
    }
    assert!(rx.requests().is_empty(), "{:#?}", rx.requests());
}

fn email(smtp: std::net::SocketAddr, extra: serde_json::Value) -> Channel {
    let mut config = json!({"type": "email", "name": "mail", "smtp": smtp.to_string(),
                            "from": "etcd alerts <alerts@example.com>",
                            "to": ["ops@example.com", "oncall@example.com"],
                            "timeout": "5s", "retries": 0});
    for (k, v) in extra.as_object().unwrap() {
        config[k] = v.clone();
    }
    channel(config)
}

#[tokio::test]
async fn email_arrives_with_subject_body_and_envelope() {
    let smtp = SmtpServer::start();
    let mail = email(smtp.addr(), json!({"tls": "none"}));
    assert_delivered(&deliver(&mail, &no_leader()).await, 1);

    let m = &smtp.wait_for(1, WAIT)[0];
    assert_eq!(m.from, "alerts@example.com");
    assert_eq!(m.to, ["ops@example.com", "oncall@example.com"]);
    assert!(!m.tls);
    assert_eq!(m.auth_user, None);
    assert_eq!(
        m.subject(),
        "[FIRING:1] NoLeader (critical) on etcd 127.0.0.1:2379"
    );
    assert!(m.header("From").unwrap().contains("alerts@example.com"));
    let body = m.body();
    assert!(
        body.contains("NoLeader (firing)\n  started: 2026-03-04T05:06:07Z\n"),
        "{body}"
    );
    assert!(
        body.contains("  summary: NoLeader on member m1\n"),
        "{body}"
    );
    assert!(body.contains("  labels: alertname=NoLeader, member=m1, severity=critical\n"));
}

#[tokio::test]
async fn email_over_starttls_logs_in_and_trusts_ca_file() {
    let dir = tempfile::tempdir().unwrap();
    let tls = TlsFiles::generate(dir.path());
    let smtp = SmtpServer::builder()
        .starttls(&tls)
        .auth("alerts", "SMTPPASSWORD31")
        .start();
    std::env::set_var("ETCDKIT_TEST_SMTP_PASSWORD", "SMTPPASSWORD31");
    let mail = email(
        smtp.addr(),
        json!({"tls": "starttls", "username": "alerts",
               "password_env": "ETCDKIT_TEST_SMTP_PASSWORD", "ca_file": tls.ca}),
    );
    assert!(!format!("{mail:?}").contains("SMTPPASSWORD31"));
    let mut n = no_leader();
    n.test = true;
    assert_delivered(&deliver(&mail, &n).await, 1);

    let m = &smtp.wait_for(1, WAIT)[0];
    assert!(m.tls, "sent without TLS");
    assert_eq!(m.auth_user.as_deref(), Some("alerts"));
    assert!(
        m.subject().starts_with("[TEST] [FIRING:1] NoLeader"),
        "{}",
        m.subject()
    );
    assert!(m.body().contains("test notification"));
}

#[tokio::test]
async fn email_over_implicit_tls() {
    let dir = tempfile::tempdir().unwrap();
    let tls = TlsFiles::generate(dir.path());
    let smtp = SmtpServer::builder().implicit_tls(&tls).start();
    let mail = email(smtp.addr(), json!({"tls": "tls", "ca_file": tls.ca}));
    assert_delivered(&deliver(&mail, &no_leader()).await, 1);
    assert!(smtp.wait_for(1, WAIT)[0].tls);
}

#[tokio::test]
async fn email_failures_are_clear_and_keep_the_password_out() {
    let dir = tempfile::tempdir().unwrap();
    let tls = TlsFiles::generate(dir.path());
    let smtp = SmtpServer::builder()
        .starttls(&tls)
        .auth("alerts", "right-password")
        .start();

    // A wrong password: refused for good, one attempt.
    let wrong = email(
        smtp.addr(),
        json!({"username": "alerts", "password": "WRONGPASSWORD42", "ca_file": tls.ca,
               "retries": 2}),
    );
    let d = deliver(&wrong, &no_leader()).await;
    assert!(!d.ok);
    assert_eq!(d.attempts, 1);
    let error = d.error.unwrap();
    assert!(
        error.contains(&format!("SMTP server {} answered 535", smtp.addr())),
        "{error}"
    );
    assert!(!error.contains("WRONGPASSWORD42"), "{error}");
    assert_eq!(smtp.failed_logins(), 1);

    // A server certificate nobody vouched for (no ca_file): a TLS error, not retried.
    let untrusted = email(smtp.addr(), json!({"retries": 2}));
    let d = deliver(&untrusted, &no_leader()).await;
    assert_eq!(d.attempts, 1, "{d:?}");
    let error = d.error.unwrap();
    assert!(error.starts_with("TLS with SMTP server"), "{error}");
    assert!(error.contains("UnknownIssuer"), "{error}");
    assert!(smtp.mails().is_empty());
}

#[tokio::test]
async fn an_unreachable_smtp_server_says_so() {
    let port = free_port();
    let mail = email(format!("127.0.0.1:{port}").parse().unwrap(), json!({}));
    let d = deliver(&mail, &no_leader()).await;
    assert!(!d.ok);
    assert_eq!(d.attempts, 1);
    assert_eq!(
        d.error.as_deref(),
        Some(
            format!("cannot connect to SMTP server 127.0.0.1:{port}: connection refused").as_str()
        )
    );

    let mail = email(
        format!("127.0.0.1:{port}").parse().unwrap(),
        json!({"retries": 1}),
    );
    let d = deliver(&mail, &no_leader()).await;
    assert_eq!(d.attempts, 2);
    assert!(d
        .error
        .unwrap()
        .contains("after 2 attempts: connection refused"));
}

#[test]
fn the_smtp_fixture_speaks_the_commands_lettre_does_not_use() {
    use std::io::{BufRead, BufReader, Write};
    let smtp = SmtpServer::start();
    let stream = std::net::TcpStream::connect(smtp.addr()).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    let mut say = |line: &str, expect: &str| {
        if !line.is_empty() {
            write!(writer, "{line}\r\n").unwrap();
        }
        let mut answer = String::new();
        reader.read_line(&mut answer).unwrap();
        assert!(answer.starts_with(expect), "{line:?} -> {answer:?}");
    };
    say("", "220 ");
    say("HELO client", "250 ");
    say("NOOP", "250 ");
    say("MAIL FROM:<dropped@example.com>", "250 ");
    say("RSET", "250 ");
    say("RCPT TO:<x@example.com>", "503 ");
    say("MAIL FROM:<a@example.com> SIZE=100", "250 ");
    say("RCPT TO:<b@example.com>", "250 ");
    say("DATA", "354 ");
    say("Subject: hi\r\n\r\n..leading dot\r\n.", "250 ");
    say("STARTTLS", "454 ");
    say("QUIT", "221 ");

    let m = &smtp.wait_for(1, WAIT)[0];
    assert_eq!(
        (m.from.as_str(), m.to.as_slice()),
        ("a@example.com", &["b@example.com".to_string()][..])
    );
    assert_eq!(m.subject(), "hi");
    assert_eq!(m.body(), ".leading dot");
}

#[test]
fn fixtures_stop_listening_when_dropped() {
    let rx = Receiver::start();
    let smtp = SmtpServer::start();
    let (http_addr, smtp_addr) = (rx.addr(), smtp.addr());
    drop(rx);
    drop(smtp);
    assert!(std::net::TcpStream::connect(http_addr).is_err());
    assert!(std::net::TcpStream::connect(smtp_addr).is_err());
}
