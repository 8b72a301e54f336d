//! Elections through an etcd leader change, and the election library's proclaim and resign.

use std::process::{Child, Stdio};
use std::time::Duration;

use etcdkit::concurrency::elect::{self, Observer};
use etcdkit::concurrency::session::{Session, Ttl};

use crate::elect::leader_of;
use crate::run::{etcdkit_command, wait_until};
use crate::support::Etcd;

fn spawn(args: &[&str]) -> Child {
    etcdkit_command()
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// What a finished child said on stderr.
fn stderr_of(child: &mut Child) -> String {
    let mut text = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut err, &mut text);
    }
    text
}

#[test]
fn leadership_survives_an_etcd_leader_change_and_fails_over_after() {
    let mut etcd = Etcd::cluster(3);
    let eps = etcd.endpoints();
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("ran");
    let script = |tag: &str| format!("echo {tag} >> {}; exec sleep 60", log.display());
    let (sa, sb) = (script("a"), script("b"));
    let mut a = spawn(&[
        "elect",
        "/ec/x",
        "--ttl",
        "3s",
        "--proposal",
        "a",
        "--endpoints",
        &eps,
        "--",
        "sh",
        "-c",
        &sa,
    ]);
    wait_until("a to lead", Duration::from_secs(10), || {
        leader_of(&eps, "/ec/x").as_deref() == Some("a")
    });
    let mut b = spawn(&[
        "elect",
        "/ec/x",
        "--ttl",
        "3s",
        "--proposal",
        "b",
        "--endpoints",
        &eps,
        "--",
        "sh",
        "-c",
        &sb,
    ]);

    // b stands by: its candidate key is in line (it has started, all requests done).
    wait_until("b's candidate key", Duration::from_secs(10), || {
        etcd.etcdctl_ok(&["get", "/ec/x/", "--prefix", "--keys-only"])
            .lines()
            .filter(|l| !l.is_empty())
            .count()
            == 2
    });

    // The etcd leader dies; the session lease lives on in the new etcd leader.
    let old = etcd.wait_for_leader(Duration::from_secs(10));
    etcd.kill(old);
    etcd.wait_for_new_leader(old, Duration::from_secs(15));
    std::thread::sleep(Duration::from_secs(5)); // longer than the TTL
    if let Some(status) = a.try_wait().unwrap() {
        panic!(
            "a stopped ({status}) through the etcd leader change:\n{}",
            stderr_of(&mut a)
        );
    }
    let live = (0..3)
        .filter(|i| *i != old)
        .map(|i| etcd.endpoint(i))
        .collect::<Vec<_>>()
        .join(",");
    assert_eq!(leader_of(&live, "/ec/x").as_deref(), Some("a"));
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        "a\n",
        "never two leaders"
    );

    // Now the etcdkit leader dies: b takes over through the new etcd leader.
    unsafe { libc::kill(a.id() as i32, libc::SIGKILL) };
    a.wait().unwrap();
    let took_over = std::time::Instant::now() + Duration::from_secs(15);
    while !std::fs::read_to_string(&log).is_ok_and(|s| s == "a\nb\n") {
        if std::time::Instant::now() > took_over || b.try_wait().unwrap().is_some() {
            unsafe { libc::kill(b.id() as i32, libc::SIGTERM) };
            let _ = b.wait();
            panic!("b did not take over; b said:\n{}", stderr_of(&mut b));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    unsafe { libc::kill(b.id() as i32, libc::SIGTERM) };
    b.wait().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_library_campaigns_proclaims_and_resigns() {
    let etcd = Etcd::single();
    let (target, client) = etcd.connect().await;
    let mut observer = Observer::new(&client, &target, "/lib/e").unwrap();
    assert!(observer.next().await.unwrap().leader.is_none());

    let session = Session::new(&target, &client, Ttl::from_secs(5))
        .await
        .unwrap();
    let mut leadership = elect::campaign(&session, "/lib/e", "first").await.unwrap();
    let seen = observer.next().await.unwrap().leader.unwrap();
    assert_eq!(seen.proposal.as_deref(), Some("first"));
    assert_eq!(seen.revision, leadership.revision());

    leadership.proclaim("second").await.unwrap();
    let seen = observer.next().await.unwrap().leader.unwrap();
    assert_eq!(seen.proposal.as_deref(), Some("second"));
    assert_eq!(seen.key, leadership.key(), "the same leader, a new value");

    leadership.resign().await.unwrap();
    assert!(observer.next().await.unwrap().leader.is_none());
    assert!(elect::leader(&client, target.options(), "/lib/e")
        .await
        .unwrap()
        .is_none());
    session.close().await;
}
