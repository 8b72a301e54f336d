//! `etcdkit help [COMMAND... | TOPIC]`: a command's help, a guide, or the list of both.

use clap::Args;

use crate::cli::{topics, Context};
use crate::error::{Error, ExitStatus, Result};

/// Show a command's help or a help topic
///
/// With a command (`etcdkit help lock`, `etcdkit help bench write`) the same as its --help;
/// with a topic, a guide that belongs to no single command; with nothing, the commands and
/// the topics.
///
/// Examples:
///   etcdkit help connection
///   etcdkit help alert-config
///   etcdkit help bench write
///
/// Exit codes: 0 shown; 3 no such command or topic.
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct HelpArgs {
    /// A command (and its subcommand), or a topic: connection, alert-config
    #[arg(value_name = "COMMAND|TOPIC")]
    pub topic: Vec<String>,
}

/// Runs `etcdkit help`.
pub fn run(ctx: &Context, args: &HelpArgs) -> Result<ExitStatus> {
    let mut root = crate::cli::command_for_parsing();
    root.build();
    let text = match args.topic.as_slice() {
        [] => format!("{}\n", root.render_help()),
        [name] if topics::find(name).is_some() => {
            format!(
                "{}\n",
                topics::find(name).map(|t| t.text()).unwrap_or_default()
            )
        }
        path => {
            let mut command = &root;
            for (i, name) in path.iter().enumerate() {
                command = command
                    .get_subcommands()
                    .find(|c| c.get_name() == name && !c.is_hide_set())
                    .ok_or_else(|| unknown(&path[..=i], command))?;
            }
            command.clone().render_long_help().to_string()
        }
    };
    ctx.output().emit_raw(text.as_bytes())?;
    Ok(ExitStatus::Ok)
}

/// No command or topic by that name: the error, and what there is.
fn unknown(path: &[String], parent: &clap::Command) -> Error {
    let commands: Vec<&str> = parent
        .get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help")
        .map(|c| c.get_name())
        .collect();
    let mut hint = format!("the commands are {}", commands.join(", "));
    if path.len() == 1 {
        let names: Vec<&str> = topics::TOPICS.iter().map(|t| t.name).collect();
        hint.push_str(&format!("; the topics are {}", names.join(", ")));
    }
    let what = if path.len() == 1 {
        "no command or help topic"
    } else {
        "no command"
    };
    Error::usage_with_hint(format!("{what} named \"{}\"", path.join(" ")), hint)
}
