//! The README's `etcdkit config` walk-through, run as it is written against a real etcd: the
//! documentation cannot drift from what the commands do.

use crate::readme::walk;
use crate::support::Etcd;

#[test]
fn the_readme_config_walkthrough_runs_as_written() {
    let etcd = Etcd::single();
    let walked = walk("## `etcdkit config`", &etcd);
    let (stdout, dir) = (&walked.stdout, &walked.dir);
    // What the comments in the block promise.
    assert!(stdout.contains("\n6432\n"), "get prints 6432:\n{stdout}");
    assert!(
        stdout.contains(r#"{"host":"db-1.internal","port":6432}"#),
        "list -o json:\n{stdout}"
    );
    assert!(
        stdout.contains("db-1.internal:6432\n"),
        "exec's environment:\n{stdout}"
    );
    assert!(
        stdout.contains("through pgbouncer"),
        "history says why:\n{stdout}"
    );
    let conf = std::fs::read_to_string(dir.join("app.conf")).unwrap();
    assert!(
        conf.starts_with("host = db-1.internal\nport = 6432\n# revision "),
        "{conf}"
    );
    // The import put the snapshot's value back, in one write with its reason.
    assert_eq!(etcd.get("/app/db/port").as_deref(), Some("6432"));
    assert!(
        etcd.get("/app/.audit")
            .is_some_and(|a| a.contains("back to the snapshot")),
        "the import's audit record"
    );
    assert!(
        stdout.contains("~ db/port: 5432 -> 6432"),
        "diff since rev:\n{stdout}"
    );
}
