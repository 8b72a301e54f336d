//! The connection layer as a library: failover across endpoints, member discovery.

use std::time::Duration;

use etcdkit::conn::ConnectOptions;

use crate::run::etcdkit;
use crate::support::{free_port, Etcd};

fn options(endpoints: Vec<String>) -> ConnectOptions {
    ConnectOptions {
        endpoints,
        dial_timeout: Duration::from_secs(1),
        command_timeout: Duration::from_secs(2),
        ..ConnectOptions::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_fail_over_to_a_live_endpoint() {
    let mut etcd = Etcd::cluster(3);
    let dead = format!("127.0.0.1:{}", free_port());
    // A dead first endpoint costs a refused connection, not the request.
    let mut endpoints = vec![dead];
    endpoints.extend((0..3).map(|i| etcd.endpoint(i)));
    let conn = options(endpoints);
    let client = conn
        .connect()
        .await
        .expect("connects past the dead endpoint");
    client
        .clone()
        .put("failover", "before", None)
        .await
        .unwrap();

    // The member the client dialled first dies; requests go on through the others.
    etcd.kill(0);
    for i in 0..20 {
        let r = conn
            .retry_idempotent(|| {
                let mut c = client.clone();
                async move { c.get("failover", None).await }
            })
            .await
            .unwrap_or_else(|e| panic!("read {i} after the member died: {e}"));
        assert_eq!(r.kvs()[0].value(), b"before");
        conn.retry_idempotent(|| {
            let mut c = client.clone();
            async move { c.put("failover", "before", None).await }
        })
        .await
        .unwrap_or_else(|e| panic!("write {i} after the member died: {e}"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_member_list_comes_from_the_first_endpoint_that_answers() {
    let etcd = Etcd::cluster(3);
    let dead = format!("127.0.0.1:{}", free_port());
    let conn = options(vec![dead, etcd.endpoint(2)]);
    let (from, members) = conn.member_list().await.unwrap();
    assert_eq!(from, etcd.endpoint(2));
    assert_eq!(members.len(), 3);
}

#[test]
fn cluster_mode_discovers_members_past_a_dead_endpoint() {
    let etcd = Etcd::cluster(3);
    let dead = format!("127.0.0.1:{}", free_port());
    let endpoints = format!("{dead},{}", etcd.endpoint(1));
    let run = etcdkit(&[
        "health",
        "--cluster",
        "--endpoints",
        &endpoints,
        "-o",
        "json",
    ]);
    run.expect_code(0);
    let r = run.json();
    let found: Vec<&str> = r["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["endpoint"].as_str().unwrap())
        .collect();
    for i in 0..3 {
        assert!(found.contains(&etcd.endpoint(i).as_str()), "{found:?}");
    }
}

#[test]
fn an_added_learner_that_has_not_started_is_reported() {
    let etcd = Etcd::single();
    let peer = format!("http://127.0.0.1:{}", free_port());
    let out = etcd.etcdctl(&["member", "add", "late", "--learner", "--peer-urls", &peer]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run = etcdkit(&[
        "health",
        "--cluster",
        "--endpoints",
        &etcd.endpoint(0),
        "-o",
        "json",
    ]);
    let r = run.json();
    let members = r["members"].as_array().unwrap();
    assert_eq!(members.len(), 2);
    let learners = crate::run::check(&r, "learners");
    assert!(
        learners["message"].as_str().unwrap().contains("1 learner"),
        "{learners}"
    );
    // The learner is listed as an endpoint that has not started; quorum (one voter) holds.
    let eps = r["endpoints"].as_array().unwrap();
    assert_eq!(eps.len(), 2, "{r:#}");
    let late = eps
        .iter()
        .find(|e| e["healthy"] == false)
        .expect("the unstarted learner");
    assert!(
        late["error"].as_str().unwrap().contains("has not started"),
        "{late}"
    );
    let quorum = crate::run::check(&r, "quorum");
    assert_eq!(quorum["status"], "ok", "{quorum}");
    assert_eq!(run.code, 1, "an unreachable endpoint is a warning");
}
