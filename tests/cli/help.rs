//! `etcdkit help`: commands and topics, the connection guide, the alert config reference whose
//! examples work when pasted, and completions that offer subcommands before flags.

use crate::run::{etcdkit, etcdkit_command, run_command};
use crate::support::TlsFiles;

/// The connection flags as clap defines them (any added later included).
fn connection_flags() -> Vec<clap::Arg> {
    etcdkit::cli::command()
        .get_arguments()
        .filter(|a| a.get_help_heading() == Some("Connection"))
        .cloned()
        .collect()
}

#[test]
fn help_connection_explains_every_connection_flag_and_commands_point_to_it() {
    let run = etcdkit(&["help", "connection"]);
    run.expect_code(0);
    let guide = &run.stdout;
    let flags = connection_flags();
    assert!(flags.len() >= 8, "{flags:?}");
    for flag in &flags {
        let long = format!("  --{} ", flag.get_long().unwrap());
        assert!(guide.contains(&long), "{long} is not explained:\n{guide}");
        let env = flag.get_env().unwrap().to_string_lossy().into_owned();
        assert!(guide.contains(&env), "{env} is not named:\n{guide}");
    }
    for words in [
        "ETCDCTL_ENDPOINTS",
        "ETCDCTL_PASSWORD",
        "default: 127.0.0.1:2379",
        "Precedence: a flag beats its ETCDKIT_* variable, which beats its ETCDCTL_* variable",
        "TLS:",
        "Authentication:",
        "Examples:\n  etcdkit ",
    ] {
        assert!(guide.contains(words), "no {words:?}:\n{guide}");
    }
    // Each command's help has one line about them instead of the flags.
    for args in [
        &["health", "--help"][..],
        &["lock", "--help"],
        &["alert", "run", "--help"],
        &["bench", "write", "-h"],
    ] {
        let help = etcdkit(args).stdout;
        assert!(!help.contains("--dial-timeout"), "{args:?}:\n{help}");
        let pointer: Vec<&str> = help
            .lines()
            .filter(|l| l.contains("`etcdkit help connection`"))
            .collect();
        assert_eq!(pointer.len(), 1, "{args:?}:\n{help}");
        assert!(
            pointer[0].starts_with("Connection flags (--endpoints"),
            "{help}"
        );
    }
}

#[test]
fn help_alone_lists_commands_and_topics_and_help_command_is_its_help() {
    let run = etcdkit(&["help"]);
    run.expect_code(0);
    for words in [
        "Commands:",
        "  lock ",
        "  bench ",
        "Help topics",
        "  connection ",
        "  alert-config ",
    ] {
        assert!(run.stdout.contains(words), "no {words:?}:\n{}", run.stdout);
    }
    assert!(!run.stdout.contains("generate-docs"), "{}", run.stdout);
    for path in [
        &["lock"][..],
        &["bench", "write"],
        &["alert", "silence", "add"],
    ] {
        let mut help = vec!["help"];
        help.extend_from_slice(path);
        let mut flag = path.to_vec();
        flag.push("--help");
        let (via_help, via_flag) = (etcdkit(&help), etcdkit(&flag));
        via_help.expect_code(0);
        assert_eq!(via_help.stdout, via_flag.stdout, "{path:?}");
    }
}

#[test]
fn help_for_something_unknown_is_a_usage_error_with_the_list() {
    for (args, listed) in [
        (
            &["help", "lock-tree"][..],
            &["lock", "health", "connection", "alert-config"][..],
        ),
        (&["help", "generate-docs"], &["completions", "connection"]),
        (&["help", "bench", "writes"], &["write", "read", "mixed"]),
    ] {
        let run = etcdkit(args);
        run.expect_code(3);
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{args:?}: {}", run.stderr);
        assert!(lines[0].starts_with("error: no command"), "{}", run.stderr);
        assert!(lines[1].starts_with("help: "), "{}", run.stderr);
        for name in listed {
            assert!(
                lines[1].contains(name),
                "{args:?}: {name} not listed: {}",
                run.stderr
            );
        }
        assert!(!lines[1].contains("generate-docs"), "{}", run.stderr);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    }
}

/// The indented block after the line that ends with `header`, as a file.
fn snippet(text: &str, header: &str) -> String {
    let mut lines = text.lines().skip_while(|l| !l.ends_with(header));
    assert!(lines.next().is_some(), "no {header:?} in:\n{text}");
    let block: Vec<&str> = lines
        .take_while(|l| l.is_empty() || l.starts_with("  "))
        .map(|l| l.strip_prefix("  ").unwrap_or(l))
        .collect();
    block.join("\n")
}

#[test]
fn alert_config_examples_pass_alert_rules_when_pasted() {
    let run = etcdkit(&["help", "alert-config"]);
    run.expect_code(0);
    let dir = tempfile::tempdir().unwrap();
    let tls = TlsFiles::generate(&dir.path().join("tls"));
    let key = dir.path().join("pd-key");
    std::fs::write(&key, "0123456789abcdef0123456789abcdef\n").unwrap();
    // The example names the files a real host would have; here they are stand-ins.
    let toml = snippet(&run.stdout, "(alert.toml):");
    for path in ["/etc/etcdkit/pd-key", "/etc/ssl/private-ca.pem"] {
        assert!(toml.contains(path), "{toml}");
    }
    let toml = toml
        .replace("/etc/etcdkit/pd-key", &key.display().to_string())
        .replace("/etc/ssl/private-ca.pem", &tls.ca.display().to_string());
    let yaml = snippet(&run.stdout, "(alert.yaml):");
    for (name, text, rule) in [
        ("alert.toml", toml, "BigDatabase"),
        ("alert.yaml", yaml, "BigDatabase"),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, &text).unwrap();
        let checked = run_command(
            etcdkit_command()
                .args(["alert", "rules", "-o", "json", "--config"])
                .arg(&file)
                .env(
                    "SLACK_WEBHOOK_URL",
                    "https://hooks.example.com/services/T0/B0/x",
                )
                .env("SMTP_PASSWORD", "smtp-password"),
        );
        checked.expect_code(0);
        let rules = checked.json();
        assert!(
            rules["rules"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["name"] == rule && r["origin"] == "user"),
            "{name}: {rules:#}\n{text}"
        );
    }
}

#[test]
fn help_topics_show_no_environment_values() {
    for args in [
        &["help", "connection"][..],
        &["help", "alert-config"],
        &["help"],
    ] {
        let mut cmd = etcdkit_command();
        for (k, v) in [
            ("ETCDKIT_PASSWORD", "s3cret-etcdkit-pw"),
            ("ETCDCTL_PASSWORD", "s3cret-etcdctl-pw"),
            ("ETCDKIT_USER", "s3cret-user:s3cret-inline-pw"),
            ("ETCDKIT_ENDPOINTS", "s3cret-host:2379"),
            ("ETCDKIT_ALERT_CONFIG", "/s3cret/alert.toml"),
        ] {
            cmd.env(k, v);
        }
        let run = run_command(cmd.args(args));
        run.expect_code(0);
        assert!(
            run.stdout.contains("connection"),
            "{args:?}: {}",
            run.stdout
        );
        assert!(!run.stdout.contains("s3cret"), "{args:?}: {}", run.stdout);
    }
}

/// What bash offers for `words` (the last one being completed), with the completion script
/// `etcdkit completions bash` prints, in a real bash.
fn bash_offers(words: &[&str]) -> Vec<String> {
    let script = etcdkit(&["completions", "bash"]).stdout;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("etcdkit.bash");
    std::fs::write(&file, script).unwrap();
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'\nCOMP_WORDS=(etcdkit {})\nCOMP_CWORD={}\n_etcdkit etcdkit '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        file.display(),
        quoted.join(" "),
        words.len(),
        words.last().unwrap(),
        if words.len() > 1 { words[words.len() - 2] } else { "etcdkit" },
    );
    let run = run_command(std::process::Command::new("bash").args(["--norc", "-c", &program]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout.lines().map(str::to_string).collect()
}

#[test]
fn bash_completion_offers_subcommands_before_flags_and_formats_after_w() {
    let first = bash_offers(&[""]);
    let commands = [
        "health",
        "lock",
        "elect",
        "watch",
        "discover",
        "config",
        "flags",
        "watch-metrics",
        "alert",
        "bench",
        "completions",
        "help",
    ];
    assert_eq!(first, commands, "`etcdkit <TAB>`");
    let flags = bash_offers(&["--c"]);
    for flag in ["--command-timeout", "--cacert", "--cert"] {
        assert!(
            flags.contains(&flag.to_string()),
            "`etcdkit --c<TAB>`: {flags:?}"
        );
    }
    assert!(flags.iter().all(|f| f.starts_with("--c")), "{flags:?}");
    assert_eq!(bash_offers(&["-w", ""]), ["table", "json", "plain"]);
    assert_eq!(
        bash_offers(&["health", "-o", ""]),
        ["table", "json", "plain"]
    );
    let bench = bash_offers(&["bench", ""]);
    assert!(bench.contains(&"write".to_string()), "{bench:?}");
    assert!(bench.iter().all(|w| !w.starts_with('-')), "{bench:?}");
    let topics = bash_offers(&["help", ""]);
    for name in ["connection", "alert-config", "lock"] {
        assert!(
            topics.contains(&name.to_string()),
            "`etcdkit help <TAB>`: {topics:?}"
        );
    }
    assert!(!topics.contains(&"generate-docs".to_string()), "{topics:?}");
}
