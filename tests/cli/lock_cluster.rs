//! `etcdkit lock` on a real three-member cluster: a member down, and the leader killed while
//! holders contend.

use std::time::Duration;

use crate::lock_scene::{finish_loops, start_loops, wait_for, Scene, Spawned};
use crate::support::Etcd;

#[test]
fn with_a_member_down_waiters_get_the_lock_and_holders_leave_no_key() {
    let mut scene = Scene::on(Etcd::cluster(3), "/locks/degraded");
    let leader = scene.etcd.wait_for_leader(Duration::from_secs(10));
    // A follower dies: no election, quorum intact; it stays in the endpoint list, as it
    // would in anyone's configuration.
    let dead = (leader + 1) % 3;
    scene.etcd.kill(dead);
    for i in 0..10 {
        let (h, w) = (format!("H{i}"), format!("W{i}"));
        let mut holder = scene.etcdkit_holder(&h, &["--ttl", "60s"]);
        wait_for("the holder inside", 10, || {
            scene.log().last() == Some(&format!("+{h}"))
        });
        let mut waiter = scene.etcdkit_holder(&w, &["--ttl", "60s"]);
        scene.release(&w);
        scene.wait_keys(2);
        scene.release(&h);
        holder.wait(10).expect_code(0);
        let left = scene.keys();
        assert!(
            left.len() <= 1,
            "round {i}: the holder exited 0 but its key stays until its 60 s TTL:\n{}",
            scene.describe_line()
        );
        let run = waiter.wait(10);
        assert_eq!(
            run.code, 0,
            "round {i}: the waiter failed with one member of three down:\n{}",
            run.stderr
        );
        assert!(
            scene.keys().is_empty(),
            "round {i}: the waiter's key stays:\n{}",
            scene.describe_line()
        );
    }
}

#[test]
fn contending_loops_stay_exclusive_while_the_leader_is_killed() {
    let mut scene = Scene::on(Etcd::cluster(3), "/locks/failover");
    let leader = scene.etcd.wait_for_leader(Duration::from_secs(10));
    let loops = start_loops(&scene, &[("etcdkit", 20); 4]);
    wait_for("15 critical sections before the kill", 30, || {
        scene.lines("sections").len() >= 15
    });
    scene.etcd.kill(leader);
    let at_kill = scene.lines("sections").len();
    scene
        .etcd
        .wait_for_new_leader(leader, Duration::from_secs(15));
    finish_loops(&scene, loops, 40);

    let runs = scene.lines("runs");
    assert_eq!(runs.len(), 80);
    let code = |r: &String| r.rsplit(' ').next().unwrap().to_string();
    let unexpected: Vec<_> = runs
        .iter()
        .filter(|r| !matches!(code(r).as_str(), "0" | "4" | "6"))
        .collect();
    assert!(unexpected.is_empty(), "unexpected exits: {unexpected:?}");
    let ok = runs.iter().filter(|r| code(r) == "0").count();
    let sections = scene.lines("sections").len();
    assert_eq!(
        sections, ok,
        "a section ran without a successful exit, or the reverse"
    );
    assert_eq!(scene.counter(), ok, "lost updates: two holders at once");
    assert!(
        scene.lines("overlaps").is_empty(),
        "two holders were inside at once"
    );
    assert!(
        ok >= at_kill + 20,
        "the loops did not go on after the leader died: {at_kill} sections before, {ok} in all"
    );
    // The holders' fencing tokens, in the order they held the lock, only grow, across leaders.
    let tokens: Vec<i64> = scene
        .lines("tokens")
        .iter()
        .map(|t| t.parse().unwrap())
        .collect();
    assert_eq!(tokens.len(), ok);
    assert!(tokens.windows(2).all(|w| w[0] < w[1]), "{tokens:?}");
}

#[test]
fn waiters_in_a_quorum_outage_keep_their_place_and_go_once_etcd_is_back() {
    let mut scene = Scene::on(Etcd::cluster(3), "/locks/outage");
    let mut holder = scene.etcdkit_holder("H", &["--ttl", "2s"]);
    wait_for("the holder inside", 10, || scene.log() == ["+H"]);
    let mut waiters: Vec<Spawned> = (0..2)
        .map(|i| {
            let args = [&scene.name, "--ttl", "2s", "--", "touch", "ran"];
            let w = Spawned::spawn(scene.etcdkit(&args), scene.dir(), &format!("w{i}"));
            scene.wait_keys(i + 2);
            w
        })
        .collect();
    // Two of three members die: no quorum, nothing can renew a lease, and nothing expires.
    scene.etcd.kill(0);
    scene.etcd.kill(1);
    // The holder cannot know its lease lives on: it stops its command (exit 7). The waiters,
    // as etcdctl's do, wait for etcd to say whether their places still stand.
    holder.wait(60).expect_code(7);
    for w in &mut waiters {
        assert!(w.running(), "a waiter gave up: {}", w.stderr());
    }
    assert!(!scene.path("ran").exists(), "a waiter ran its command");
    scene.etcd.start(0);
    scene.etcd.start(1);
    // Their leases lived on: each goes in turn, once the holder's lease has run out.
    for w in &mut waiters {
        let run = w.wait(60);
        run.expect_code(0);
        assert!(!run.stderr.contains("ended"), "{}", run.stderr);
    }
    assert!(scene.path("ran").exists(), "the waiters ran their command");
}
