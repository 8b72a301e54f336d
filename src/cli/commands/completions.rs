//! `etcdkit completions SHELL`: a completion script on stdout.

use clap::Args;
use clap_complete::Shell;

use crate::cli::Context;
use crate::error::{Error, ExitStatus, Result};

/// Print a shell completion script
///
/// Examples:
///   etcdkit completions bash > /etc/bash_completion.d/etcdkit
///   etcdkit completions zsh > "${fpath[1]}/_etcdkit"
///   etcdkit completions fish > ~/.config/fish/completions/etcdkit.fish
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Runs `etcdkit completions`.
pub fn run(_ctx: &Context, args: &CompletionsArgs) -> Result<ExitStatus> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut crate::cli::command(), "etcdkit", &mut out);
    use std::io::Write;
    std::io::stdout()
        .lock()
        .write_all(&out)
        .map_err(|source| Error::Io {
            context: "cannot write to stdout".into(),
            source,
        })?;
    Ok(ExitStatus::Ok)
}
