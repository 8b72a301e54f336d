//! `etcdkit completions SHELL`: a completion script on stdout.

use clap::Args;
use clap_complete::Shell;

use crate::cli::Context;
use crate::error::{ExitStatus, Result};

/// Print a shell completion script
///
/// Examples:
///   etcdkit completions bash > /etc/bash_completion.d/etcdkit
///   etcdkit completions zsh > "${fpath[1]}/_etcdkit"
///   etcdkit completions fish > ~/.config/fish/completions/etcdkit.fish
///
/// Exit codes: 0 the script was printed; 3 an unknown shell; 6 stdout could not be written.
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Runs `etcdkit completions`.
pub fn run(ctx: &Context, args: &CompletionsArgs) -> Result<ExitStatus> {
    ctx.output()
        .emit_raw(&crate::cli::docs::completions(args.shell))?;
    Ok(ExitStatus::Ok)
}
