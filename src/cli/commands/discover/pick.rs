//! `etcdkit discover pick SERVICE`: addresses of serving instances, for `curl http://$(...)/`.

use clap::Args;
use serde::Serialize;

use crate::cli::output::Style;
use crate::cli::{Context, Format, Render};
use crate::discover::{pick, Instance, Layout, Strategy};
use crate::error::{Error, ExitStatus, Result};

/// Print the address of a serving instance (or several), for scripts
///
/// Reads the serving instances of SERVICE (passing, not drained) and prints the address of one
/// of them, chosen by --strategy, or of --count different ones, one HOST:PORT per line:
///   curl "http://$(etcdkit discover pick api)/"
/// Strategies: random (the default), weighted (in proportion to --weight), round-robin (the
/// next instance by ID after the one this user picked last on this host: a small counter per
/// service in $XDG_STATE_HOME/etcdkit/round-robin/, else ~/.local/state/etcdkit/round-robin/,
/// so that separate invocations rotate; it is not shared between hosts).
///
/// -o json prints {"time", "service", "strategy", "picked": [...]} with each picked instance's
/// full record; -o table a table. The default is the bare addresses, also on a terminal.
///
/// Exit codes: 0 picked (fewer than --count when fewer serve; a warning says so); 1 no instance
/// of SERVICE serves; 3 bad input; 4 etcd unreachable.
///
/// Examples:
///   etcdkit discover pick api --strategy round-robin
///   curl "http://$(etcdkit discover pick api)/v1/status"
///   etcdkit discover pick api --count 3 --strategy weighted
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct PickArgs {
    /// The service
    pub service: String,

    /// How to choose: random, round-robin or weighted
    #[arg(long, default_value = "random", value_parser = parse_strategy, value_name = "STRATEGY")]
    pub strategy: Strategy,

    /// How many different instances to print
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=10000), value_name = "N")]
    pub count: u32,
}

fn parse_strategy(text: &str) -> std::result::Result<Strategy, String> {
    text.parse::<Strategy>().map_err(|e| e.to_string())
}

/// Runs `etcdkit discover pick`.
pub async fn run(ctx: &Context, layout: Layout, args: &PickArgs) -> Result<ExitStatus> {
    crate::discover::check_service(&args.service)?;
    let registry = super::registry(ctx, layout.clone()).await?;
    let serving = registry.list(&args.service, false).await?;
    let serving: Vec<Instance> = serving.into_iter().filter(Instance::serving).collect();
    if serving.is_empty() {
        return Err(Error::NotFound {
            what: format!(
                "no instance of service {} serves (passing and not drained)",
                args.service
            ),
            hint: format!(
                "etcdkit discover list {} --all shows every registered instance and its health",
                args.service
            ),
        });
    }
    let count = args.count as usize;
    let turn = match args.strategy {
        Strategy::RoundRobin => {
            let conn = ctx.conn()?;
            super::turns::take(conn, &layout, &args.service, count as u64).unwrap_or_else(|e| {
                ctx.output().warn(&format!(
                    "etcdkit: warning: round-robin state not kept ({e}): starting at a random instance"
                ));
                fastrand::u64(..)
            })
        }
        _ => 0,
    };
    let picked: Vec<Instance> = pick(&serving, args.strategy, count, turn)
        .into_iter()
        .cloned()
        .collect();
    if picked.len() < count {
        ctx.output().warn(&format!(
            "etcdkit: warning: asked for {count} instances of {}, only {} serve",
            args.service,
            picked.len()
        ));
    }
    let report = Picked {
        service: args.service.clone(),
        strategy: args.strategy.as_str(),
        picked,
    };
    let format = ctx.output().chosen().unwrap_or(Format::Plain);
    ctx.output().emit_as(format, &report)?;
    Ok(ExitStatus::Ok)
}

/// What pick prints.
#[derive(Serialize)]
struct Picked {
    service: String,
    strategy: &'static str,
    picked: Vec<Instance>,
}

impl Render for Picked {
    fn table(&self, style: &Style) -> String {
        let mut table = style.table(&["ID", "ADDR", "WEIGHT", "TAGS"]);
        for i in &self.picked {
            table.add_row(vec![
                i.id.clone(),
                i.addr.clone(),
                i.weight.to_string(),
                i.tags.join(","),
            ]);
        }
        format!("{table}\n")
    }

    fn plain(&self) -> String {
        self.picked
            .iter()
            .map(|i| format!("{}\n", i.addr))
            .collect()
    }
}
