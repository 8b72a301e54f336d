//! Errors as the user sees them: `error: ...` and `help: ...` on stderr, an exit code, and,
//! for programs that read stdout, a JSON document (`-o json`) or a Nagios status line.
//!
//! clap's own errors (bad flags) are reshaped into the same two lines.

use std::io::{IsTerminal, Write};

use serde::Serialize;

use super::{Format, Output};
use crate::conn::shown;
use crate::error::{Error, ExitStatus};

/// What a program reading stdout expects when the command fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorDocument {
    /// Nothing on stdout (tables and plain output).
    None,
    /// One JSON document: `{"error": {...}}` (health adds `"status": "unknown"`).
    Json {
        /// The command is `health`.
        health: bool,
    },
    /// The Nagios plugin status line `ETCD UNKNOWN: ...` (health with `--nagios` or `-o plain`).
    Nagios,
}

impl ErrorDocument {
    /// The document for a command's chosen format.
    pub fn for_format(format: Format, health: bool, nagios: bool) -> ErrorDocument {
        match format {
            _ if health && nagios => ErrorDocument::Nagios,
            Format::Json => ErrorDocument::Json { health },
            Format::Plain if health => ErrorDocument::Nagios,
            _ => ErrorDocument::None,
        }
    }
}

/// Prints `error` and returns the exit status. A closed stdout (`etcdkit ... | head`) is not an
/// error: it exits 0 without a word.
pub fn report(error: &Error, output: &Output, document: ErrorDocument) -> ExitStatus {
    if let Error::Io { source, .. } = error {
        if source.kind() == std::io::ErrorKind::BrokenPipe {
            return ExitStatus::Ok;
        }
    }
    let status = error.exit_status();
    let hint = error.hint();
    emit(
        &error.to_string(),
        hint.as_deref(),
        status,
        document,
        output.stderr_color(),
    );
    status
}

/// Prints a clap error (a bad flag or argument) in etcdkit's shape and returns the exit status.
pub fn report_clap(error: &clap::Error, document: ErrorDocument) -> ExitStatus {
    let (message, hint) = reshape_clap(error);
    let color = crate::cli::output::color_allowed(std::io::stderr().is_terminal());
    emit(
        &message,
        hint.as_deref(),
        ExitStatus::Usage,
        document,
        color,
    );
    ExitStatus::Usage
}

fn emit(message: &str, hint: Option<&str>, status: ExitStatus, doc: ErrorDocument, color: bool) {
    let message = one_line(message);
    let hint = hint.map(one_line);
    let stdout = match doc {
        ErrorDocument::None => None,
        ErrorDocument::Json { health } => {
            let time = crate::cli::output::now();
            let report = JsonError {
                time: &time,
                status: health.then_some("unknown"),
                error: JsonErrorBody {
                    message: &message,
                    hint: hint.as_deref(),
                    exit_code: status.code(),
                    kind: kind(status),
                },
            };
            // One line: also a valid line of the JSON Lines that streaming commands print.
            serde_json::to_string(&report).ok().map(|j| j + "\n")
        }
        ErrorDocument::Nagios => Some(format!("ETCD UNKNOWN: {message}\n")),
    };
    if let Some(text) = stdout {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    }
    let (error_word, help_word) = if color {
        ("\x1b[1;31merror\x1b[0m", "\x1b[1;36mhelp\x1b[0m")
    } else {
        ("error", "help")
    };
    let mut text = format!("{error_word}: {message}\n");
    if let Some(h) = hint {
        text.push_str(&format!("{help_word}: {h}\n"));
    }
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

#[derive(Serialize)]
struct JsonError<'a> {
    time: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    error: JsonErrorBody<'a>,
}

#[derive(Serialize)]
struct JsonErrorBody<'a> {
    /// `usage`, `unavailable`, `auth`, `lost`, `failure`, ...
    kind: &'static str,
    message: &'a str,
    hint: Option<&'a str>,
    exit_code: u8,
}

fn kind(status: ExitStatus) -> &'static str {
    match status {
        ExitStatus::Usage => "usage",
        ExitStatus::Unavailable => "unavailable",
        ExitStatus::Auth => "auth",
        ExitStatus::Lost => "lost",
        ExitStatus::Negative => "negative",
        ExitStatus::CannotRun => "cannot_run",
        _ => "failure",
    }
}

/// Text safe for one terminal line: control characters escaped, lines joined.
fn one_line(text: &str) -> String {
    let joined: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    shown(&joined.join(" "))
}

/// clap's message and its tips, usage and pointer to `--help` as one help line. A bad value
/// that came from an environment variable names the variable, not the flag.
fn reshape_clap(error: &clap::Error) -> (String, Option<String>) {
    let rendered = error.render().to_string();
    let mut message = String::new();
    let mut help: Vec<String> = Vec::new();
    for line in rendered.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(m) = line.strip_prefix("error: ") {
            message = m.to_string();
        } else if let Some(tip) = line.strip_prefix("tip: ") {
            help.push(tip.to_string());
        } else if let Some(usage) = line.strip_prefix("Usage: ") {
            help.push(format!("usage: {usage}"));
        } else if line.starts_with("For more information") {
            help.push("see --help".to_string());
        } else if message.is_empty() {
            message = line.to_string();
        } else {
            help.push(line.to_string());
        }
    }
    if let Some(renamed) = from_environment(error, &message) {
        message = renamed;
    }
    let hint = (!help.is_empty()).then(|| help.join("; "));
    (message, hint)
}

/// The message for an invalid value that clap read from the flag's environment variable.
fn from_environment(error: &clap::Error, message: &str) -> Option<String> {
    use clap::error::{ContextKind, ContextValue};
    let ContextValue::String(arg) = error.get(ContextKind::InvalidArg)? else {
        return None;
    };
    let ContextValue::String(value) = error.get(ContextKind::InvalidValue)? else {
        return None;
    };
    let long = arg.split_whitespace().next()?.strip_prefix("--")?;
    let env = env_of(&super::command(), long)?;
    if std::env::var(&env).ok().as_deref() != Some(value.as_str()) || flag_given(long) {
        return None;
    }
    Some(message.replace(&format!("for '{arg}'"), &format!("in {env} (for --{long})")))
}

/// The environment variable of the flag `--long`, anywhere in the command tree.
fn env_of(command: &clap::Command, long: &str) -> Option<String> {
    command
        .get_arguments()
        .find(|a| a.get_long() == Some(long))
        .and_then(|a| a.get_env())
        .map(|e| e.to_string_lossy().into_owned())
        .or_else(|| command.get_subcommands().find_map(|sub| env_of(sub, long)))
}

/// The command line up to a bare `--`, as text (never panics on arguments that are not UTF-8).
fn arguments() -> impl Iterator<Item = String> {
    std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .take_while(|a| a != "--")
}

/// `--long` (or `--long=...`) is on the command line, before any bare `--`.
pub(crate) fn flag_given(long: &str) -> bool {
    let flag = format!("--{long}");
    arguments().any(|a| a == flag || a.starts_with(&format!("{flag}=")))
}

impl ErrorDocument {
    /// The error document to use when clap could not parse the command line: read from the raw
    /// arguments (and ETCDKIT_OUTPUT), since there are no parsed flags.
    pub fn from_args() -> ErrorDocument {
        let args: Vec<String> = arguments().collect();
        let mut format = std::env::var("ETCDKIT_OUTPUT").ok();
        for (i, a) in args.iter().enumerate() {
            let next = args.get(i + 1).cloned();
            let value = match a.as_str() {
                "-o" | "-w" | "--output" | "--write-out" => next,
                _ => ["--output=", "--write-out=", "-o", "-w"]
                    .iter()
                    .find_map(|p| a.strip_prefix(p))
                    .map(|v| v.trim_start_matches('=').to_string()),
            };
            if value.is_some() {
                format = value;
            }
        }
        let health = args.iter().any(|a| a == "health");
        let nagios = args.iter().any(|a| a == "--nagios");
        let format = match format.as_deref() {
            Some("json") => Format::Json,
            Some("plain" | "simple") => Format::Plain,
            _ => Format::Table,
        };
        ErrorDocument::for_format(format, health, nagios)
    }
}
