//! The one stream policy, against real etcd: an explicit `-o` wins; only the default follows
//! whether stdout is a terminal (here it is a pipe).

use crate::run::{etcdkit, etcdkit_command, run_command};
use crate::support::Etcd;

fn watch_once(endpoint: &str, extra: &[&str]) -> crate::run::Run {
    let mut args = vec![
        "watch-metrics",
        "--endpoints",
        endpoint,
        "--interval",
        "200ms",
        "--count",
        "2",
    ];
    args.extend_from_slice(extra);
    let run = etcdkit(&args);
    run.expect_code(0);
    run
}

#[test]
fn an_explicit_table_is_printed_even_into_a_pipe() {
    let etcd = Etcd::single();
    let run = watch_once(&etcd.endpoint(0), &["-o", "table"]);
    assert_eq!(
        run.stdout.matches("ENDPOINT").count(),
        2,
        "one table per sample:\n{}",
        run.stdout
    );
    assert!(
        run.stdout.lines().all(|l| !l.starts_with('{')),
        "no JSON with -o table:\n{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains('\x1b'),
        "no screen clearing into a pipe:\n{:?}",
        run.stdout
    );
}

#[test]
fn an_explicit_table_from_the_variable_wins_too() {
    let etcd = Etcd::single();
    let endpoint = etcd.endpoint(0);
    let run = run_command(etcdkit_command().env("ETCDKIT_OUTPUT", "table").args([
        "watch-metrics",
        "--endpoints",
        &endpoint,
        "--interval",
        "200ms",
        "--count",
        "1",
    ]));
    run.expect_code(0);
    assert!(run.stdout.contains("ENDPOINT"), "a table:\n{}", run.stdout);
}

#[test]
fn the_default_into_a_pipe_is_json_lines() {
    let etcd = Etcd::single();
    let run = watch_once(&etcd.endpoint(0), &[]);
    assert_eq!(run.json_lines().len(), 2, "{}", run.stdout);
}
