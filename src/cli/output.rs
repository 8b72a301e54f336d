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

/// The formatter for one run.
pub struct Output {
    /// The chosen format.
    pub format: Format,
    quiet: bool,
    stdout_color: bool,
    stderr_color: bool,
}

fn color_allowed(stream_is_tty: bool) -> bool {
    stream_is_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

impl Output {
    /// A formatter for `format`; colour is decided here, once.
    pub fn new(format: Format, quiet: bool) -> Output {
        Output {
            format,
            quiet,
            stdout_color: color_allowed(std::io::stdout().is_terminal()),
            stderr_color: color_allowed(std::io::stderr().is_terminal()),
        }
    }

    /// `--quiet` was given.
    pub fn is_quiet(&self) -> bool {
        self.quiet
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

    /// Prints one item of a stream: a JSON line with `-o json`, else its plain form.
    pub fn emit_line<T: Render>(&self, item: &T) -> Result<()> {
        self.emit_line_as(self.format, item)
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

    /// Bytes that are already in their final form (a completion script), to stdout.
    pub fn emit_raw(&self, bytes: &[u8]) -> Result<()> {
        write_stdout(bytes)
    }

    /// Clears the terminal and moves to the top, for a table that refreshes in place.
    pub fn clear_screen(&self) -> Result<()> {
        write_stdout(b"\x1b[H\x1b[2J")
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
