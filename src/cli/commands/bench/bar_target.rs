//! Where the progress bar draws: stderr, two columns narrower than the terminal.
//!
//! A bar as wide as the line leaves the cursor in the last column; the `^C` the terminal
//! echoes on Ctrl-C then wraps to a new line, and clearing "the line" before the summary
//! cleared only that one, leaving the bar on the screen.

use std::io::Write;
use std::sync::Mutex;

use indicatif::TermLike;

use crate::cli::output::terminal_size;

/// Columns left free at the end of the bar's line: room for the echoed `^C`.
const MARGIN: u16 = 2;

/// stderr, buffered until indicatif flushes a frame (one write per frame, no flicker).
#[derive(Debug, Default)]
pub struct Stderr {
    frame: Mutex<Vec<u8>>,
}

impl Stderr {
    fn put(&self, bytes: &[u8]) -> std::io::Result<()> {
        self.frame
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(bytes);
        Ok(())
    }

    fn cursor(&self, n: usize, direction: char) -> std::io::Result<()> {
        if n == 0 {
            return Ok(());
        }
        self.put(format!("\x1b[{n}{direction}").as_bytes())
    }
}

impl TermLike for Stderr {
    fn width(&self) -> u16 {
        let columns = terminal_size(libc::STDERR_FILENO).map_or(80, |(c, _)| c);
        columns.saturating_sub(MARGIN).max(1)
    }

    fn height(&self) -> u16 {
        terminal_size(libc::STDERR_FILENO).map_or(24, |(_, r)| r.max(1))
    }

    fn move_cursor_up(&self, n: usize) -> std::io::Result<()> {
        self.cursor(n, 'A')
    }

    fn move_cursor_down(&self, n: usize) -> std::io::Result<()> {
        self.cursor(n, 'B')
    }

    fn move_cursor_right(&self, n: usize) -> std::io::Result<()> {
        self.cursor(n, 'C')
    }

    fn move_cursor_left(&self, n: usize) -> std::io::Result<()> {
        self.cursor(n, 'D')
    }

    fn write_line(&self, s: &str) -> std::io::Result<()> {
        self.put(s.as_bytes())?;
        self.put(b"\n")
    }

    fn write_str(&self, s: &str) -> std::io::Result<()> {
        self.put(s.as_bytes())
    }

    fn clear_line(&self) -> std::io::Result<()> {
        self.put(b"\r\x1b[2K")
    }

    fn flush(&self) -> std::io::Result<()> {
        let frame = std::mem::take(&mut *self.frame.lock().unwrap_or_else(|e| e.into_inner()));
        let mut stderr = std::io::stderr().lock();
        stderr.write_all(&frame)?;
        stderr.flush()
    }
}
