//! Client-side load balancing: spread requests over a service's instances, and stop sending
//! any to one that fails its health check, without a proxy in between.
//!
//! Three instances of `api` listen on local TCP ports and register with a TCP health check
//! (probed every 200 ms). A [`Resolver`] picks among the serving ones. Then instance `api-3`
//! stops listening: its check fails, its registrar takes it out of the serving keys, and
//! 3,000 picks go to `api-1` and `api-2` only, about half each.
//!
//! ```text
//! scripts/dev-cluster up
//! cargo run --example load_balancing -- --endpoints 127.0.0.1:2379
//! ```
//!
//! Safety: an instance is taken out once its check fails (here after one probe; with
//! `Thresholds::failures_before_critical` above 1 a single slow probe does not flap it), so
//! for up to one check interval plus a watch round trip clients may still pick it: retry a
//! failed request on another pick. A failing instance stays registered (listed with `--all`,
//! health `critical`) and comes back by itself once its check passes again. The check runs
//! in the registrar, next to the instance: a partition between a client and an instance is
//! not seen by it.

mod common;

use etcdkit::conn::Target;

use std::collections::BTreeMap;
use std::time::Duration;

use etcdkit::concurrency::session::Ttl;
use etcdkit::discover::check::{CheckSpec, Health, Probe, Thresholds};
use etcdkit::discover::{Layout, RegisterOptions, Registry, Resolver, Strategy};
use tokio::net::TcpListener;

const SERVICE: &str = "api";
const PICKS: usize = 3000;

#[tokio::main]
async fn main() {
    let ex = common::Example::from_args("load_balancing");
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

    let mut listeners = Vec::new();
    let mut registrations = Vec::new();
    for n in 1..=3 {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| e.to_string())?;
        let addr = listener
            .local_addr()
            .map_err(|e| e.to_string())?
            .to_string();
        let check = CheckSpec {
            probe: Probe::tcp(&addr).map_err(|e| e.to_string())?,
            interval: Duration::from_millis(200),
            timeout: Duration::from_secs(1),
            thresholds: Thresholds::default(),
        };
        let registration = registry
            .register(RegisterOptions {
                service: SERVICE.into(),
                id: Some(format!("api-{n}")),
                addr: addr.clone(),
                tags: vec![],
                meta: Default::default(),
                weight: 1,
                ttl: Ttl::from_secs(5),
                check: Some(check),
                deregister_after: None,
            })
            .await
            .map_err(|e| e.to_string())?;
        ex.say(format!(
            "instance api-{n} listens on {addr} and registers with a TCP check every 200 ms"
        ));
        listeners.push(listener);
        registrations.push(registration);
    }

    let resolver = Resolver::start(target, &layout, SERVICE)
        .await
        .map_err(|e| e.to_string())?;
    resolver
        .wait_for(|all| all.iter().filter(|i| i.serving()).count() == 3)
        .await
        .map_err(|e| e.to_string())?;
    let before = spread(&resolver);
    ex.say(format!(
        "{PICKS} random picks over 3 healthy instances: {before}"
    ));

    ex.say("instance api-3 stops listening: its TCP check starts failing");
    drop(listeners.pop());
    let after = resolver
        .wait_for(|all| {
            all.iter()
                .any(|i| i.id == "api-3" && i.health == Health::Critical)
        })
        .await
        .map_err(|e| e.to_string())?;
    let failing = after
        .iter()
        .find(|i| i.id == "api-3")
        .expect("waited for it");
    let output = failing
        .check
        .as_ref()
        .map(|c| c.status.output.clone())
        .unwrap_or_default();
    ex.say(format!(
        "the resolver sees api-3 critical ({output}); it is still registered, no longer serving"
    ));
    let counts = picks(&resolver);
    ex.say(format!("{PICKS} random picks now: {}", show(&counts)));

    for registration in registrations {
        registration.close().await;
    }
    let to_failing = counts.get("api-3").copied().unwrap_or(0);
    let fair = counts
        .values()
        .all(|&n| (PICKS * 2 / 5..=PICKS * 3 / 5).contains(&n));
    match (to_failing, counts.len(), fair) {
        (0, 2, true) => Ok(format!(
            "no pick went to the failing instance; the two healthy ones shared them ({})",
            show(&counts)
        )),
        _ => Err(format!(
            "picks after api-3 failed were {}; expected none to api-3 and about half to each other",
            show(&counts)
        )),
    }
}

/// How `PICKS` random picks fall, per instance.
fn picks(resolver: &Resolver) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for turn in 0..PICKS as u64 {
        for instance in resolver.pick(Strategy::Random, 1, turn) {
            *counts.entry(instance.id).or_insert(0) += 1;
        }
    }
    counts
}

fn spread(resolver: &Resolver) -> String {
    show(&picks(resolver))
}

fn show(counts: &BTreeMap<String, usize>) -> String {
    let parts: Vec<String> = counts.iter().map(|(id, n)| format!("{id} {n}")).collect();
    parts.join(", ")
}
