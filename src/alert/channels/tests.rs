//! Channel configs as a config file gives them: parsing, checking, and what `Debug` shows.

use serde_json::json;

use super::*;

fn parse(value: serde_json::Value) -> std::result::Result<ChannelConfig, String> {
    serde_json::from_value(value).map_err(|e| e.to_string())
}

fn channel(value: serde_json::Value) -> Result<Channel> {
    Channel::from_config(&parse(value).expect("config parses"))
}

#[test]
fn each_kind_parses_by_its_type_tag() {
    let kinds = [
        json!({"type": "slack", "name": "s", "url": "https://hooks.slack.com/services/T/B/x"}),
        json!({"type": "pagerduty", "name": "p", "routing_key": "k"}),
        json!({"type": "email", "name": "e", "smtp": "smtp.example.com:587",
               "from": "a@example.com", "to": ["b@example.com"]}),
        json!({"type": "webhook", "name": "w", "url": "http://127.0.0.1:9/hook",
               "headers": {"X-Team": "etcd"}, "max_alerts": 5}),
    ];
    let parsed: Vec<(String, &str)> = kinds
        .into_iter()
        .map(|k| {
            let c = parse(k).unwrap();
            (c.name().to_string(), c.kind())
        })
        .collect();
    assert_eq!(
        parsed,
        [
            ("s".to_string(), "slack"),
            ("p".to_string(), "pagerduty"),
            ("e".to_string(), "email"),
            ("w".to_string(), "webhook")
        ]
    );
}

#[test]
fn unknown_fields_and_types_are_refused() {
    let err = parse(json!({"type": "slack", "name": "s", "url": "https://h/x", "urll": "y"}))
        .unwrap_err();
    assert!(err.contains("unknown field `urll`"), "{err}");
    let err = parse(json!({"type": "teams", "name": "t"})).unwrap_err();
    assert!(err.contains("unknown variant `teams`"), "{err}");
    let err = parse(
        json!({"type": "email", "name": "e", "smtp": "h", "from": "a@b",
                           "to": ["c@d"], "tls": "ssl"}),
    )
    .unwrap_err();
    assert!(err.contains("unknown variant `ssl`"), "{err}");
}

#[test]
fn defaults_and_overrides_of_timeout_and_retries() {
    let c = channel(json!({"type": "pagerduty", "name": "p", "routing_key": "k"})).unwrap();
    assert_eq!(
        (c.policy.timeout, c.policy.retries),
        (DEFAULT_TIMEOUT, DEFAULT_RETRIES)
    );
    let c = channel(json!({"type": "pagerduty", "name": "p", "routing_key": "k",
                           "timeout": "1500ms", "retries": 0}))
    .unwrap();
    assert_eq!(
        (c.policy.timeout, c.policy.retries),
        (Duration::from_millis(1500), 0)
    );
    let err = parse(json!({"type": "pagerduty", "name": "p", "routing_key": "k",
                           "timeout": "soon"}))
    .unwrap_err();
    assert!(
        err.contains("timeout: \"soon\": not a duration: use a number with a unit"),
        "{err}"
    );
    let c = channel(json!({"type": "pagerduty", "name": "p", "routing_key": "k",
                           "timeout": null}))
    .unwrap();
    assert_eq!(
        c.policy.timeout, DEFAULT_TIMEOUT,
        "null is no timeout given"
    );
    let err = channel(
        json!({"type": "webhook", "name": "w", "url": "http://127.0.0.1:1/",
                             "timeout": "0ms"}),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("channel w: invalid timeout \"0s\": it must be more than 0s"),
        "{err}"
    );
    let err = channel(json!({"type": "slack", "name": " ", "url": "https://h/x"})).unwrap_err();
    assert!(err.to_string().contains("has no name"), "{err}");
}

#[test]
fn targets_and_debug_leave_secrets_out() {
    let token = "T000/B000/XXXXsecretXXXX";
    let slack = channel(json!({"type": "slack", "name": "ops",
                               "url": format!("https://hooks.slack.com/services/{token}")}))
    .unwrap();
    assert_eq!(slack.target(), "hooks.slack.com (URL redacted)");
    let pd =
        channel(json!({"type": "pagerduty", "name": "pd", "routing_key": "R0UTINGKEY99"})).unwrap();
    assert_eq!(pd.target(), "events.pagerduty.com (routing key redacted)");
    let hook = channel(json!({"type": "webhook", "name": "hook",
                              "url": "http://127.0.0.1:8080/h?token=QQQQsecretQQQQ",
                              "headers": {"X-Api-Key": "KKKKsecretKKKK"},
                              "bearer_token": "BBBBsecretBBBB"}))
    .unwrap();
    assert_eq!(hook.target(), "127.0.0.1:8080 (URL redacted)");
    let mail = channel(
        json!({"type": "email", "name": "mail", "smtp": "smtp.example.com",
                              "username": "alerts", "password": "PPPPsecretPPPP",
                              "from": "a@example.com", "to": ["b@example.com"]}),
    )
    .unwrap();
    assert_eq!(mail.target(), "smtp.example.com:587");

    for c in [&slack, &pd, &hook, &mail] {
        let debug = format!("{c:?} {c:#?}");
        assert!(!debug.contains("secret"), "{debug}");
        assert!(!debug.contains("R0UTINGKEY99"), "{debug}");
        assert!(debug.contains(c.name()), "{debug}");
    }
    assert!(format!("{hook:?}").contains("x-api-key"));
    assert!(format!("{hook:?}").contains("authorization"));

    // The configs' Debug too: inline secrets show as [redacted].
    let cfg =
        parse(json!({"type": "pagerduty", "name": "pd", "routing_key": "R0UTINGKEY99"})).unwrap();
    assert!(!format!("{cfg:?}").contains("R0UTINGKEY99"));
}

#[test]
fn url_errors_name_the_source_but_not_the_url() {
    std::env::set_var(
        "ETCDKIT_TEST_CHANNEL_BAD_URL",
        "hooks.slack.com/services/SECRETPATH",
    );
    let err = channel(json!({"type": "slack", "name": "ops",
                             "url_env": "ETCDKIT_TEST_CHANNEL_BAD_URL"}))
    .unwrap_err()
    .to_string();
    assert!(err.contains("channel ops"), "{err}");
    assert!(
        err.contains("environment variable ETCDKIT_TEST_CHANNEL_BAD_URL"),
        "{err}"
    );
    assert!(err.contains("http://"), "{err}");
    assert!(!err.contains("SECRETPATH"), "{err}");

    let err = channel(json!({"type": "webhook", "name": "w"})).unwrap_err();
    assert_eq!(err.to_string(), "channel w has no url");
    assert!(err.hint().unwrap().contains("url_env"));

    let err = channel(json!({"type": "webhook", "name": "w", "url": "http://h/x",
                             "headers": {"Content-Type": "text/plain"}}))
    .unwrap_err();
    assert!(err.to_string().contains("set by etcdkit"), "{err}");
    let err = channel(json!({"type": "webhook", "name": "w", "url": "http://h/x",
                             "headers": {"Authorization": "Basic eDp5"},
                             "bearer_token": "tok"}))
    .unwrap_err();
    assert!(err.to_string().contains("alternatives"), "{err}");
}

#[test]
fn secrets_come_from_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("routing-key");
    std::fs::write(&path, "FILEKEY123\n").unwrap();
    let c = channel(json!({"type": "pagerduty", "name": "pd", "routing_key_file": path})).unwrap();
    assert!(c.redactor.scrub("key FILEKEY123").ends_with("[redacted]"));
    let err = channel(json!({"type": "pagerduty", "name": "pd",
                             "routing_key_file": dir.path().join("missing")}))
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("channel pd") && err.contains("routing_key_file"),
        "{err}"
    );
}

#[tokio::test]
async fn an_unreachable_channel_is_a_failed_delivery_with_the_secret_scrubbed() {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    let c = channel(
        json!({"type": "webhook", "name": "w", "retries": 0, "timeout": "5s",
                           "url": "http://127.0.0.1:1/hook/TOKENTOKEN42"}),
    )
    .unwrap();
    let n = message::tests::notification(vec![]);
    let d = deliver(&c, &n).await;
    assert!(!d.ok);
    assert_eq!(
        (d.channel.as_str(), d.kind, d.attempts),
        ("w", "webhook", 1)
    );
    let error = d.error.unwrap();
    assert_eq!(error, "cannot connect to 127.0.0.1:1: connection refused");
}

#[test]
fn http_channels_read_their_ca_file_when_made() {
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    let cert = rcgen::generate_simple_self_signed(vec!["hooks.example.com".into()]).unwrap();
    std::fs::write(&ca, cert.cert.pem()).unwrap();
    let missing = dir.path().join("missing-ca.pem");
    let kinds = [
        json!({"type": "slack", "name": "s", "url": "https://hooks.slack.com/services/T/B/x"}),
        json!({"type": "pagerduty", "name": "p", "routing_key": "k"}),
        json!({"type": "webhook", "name": "w", "url": "https://127.0.0.1:9/hook"}),
        // With http:// the file is checked, then simply unused.
        json!({"type": "webhook", "name": "h", "url": "http://127.0.0.1:9/hook"}),
    ];
    for mut config in kinds {
        config["ca_file"] = json!(ca);
        channel(config.clone()).unwrap();
        config["ca_file"] = json!(missing);
        let err = channel(config.clone()).unwrap_err();
        let text = err.to_string();
        let name = config["name"].as_str().unwrap();
        assert!(
            text.starts_with(&format!("channel {name}: ca_file {}", missing.display())),
            "{text}"
        );
        assert!(matches!(err, Error::Usage { .. }), "{err:?}");
    }
}
