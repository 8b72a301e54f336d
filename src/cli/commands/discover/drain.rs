//! `etcdkit discover drain|undrain SERVICE ID`: take an instance out of service and back.

use clap::Args;

use crate::cli::output::Style;
use crate::cli::{Context, Render};
use crate::discover::{DrainOutcome, Layout};
use crate::error::{ExitStatus, Result};

/// The instance a drain is for.
#[derive(Debug, Args)]
pub struct InstanceArgs {
    /// The service
    pub service: String,
    /// The instance ID (see `etcdkit discover list SERVICE --all`)
    pub id: String,
}

/// Take an instance out of service (maintenance mode); it stays listed
///
/// Marks the instance drained: its registrar withdraws it from where clients look
/// (ROOT/SERVICE/) at once, and `list --all` shows it drained. The mark lasts until
/// `discover undrain`, also across restarts of the instance's registrar. Waits up to the
/// command timeout for the registrar to confirm.
///
/// Exit codes: 0 drained (a warning says so when the registrar did not confirm in time); 1 no
/// such instance is registered; 3 bad input; 4 etcd unreachable.
///
/// Examples:
///   etcdkit discover drain api 10.0.0.5:8080
///   etcdkit discover drain api web-3 && ./upgrade web-3 && etcdkit discover undrain api web-3
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct DrainArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
}

/// Put a drained instance back in service
///
/// Clears the drain mark: the registrar puts the instance back where clients look as soon as
/// its check passes. Clearing the mark of an instance that is not registered now is allowed (it
/// will serve when it registers). Waits up to the command timeout for the registrar to confirm.
///
/// Exit codes: 0 undrained; 3 bad input; 4 etcd unreachable.
///
/// Examples:
///   etcdkit discover undrain api 10.0.0.5:8080
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct UndrainArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
}

/// Runs `etcdkit discover drain` (`drained`) or `undrain`.
pub async fn run(
    ctx: &Context,
    layout: Layout,
    args: &InstanceArgs,
    drained: bool,
) -> Result<ExitStatus> {
    crate::discover::check_service(&args.service)?;
    crate::discover::check_id(&args.id)?;
    let registry = super::registry(ctx, layout).await?;
    let outcome = registry.drain(&args.service, &args.id, drained).await?;
    if outcome.instance.is_some() && !outcome.acknowledged {
        ctx.output().warn(&format!(
            "etcdkit: warning: the registrar of {}/{} did not confirm within the command timeout; it takes the change when it next reaches etcd",
            outcome.service, outcome.id
        ));
    }
    ctx.output().emit(&Drain(outcome))?;
    Ok(ExitStatus::Ok)
}

/// What drain and undrain print.
#[derive(serde::Serialize)]
struct Drain(DrainOutcome);

impl Render for Drain {
    fn table(&self, _style: &Style) -> String {
        let o = &self.0;
        match (o.drained, o.instance.is_some()) {
            (true, _) => format!(
                "{}/{} drained: out of service, still listed (etcdkit discover undrain {} {} puts it back)\n",
                o.service, o.id, o.service, o.id
            ),
            (false, true) => format!("{}/{} undrained: back in service once passing\n", o.service, o.id),
            (false, false) => format!(
                "{}/{} undrained (not registered now: it serves when it registers and passes)\n",
                o.service, o.id
            ),
        }
    }

    fn plain(&self) -> String {
        format!("{}/{}\n", self.0.service, self.0.id)
    }
}
