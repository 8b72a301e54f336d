//! Service discovery: instances of a service register themselves, clients find the ones that
//! are there now, and an instance that goes away drops out of every client's view.
//!
//! Three instances of `api` register (each a [`Registration`]: its keys kept on a lease of its
//! own), a [`Resolver`] (a live, watched view of the service) sees the three, picks one in
//! turn, and once the second instance's registration ends the resolver no longer lists it.
//!
//! ```text
//! scripts/dev-cluster up
//! cargo run --example discovery -- --endpoints 127.0.0.1:2379
//! ```
//!
//! Safety: an instance's keys live on its registrar's lease, so an instance whose process
//! dies (no `close`) disappears by itself within its TTL (here 5 s); the TTL is how long
//! clients may still be handed a dead address. A registrar cut off from etcd by a partition
//! loses its keys the same way when its lease expires, and puts them back once it reaches
//! etcd again. Clients read a mirror kept by a watch: a pick costs no round trip, and a
//! resolver that loses its member resumes from the revision it had.

mod common;

use etcdkit::conn::Target;

use etcdkit::concurrency::session::Ttl;
use etcdkit::discover::{Instance, Layout, RegisterOptions, Registry, Resolver, Strategy};

const SERVICE: &str = "api";

#[tokio::main]
async fn main() {
    let ex = common::Example::from_args("discovery");
    ex.run(async |target, client| run(&ex, target, client).await)
        .await
}

async fn run(
    ex: &common::Example,
    target: &Target,
    client: &etcd_client::Client,
) -> Result<String, String> {
    let layout = Layout::new(&ex.key("services")).map_err(|e| e.to_string())?;
    let registry = Registry::new(target, client, layout.clone());

    let mut registrations = Vec::new();
    for (n, port) in [(1, 8081), (2, 8082), (3, 8083)] {
        let registration = registry
            .register(RegisterOptions {
                service: SERVICE.into(),
                id: Some(format!("api-{n}")),
                addr: format!("127.0.0.1:{port}"),
                tags: vec![],
                meta: Default::default(),
                weight: 1,
                ttl: Ttl::from_secs(5),
                check: None,
                deregister_after: None,
            })
            .await
            .map_err(|e| e.to_string())?;
        ex.say(format!(
            "instance api-{n} registered at 127.0.0.1:{port} (on a lease of 5 s)"
        ));
        registrations.push(registration);
    }

    let resolver = Resolver::start(target, &layout, SERVICE)
        .await
        .map_err(|e| e.to_string())?;
    let all = resolver
        .wait_for(|instances| instances.len() == 3)
        .await
        .map_err(|e| e.to_string())?;
    ex.say(format!("the resolver sees {}", ids(&all)));
    let turns: Vec<String> = (0..4)
        .map(|turn| resolver.pick(Strategy::RoundRobin, 1, turn)[0].id.clone())
        .collect();
    ex.say(format!(
        "four round-robin picks, from the resolver's copy (no round trip): {}",
        turns.join(", ")
    ));

    let leaving = registrations.remove(1);
    ex.say("instance api-2 shuts down: its registration ends (its lease is revoked)");
    leaving.close().await;
    let left = resolver
        .wait_for(|instances| instances.iter().all(|i| i.id != "api-2"))
        .await
        .map_err(|e| e.to_string())?;
    ex.say(format!("the resolver sees {}", ids(&left)));

    let picks: Vec<String> = (0..10)
        .flat_map(|turn| resolver.pick(Strategy::Random, 1, turn))
        .map(|i| i.id)
        .collect();
    for registration in registrations {
        registration.close().await;
    }
    if left.len() != 2 || picks.iter().any(|id| id == "api-2") {
        return Err(format!(
            "api-2 is still handed out after it left: {}, picks {picks:?}",
            ids(&left)
        ));
    }
    Ok(
        "the resolver saw three instances, then two once api-2 left, and never picked it after"
            .into(),
    )
}

fn ids(instances: &[Instance]) -> String {
    let ids: Vec<String> = instances
        .iter()
        .map(|i| format!("{} ({})", i.id, i.addr))
        .collect();
    format!("{} instance(s): {}", ids.len(), ids.join(", "))
}
