//! The one output formatter: every command's data goes out through [`Output::emit`].
//!
//! Data goes to stdout as a table, one JSON document, or plain text; streams use JSON Lines.
//! Status messages go to stderr. Colour only on a terminal and never with `NO_COLOR`.

use std::io::{IsTerminal, Write};

use comfy_table::{presets, Cell, ContentArrangement, Table};
use serde::Serialize;

use crate::error::{Error, Result};

/// How data is printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned tables for people.
    #[default]
    Table,
    /// One JSON document (JSON Lines for streams), for jq and programs.
    Json,
    /// Plain lines for scripts; `health` prints the Nagios plugin format.
    #[value(alias = "simple")]
    Plain,
}

/// A report that can be printed in every format.
pub trait Render: Serialize {
    /// The table form (may hold several tables and a closing line).
    fn table(&self, style: &Style) -> String;
    /// The plain-text form.
    fn plain(&self) -> String;
}

/// Whether to decorate tables.
pub struct Style {
    /// ANSI colours are allowed.
    pub color: bool,
}

impl Style {
    /// A new table with the project's look.
    pub fn table(&self, header: &[&str]) -> Table {
        let mut table = Table::new();
        table
            .load_style(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(header.iter().map(Cell::new));
        table
    }

    /// Paints `text` in an ANSI colour when colour is allowed.
    pub fn paint(&self, text: &str, color: Color) -> String {
        if !self.color {
            return text.to_string();
        }
        let code = match color {
            Color::Green => "32",
            Color::Yellow => "33",
            Color::Red => "31",
            Color::Magenta => "35",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    }
}

/// Colours the formatter knows.
#[derive(Debug, Clone, Copy)]
pub enum Color {
    /// Good.
    Green,
    /// Degraded.
    Yellow,
    /// Bad.
    Red,
    /// Unknown.
    Magenta,
}

/// How a streaming command (`watch-metrics`, `alert run`, `elect --observe`) prints its items.
///
/// The one stream policy: an explicit `-o` always wins; only the default follows the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamMode {
    /// The default or `-o table` on a terminal: tables for people (`watch-metrics` refreshes
    /// its table in place).
    Live,
    /// `-o table` without a terminal: one table after another.
    Tables,
    /// `-o json`, or the default without a terminal: one JSON object per line.
    JsonLines,
    /// `-o plain`: plain lines.
    Plain,
}

/// The stream policy, for a format (`None`: the default) and whether stdout is a terminal.
pub fn stream_mode(chosen: Option<Format>, stdout_is_tty: bool) -> StreamMode {
    match chosen {
        Some(Format::Json) => StreamMode::JsonLines,
        Some(Format::Plain) => StreamMode::Plain,
        Some(Format::Table) | None if stdout_is_tty => StreamMode::Live,
        Some(Format::Table) => StreamMode::Tables,
        None => StreamMode::JsonLines,
    }
}

/// The formatter for one run.
pub struct Output {
    /// The chosen format (the default when none was given).
    pub format: Format,
    /// The format was given (`-o`, `-w` or `ETCDKIT_OUTPUT`), not the default.
    explicit: bool,
    quiet: bool,
    stdout_color: bool,
    stderr_color: bool,
}

fn color_allowed(stream_is_tty: bool) -> bool {
    stream_is_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

impl Output {
    /// A formatter for `format` (`None`: the default); colour is decided here, once.
    pub fn new(format: Option<Format>, quiet: bool) -> Output {
        Output {
            format: format.unwrap_or_default(),
            explicit: format.is_some(),
            quiet,
            stdout_color: color_allowed(std::io::stdout().is_terminal()),
            stderr_color: color_allowed(std::io::stderr().is_terminal()),
        }
    }

    /// `--quiet` was given.
    pub fn is_quiet(&self) -> bool {
        self.quiet
    }

    /// Progress (a bench bar) goes to stderr: on a terminal and without `--quiet`, whatever
    /// the format of stdout (`-o json > file` still shows it).
    pub fn shows_progress(&self) -> bool {
        !self.quiet && std::io::stderr().is_terminal()
    }

    /// Colour allowed on stderr (for error reports).
    pub fn stderr_color(&self) -> bool {
        self.stderr_color
    }

    /// Prints a report in the chosen format.
    pub fn emit<T: Render>(&self, report: &T) -> Result<()> {
        self.emit_as(self.format, report)
    }

    /// Prints a report in a format a command's own flag chose (e.g. `health --nagios`).
    pub fn emit_as<T: Render>(&self, format: Format, report: &T) -> Result<()> {
        let text = match format {
            Format::Json => json(report)? + "\n",
            Format::Table => report.table(&Style {
                color: self.stdout_color,
            }),
            Format::Plain => report.plain(),
        };
        write_stdout(text.as_bytes())
    }

    /// How this run's streams print, by [`stream_mode`].
    pub fn stream_mode(&self) -> StreamMode {
        stream_mode(
            self.explicit.then_some(self.format),
            std::io::stdout().is_terminal(),
        )
    }

    /// Prints one item of a stream the way [`stream_mode`] says.
    pub fn emit_line<T: Render>(&self, item: &T) -> Result<()> {
        match self.stream_mode() {
            StreamMode::Live | StreamMode::Tables => self.emit_line_as(Format::Table, item),
            StreamMode::JsonLines => self.emit_line_as(Format::Json, item),
            StreamMode::Plain => self.emit_line_as(Format::Plain, item),
        }
    }

    /// Prints one item of a stream in a format the command chose.
    pub fn emit_line_as<T: Render>(&self, format: Format, item: &T) -> Result<()> {
        let text = match format {
            Format::Json => serde_json::to_string(item).map_err(json_error)? + "\n",
            Format::Table => item.table(&Style {
                color: self.stdout_color,
            }),
            Format::Plain => item.plain(),
        };
        write_stdout(text.as_bytes())
    }

    /// Prints the next state of a view that refreshes in place on a terminal (clear the
    /// screen, print the table); elsewhere the same as [`Output::emit_line`].
    pub fn refresh<T: Render>(&self, item: &T) -> Result<()> {
        if self.stream_mode() == StreamMode::Live {
            write_stdout(b"\x1b[H\x1b[2J")?;
        }
        self.emit_line(item)
    }

    /// Bytes that are already in their final form (a completion script), to stdout.
    pub fn emit_raw(&self, bytes: &[u8]) -> Result<()> {
        write_stdout(bytes)
    }

    /// A warning on stderr, shown even with `--quiet`: something the user must know.
    pub fn warn(&self, message: &str) {
        let _ = writeln!(std::io::stderr(), "{message}");
    }

    /// A status message on stderr, unless `--quiet`.
    pub fn status(&self, message: &str) {
        if !self.quiet {
            let _ = writeln!(std::io::stderr(), "{message}");
        }
    }
}

fn json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string_pretty(value).map_err(json_error)
}

fn json_error(e: serde_json::Error) -> Error {
    Error::Io {
        context: "cannot encode JSON".into(),
        source: e.into(),
    }
}

fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|source| Error::Io {
            context: "cannot write to stdout".into(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_format_wins_and_only_the_default_follows_the_terminal() {
        use StreamMode::*;
        for tty in [true, false] {
            assert_eq!(stream_mode(Some(Format::Json), tty), JsonLines);
            assert_eq!(stream_mode(Some(Format::Plain), tty), Plain);
        }
        assert_eq!(stream_mode(Some(Format::Table), true), Live);
        assert_eq!(stream_mode(Some(Format::Table), false), Tables);
        assert_eq!(stream_mode(None, true), Live);
        assert_eq!(stream_mode(None, false), JsonLines);
    }
}
