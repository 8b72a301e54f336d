//! Requests that may be sent twice go around a member cut off mid-run: a partitioned member
//! neither answers nor fails, and a request the balancer sent there was stuck until the
//! command timeout (the nemesis's `etcdkit lock` runs exited 4 with two members answering).

use etcdkit::conn::ConnectOptions;

use crate::support::{in_netns, Etcd, Network};

#[test]
fn reads_go_around_a_member_cut_off_after_the_client_connected() {
    let net = Network::new(3);
    let etcd = Etcd::builder().network(&net).start();
    etcd.put("/requests/k", "v");
    let endpoints: Vec<String> = etcd.endpoints().split(',').map(str::to_owned).collect();
    in_netns(&net.client().netns, || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        rt.block_on(async {
            let conn = ConnectOptions {
                endpoints,
                ..ConnectOptions::default()
            };
            let target = conn.resolve().expect("the endpoints");
            let client = target.connect().await.expect("connect to all three");
            let kv = client.kv_client();
            // Every member is reached once before the cut (the balancer has a connection to
            // each).
            for _ in 0..6 {
                conn.get_with_retry(&kv, "/requests/k", None)
                    .await
                    .expect("a read before the cut");
            }
            net.partition(0);
            // Each read, wherever the balancer sends it, is answered within the command
            // timeout: an attempt stuck on the cut-off member is sent again.
            for i in 0..20 {
                let got = conn.get_with_retry(&kv, "/requests/k", None).await;
                let got = got.unwrap_or_else(|e| panic!("read {i} with m0 cut off: {e}"));
                assert_eq!(got.kvs()[0].value(), b"v");
            }
            net.heal(0);
        });
    });
}
