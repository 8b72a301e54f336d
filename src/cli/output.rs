//! The one output formatter: every command's data goes out through [`Output::emit`].
//!
//! Data goes to stdout as a table, one JSON document, or plain text; streams use JSON Lines.
//! Status messages go to stderr. Colour only on a terminal and never with `NO_COLOR`.

use std::io::{IsTerminal, Write};

use comfy_table::{presets, Cell, ColumnConstraint, ContentArrangement, Table};
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

/// Whether to decorate tables, and how wide they may be.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// ANSI colours are allowed.
    pub color: bool,
    /// The width to fit (`$COLUMNS`, else the terminal's); `None`: no limit.
    pub width: Option<u16>,
}

impl Style {
    /// A new table with the project's look; it fits [`Style::width`], wrapping long cells.
    pub fn table(&self, header: &[&str]) -> Table {
        let mut table = Table::new();
        table
            .load_style(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(header.iter().map(Cell::new));
        if let Some(width) = self.width {
            table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width);
        }
        table
    }

    /// Hides columns of `table`, in the order of `least_needed` (column indexes), while it is
    /// wider than the screen unwrapped; what stays wraps its long cells to fit.
    pub fn fit(&self, table: &mut Table, least_needed: &[usize]) {
        let Some(width) = self.width else { return };
        for &column in least_needed {
            table.set_content_arrangement(ContentArrangement::Disabled);
            let natural = table.trim_fmt().lines().map(visible_width).max();
            if natural.unwrap_or(0) <= usize::from(width) {
                break;
            }
            if let Some(c) = table.column_mut(column) {
                c.set_constraint(ColumnConstraint::Hidden);
            }
        }
        table.set_content_arrangement(ContentArrangement::Dynamic);
    }

    /// Paints the cells of one column of a rendered table (found by its header) by their
    /// word, after comfy-table measured the widths (escape codes would break them).
    pub fn paint_column(&self, rendered: &str, header: &str, colors: &[(&str, Color)]) -> String {
        let mut lines = rendered.lines();
        let Some(head) = lines.next() else {
            return rendered.to_string();
        };
        let at = match head.find(header) {
            Some(at) if self.color && head.is_ascii() => at,
            _ => return rendered.to_string(),
        };
        let mut out = format!("{head}\n");
        for line in lines {
            let cell = line.get(at..).and_then(|rest| {
                let word = rest.split(' ').next()?;
                let &(_, color) = colors.iter().find(|(w, _)| *w == word)?;
                Some((word, color))
            });
            match cell {
                Some((word, color)) => {
                    out += &line[..at];
                    out += &self.paint(word, color);
                    out += &line[at + word.len()..];
                }
                None => out += line,
            }
            out.push('\n');
        }
        if !rendered.ends_with('\n') {
            out.pop();
        }
        out
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

/// How a streaming command (`watch`, `watch-metrics`, `alert run`, `elect --observe`) prints its items.
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
    width: Option<u16>,
    stdout_color: bool,
    stderr_color: bool,
}

/// Colour on a stream: only on a terminal, never with `NO_COLOR` or `TERM=dumb`.
pub fn color_allowed(stream_is_tty: bool) -> bool {
    stream_is_tty
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
}

pub use crate::text::count;

/// The width tables fit: `$COLUMNS` when set (also into a pipe), else stdout's terminal's.
fn screen_width() -> Option<u16> {
    let columns = std::env::var("COLUMNS").ok();
    if let Some(c) = columns.and_then(|v| v.trim().parse::<u16>().ok()) {
        return (c > 0).then_some(c);
    }
    if !std::io::stdout().is_terminal() {
        return None;
    }
    terminal_size(libc::STDOUT_FILENO).map(|(columns, _)| columns)
}

/// The columns and rows of the terminal on descriptor `fd`, if it is one.
pub(crate) fn terminal_size(fd: libc::c_int) -> Option<(u16, u16)> {
    // SAFETY: TIOCGWINSZ writes one `winsize` into the zeroed struct it is given.
    let mut size: libc::winsize = unsafe { std::mem::zeroed() };
    let ok = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut size) } == 0;
    (ok && size.ws_col > 0).then_some((size.ws_col, size.ws_row))
}

/// Columns a line takes on screen (ANSI colour codes take none).
fn visible_width(line: &str) -> usize {
    let mut width = 0;
    let mut in_escape = false;
    for ch in line.chars() {
        match ch {
            '\x1b' => in_escape = true,
            'm' if in_escape => in_escape = false,
            _ if in_escape => {}
            _ => width += 1,
        }
    }
    width
}

/// Table-format text as it goes out: no trailing spaces, and lines wider than `width` (prose
/// around the tables) wrapped at spaces.
fn fit_text(text: &str, width: Option<u16>) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.trim_end();
        match width.map(usize::from) {
            Some(w) if visible_width(line) > w => {
                // Continuation lines keep the line's indent.
                let body = line.trim_start_matches(' ');
                let indent = &line[..line.len() - body.len()];
                let mut current = indent.to_string();
                for word in body.split(' ') {
                    let len = visible_width(&current);
                    if len > indent.len() && len + 1 + visible_width(word) > w {
                        out += current.trim_end();
                        out.push('\n');
                        current = indent.to_string();
                    }
                    if current.len() > indent.len() {
                        current.push(' ');
                    }
                    current += word;
                }
                out += current.trim_end();
            }
            _ => out += line,
        }
        out.push('\n');
    }
    if !text.ends_with('\n') {
        out.pop();
    }
    out
}

impl Output {
    /// A formatter for `format` (`None`: the default); colour is decided here, once.
    pub fn new(format: Option<Format>, quiet: bool) -> Output {
        Output {
            format: format.unwrap_or_default(),
            explicit: format.is_some(),
            quiet,
            width: screen_width(),
            stdout_color: color_allowed(std::io::stdout().is_terminal()),
            stderr_color: color_allowed(std::io::stderr().is_terminal()),
        }
    }

    /// The format given with `-o` (or `ETCDKIT_OUTPUT`), if any: for a command whose default
    /// is not the terminal's (`discover pick` prints bare addresses).
    pub fn chosen(&self) -> Option<Format> {
        self.explicit.then_some(self.format)
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

    /// How tables on stdout look: colour allowed or not, and the width to fit.
    pub fn stdout_style(&self) -> Style {
        Style {
            color: self.stdout_color,
            width: self.width,
        }
    }

    /// A report's table form, fitted to the screen.
    fn table_text<T: Render>(&self, report: &T) -> String {
        fit_text(&report.table(&self.stdout_style()), self.width)
    }

    /// Prints a report in the chosen format.
    pub fn emit<T: Render>(&self, report: &T) -> Result<()> {
        self.emit_as(self.format, report)
    }

    /// Prints a report in a format a command's own flag chose (e.g. `health --nagios`).
    pub fn emit_as<T: Render>(&self, format: Format, report: &T) -> Result<()> {
        let text = match format {
            Format::Json => json(report, true)? + "\n",
            Format::Table => self.table_text(report),
            Format::Plain => report.plain(),
        };
        write_stdout(text.as_bytes())
    }

    /// How this run's streams print, by [`stream_mode`].
    pub fn stream_mode(&self) -> StreamMode {
        stream_mode(self.chosen(), std::io::stdout().is_terminal())
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
            Format::Json => json(item, false)? + "\n",
            Format::Table => self.table_text(item),
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

/// A JSON document (pretty) or line. Every one carries `time` (docs/json.md): the report's
/// own when it has one (a sample's), else when it is printed, as the first field.
fn json<T: Serialize>(value: &T, pretty: bool) -> Result<String> {
    let text = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    }
    .map_err(json_error)?;
    let parsed: serde_json::Value = serde_json::from_str(&text).map_err(json_error)?;
    let Some(fields) = parsed.as_object() else {
        return Ok(text);
    };
    if fields.contains_key("time") {
        return Ok(text);
    }
    let time = serde_json::to_string(&now()).map_err(json_error)?;
    let (field, comma) = match (pretty, fields.is_empty()) {
        (true, true) => (format!("\n  \"time\": {time}\n"), ""),
        (true, false) => (format!("\n  \"time\": {time}"), ","),
        (false, empty) => (format!("\"time\":{time}"), if empty { "" } else { "," }),
    };
    // The text is an object: it opens with `{`.
    Ok(format!("{{{field}{comma}{}", &text[1..]))
}

/// Now, in RFC 3339 UTC with milliseconds: the one format of `time` (docs/json.md).
pub fn now() -> String {
    crate::units::now()
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

    #[test]
    fn every_json_document_and_line_has_a_time_first_unless_it_has_its_own() {
        #[derive(Serialize)]
        struct Doc {
            a: u8,
        }
        #[derive(Serialize)]
        struct Stamped {
            time: &'static str,
        }
        let line = json(&Doc { a: 1 }, false).unwrap();
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert!(line.starts_with("{\"time\":\""), "{line}");
        assert!(humantime::parse_rfc3339(value["time"].as_str().unwrap()).is_ok());
        assert_eq!(value["a"], 1);
        let pretty = json(&Doc { a: 1 }, true).unwrap();
        let value: serde_json::Value = serde_json::from_str(&pretty).unwrap();
        assert!(pretty.starts_with("{\n  \"time\": \""), "{pretty}");
        assert_eq!(value["a"], 1);
        let own = json(&Stamped { time: "x" }, false).unwrap();
        assert_eq!(own, "{\"time\":\"x\"}");
        let empty = json(&std::collections::BTreeMap::<u8, u8>::new(), true).unwrap();
        assert!(serde_json::from_str::<serde_json::Value>(&empty).unwrap()["time"].is_string());
    }

    #[test]
    fn table_text_loses_trailing_spaces_and_long_prose_wraps_keeping_its_indent() {
        assert_eq!(fit_text(" A  B  \n x  y \n", None), " A  B\n x  y\n");
        assert_eq!(
            fit_text("  one two three four\n", Some(10)),
            "  one two\n  three\n  four\n"
        );
        let red = "\x1b[31mCRITICAL\x1b[0m: x";
        assert_eq!(visible_width(red), 11);
        assert_eq!(fit_text(red, Some(11)), red);
    }

    #[test]
    fn a_column_is_painted_by_its_words_and_keeps_its_alignment() {
        let style = Style {
            color: true,
            width: None,
        };
        let table = " NAME  STATUS  NOTE\n a     ok      ok too\n b     bad     -\n";
        let painted = style.paint_column(table, "STATUS", &[("ok", Color::Green)]);
        assert_eq!(
            painted,
            " NAME  STATUS  NOTE\n a     \x1b[32mok\x1b[0m      ok too\n b     bad     -\n"
        );
        let plain = Style::default().paint_column(table, "STATUS", &[("ok", Color::Green)]);
        assert_eq!(plain, table);
    }
}
