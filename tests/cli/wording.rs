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
fn a_dumb_terminal_gets_no_colour() {
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
    assert!(
        on_a_terminal("xterm").contains('\x1b'),
        "colour on a terminal"
    );
    assert!(
        !on_a_terminal("dumb").contains('\x1b'),
        "none with TERM=dumb"
    );
}
