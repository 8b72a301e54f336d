//! Errors as the user sees them: a miette diagnostic on stderr and an exit code.

use std::fmt;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};

use super::Output;
use crate::error::{Error, ExitStatus};

/// Prints `error` and returns the exit code. A closed stdout (`etcdkit ... | head`) is not an
/// error: it exits 0 without a word.
pub fn report(error: &Error, output: &Output) -> u8 {
    if let Error::Io { source, .. } = error {
        if source.kind() == std::io::ErrorKind::BrokenPipe {
            return ExitStatus::Ok.code();
        }
    }
    let diagnostic = Shown(error);
    let theme = if output.stderr_color() {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut text = String::new();
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    if handler.render_report(&mut text, &diagnostic).is_err() {
        text = format!("error: {error}");
    }
    eprintln!("{}", text.trim_end());
    error.exit_status().code()
}

/// etcdkit's error as a miette diagnostic: the message, a code, and the hint as help.
struct Shown<'a>(&'a Error);

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)
    }
}

impl std::error::Error for Shown<'_> {}

impl Diagnostic for Shown<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let name = match self.0.exit_status() {
            ExitStatus::Usage => "etcdkit::usage",
            ExitStatus::Unavailable => "etcdkit::unavailable",
            ExitStatus::Auth => "etcdkit::auth",
            _ => "etcdkit::error",
        };
        Some(Box::new(name))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.0.hint().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
}
