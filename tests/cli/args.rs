//! Bad input gets a clear message and exit code 3; help and completions never dial etcd.

use crate::run::{etcdkit, etcdkit_command, run_command};
use crate::support::free_port;

#[test]
fn bad_input_is_a_usage_error_with_a_reason() {
    let cases: &[(&[&str], &str)] = &[
        (&["health", "--endpoints", "nonsense"], "port is missing"),
        (&["health", "--endpoints", "ftp://127.0.0.1:1"], "scheme"),
        (&["health", "--dial-timeout", "soon"], "not a duration"),
        (&["health", "--command-timeout", "0s"], "more than 0"),
        (&["health", "--db-warning", "120"], "between 0 and 100"),
        (&["health", "--db-warning", "96"], "above --db-critical"),
        (&["health", "--db-quota", "lots"], "size"),
        (
            &["health", "--cacert", "/nonexistent/ca.pem"],
            "cannot read CA certificate",
        ),
        (
            &["health", "--cert", "/etc/hostname"],
            "--cert was given without --key",
        ),
        (&["health", "--password", "x"], "without --user"),
        (&["health", "-o", "yaml"], "invalid value"),
        (&["frobnicate"], "unrecognized subcommand"),
    ];
    for (args, says) in cases {
        etcdkit(args).expect_refused(says);
    }
}

#[test]
fn a_non_pem_certificate_is_refused_before_dialling() {
    let run = etcdkit(&["health", "--cacert", "/etc/hostname"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("PEM"), "{}", run.stderr);
}

#[test]
fn lock_and_elect_input_is_refused_before_dialling() {
    // Nothing listens here: an answer about the input proves etcd was never dialled.
    let dead = format!("127.0.0.1:{}", free_port());
    let cases: &[(&[&str], &str)] = &[
        (&["lock", "/x", "--ttl", "500ms", "--", "true"], "too short"),
        (&["lock", "/x", "--ttl", "2d", "--", "true"], "too long"),
        (&["lock", "/x", "--limit", "0", "--", "true"], "--limit 0"),
        (&["lock", "/x/", "--", "true"], "ends with '/'"),
        (
            &["elect", "/x", "--ttl", "1.5s", "--", "true"],
            "whole seconds",
        ),
        (&["elect", "", "--", "true"], "name is empty"),
        (&["elect", "/x", "--observe", "--ttl", "0s"], "at least 1s"),
    ];
    for (args, says) in cases {
        let mut with_dead = vec!["--endpoints", dead.as_str()];
        with_dead.extend_from_slice(args);
        let run = etcdkit(&with_dead);
        run.expect_refused(says);
        assert!(!run.stderr.contains("cannot connect"), "{}", run.stderr);
    }
}

#[test]
fn help_version_and_completions_work_without_etcd() {
    let dead = format!("127.0.0.1:{}", free_port());
    for args in [
        vec!["--help"],
        vec!["health", "--help"],
        vec!["--version"],
        vec!["--endpoints", &dead, "completions", "bash"],
        vec!["completions", "zsh"],
    ] {
        let run = etcdkit(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(!run.stdout.is_empty(), "{args:?}");
    }
    let help = etcdkit(&["--help"]).stdout;
    assert!(help.contains("Exit codes"), "{help}");
    assert!(
        !help.contains("generate-docs"),
        "maintainer command stays hidden"
    );
}

#[test]
fn huge_durations_are_usage_errors_never_panics() {
    for flag in ["--command-timeout", "--dial-timeout"] {
        for value in [
            "18446744073709551615s",
            "18446744073709551615",
            "8000y",
            "1e300",
            "10y1s",
        ] {
            let run = etcdkit(&["health", flag, value, "--endpoints", "127.0.0.1:1"]);
            run.expect_code(3);
            assert!(
                run.stderr.contains("too long"),
                "{flag} {value}: {}",
                run.stderr
            );
            assert!(
                run.stderr.contains("10y"),
                "the bound is named: {}",
                run.stderr
            );
        }
    }
    // The bound itself is accepted (the member is unreachable, so the check runs: CRITICAL).
    let dead = format!("127.0.0.1:{}", free_port());
    etcdkit(&[
        "health",
        "--dial-timeout",
        "10y",
        "--command-timeout",
        "10y",
        "--endpoints",
        &dead,
    ])
    .expect_code(2);
    // The same from the environment, ETCDKIT_ and ETCDCTL_ alike.
    for var in [
        "ETCDKIT_DIAL_TIMEOUT",
        "ETCDKIT_COMMAND_TIMEOUT",
        "ETCDCTL_DIAL_TIMEOUT",
        "ETCDCTL_COMMAND_TIMEOUT",
    ] {
        let run = run_command(etcdkit_command().env(var, "18446744073709551615s").args([
            "health",
            "--endpoints",
            &dead,
        ]));
        run.expect_code(3);
        assert!(run.stderr.contains(var), "{var}: {}", run.stderr);
    }
}

#[test]
fn an_empty_endpoint_list_is_a_usage_error_wherever_it_comes_from() {
    for args in [
        &["health", "--endpoints", ""][..],
        &["health", "--endpoints", ","][..],
        &["health", "--endpoints", " , "][..],
        &["bench", "write", "--endpoints", "", "--total", "1"][..],
        &["lock", "--endpoints", "", "/x", "--", "true"][..],
    ] {
        let run = etcdkit(args);
        run.expect_code(3);
        assert!(
            run.stderr.contains("--endpoints is empty"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            !run.stdout.contains("127.0.0.1:2379"),
            "{args:?}: {}",
            run.stdout
        );
    }
    let run = etcdkit(&["health", "--endpoints", "127.0.0.1:1,,127.0.0.1:2"]);
    run.expect_code(3);
    assert!(run.stderr.contains("empty entry"), "{}", run.stderr);
    for var in ["ETCDKIT_ENDPOINTS", "ETCDCTL_ENDPOINTS"] {
        for value in ["", ","] {
            let run = run_command(etcdkit_command().env(var, value).arg("health"));
            run.expect_code(3);
            assert!(run.stderr.contains(var), "{var}={value:?}: {}", run.stderr);
        }
    }
}

#[test]
fn malformed_endpoints_are_usage_errors_echoed_safely() {
    let cases: &[(&str, &str)] = &[
        ("ëtcd.例え:2379", "not ASCII"),
        ("[::1", "no closing ']'"),
        ("a b:2379", "host name contains"),
        ("http://127.0.0.1:2379/v3", "no path"),
        ("http://127.0.0.1:2379/v3/kv/range", "drop \"/v3/kv/range\""),
        ("http://", "\"http://\""),
        ("::1:2379", "brackets"),
        ("x\u{1b}[31mred:2379", "\\u{1b}"),
        ("x\u{7}:2379", "\\u{7}"),
    ];
    for (endpoint, says) in cases {
        for command in [&["health"][..], &["bench", "write", "--total", "1"][..]] {
            let mut args = vec!["--endpoints", endpoint];
            args.extend_from_slice(command);
            let run = etcdkit(&args);
            run.expect_code(3);
            assert!(run.stderr.contains(says), "{endpoint:?}: {}", run.stderr);
            assert!(!run.stderr.contains("invalid URI"), "{}", run.stderr);
            for raw in ['\u{1b}', '\u{7}'] {
                assert!(!run.stderr.contains(raw) && !run.stdout.contains(raw));
            }
        }
    }
}

#[test]
fn errors_are_one_error_line_and_one_help_line() {
    let dead = format!("127.0.0.1:{}", free_port());
    let runs = [
        etcdkit(&["health", "--endpoints", "nonsense"]),
        etcdkit(&["bench", "write", "--total", "1", "--endpoints", &dead]),
        etcdkit(&["health", "--dial-timeout", "soon"]),
        etcdkit(&["frobnicate"]),
        run_command(
            etcdkit_command()
                .env("ETCDKIT_DIAL_TIMEOUT", "banana")
                .arg("health"),
        ),
    ];
    for run in &runs {
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert!(!lines.is_empty() && lines.len() <= 2, "{}", run.stderr);
        assert!(lines[0].starts_with("error: "), "{}", run.stderr);
        if let Some(help) = lines.get(1) {
            assert!(help.starts_with("help: "), "{}", run.stderr);
        }
        for gone in ["etcdkit::", "×", "dev-cluster", "scripts/"] {
            assert!(!run.stderr.contains(gone), "{gone} in {}", run.stderr);
        }
    }
    // A bad value from a variable names the variable, not the flag.
    let env = &runs[4];
    env.expect_code(3);
    assert!(
        env.stderr.contains("ETCDKIT_DIAL_TIMEOUT"),
        "{}",
        env.stderr
    );
    assert!(
        !env.stderr.contains("for '--dial-timeout"),
        "{}",
        env.stderr
    );
    let run = run_command(
        etcdkit_command()
            .env("ETCDCTL_COMMAND_TIMEOUT", "banana")
            .args(["health", "--endpoints", &dead]),
    );
    run.expect_code(3);
    assert!(
        run.stderr.contains("ETCDCTL_COMMAND_TIMEOUT"),
        "{}",
        run.stderr
    );
    // A flag given on the command line is still named as the flag.
    let run = run_command(
        etcdkit_command()
            .env("ETCDKIT_DIAL_TIMEOUT", "banana")
            .args(["health", "--dial-timeout", "banana"]),
    );
    assert!(run.stderr.contains("'--dial-timeout"), "{}", run.stderr);
}

#[test]
fn usage_errors_still_print_a_document_for_programs() {
    // -o json: one JSON document an error object can be read from, with jq or anything else.
    for args in [
        &["health", "-o", "json", "--endpoints", ""][..],
        &["-o", "json", "health", "--dial-timeout", "soon"][..],
        &["bench", "write", "-o", "json", "--endpoints", "a b:1"][..],
        &["--output=json", "frobnicate"][..],
    ] {
        let run = etcdkit(args);
        run.expect_code(3);
        let doc = run.json();
        assert_eq!(doc["error"]["kind"], "usage", "{args:?}: {doc}");
        assert_eq!(doc["error"]["exit_code"], 3, "{args:?}: {doc}");
        assert!(doc["error"]["message"].as_str().unwrap().len() > 5, "{doc}");
        if args.contains(&"health") {
            assert_eq!(doc["status"], "unknown", "{doc}");
        }
    }
    // --nagios (and -o plain for health): the plugin's UNKNOWN status line.
    for args in [
        &["health", "--nagios", "--endpoints", ""][..],
        &["health", "--nagios", "--dial-timeout", "soon"][..],
        &["health", "-o", "plain", "--endpoints", "[::1"][..],
    ] {
        let run = etcdkit(args);
        run.expect_code(3);
        let first = run.stdout.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("ETCD UNKNOWN: "),
            "{args:?}: {}",
            run.stdout
        );
    }
}

#[test]
fn help_never_shows_environment_values() {
    let secrets = [
        ("ETCDKIT_PASSWORD", "s3cret-etcdkit-pw"),
        ("ETCDCTL_PASSWORD", "s3cret-etcdctl-pw"),
        ("ETCDKIT_USER", "s3cret-user:s3cret-inline-pw"),
        ("ETCDCTL_USER", "s3cret-ctl-user:s3cret-ctl-inline-pw"),
        ("ETCDKIT_ENDPOINTS", "s3cret-host:2379"),
        ("ETCDKIT_CACERT", "/s3cret/ca.pem"),
        ("ETCDKIT_KEY", "/s3cret/key.pem"),
    ];
    let commands: &[&[&str]] = &[
        &["--help"],
        &["-h"],
        &["health", "--help"],
        &["lock", "--help"],
        &["elect", "--help"],
        &["bench", "write", "--help"],
        &["watch-metrics", "--help"],
        &["alert", "run", "--help"],
    ];
    for args in commands {
        let mut cmd = etcdkit_command();
        for (k, v) in secrets {
            cmd.env(k, v);
        }
        let run = run_command(cmd.args(*args));
        run.expect_code(0);
        assert!(run.stdout.contains("--endpoints"), "{args:?}: a help page");
        assert!(
            !run.stdout.contains("s3cret") && !run.stderr.contains("s3cret"),
            "{args:?}"
        );
    }
}

#[test]
fn arguments_that_are_not_utf8_are_usage_errors() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let bad = OsStr::from_bytes(b"\xff:2379");
    for args in [
        vec![OsStr::new("health"), OsStr::new("--endpoints"), bad],
        vec![OsStr::new("health"), OsStr::new("--dial-timeout"), bad],
        vec![
            OsStr::new("-o"),
            OsStr::new("json"),
            OsStr::new("health"),
            bad,
        ],
    ] {
        let run = run_command(etcdkit_command().args(&args));
        run.expect_code(3);
        assert!(
            run.stderr.starts_with("error: "),
            "{args:?}: {}",
            run.stderr
        );
    }
}

/// Every command path under `cmd` that a user can type (hidden ones and `help` left out).
fn command_paths(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
    out.push(prefix.to_vec());
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let mut path = prefix.to_vec();
        path.push(sub.get_name().to_string());
        command_paths(sub, &path, out);
    }
}

#[test]
fn every_commands_help_has_examples_and_exit_codes() {
    let mut paths = Vec::new();
    command_paths(&etcdkit::cli::command(), &[], &mut paths);
    assert!(paths.len() > 15, "{paths:?}");
    for path in paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let run = crate::run::etcdkit(&args);
        run.expect_code(0);
        let lines: Vec<&str> = run.stdout.lines().collect();
        let examples = lines.iter().position(|l| *l == "Examples:");
        assert!(
            examples.is_some_and(|i| lines
                .get(i + 1)
                .is_some_and(|l| l.starts_with("  etcdkit "))),
            "`etcdkit {}` has no Examples: section:\n{}",
            path.join(" "),
            run.stdout
        );
        assert!(
            lines.iter().any(|l| l.starts_with("Exit codes")),
            "`etcdkit {}` has no exit codes:\n{}",
            path.join(" "),
            run.stdout
        );
        assert!(
            !run.stdout.contains("=]"),
            "`etcdkit {}` shows an empty env value:\n{}",
            path.join(" "),
            run.stdout
        );
    }
}

#[test]
fn connection_flags_are_listed_once_at_the_top_and_work_under_every_command() {
    let top = etcdkit(&["--help"]).stdout;
    assert!(top.contains("--dial-timeout <DURATION>"), "{top}");
    for args in [
        &["health", "--help"][..],
        &["alert", "run", "--help"],
        &["bench", "write", "-h"],
    ] {
        let help = etcdkit(args).stdout;
        assert!(!help.contains("--dial-timeout <DURATION>"), "{help}");
        assert!(help.contains("`etcdkit help connection`"), "{help}");
    }
    // The flags still work after the command, and before it.
    let dead = format!("127.0.0.1:{}", free_port());
    for args in [
        &[
            "health",
            "--endpoints",
            &dead,
            "--dial-timeout",
            "1s",
            "-o",
            "json",
        ][..],
        &["--endpoints", &dead, "health", "-o", "json"],
    ] {
        let run = etcdkit(args);
        run.expect_code(2);
        assert!(run.stdout.contains(&dead), "{}", run.stdout);
    }
}
