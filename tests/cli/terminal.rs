//! etcdkit on a real terminal (a pty from `script`): what stays on the screen after Ctrl-C,
//! read through a small model of a terminal that wraps and clears as xterm does.

use std::io::{Read, Write};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::run::wait_until;
use crate::support::{spawn_tied_to_test, Etcd};

const LIMIT: Duration = Duration::from_secs(120);

/// A terminal `columns` wide: the lines on screen once `bytes` were written to it. Handles
/// what etcdkit and the terminal's echo write: text, `\r`, `\n`, cursor moves, line and screen
/// clears; a character written in the last column wraps the next one (xterm's pending wrap).
fn screen(bytes: &[u8], columns: usize) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut lines: Vec<Vec<char>> = vec![Vec::new()];
    let (mut row, mut col, mut pending_wrap) = (0usize, 0usize, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        while lines.len() <= row {
            lines.push(Vec::new());
        }
        match c {
            '\r' => (col, pending_wrap) = (0, false),
            '\n' => (row, pending_wrap) = (row + 1, false),
            '\x1b' if chars.peek() == Some(&'[') => {
                chars.next();
                let mut params = String::new();
                let mut command = ' ';
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() || c == '@' || c == '~' {
                        command = c;
                        break;
                    }
                    params.push(c);
                }
                let n: usize = params.trim_start_matches('?').parse().unwrap_or(0);
                let line = &mut lines[row];
                pending_wrap = false;
                match command {
                    'K' if n == 2 => line.clear(),
                    'K' if n == 0 => line.truncate(col),
                    'A' => row = row.saturating_sub(n.max(1)),
                    'B' => row += n.max(1),
                    'C' => col = (col + n.max(1)).min(columns - 1),
                    'D' => col = col.saturating_sub(n.max(1)),
                    'G' => col = n.max(1) - 1,
                    'J' if n == 0 => {
                        line.truncate(col);
                        lines.truncate(row + 1);
                    }
                    _ => {}
                }
            }
            c if !c.is_control() => {
                if pending_wrap {
                    (row, col, pending_wrap) = (row + 1, 0, false);
                    while lines.len() <= row {
                        lines.push(Vec::new());
                    }
                }
                let line = &mut lines[row];
                while line.len() <= col {
                    line.push(' ');
                }
                line[col] = c;
                if col + 1 == columns {
                    pending_wrap = true;
                } else {
                    col += 1;
                }
            }
            _ => {}
        }
    }
    lines
        .into_iter()
        .map(|l| l.into_iter().collect::<String>().trim_end().to_string())
        .collect()
}

#[test]
fn the_screen_model_wraps_after_the_last_column_and_clears_lines() {
    assert_eq!(screen(b"abcd\r\x1b[2Kxy", 4), ["xy"]);
    // Text that fills the line, then two more characters: they wrap; the clear that follows
    // clears only the line they wrapped to.
    assert_eq!(screen(b"abcd^C\r\x1b[2Kdone\r\n", 4), ["abcd", "done"]);
    assert_eq!(screen(b"abc^C\r\x1b[2Kdone", 5), ["done"]);
}

/// `etcdkit ARGS` on a pty `columns` wide, its output (stdout and stderr, as a terminal shows
/// them) collected as it comes.
pub(crate) struct OnTerminal {
    child: Child,
    output: Arc<Mutex<Vec<u8>>>,
}

impl OnTerminal {
    pub(crate) fn start(args: &str, columns: usize) -> OnTerminal {
        let command = format!(
            "stty cols {columns} rows 30; exec {} {args}",
            env!("CARGO_BIN_EXE_etcdkit")
        );
        let mut script = std::process::Command::new("script");
        script
            .args(["-qec", &command, "/dev/null"])
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env_remove("COLUMNS")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut child = spawn_tied_to_test(script).expect("script(1) runs");
        let output = Arc::new(Mutex::new(Vec::new()));
        let mut stdout = child.stdout.take().unwrap();
        let sink = output.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        OnTerminal { child, output }
    }

    pub(crate) fn shown(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    /// Types `bytes` on the terminal's keyboard.
    pub(crate) fn type_keys(&mut self, bytes: &[u8]) {
        let stdin = self.child.stdin.as_mut().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    /// Waits for the end: its exit code and all it showed.
    pub(crate) fn finish(mut self) -> (i32, Vec<u8>) {
        let mut code = None;
        wait_until("etcdkit on the terminal to exit", LIMIT, || {
            code = self
                .child
                .try_wait()
                .unwrap()
                .map(|s| s.code().unwrap_or(-1));
            code.is_some()
        });
        let output = self.output.clone();
        let mut length = 0;
        // The reader thread drains what is left once the pty closes.
        wait_until("the terminal's last output", LIMIT, || {
            let now = output.lock().unwrap().len();
            let settled = now == length;
            length = now;
            settled
        });
        (code.unwrap(), self.shown())
    }
}

#[test]
fn ctrl_c_leaves_no_progress_bar_on_the_screen() {
    let etcd = Etcd::single();
    for columns in [100, 60] {
        let mut terminal = OnTerminal::start(
            &format!(
                "bench write --endpoints {} --duration 10m",
                etcd.endpoint(0)
            ),
            columns,
        );
        wait_until("the progress bar", LIMIT, || {
            String::from_utf8_lossy(&terminal.shown()).contains("elapsed, ETA")
        });
        terminal.type_keys(b"\x03");
        let (code, shown) = terminal.finish();
        let lines = screen(&shown, columns);
        let text = lines.join("\n");
        assert_eq!(code, 130, "{text}");
        assert!(text.contains("interrupted"), "a summary:\n{text}");
        assert!(
            !text.contains("elapsed") && !text.contains('░'),
            "at {columns} columns, the bar stayed on the screen after Ctrl-C:\n{text}"
        );
    }
}
