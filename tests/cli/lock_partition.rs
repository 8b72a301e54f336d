//! A holder cut off from etcd (the member frozen) stops its command before the lease can run
//! out, even a command that ignores SIGTERM under a --kill-after longer than the lease.

use crate::lock_scene::{Scene, Spawned};
use crate::lock_tree::TreeAlive;

#[test]
fn an_unreachable_cluster_stops_the_command_before_the_lease_could_expire() {
    let scene = Scene::single("/p/cut");
    let mut alive = TreeAlive::new(&scene.path("alive"));
    let body = r#"trap '' TERM; exec 3>"$DIR/alive"; echo x >&3; exec sleep 120"#;
    let args = [
        &scene.name,
        "--ttl",
        "3s",
        "--kill-after",
        "60s",
        "--",
        "sh",
        "-c",
        body,
    ];
    let mut holder = Spawned::spawn(scene.etcdkit(&args), scene.dir(), "holder");
    alive.wait_started(10);
    // Freeze etcd: nothing answers, nothing is refused either (a partition, as seen from here).
    scene.etcd.pause(0);
    // --kill-after (60 s) would leave the command running long after the 3 s lease; it is cut
    // to what the lease leaves, so the command is gone well within this generous limit.
    alive.wait_gone(30, || ());
    let run = holder.wait(30);
    scene.etcd.resume(0);
    run.expect_code(7);
    assert!(run.stderr.contains("unreachable"), "{}", run.stderr);
    assert!(
        run.stderr.contains("before SIGKILL, not --kill-after 1m"),
        "{}",
        run.stderr
    );
}
