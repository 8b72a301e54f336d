//! Small things people read, against real etcd: plurals, units on measured SLO values, and no
//! colour on a dumb terminal.

use crate::run::{etcdkit, run_command};
use crate::support::Etcd;

#[test]
fn one_of_a_thing_is_singular_and_a_measured_slo_has_its_unit() {
    let etcd = Etcd::single();
    let run = etcdkit(&[
        "bench",
        "write",
        "--endpoints",
        &etcd.endpoint(0),
        "--total",
        "20",
        "--conns",
        "1",
        "--clients",
        "1",
        "--slo",
        "p99<=0.001ms",
        "--slo",
        "throughput>=1",
    ]);
    let out = &run.stdout;
    assert!(out.contains("(1 conn, 1 client, closed loop)"), "{out}");
    assert!(out.contains("cleaned up 1 key under"), "{out}");
    let fail = out.lines().find(|l| l.starts_with("slo FAIL")).unwrap();
    assert!(
        fail.ends_with(" ms)"),
        "a latency is measured in ms: {fail}"
    );
    let pass = out.lines().find(|l| l.starts_with("slo PASS")).unwrap();
    assert!(pass.ends_with(" req/s)"), "throughput is in req/s: {pass}");

    let health = etcdkit(&["health", "--endpoints", &etcd.endpoint(0)]);
    health.expect_code(0);
    assert!(
        health.stdout.contains("the endpoint answered"),
        "{}",
        health.stdout
    );
}

#[test]
fn status_cells_are_coloured_on_a_terminal_but_not_a_dumb_one() {
    let etcd = Etcd::single();
    // `script` gives etcdkit a terminal for stdout, where colour is otherwise on.
    let on_a_terminal = |term: &str| {
        let command = format!(
            "{} health --endpoints {}",
            env!("CARGO_BIN_EXE_etcdkit"),
            etcd.endpoint(0)
        );
        let mut script = std::process::Command::new("script");
        script
            .env_remove("NO_COLOR")
            .env("TERM", term)
            .args(["-qec", &command, "/dev/null"])
            .stdin(std::process::Stdio::null());
        run_command(&mut script).stdout
    };
    let coloured = on_a_terminal("xterm");
    assert!(
        coloured.contains("\x1b[32mok\x1b[0m") && coloured.contains("\x1b[32mhealthy\x1b[0m"),
        "the status cells are coloured, not only the verdict: {coloured:?}"
    );
    assert!(
        !on_a_terminal("dumb").contains('\x1b'),
        "none with TERM=dumb"
    );
}

#[test]
fn bench_with_json_on_stdout_still_shows_progress_with_elapsed_time_and_eta_on_a_terminal() {
    let etcd = Etcd::single();
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("report.json");
    // `script` gives stderr a terminal; stdout goes to a file as JSON.
    let command = format!(
        "{} bench write --endpoints {} --total 500 -o json > {}",
        env!("CARGO_BIN_EXE_etcdkit"),
        etcd.endpoint(0),
        json.display()
    );
    let mut script = std::process::Command::new("script");
    script
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .args(["-qec", &command, "/dev/null"])
        .stdin(std::process::Stdio::null());
    let terminal = run_command(&mut script).stdout;
    assert!(terminal.contains("/500"), "a progress bar: {terminal:?}");
    assert!(
        terminal.contains("elapsed, ETA"),
        "elapsed and ETA: {terminal:?}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["requests"], 500, "{report}");
}

/// Counts of one read as one: "1 error", "the one voting member", never "1 errors".
#[test]
fn one_of_anything_is_singular() {
    let etcd = Etcd::single_with(&["--quota-backend-bytes", "1048576"]);
    etcd.fill_until_nospace();
    let ep = etcd.endpoint(0);
    // Out of space, the one write fails.
    let bench = etcdkit(&[
        "bench",
        "write",
        "--endpoints",
        &ep,
        "--total",
        "1",
        "--clients",
        "1",
    ]);
    assert!(
        bench.stdout.contains("0 ok, 1 error\n"),
        "{}\n{}",
        bench.stdout,
        bench.stderr
    );
    let health = etcdkit(&["health", "--endpoints", &ep, "-o", "json"]);
    let report = health.json();
    let messages: Vec<&str> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["message"].as_str())
        .collect();
    assert!(
        messages.contains(&"the one voting member serves reads"),
        "{messages:?}"
    );
    let plural_after_one = regex::Regex::new(
        r"\b1 (voting )?(endpoints|members|errors|keys|conns|clients|requests|events|URLs)\b",
    )
    .unwrap();
    for text in [&bench.stdout, &bench.stderr, &health.stdout] {
        assert!(!plural_after_one.is_match(text), "{text}");
    }
}
