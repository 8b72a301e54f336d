//! Tables fit the screen, against a real three-member cluster: at `COLUMNS=60` and `100` no
//! line is wider and none ends in a space.

use crate::run::{etcdkit_command, run_command, Run};
use crate::support::Etcd;

const WIDTHS: [&str; 2] = ["60", "100"];

fn at_width(columns: &str, args: &[&str]) -> Run {
    let run = run_command(etcdkit_command().env("COLUMNS", columns).args(args));
    run.expect_code(0);
    run
}

/// Fails the test unless every line of stdout fits `columns` without trailing spaces.
fn assert_fits(what: &str, columns: &str, run: &Run) {
    let width: usize = columns.parse().unwrap();
    assert!(!run.stdout.trim().is_empty(), "{what} printed nothing");
    for line in run.stdout.lines() {
        assert!(
            line.chars().count() <= width,
            "{what} at {width} columns: a line of {} columns:\n{line}\n\n{}",
            line.chars().count(),
            run.stdout
        );
        assert!(
            !line.ends_with(' '),
            "{what} at {width} columns: trailing spaces:\n{line:?}"
        );
    }
}

#[test]
fn every_table_fits_60_and_100_columns() {
    let etcd = Etcd::cluster(3);
    let ep = etcd.endpoint(0);
    for columns in WIDTHS {
        let health = at_width(columns, &["health", "--cluster", "--endpoints", &ep]);
        assert_fits("health --cluster", columns, &health);
        assert!(health.stdout.contains("ENDPOINT"), "{}", health.stdout);

        let rules = at_width(columns, &["alert", "rules"]);
        assert_fits("alert rules", columns, &rules);

        let watch = at_width(
            columns,
            &[
                "watch-metrics",
                "--cluster",
                "--count",
                "2",
                "--interval",
                "200ms",
                "-o",
                "table",
                "--endpoints",
                &ep,
            ],
        );
        assert_fits("watch-metrics --cluster", columns, &watch);
        assert_eq!(
            watch.stdout.matches("ENDPOINT").count(),
            2,
            "{}",
            watch.stdout
        );

        let bench = at_width(
            columns,
            &["bench", "write", "--total", "200", "--endpoints", &ep],
        );
        assert_fits("bench write", columns, &bench);
        assert!(bench.stdout.contains("histogram"), "{}", bench.stdout);
    }
}
