//! `etcdkit health --cluster` on real three-member clusters: members down, quorum, split brain.

use std::time::Duration;

use crate::run::{check_status, etcdkit};
use crate::support::Etcd;

fn health_json(endpoints: &str, extra: &[&str]) -> (i32, serde_json::Value) {
    let mut args = vec![
        "health",
        "--endpoints",
        endpoints,
        "-o",
        "json",
        "--command-timeout",
        "1s",
    ];
    args.extend_from_slice(extra);
    let run = etcdkit(&args);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    (run.code, run.json())
}

#[test]
fn cluster_mode_finds_every_member_from_one_endpoint_and_tracks_failures() {
    let mut etcd = Etcd::cluster(3);
    let (code, r) = health_json(&etcd.endpoint(0), &["--cluster"]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["endpoints"].as_array().unwrap().len(), 3);
    assert_eq!(r["members"].as_array().unwrap().len(), 3);
    assert_eq!(check_status(&r, "quorum"), "ok");
    let leaders: Vec<_> = r["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["is_leader"] == true)
        .collect();
    assert_eq!(leaders.len(), 1, "exactly one leader");

    // Kill the leader: a new one is elected, one member of three is down -> WARNING.
    let old = etcd.wait_for_leader(Duration::from_secs(10));
    etcd.kill(old);
    etcd.wait_for_new_leader(old, Duration::from_secs(15));
    let live = (0..3).find(|i| *i != old).unwrap();
    let (code, r) = health_json(&etcd.endpoint(live), &["--cluster"]);
    assert_eq!(code, 1, "{r:#}");
    assert_eq!(check_status(&r, "quorum"), "warning");
    assert_eq!(check_status(&r, "leader"), "ok");
    let down: Vec<_> = r["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["healthy"] == false)
        .collect();
    assert_eq!(down.len(), 1, "{r:#}");
    assert_eq!(down[0]["endpoint"], etcd.endpoint(old).as_str());

    // Kill a second member: quorum is lost, the last member has no leader -> CRITICAL.
    let second = (0..3).find(|i| *i != old && *i != live).unwrap();
    etcd.kill(second);
    let (code, r) = health_json(&etcd.endpoint(live), &["--cluster"]);
    assert_eq!(code, 2, "{r:#}");
    assert_eq!(check_status(&r, "quorum"), "critical");
    assert!(
        r["summary"].as_str().unwrap().contains("quorum lost"),
        "{r:#}"
    );

    // Bring both back: healthy again.
    etcd.start(old);
    etcd.start(second);
    etcd.wait_for_leader(Duration::from_secs(15));
    let (code, r) = health_json(&etcd.endpoint(0), &["--cluster"]);
    assert_eq!(code, 0, "{r:#}");
}

#[test]
fn two_clusters_behind_one_endpoint_list_are_split_brain() {
    let a = Etcd::single();
    let b = Etcd::single();
    let endpoints = format!("{},{}", a.endpoint(0), b.endpoint(0));
    let (code, r) = health_json(&endpoints, &[]);
    assert_eq!(code, 2, "{r:#}");
    assert_eq!(check_status(&r, "split_brain"), "critical");
    assert!(r["cluster_id"].is_null());
}

#[test]
fn without_cluster_mode_a_partial_view_says_so() {
    let etcd = Etcd::cluster(3);
    let (code, r) = health_json(&etcd.endpoint(1), &[]);
    assert_eq!(code, 0, "{r:#}");
    let quorum = crate::run::check(&r, "quorum");
    assert!(
        quorum["message"].as_str().unwrap().contains("--cluster"),
        "{quorum}"
    );
    assert_eq!(r["endpoints"].as_array().unwrap().len(), 1);
}

#[test]
fn a_frozen_member_times_out_instead_of_hanging_the_check() {
    let etcd = Etcd::cluster(3);
    let leader = etcd.wait_for_leader(Duration::from_secs(10));
    let frozen = (leader + 1) % 3;
    etcd.pause(frozen);
    let started = std::time::Instant::now();
    let (code, r) = health_json(
        &etcd.endpoint(leader),
        &[
            "--cluster",
            "--command-timeout",
            "500ms",
            "--dial-timeout",
            "500ms",
        ],
    );
    etcd.resume(frozen);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the check waited {:?}",
        started.elapsed()
    );
    assert_eq!(code, 1, "{r:#}");
    let stuck = r["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["endpoint"] == etcd.endpoint(frozen).as_str())
        .unwrap();
    assert_eq!(stuck["healthy"], false);
    assert!(
        stuck["error"]
            .as_str()
            .unwrap()
            .contains("did not answer within"),
        "{stuck}"
    );
}

#[test]
fn cluster_mode_still_asks_every_given_endpoint() {
    // Two separate clusters: --cluster must not follow A's member list and drop B.
    let a = Etcd::cluster(3);
    let b = Etcd::single();
    for (first, second) in [
        (a.endpoint(0), b.endpoint(0)),
        (b.endpoint(0), a.endpoint(1)),
    ] {
        let endpoints = format!("{first},{second}");
        let (code, r) = health_json(&endpoints, &["--cluster"]);
        assert_eq!(code, 2, "{endpoints}: {r:#}");
        assert_eq!(r["status"], "critical");
        assert_eq!(check_status(&r, "split_brain"), "critical", "{r:#}");
        // Leaders are compared within one cluster: two clusters are not a "partition".
        assert_eq!(check_status(&r, "leader"), "ok", "{r:#}");
        assert!(r["cluster_id"].is_null(), "{r:#}");
        let asked: Vec<&str> = r["endpoints"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["endpoint"].as_str().unwrap())
            .collect();
        assert!(asked.contains(&first.as_str()), "{asked:?}");
        assert!(asked.contains(&second.as_str()), "{asked:?}");
    }
    // One cluster, one member given under another name: asked once, no split brain.
    let other_spelling = a.endpoint(0).replace("127.0.0.1", "localhost");
    let endpoints = format!("{},{other_spelling}", a.endpoint(1));
    let (code, r) = health_json(&endpoints, &["--cluster"]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["endpoints"].as_array().unwrap().len(), 3, "{r:#}");
}

#[test]
fn a_listed_member_that_does_not_answer_is_named_as_such() {
    let mut etcd = Etcd::cluster(3);
    etcd.wait_for_leader(Duration::from_secs(10));
    etcd.stop(2);
    // Found through --cluster, not given: the hint says where it came from.
    let run = etcdkit(&[
        "health",
        "--endpoints",
        &etcd.endpoint(0),
        "--cluster",
        "--command-timeout",
        "1s",
    ]);
    run.expect_code(1);
    let hint = format!(
        "help: {} is in the cluster's member list (member \"{}\") but does not answer; is it down?",
        etcd.endpoint(2),
        etcd.member_name(2)
    );
    assert_eq!(run.stderr.matches(&hint).count(), 1, "{}", run.stderr);
    assert!(!run.stderr.contains("is etcd running"), "{}", run.stderr);

    // Given by the user: the usual hint about the address they gave.
    let both = format!("{},{}", etcd.endpoint(0), etcd.endpoint(2));
    let run = etcdkit(&[
        "health",
        "--endpoints",
        &both,
        "--cluster",
        "--command-timeout",
        "1s",
    ]);
    run.expect_code(1);
    assert!(!run.stderr.contains("member list"), "{}", run.stderr);
    assert!(run.stderr.contains("is etcd running"), "{}", run.stderr);
}
