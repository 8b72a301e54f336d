//! `etcdkit discover watch SERVICE`: instances added, updated and removed, as they happen.

use std::collections::BTreeMap;

use clap::Args;
use serde::Serialize;

use crate::cli::output::Style;
use crate::cli::supervise::{self, Signals};
use crate::cli::{Context, Render};
use crate::discover::{Instance, Layout};
use crate::error::{ExitStatus, Result};
use crate::watch::{self as follow, EventKind, FollowOptions, Keys, Update};

/// Print a service's instances as they are added, updated and removed
///
/// First the instances registered now (each as `added`), then every change: `added` (a new
/// instance), `updated` (its health, drain state or record changed), `removed` (withdrawn, or
/// its registrar gone), each with the instance's record (the last one known for `removed`).
/// With --passing, only the serving view (what grpc clients see): an instance is `added` when it
/// starts to serve and `removed` when it stops. The watch goes on through a member lost, a
/// leader change and a compaction (the instances are read again and only the difference is
/// printed), so no change is lost or printed twice.
///
/// Formats: JSON Lines into a pipe or file or with -o json: {"time", "type", "service", "id",
/// "revision", "instance": {...}} (docs/json.md); a table on a terminal; -o plain prints
/// `TYPE ID HOST:PORT`.
///
/// Exit codes: 0 stopped by SIGINT or SIGTERM; 3 bad input; 4 etcd unreachable at the start.
///
/// Examples:
///   etcdkit discover watch api
///   etcdkit discover watch api --passing -o json | jq -c 'select(.type=="removed")'
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct WatchArgs {
    /// The service
    pub service: String,

    /// Only the serving view: passing, undrained instances
    #[arg(long)]
    pub passing: bool,
}

/// Runs `etcdkit discover watch`.
pub async fn run(ctx: &Context, layout: Layout, args: &WatchArgs) -> Result<ExitStatus> {
    crate::discover::check_service(&args.service)?;
    let mut signals = Signals::catch()?;
    let target = ctx.conn()?.resolve()?;
    let prefix = layout.records(&args.service);
    let options = FollowOptions {
        // At the start, an unreachable cluster is an error like for any command; once
        // watching, the watch waits for a member to come back.
        give_up_after: Some(target.options().dial_timeout),
        ..FollowOptions::new(Keys::prefix(prefix.as_str()))
    };
    let mut follower = tokio::select! {
        follower = follow::follow(&target, options) => follower?,
        sig = signals.next() => return Ok(supervise::interrupted_by(sig)),
    };
    let mut view = View {
        service: args.service.clone(),
        prefix,
        passing: args.passing,
        known: BTreeMap::new(),
    };
    loop {
        let update = tokio::select! {
            update = follower.next() => update?,
            sig = signals.next() => return Ok(supervise::stream_stopped_by(sig)),
        };
        follower.set_give_up_after(None);
        for change in view.apply(&update) {
            ctx.output().emit_line(&change)?;
        }
    }
}

/// The instances seen so far, and what a change of them means.
struct View {
    service: String,
    prefix: String,
    passing: bool,
    known: BTreeMap<String, Instance>,
}

impl View {
    /// The changes `update` makes to the view.
    fn apply(&mut self, update: &Update) -> Vec<Change> {
        let mut changes = Vec::new();
        for event in &update.events {
            let Some(id) = event
                .key
                .strip_prefix(self.prefix.as_bytes())
                .and_then(|id| std::str::from_utf8(id).ok())
            else {
                continue;
            };
            let now = match event.kind {
                EventKind::Put => Instance::decode(&self.service, id, &event.entry.value),
                EventKind::Delete => None,
            }
            .filter(|i| !self.passing || i.serving());
            let before = match &now {
                Some(instance) => self.known.insert(id.to_string(), instance.clone()),
                None => self.known.remove(id),
            };
            let (kind, instance) = match (before, now) {
                (None, Some(now)) => ("added", now),
                (Some(before), Some(now)) if before != now => ("updated", now),
                (Some(before), None) => ("removed", before),
                _ => continue,
            };
            changes.push(Change {
                kind,
                service: self.service.clone(),
                id: id.to_string(),
                revision: event.revision,
                instance,
            });
        }
        changes
    }
}

/// One line of `discover watch`.
#[derive(Serialize)]
struct Change {
    #[serde(rename = "type")]
    kind: &'static str,
    service: String,
    id: String,
    revision: i64,
    instance: Instance,
}

impl Render for Change {
    fn table(&self, _style: &Style) -> String {
        let i = &self.instance;
        let state = super::list::health_word(i);
        format!("{:<8} {} {} {state}\n", self.kind, self.id, i.addr)
    }

    fn plain(&self) -> String {
        format!("{} {} {}\n", self.kind, self.id, self.instance.addr)
    }
}
