//! Running a user's command under a lock or leadership: signals forwarded, stopped on loss.
//!
//! The command runs with stdin, stdout and stderr passed through. Signals sent to etcdkit
//! (SIGINT, SIGTERM, SIGHUP, SIGQUIT) go on to it. If the lock or leadership is lost while it
//! runs, it gets SIGTERM, then SIGKILL after the grace period: no command keeps running
//! without what it was promised, not even when etcdkit is killed (the kernel then kills it).

use std::io::IsTerminal;
use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus as ProcessStatus;
use std::time::Duration;

use tokio::process::{Child, Command};
use tokio::signal::unix::{signal, Signal, SignalKind};

use crate::error::{Error, Result};
use crate::session::{wait_lost, LostReason};

/// The signals etcdkit catches and passes on.
pub struct Signals {
    int: Signal,
    term: Signal,
    hup: Signal,
    quit: Signal,
}

impl Signals {
    /// Starts catching; do this before anything that waits, so no signal is missed.
    pub fn catch() -> Result<Signals> {
        let make = |kind: SignalKind| {
            signal(kind).map_err(|source| Error::Io {
                context: "cannot install signal handlers".into(),
                source,
            })
        };
        Ok(Signals {
            int: make(SignalKind::interrupt())?,
            term: make(SignalKind::terminate())?,
            hup: make(SignalKind::hangup())?,
            quit: make(SignalKind::quit())?,
        })
    }

    /// The next signal, as its number.
    pub async fn next(&mut self) -> i32 {
        tokio::select! {
            _ = self.int.recv() => libc::SIGINT,
            _ = self.term.recv() => libc::SIGTERM,
            _ = self.hup.recv() => libc::SIGHUP,
            _ = self.quit.recv() => libc::SIGQUIT,
        }
    }
}

/// How a supervised command ended.
pub enum Ended {
    /// It exited by itself (or after a forwarded signal).
    Exited(ProcessStatus),
    /// What it ran under was lost; it was stopped.
    Lost,
}

/// The command to run and its environment.
pub struct Job<'a> {
    /// Program and arguments.
    pub argv: &'a [String],
    /// Extra environment variables.
    pub env: Vec<(String, String)>,
}

/// Checks before any waiting that the program can be found, so that a typo fails at once
/// instead of after an hour in line for the lock.
pub fn check_program(argv: &[String]) -> Result<()> {
    let Some(program) = argv.first() else {
        return Ok(());
    };
    let executable = |p: &std::path::Path| {
        use std::os::unix::fs::PermissionsExt;
        p.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    };
    let found = if program.contains('/') {
        executable(std::path::Path::new(program))
    } else {
        std::env::var_os("PATH")
            .map(|path| std::env::split_paths(&path).any(|dir| executable(&dir.join(program))))
            .unwrap_or(false)
    };
    if found {
        Ok(())
    } else {
        Err(Error::Spawn {
            program: program.clone(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "not found or not executable",
            ),
        })
    }
}

/// Starts the command. Without a terminal it gets a process group of its own, so that signals
/// reach everything it starts; on a terminal it stays in the foreground group, where the
/// terminal's own Ctrl-C reaches it.
pub fn spawn(job: &Job<'_>) -> Result<Child> {
    let (program, args) = job
        .argv
        .split_first()
        .ok_or_else(|| Error::usage("no command given"))?;
    let mut cmd = Command::new(program);
    cmd.args(args).envs(job.env.iter().map(|(k, v)| (k, v)));
    if !std::io::stdin().is_terminal() {
        cmd.process_group(0);
    }
    // If etcdkit itself dies (SIGKILL, OOM), nobody is left to stop the command when the lease
    // runs out: the kernel kills it with etcdkit instead.
    // SAFETY: prctl is async-signal-safe; nothing else runs between fork and exec here.
    unsafe {
        cmd.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.spawn().map_err(|source| Error::Spawn {
        program: program.clone(),
        source,
    })
}

/// Runs the child to its end: forwards signals, and stops it if `lost` fires.
pub async fn supervise(
    mut child: Child,
    signals: &mut Signals,
    lost: tokio::sync::watch::Receiver<Option<LostReason>>,
    kill_after: Duration,
    on_loss: impl FnOnce(&LostReason),
) -> Result<Ended> {
    let pid = child.id().map(|p| p as i32);
    let own_group = !std::io::stdin().is_terminal();
    let send = |sig: i32| {
        if let Some(pid) = pid {
            // SAFETY: kill(2) with a pid we started; a stale pid only yields ESRCH.
            unsafe {
                libc::kill(if own_group { -pid } else { pid }, sig);
            }
        }
    };
    let lost_fut = wait_lost(lost);
    tokio::pin!(lost_fut);
    loop {
        tokio::select! {
            status = child.wait() => {
                let status = status.map_err(|source| Error::Io { context: "waiting for the command".into(), source })?;
                return Ok(Ended::Exited(status));
            }
            sig = signals.next() => {
                // On a terminal, Ctrl-C and Ctrl-\ already reached the command directly.
                let from_terminal = !own_group && (sig == libc::SIGINT || sig == libc::SIGQUIT);
                if !from_terminal {
                    send(sig);
                }
            }
            reason = &mut lost_fut => {
                on_loss(&reason);
                send(libc::SIGTERM);
                if tokio::time::timeout(kill_after, child.wait()).await.is_err() {
                    send(libc::SIGKILL);
                    let _ = child.wait().await;
                }
                return Ok(Ended::Lost);
            }
        }
    }
}

/// The exit code for a wait ended by signal `sig`: 128 + its number, as shells report it
/// (130 for SIGINT, 143 for SIGTERM).
pub fn interrupted_by(sig: i32) -> u8 {
    (128 + sig) as u8
}

/// The exit code a shell would report for the child: its code, or 128 + the signal.
pub fn exit_code(status: ProcessStatus) -> u8 {
    match (status.code(), status.signal()) {
        (Some(code), _) => code as u8,
        (None, Some(sig)) => (128 + sig) as u8,
        _ => 1,
    }
}
