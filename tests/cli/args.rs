//! Bad input gets a clear message and exit code 3; help and completions never dial etcd.

use crate::run::etcdkit;
use crate::support::free_port;

#[test]
fn bad_input_is_a_usage_error_with_a_reason() {
    let cases: &[(&[&str], &str)] = &[
        (&["health", "--endpoints", "nonsense"], "port is missing"),
        (&["health", "--endpoints", "ftp://127.0.0.1:1"], "scheme"),
        (&["health", "--dial-timeout", "soon"], "invalid duration"),
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
        let run = etcdkit(args);
        assert_eq!(
            run.code, 3,
            "{args:?}: exit {} stderr {}",
            run.code, run.stderr
        );
        assert!(
            run.stderr.contains(says),
            "{args:?}: wanted {says:?} in:\n{}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}: nothing on stdout");
    }
}

#[test]
fn a_non_pem_certificate_is_refused_before_dialling() {
    let run = etcdkit(&["health", "--cacert", "/etc/hostname"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("PEM"), "{}", run.stderr);
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
