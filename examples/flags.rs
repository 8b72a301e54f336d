//! Feature flags: turn a feature on for a share of users, widen the share without a deploy,
//! and keep every user's answer stable while it widens.
//!
//! The example defines `new-checkout` (flagd's format: variants `on`/`off`, targeting
//! `fractional` 10/90 by user), evaluates it in-process for 10,000 users through a [`Live`]
//! evaluator (a watched copy of the flag set: no round trip per evaluation) and finds about
//! 10% on; then rolls out to 50/50 with [`FlagStore::set`] (guarded on the revision it read),
//! waits for the live evaluator to follow, finds about 50% on, and checks that every user who
//! had the feature at 10% still has it (bucketing is sticky: a user's bucket depends only on
//! the flag key and the user's `targetingKey`).
//!
//! ```text
//! scripts/dev-cluster up
//! cargo run --example flags -- --endpoints 127.0.0.1:2379
//! ```
//!
//! Safety: every definition is validated before it is written, so a typo cannot reach the
//! evaluators; a write guarded with `Expect::Revision` is refused when someone changed the
//! flag meanwhile. Evaluators keep the last flag set they read while etcd is unreachable (a
//! partition freezes a rollout, it does not undo it), and an evaluation always returns a
//! value: the caller's default when the flag is missing or broken. Widening keeps users on;
//! narrowing (50% -> 10%) turns the users in the removed buckets off.

mod common;

use etcdkit::conn::Target;

use std::collections::BTreeSet;

use etcdkit::config::Expect;
use etcdkit::flags::{self, Context, EvaluatorOptions, FlagStore, Live};
use serde_json::{json, Value};

const FLAG: &str = "new-checkout";
const USERS: usize = 10_000;

#[tokio::main]
async fn main() {
    let ex = common::Example::from_args("flags");
    ex.run(async |target, client| run(&ex, target, client).await)
        .await
}

async fn run(
    ex: &common::Example,
    target: &Target,
    client: &etcd_client::Client,
) -> Result<String, String> {
    let root = flags::root(&ex.key("flags")).map_err(|e| e.to_string())?;
    let store = FlagStore::new(target, client, root.clone());

    let written = store
        .set(
            FLAG,
            rollout(10),
            Expect::Absent,
            Some("start at 10%".into()),
        )
        .await
        .map_err(|e| e.to_string())?;
    ex.say(format!(
        "defined {FLAG}: on for 10% of users, off for 90% (revision {})",
        written.revision
    ));
    let live = Live::start(target, root, EvaluatorOptions::default(), None)
        .await
        .map_err(|e| e.to_string())?;
    let at_10 = live.wait_for_revision(written.revision).await;
    let on_at_10 = users_on(|ctx| at_10.evaluator.evaluate_as(FLAG, ctx, false).value);
    ex.say(format!(
        "evaluated for {USERS} users in-process: {} on ({:.1}%)",
        on_at_10.len(),
        percent(on_at_10.len())
    ));

    let stored = store.get(FLAG).await.map_err(|e| e.to_string())?;
    let widened = store
        .set(
            FLAG,
            rollout(50),
            Expect::Revision(stored.mod_revision),
            Some("widen to 50%".into()),
        )
        .await
        .map_err(|e| e.to_string())?;
    ex.say(format!(
        "rolled out to 50/50 with FlagStore::set, if unchanged since revision {} (revision {})",
        stored.mod_revision, widened.revision
    ));
    let at_50 = live.wait_for_revision(widened.revision).await;
    ex.say(format!(
        "the live evaluator follows: it is at revision {}",
        at_50.revision()
    ));
    let on_at_50 = users_on(|ctx| at_50.evaluator.evaluate_as(FLAG, ctx, false).value);
    let dropped = on_at_10.difference(&on_at_50).count();
    ex.say(format!(
        "evaluated again: {} on ({:.1}%); of the {} users on at 10%, {dropped} turned off",
        on_at_50.len(),
        percent(on_at_50.len()),
        on_at_10.len()
    ));

    let near = |on: usize, share: f64| (percent(on) - share).abs() < 3.0;
    match (
        near(on_at_10.len(), 10.0),
        near(on_at_50.len(), 50.0),
        dropped,
    ) {
        (true, true, 0) => Ok(format!(
            "{:.1}% on at 10%, {:.1}% on at 50%, and every user on at 10% stayed on",
            percent(on_at_10.len()),
            percent(on_at_50.len())
        )),
        _ => Err(format!(
            "{} on at 10%, {} on at 50%, {dropped} users lost the feature while it widened",
            on_at_10.len(),
            on_at_50.len()
        )),
    }
}

/// `new-checkout` on for `percent`% of users (by `targetingKey`), off for the rest.
fn rollout(percent: u32) -> Value {
    json!({
        "state": "ENABLED",
        "variants": {"on": true, "off": false},
        "defaultVariant": "off",
        "targeting": {"fractional": [["on", percent], ["off", 100 - percent]]}
    })
}

/// The users (`user-0` .. `user-9999`) for whom `evaluate` says on.
fn users_on(evaluate: impl Fn(&Context) -> Option<bool>) -> BTreeSet<usize> {
    (0..USERS)
        .filter(|n| {
            let mut context = Context::new();
            context.insert("targetingKey".into(), format!("user-{n}").into());
            evaluate(&context) == Some(true)
        })
        .collect()
}

fn percent(n: usize) -> f64 {
    n as f64 * 100.0 / USERS as f64
}
