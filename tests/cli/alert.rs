//! `etcdkit alert` on one real member: rules, config errors, the state file, silences, the
//! daemon's JSON Lines.

use std::fs;
use std::path::Path;

use crate::run::{etcdkit, Run};
use crate::support::Etcd;

fn alert(endpoints: &str, args: &[&str]) -> Run {
    let mut all = vec!["alert"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--endpoints", endpoints, "--command-timeout", "2s"]);
    etcdkit(&all)
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn rules_lists_every_mixin_rule_and_applies_the_config() {
    let run = etcdkit(&["alert", "rules", "-o", "json"]);
    run.expect_code(0);
    let rules = run.json();
    let names: Vec<&str> = rules["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    for mixin in [
        "NoLeader",
        "InsufficientMembers",
        "MembersDown",
        "HighNumberOfLeaderChanges",
        "HighNumberOfFailedGRPCRequests",
        "GRPCRequestsSlow",
        "MemberCommunicationSlow",
        "HighNumberOfFailedProposals",
        "HighFsyncDurations",
        "HighCommitDurations",
        "DatabaseQuotaLowSpace",
        "ExcessiveDatabaseGrowth",
        "DatabaseHighFragmentationRatio",
        "AlarmActive",
        "ClusterIDMismatch",
        "MemberListMismatch",
        "LeaderDisagreement",
        "RaftTermSpread",
        "AppliedIndexLag",
        "HashKVMismatch",
    ] {
        assert!(names.contains(&mixin), "{mixin} missing from {names:?}");
    }

    let dir = tempfile::tempdir().unwrap();
    let config = write(
        dir.path(),
        "alert.yaml",
        "rules:\n  - name: NoLeader\n    for: 5s\n  - name: BigDb\n    metric: db_size_bytes\n    op: '>'\n    threshold: 1000\n",
    );
    let run = etcdkit(&["alert", "rules", "--config", &config, "-o", "json"]);
    run.expect_code(0);
    let rules = run.json();
    let find = |n: &str| {
        rules["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == n)
            .cloned()
            .unwrap()
    };
    assert_eq!(find("NoLeader")["for_ms"], 5000);
    assert_eq!(find("NoLeader")["origin"], "overridden");
    assert_eq!(find("BigDb")["origin"], "user");

    let table = etcdkit(&["alert", "metrics"]);
    table.expect_code(0);
    assert!(table.stdout.contains("wal_fsync_p99_ms"));
}

#[test]
fn bad_config_files_say_where_and_what() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("syntax.toml", "[[rules]]\nname = \"X\"\nfor = \n", "line 3"),
        ("syntax.yaml", "rules:\n  - name: X\n    for: [\n", "line"),
        (
            "field.toml",
            "[[rules]]\nname = \"NoLeader\"\nthreshhold = 1\n",
            "threshhold",
        ),
        (
            "metric.toml",
            "[[rules]]\nname = \"X\"\nmetric = \"fsync_p99\"\nop = \">\"\nthreshold = 1\n",
            "unknown metric \"fsync_p99\"",
        ),
        ("route.toml", "[route]\nchannels = [\"pager\"]\n", "pager"),
        (
            "op.toml",
            "[[rules]]\nname = \"X\"\nmetric = \"up\"\nop = \"=>\"\nthreshold = 1\n",
            "=>",
        ),
        ("kind.toml", "[[channels]]\nname = \"x\"\ntype = \"sms\"\n", "sms"),
        (
            "retry.yaml",
            "channels:\n  - name: x\n    type: webhook\n    url: http://127.0.0.1:1/\n    retry: 2\n",
            "unknown field `retry`",
        ),
        (
            "secret.toml",
            "[[channels]]\nname = \"x\"\ntype = \"slack\"\nurl_env = \"ETCDKIT_TEST_UNSET_URL\"\n",
            "ETCDKIT_TEST_UNSET_URL",
        ),
        ("nourl.toml", "[[channels]]\nname = \"x\"\ntype = \"webhook\"\n", "has no url"),
        (
            "plain-password.toml",
            "[[channels]]\nname = \"m\"\ntype = \"email\"\nsmtp = \"127.0.0.1:25\"\ntls = \"none\"\nusername = \"u\"\npassword = \"pw\"\nfrom = \"a@b\"\nto = [\"c@d\"]\n",
            "without TLS",
        ),
        (
            "twice.toml",
            "[[rules]]\nname = \"NoLeader\"\nfor = \"5s\"\n[[rules]]\nname = \"Big\"\nmetric = \"up\"\nop = \">\"\nthreshold = 1\n[[rules]]\nname = \"NoLeader\"\nfor = \"9s\"\n",
            "rule NoLeader is given twice: rules entries 1 and 3",
        ),
        (
            "twice.yaml",
            "rules:\n  - name: Big\n    metric: up\n    op: '>'\n    threshold: 1\n  - name: Big\n    metric: up\n    op: '<'\n    threshold: 1\n",
            "rule Big is given twice: rules entries 1 and 2",
        ),
        (
            "unclosed.toml",
            "[[rules]]\nname = \"NoLeader\"\nannotations = { summary = \"{{ $labels.member is down\" }\n",
            "rule NoLeader: annotations.summary: `{{` at byte 0 is never closed with `}}`",
        ),
        (
            "for.toml",
            "[[rules]]\nname = \"NoLeader\"\nfor = \"18446744073709551615s\"\n",
            "for = \"18446744073709551615s\" | ^^^^^^^^^^^^^^^^^^^^^^^ \"18446744073709551615s\": too long: the most is 10y (10 years)",
        ),
        (
            "wait.toml",
            "[route]\ngroup_wait = \"8000y\"\n",
            "group_wait = \"8000y\" | ^^^^^^^ \"8000y\": too long: the most is 10y (10 years)",
        ),
        (
            "repeat.yaml",
            "route:\n  repeat_interval: 101y\n",
            "route.repeat_interval: \"101y\": too long: the most is 10y (10 years) at line 2",
        ),
        (
            "hashkv.toml",
            "[settings]\nhashkv_interval = \"8000y\"\n",
            "hashkv_interval = \"8000y\" | ^^^^^^^ \"8000y\": too long: the most is 10y (10 years)",
        ),
        (
            "for.yaml",
            "rules:\n  - name: NoLeader\n    for: soon\n",
            "rules[0].for: \"soon\": not a duration: use a number with a unit, like 500ms, 2s or 1m at line 3",
        ),
        (
            "timeout.toml",
            "[[channels]]\nname = \"p\"\ntype = \"webhook\"\nurl = \"http://127.0.0.1:1/\"\ntimeout = \"-1s\"\n",
            "timeout: \"-1s\": a duration cannot be negative: give one like 1s",
        ),
        (
            "timeout.yaml",
            "channels:\n  - name: p\n    type: webhook\n    url: http://127.0.0.1:1/\n    timeout: 0s\n",
            "channel p: invalid timeout \"0s\": it must be more than 0s",
        ),
        (
            "label.yaml",
            "rules:\n  - name: NoLeader\n    labels:\n      team: 'x{{ $valu }}'\n",
            "rule NoLeader: labels.team: unknown template {{ $valu }}",
        ),
    ];
    for (name, text, wanted) in cases {
        let config = write(dir.path(), name, text);
        let run = etcdkit(&["alert", "rules", "--config", &config]);
        run.expect_code(3);
        // The message as words, however the terminal renderer wrapped it.
        let words = |t: &str| -> String {
            let w: Vec<&str> = t.split_whitespace().filter(|w| *w != "│").collect();
            w.join(" ")
        };
        assert!(
            words(&run.stderr).contains(&words(wanted)),
            "{name}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains(name),
            "{name} names the file: {}",
            run.stderr
        );
    }
    let missing = etcdkit(&["alert", "rules", "--config", "/nonexistent/alert.toml"]);
    missing.expect_code(3);
}

#[test]
fn run_once_evaluates_and_keeps_state_and_recovers_a_corrupt_file() {
    let etcd = Etcd::single();
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let state_arg = state.to_string_lossy().into_owned();
    let run = alert(
        &etcd.endpoints(),
        &["run", "--once", "--state", &state_arg, "-o", "json"],
    );
    run.expect_code(0);
    let e = run.json();
    assert_eq!(e["members_up"], 1);
    assert_eq!(e["firing"], 0);
    assert!(e["rules"].as_array().unwrap().len() >= 20);
    let saved: serde_json::Value = serde_json::from_slice(&fs::read(&state).unwrap()).unwrap();
    assert_eq!(saved["version"], 1);
    assert!(
        saved["history"].as_object().unwrap().len() == 1,
        "{saved:#}"
    );

    fs::write(&state, b"{\"version\":1,\"alerts\":{\"x\":").unwrap();
    let run = alert(
        &etcd.endpoints(),
        &["run", "--once", "--state", &state_arg, "-o", "json"],
    );
    run.expect_code(0);
    assert!(run.stderr.contains("corrupt"), "{}", run.stderr);
    let aside = run.json()["state_file"]["recovered"]["set_aside_as"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        fs::read(&aside).unwrap(),
        b"{\"version\":1,\"alerts\":{\"x\":"
    );
    let rebuilt: serde_json::Value = serde_json::from_slice(&fs::read(&state).unwrap()).unwrap();
    assert_eq!(rebuilt["version"], 1);
}

#[test]
fn an_unusable_state_file_is_refused_before_anything_is_sent() {
    let etcd = Etcd::single();
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "plain", "x");
    let under_file = format!("{file}/state.json");
    let run = alert(
        &etcd.endpoints(),
        &["run", "--once", "--state", &under_file],
    );
    run.expect_code(3);
    assert!(run.stderr.contains("is not a"), "{}", run.stderr);
    let dir_arg = dir.path().to_string_lossy().into_owned();
    let run = alert(&etcd.endpoints(), &["run", "--once", "--state", &dir_arg]);
    run.expect_code(3);
    assert!(run.stderr.contains("is a directory"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(&file).unwrap(), "x", "nothing clobbered");
}

#[test]
fn silences_are_added_listed_honoured_and_expired() {
    let etcd = Etcd::single();
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("s.json").to_string_lossy().into_owned();
    let config = write(
        dir.path(),
        "alert.toml",
        "[[rules]]\nname = \"AlwaysUp\"\nmetric = \"up\"\nop = \"==\"\nthreshold = 1\nseverity = \"info\"\n",
    );

    let add = etcdkit(&[
        "alert",
        "silence",
        "add",
        "alertname=AlwaysUp",
        "member=~.+",
        "--duration",
        "1h",
        "--comment",
        "testing",
        "--author",
        "tester",
        "--state",
        &state,
        "-o",
        "json",
    ]);
    add.expect_code(0);
    let id = add.json()["id"].as_str().unwrap().to_string();
    let list = etcdkit(&["alert", "silence", "list", "--state", &state, "-o", "json"]);
    list.expect_code(0);
    let listed = &list.json()["silences"];
    assert_eq!(listed[0]["id"], id.as_str());
    assert_eq!(listed[0]["state"], "active");
    assert_eq!(listed[0]["created_by"], "tester");

    let run = alert(
        &etcd.endpoints(),
        &[
            "run", "--once", "--config", &config, "--state", &state, "-o", "json",
        ],
    );
    run.expect_code(0);
    let e = run.json();
    let always = e["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "AlwaysUp")
        .unwrap_or_else(|| panic!("{e:#}"));
    assert_eq!(always["state"], "firing");
    assert_eq!(always["silenced_by"][0], id.as_str());

    let expire = etcdkit(&["alert", "silence", "expire", &id, "--state", &state]);
    expire.expect_code(0);
    let list = etcdkit(&["alert", "silence", "list", "--state", &state, "-o", "json"]);
    assert_eq!(list.json()["silences"].as_array().unwrap().len(), 0);
    let all = etcdkit(&[
        "alert", "silence", "list", "--all", "--state", &state, "-o", "json",
    ]);
    assert_eq!(all.json()["silences"][0]["state"], "expired");

    for bad in [
        vec!["alert", "silence", "add", "alertname", "--state", &state],
        vec!["alert", "silence", "add", "member=~(", "--state", &state],
        vec!["alert", "silence", "expire", "nosuchid", "--state", &state],
        vec![
            "alert",
            "silence",
            "add",
            "a=b",
            "--until",
            "2001-01-01T00:00:00Z",
            "--state",
            &state,
        ],
    ] {
        let run = etcdkit(&bad);
        run.expect_code(3);
        assert!(!run.stderr.is_empty());
    }
}

#[test]
fn the_daemon_prints_one_json_line_per_evaluation() {
    let etcd = Etcd::single();
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("s.json").to_string_lossy().into_owned();
    let run = alert(
        &etcd.endpoints(),
        &[
            "run",
            "--interval",
            "200ms",
            "--count",
            "2",
            "--state",
            &state,
            "-o",
            "json",
        ],
    );
    run.expect_code(0);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    for l in &lines {
        assert_eq!(l["members_up"], 1);
    }
}

#[test]
fn a_full_database_raises_alarm_active_and_quota_low_space() {
    // A 1 MiB quota fills after a few large puts and raises NOSPACE.
    let etcd = Etcd::single_with(&["--quota-backend-bytes", "1048576"]);
    etcd.fill_until_nospace();
    let dir = tempfile::tempdir().unwrap();
    let config = write(
        dir.path(),
        "alert.toml",
        "[[rules]]\nname = \"DatabaseQuotaLowSpace\"\nfor = \"0s\"\n",
    );
    let state = dir.path().join("s.json").to_string_lossy().into_owned();
    let run = alert(
        &etcd.endpoints(),
        &[
            "run", "--once", "--config", &config, "--state", &state, "-o", "json",
        ],
    );
    run.expect_code(0);
    let e = run.json();
    let find = |name: &str| {
        e["alerts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no {name} in {e:#}"))
    };
    let alarm = find("AlarmActive");
    assert_eq!(alarm["state"], "firing");
    assert_eq!(alarm["value"], 1.0);
    let description = alarm["annotations"]["description"].as_str().unwrap();
    assert!(description.contains("has 1 active alarm"), "{description}");
    let quota = find("DatabaseQuotaLowSpace");
    assert_eq!(quota["state"], "firing");
    assert!(quota["value"].as_f64().unwrap() > 0.95, "{quota:#}");
}

#[test]
fn endpoints_of_two_different_clusters_fire_cluster_id_mismatch() {
    let (one, other) = (Etcd::single(), Etcd::single());
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("s.json").to_string_lossy().into_owned();
    let both = format!("{},{}", one.endpoints(), other.endpoints());
    let run = alert(&both, &["run", "--once", "--state", &state, "-o", "json"]);
    run.expect_code(0);
    let e = run.json();
    assert_eq!(e["members_total"], 2, "the stranger joins the look: {e:#}");
    let mismatch = e["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "ClusterIDMismatch")
        .unwrap_or_else(|| panic!("no ClusterIDMismatch in {e:#}"));
    assert_eq!(mismatch["state"], "firing");
    assert_eq!(mismatch["value"], 2.0);
    // One cluster given twice under its own URL is no stranger.
    let run = alert(
        &format!("{},{}", one.endpoints(), one.endpoints()),
        &["run", "--once", "--state", &state, "-o", "json"],
    );
    run.expect_code(0);
    let e = run.json();
    assert_eq!(e["members_total"], 1, "{e:#}");
    assert_eq!(e["members_up"], 1, "{e:#}");
    let rule = e["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "ClusterIDMismatch")
        .unwrap_or_else(|| panic!("the rule was evaluated: {e:#}"));
    assert_eq!(
        (&rule["state"], &rule["no_data"]),
        (&"inactive".into(), &false.into())
    );
    let left: Vec<&serde_json::Value> = e["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["name"] == "ClusterIDMismatch")
        .collect();
    // The first run's alert resolved (with no channel to tell, it is not kept).
    assert!(left.iter().all(|a| a["state"] == "resolved"), "{left:?}");
}

#[test]
fn metrics_urls_say_where_the_rules_read_metrics() {
    let port = crate::support::free_port();
    let metrics = format!("http://127.0.0.1:{port}");
    let etcd = Etcd::single_with(&["--listen-metrics-urls", &metrics]);
    let dead = format!("http://127.0.0.1:{}", crate::support::free_port());
    let dir = tempfile::tempdir().unwrap();
    let config = write(
        dir.path(),
        "alert.toml",
        "[[rules]]\nname = \"Pending\"\nmetric = \"proposals_pending\"\nop = \">=\"\nthreshold = 0\n",
    );
    let pending = |metrics_urls: &str, state: &str| {
        let state = dir.path().join(state);
        let run = alert(
            &etcd.endpoints(),
            &[
                "run",
                "--once",
                "--config",
                &config,
                "--state",
                &state.to_string_lossy(),
                "--metrics-urls",
                metrics_urls,
                "-o",
                "json",
            ],
        );
        run.expect_code(0);
        let e = run.json();
        e["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == "Pending")
            .cloned()
            .unwrap()
    };
    let read = pending(&metrics, "served.json");
    assert_eq!(
        (read["state"].as_str(), read["no_data"].as_bool()),
        (Some("firing"), Some(false)),
        "{read:#}"
    );
    let unread = pending(&dead, "nowhere.json");
    assert_eq!(
        (unread["state"].as_str(), unread["no_data"].as_bool()),
        (Some("inactive"), Some(true)),
        "{unread:#}"
    );
}

#[test]
fn no_silence_duration_panics_and_add_prints_the_id_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("s.json");
    let state_arg = state.to_string_lossy().into_owned();
    for too_long in [
        vec!["--duration", "8000y"],
        vec!["--duration", "101y"],
        vec!["--until", "9999-12-31T00:00:00Z"],
    ] {
        let mut args = vec!["alert", "silence", "add", "a=b", "--state", &state_arg];
        args.extend(too_long);
        let run = etcdkit(&args);
        run.expect_code(3);
        assert!(run.stderr.contains("10 years"), "{}", run.stderr);
        assert!(!state.exists(), "nothing saved");
    }

    // Every output format names the new silence's ID.
    for format in ["json", "table", "plain"] {
        let add = etcdkit(&[
            "alert",
            "silence",
            "add",
            "a=b",
            "--duration",
            "9y",
            "--state",
            &state_arg,
            "-o",
            format,
        ]);
        add.expect_code(0);
        let list = etcdkit(&[
            "alert", "silence", "list", "--state", &state_arg, "-o", "json",
        ]);
        list.expect_code(0);
        let newest = list.json()["silences"]
            .as_array()
            .unwrap()
            .last()
            .cloned()
            .unwrap();
        let id = newest["id"].as_str().unwrap();
        assert!(add.stdout.contains(id), "{format}: {}", add.stdout);
    }

    // A silence an older etcdkit saved with an end no calendar can write still lists.
    let mut saved: serde_json::Value = serde_json::from_slice(&fs::read(&state).unwrap()).unwrap();
    saved["silences"][0]["ends_at"] = serde_json::json!(252_000_000_000.0_f64);
    saved["silences"][1]["ends_at"] = serde_json::json!(1e300);
    fs::write(&state, serde_json::to_vec(&saved).unwrap()).unwrap();
    for format in ["json", "table", "plain"] {
        let list = etcdkit(&[
            "alert", "silence", "list", "--state", &state_arg, "-o", format,
        ]);
        list.expect_code(0);
        assert!(
            list.stdout.contains("9999-12-31T23:59:59Z"),
            "{}",
            list.stdout
        );
    }
}

#[test]
fn nothing_looks_fine_when_no_member_answers_or_no_channel_is_configured() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("s.json").to_string_lossy().into_owned();
    let dead = format!("http://127.0.0.1:{}", crate::support::free_port());
    let run = alert(&dead, &["run", "--once", "--state", &state, "-o", "json"]);
    run.expect_code(4);
    assert_eq!(run.json()["members_up"], 0);
    assert!(
        run.stderr.contains("no notification channel is configured"),
        "{}",
        run.stderr
    );
    // The daemon's last evaluation decides its code with --count.
    let run = alert(
        &dead,
        &[
            "run",
            "--interval",
            "200ms",
            "--count",
            "1",
            "--state",
            &state,
            "-o",
            "json",
        ],
    );
    run.expect_code(4);

    // A live member and no channel: exit 0, and stderr still says nothing is sent.
    let etcd = Etcd::single();
    let state = dir.path().join("live.json").to_string_lossy().into_owned();
    let run = alert(&etcd.endpoints(), &["run", "--once", "--state", &state]);
    run.expect_code(0);
    assert!(run.stderr.contains("sent nowhere"), "{}", run.stderr);
    // With a channel configured, no such note.
    let config = write(
        dir.path(),
        "a.toml",
        "[[channels]]\nname = \"hook\"\ntype = \"webhook\"\nurl = \"http://127.0.0.1:1/\"\n",
    );
    let run = alert(
        &etcd.endpoints(),
        &["run", "--once", "--state", &state, "--config", &config],
    );
    assert!(!run.stderr.contains("sent nowhere"), "{}", run.stderr);
}
