//! `etcdkit discover list SERVICE` and `etcdkit discover services`.

use clap::Args;
use serde::Serialize;

use crate::cli::output::{Color, Style};
use crate::cli::{Context, Render};
use crate::discover::{Instance, Layout, ServiceCounts};
use crate::error::{ExitStatus, Result};

/// List the instances of a service
///
/// Lists the instances that serve (passing, not drained), or with --all every registered one
/// with its health, check output and drain state.
///
/// Formats: a table on a terminal; -o plain prints one HOST:PORT per line, for shell loops
/// (`for a in $(etcdkit discover list api -o plain); do curl http://$a/health; done`); -o json
/// prints {"time", "service", "instances": [...]} with each instance's full record
/// (docs/json.md).
///
/// Exit codes: 0 listed (also when there is none); 3 bad input; 4 etcd unreachable.
///
/// Examples:
///   etcdkit discover list api
///   etcdkit discover list api --all
///   etcdkit discover list api -o json | jq -r '.instances[].addr'
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ListArgs {
    /// The service
    pub service: String,

    /// Every registered instance, whatever its health or drain state
    #[arg(long)]
    pub all: bool,
}

/// List every service with its instance counts
///
/// One line per service with a registered instance: how many instances it has, how many serve,
/// and how many are passing, warning, critical and drained.
///
/// Exit codes: 0 listed (also when there is none); 4 etcd unreachable.
///
/// Examples:
///   etcdkit discover services
///   etcdkit discover services -o json | jq '.services[] | select(.serving == 0) | .service'
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ServicesArgs {}

/// Runs `etcdkit discover list`.
pub async fn run(ctx: &Context, layout: Layout, args: &ListArgs) -> Result<ExitStatus> {
    crate::discover::check_service(&args.service)?;
    let registry = super::registry(ctx, layout).await?;
    let instances = registry.list(&args.service, args.all).await?;
    ctx.output().emit(&InstanceList {
        service: args.service.clone(),
        all: args.all,
        instances,
    })?;
    Ok(ExitStatus::Ok)
}

/// Runs `etcdkit discover services`.
pub async fn services(ctx: &Context, layout: Layout, _args: &ServicesArgs) -> Result<ExitStatus> {
    let registry = super::registry(ctx, layout).await?;
    let services = registry.services().await?;
    ctx.output().emit(&ServiceList { services })?;
    Ok(ExitStatus::Ok)
}

/// The instances of one service.
#[derive(Serialize)]
pub struct InstanceList {
    /// The service.
    pub service: String,
    /// Whether every registered instance is listed (else only the serving ones).
    #[serde(skip)]
    pub all: bool,
    /// The instances, by ID.
    pub instances: Vec<Instance>,
}

impl Render for InstanceList {
    fn table(&self, style: &Style) -> String {
        if self.instances.is_empty() {
            let what = if self.all { "registered" } else { "serving" };
            return format!("no {what} instance of {}\n", self.service);
        }
        let mut table =
            style.table(&["ID", "ADDR", "HEALTH", "SERVING", "WEIGHT", "TAGS", "CHECK"]);
        for i in &self.instances {
            table.add_row(vec![
                i.id.clone(),
                i.addr.clone(),
                health_word(i),
                if i.serving() { "yes" } else { "no" }.to_string(),
                i.weight.to_string(),
                i.tags.join(","),
                i.check
                    .as_ref()
                    .map(|c| format!("{} {}: {}", c.kind, c.target, c.status.output))
                    .unwrap_or_default(),
            ]);
        }
        style.fit(&mut table, &[4, 9, 8, 7, 6, 4, 8]);
        let rendered = format!("{table}\n");
        style.paint_column(
            &rendered,
            "HEALTH",
            &[
                ("passing", Color::Green),
                ("warning", Color::Yellow),
                ("critical", Color::Red),
            ],
        )
    }

    fn plain(&self) -> String {
        self.instances
            .iter()
            .map(|i| format!("{}\n", i.addr))
            .collect()
    }
}

/// An instance's health for a table, with its drain state.
pub(super) fn health_word(i: &Instance) -> String {
    match i.drained {
        true => format!("{} (drained)", i.health.as_str()),
        false => i.health.as_str().to_string(),
    }
}

/// Every service and its counts.
#[derive(Serialize)]
pub struct ServiceList {
    /// By name.
    pub services: Vec<ServiceCounts>,
}

impl Render for ServiceList {
    fn table(&self, style: &Style) -> String {
        if self.services.is_empty() {
            return "no service is registered\n".to_string();
        }
        let mut table = style.table(&[
            "SERVICE",
            "INSTANCES",
            "SERVING",
            "PASSING",
            "WARNING",
            "CRITICAL",
            "DRAINED",
        ]);
        for s in &self.services {
            table.add_row(vec![
                s.service.clone(),
                s.instances.to_string(),
                s.serving.to_string(),
                s.passing.to_string(),
                s.warning.to_string(),
                s.critical.to_string(),
                s.drained.to_string(),
            ]);
        }
        format!("{table}\n")
    }

    fn plain(&self) -> String {
        self.services
            .iter()
            .map(|s| format!("{}\n", s.service))
            .collect()
    }
}
