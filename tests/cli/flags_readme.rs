//! The README's `etcdkit flags` walk-through, run as it is written against a real etcd.

use crate::readme::walk;
use crate::support::Etcd;

#[test]
fn the_readme_flags_walkthrough_runs_as_written() {
    let etcd = Etcd::single();
    let walked = walk("## `etcdkit flags`", &etcd);
    let stdout = &walked.stdout;
    // What the comments in the block promise.
    for line in [
        "new-checkout = true (TARGETING_MATCH, variant on)\n",
        "\nfalse\n",
        r#"{"value":"green","reason":"TARGETING_MATCH"}"#,
        "new-checkout = false (DISABLED)\n",
        "incident 42",
        "incident over",
    ] {
        assert!(stdout.contains(line), "{line:?} is not in:\n{stdout}");
    }
    let exported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(walked.dir.join("flagd.json")).unwrap())
            .unwrap();
    assert_eq!(exported["flags"]["new-checkout"]["defaultVariant"], "off");
    // The import put the flags back on.
    let flag = etcd.get("/flags/new-checkout").unwrap();
    assert!(flag.contains(r#""state":"ENABLED""#), "{flag}");
}
