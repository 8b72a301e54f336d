//! The command check (`--check-exec`): the command in a process group of its own, stdin
//! empty, stdout and stderr into one pipe of which the start is kept; exit 0 passing, 1
//! warning, anything else critical. The whole group is killed when the probe is dropped (its
//! timeout, or the checker's end) while the command runs.

use std::os::fd::OwnedFd;
use std::process::Stdio;

use tokio::net::unix::pipe;

use super::{Health, Outcome};
use crate::text::words;

/// How much of the command's output is kept (the first line is what is shown).
const MAX_CAPTURE: usize = 4096;

/// Runs the command in a process group of its own, stdin empty, stdout and stderr into one
/// pipe; the group is killed if this is dropped (the timeout) while the command runs.
pub(super) async fn probe(argv: &[String]) -> Outcome {
    let critical = |what: String| Outcome::new(Health::Critical, &what);
    let program = &argv[0];
    let (reader, writer) = match std::io::pipe() {
        Ok(pair) => pair,
        Err(e) => return critical(format!("cannot make a pipe for {program}: {}", words(&e))),
    };
    let mut command = tokio::process::Command::new(program);
    command
        .args(&argv[1..])
        .stdin(Stdio::null())
        .process_group(0)
        .kill_on_drop(true);
    match writer.try_clone() {
        Ok(copy) => command.stdout(copy).stderr(writer),
        Err(e) => return critical(format!("cannot make a pipe for {program}: {}", words(&e))),
    };
    let child = command.spawn();
    // Only the command holds the pipe's write end now: the end of its output shows.
    drop(command);
    let mut group = match child {
        Ok(child) => Group(child),
        Err(e) => return critical(format!("cannot run {program}: {}", words(&e))),
    };
    let mut output = match pipe::Receiver::from_owned_fd(OwnedFd::from(reader)) {
        Ok(receiver) => Capture::new(receiver),
        Err(e) => return critical(format!("cannot read {program}'s output: {}", words(&e))),
    };
    let status = loop {
        tokio::select! {
            status = group.0.wait() => break status,
            more = output.read() => if !more {
                break group.0.wait().await;
            },
        }
    };
    // What the command wrote before it ended is in the pipe; a child it left running may
    // keep the pipe open, so take what is there without waiting for the end.
    output.drain();
    let status = match status {
        Ok(status) => status,
        Err(e) => return critical(format!("cannot wait for {program}: {}", words(&e))),
    };
    let first_line = output.first_line();
    let said = |what: String| match first_line.as_deref() {
        Some(line) => format!("{what}: {line}"),
        None => what,
    };
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(0), _) => Outcome::new(Health::Passing, &said("exit 0".into())),
        (Some(1), _) => Outcome::new(Health::Warning, &said("exit 1".into())),
        (Some(code), _) => Outcome::new(Health::Critical, &said(format!("exit {code}"))),
        (None, Some(signal)) => Outcome::new(
            Health::Critical,
            &said(format!(
                "killed by signal {signal} ({})",
                signal_name(signal)
            )),
        ),
        (None, None) => Outcome::new(Health::Critical, &said("ended without a status".into())),
    }
}

/// An exec check's process, whose whole group is killed if it is dropped while running.
struct Group(tokio::process::Child);

impl Drop for Group {
    fn drop(&mut self) {
        // Not reaped yet, so its pid still names its group, even as a zombie.
        if let (Ok(None), Some(pid)) = (self.0.try_wait(), self.0.id()) {
            // SAFETY: kill(2) on a process group of our own child.
            unsafe {
                libc::kill(-(pid as libc::pid_t), libc::SIGKILL);
            }
        }
    }
}

/// The start of a command's output, read as it comes so that the command never blocks on a
/// full pipe; the rest is read and dropped.
struct Capture {
    pipe: pipe::Receiver,
    kept: Vec<u8>,
}

impl Capture {
    fn new(pipe: pipe::Receiver) -> Capture {
        Capture {
            pipe,
            kept: Vec::new(),
        }
    }

    /// Waits for more output and keeps it; false at the end (or on a read error, which ends
    /// it too).
    async fn read(&mut self) -> bool {
        loop {
            if self.pipe.readable().await.is_err() {
                return false;
            }
            match self.read_ready() {
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
                other => return other.is_ok_and(|n| n > 0),
            }
        }
    }

    /// Keeps what the pipe holds now, without waiting.
    fn drain(&mut self) {
        while self.read_ready().is_ok_and(|n| n > 0) {}
    }

    /// One read of what is ready: the bytes read (0 at the end).
    fn read_ready(&mut self) -> std::io::Result<usize> {
        let mut buf = [0u8; 4096];
        let n = self.pipe.try_read(&mut buf)?;
        let room = MAX_CAPTURE.saturating_sub(self.kept.len());
        self.kept.extend_from_slice(&buf[..n.min(room)]);
        Ok(n)
    }

    /// The first line that has something on it.
    fn first_line(&self) -> Option<String> {
        String::from_utf8_lossy(&self.kept)
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(str::to_string)
    }
}

/// The name of a signal that commonly ends a process.
fn signal_name(signal: i32) -> &'static str {
    match signal {
        libc::SIGHUP => "SIGHUP",
        libc::SIGINT => "SIGINT",
        libc::SIGQUIT => "SIGQUIT",
        libc::SIGILL => "SIGILL",
        libc::SIGABRT => "SIGABRT",
        libc::SIGBUS => "SIGBUS",
        libc::SIGFPE => "SIGFPE",
        libc::SIGKILL => "SIGKILL",
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGPIPE => "SIGPIPE",
        libc::SIGALRM => "SIGALRM",
        libc::SIGTERM => "SIGTERM",
        _ => "another signal",
    }
}
