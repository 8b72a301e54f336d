//! Running a user's command under a lock or leadership: signals forwarded, stopped on loss.
//!
//! The command runs with stdin, stdout and stderr passed through. Signals sent to etcdkit
//! (SIGINT, SIGTERM, SIGHUP, SIGQUIT) go on to it. If the lock or leadership is lost while it
//! runs, it gets SIGTERM, then SIGKILL after the grace period: no command keeps running
//! without what it was promised, not even when etcdkit is killed: a guard process (see
//! [`guard`]) then stops the command's whole process tree.

pub mod guard;
mod raw;

pub use crate::program::check_program;

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus as ProcessStatus;
use std::time::Duration;

use tokio::io::AsyncBufReadExt;
use tokio::net::unix::pipe;
use tokio::signal::unix::{signal, Signal, SignalKind};
use tokio::sync::watch;
use tokio::time::Instant;

use crate::cli::Output;
use crate::concurrency::{wait_lost, LostReason, Session};
use crate::error::{Error, ExitStatus, Result};

/// The signals etcdkit catches and passes on.
pub struct Signals {
    int: Signal,
    term: Signal,
    hup: Signal,
    quit: Signal,
    /// SIGUSR1 and SIGUSR2, for commands that pass them on too (`config exec`).
    user: Option<(Signal, Signal)>,
}

impl Signals {
    /// Starts catching; do this before anything that waits, so no signal is missed.
    pub fn catch() -> Result<Signals> {
        Ok(Signals {
            int: catch(SignalKind::interrupt())?,
            term: catch(SignalKind::terminate())?,
            hup: catch(SignalKind::hangup())?,
            quit: catch(SignalKind::quit())?,
            user: None,
        })
    }

    /// [`Signals::catch`], and SIGUSR1 and SIGUSR2 too (their default would end etcdkit).
    pub fn catch_with_user() -> Result<Signals> {
        let mut signals = Signals::catch()?;
        signals.user = Some((
            catch(SignalKind::user_defined1())?,
            catch(SignalKind::user_defined2())?,
        ));
        Ok(signals)
    }

    /// The next signal, as its number.
    pub async fn next(&mut self) -> i32 {
        let user = async {
            match &mut self.user {
                Some((usr1, usr2)) => tokio::select! {
                    _ = usr1.recv() => libc::SIGUSR1,
                    _ = usr2.recv() => libc::SIGUSR2,
                },
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = self.int.recv() => libc::SIGINT,
            _ = self.term.recv() => libc::SIGTERM,
            _ = self.hup.recv() => libc::SIGHUP,
            _ = self.quit.recv() => libc::SIGQUIT,
            sig = user => sig,
        }
    }
}

fn catch(kind: SignalKind) -> Result<Signal> {
    signal(kind).map_err(|source| Error::Io {
        context: "cannot install signal handlers".into(),
        source,
    })
}

/// The signals a command can be sent by name (`--reload-signal`, `--kill-signal`).
const SIGNAL_NAMES: [(&str, i32); 10] = [
    ("HUP", libc::SIGHUP),
    ("INT", libc::SIGINT),
    ("QUIT", libc::SIGQUIT),
    ("KILL", libc::SIGKILL),
    ("USR1", libc::SIGUSR1),
    ("USR2", libc::SIGUSR2),
    ("ALRM", libc::SIGALRM),
    ("TERM", libc::SIGTERM),
    ("WINCH", libc::SIGWINCH),
    ("CONT", libc::SIGCONT),
];

/// A signal by name (`HUP`, `SIGHUP`, `hup`) or number (`1`).
pub fn parse_signal(text: &str) -> std::result::Result<i32, String> {
    let upper = text.trim().to_ascii_uppercase();
    let name = upper.strip_prefix("SIG").unwrap_or(&upper);
    if let Some((_, sig)) = SIGNAL_NAMES.iter().find(|(n, _)| *n == name) {
        return Ok(*sig);
    }
    match name.parse::<i32>() {
        Ok(n) if (1..=31).contains(&n) => Ok(n),
        _ => Err(format!(
            "not a signal; give a name ({}) or a number from 1 to 31",
            SIGNAL_NAMES.map(|(n, _)| n).join(", ")
        )),
    }
}

/// A signal's name (`SIGHUP`), for messages.
pub fn signal_name(sig: i32) -> String {
    match SIGNAL_NAMES.iter().find(|(_, n)| *n == sig) {
        Some((name, _)) => format!("SIG{name}"),
        None => format!("signal {sig}"),
    }
}

/// How a supervised command ended.
pub enum Ended {
    /// It exited by itself.
    Exited(ProcessStatus),
    /// It exited after a signal to etcdkit was passed on to it (or reached it from the terminal).
    Interrupted(ProcessStatus),
    /// What it ran under was lost; it was stopped.
    Lost,
}

impl Ended {
    /// The exit status etcdkit passes on: the command's, or 7 when it was stopped.
    pub fn status(&self) -> ExitStatus {
        match self {
            Ended::Exited(status) | Ended::Interrupted(status) => exit_code(*status),
            Ended::Lost => ExitStatus::Lost,
        }
    }
}

/// The command to run and its environment.
pub struct Job<'a> {
    /// Program and arguments.
    pub argv: &'a [String],
    /// Extra environment variables.
    pub env: Vec<(String, std::ffi::OsString)>,
}

/// A command started under its guard (see [`guard`]).
pub struct Running {
    guard: Guard,
    control: std::fs::File,
    program: String,
    own_group: bool,
}

/// The guard process and its reports; reaped once it has gone (see [`Drop`]).
struct Guard {
    pid: i32,
    /// `None` only while being dropped.
    reports: Option<tokio::io::Lines<tokio::io::BufReader<pipe::Receiver>>>,
}

impl Drop for Guard {
    /// The guard exits right after its last report, or as soon as it reads end-of-file from
    /// etcdkit (the control pipe closes with [`Running`]): its end of the report pipe then
    /// closes, and it is reaped then, in the background, so that no caller waits for it.
    fn drop(&mut self) {
        let pid = self.pid;
        if reap(pid, libc::WNOHANG) {
            return;
        }
        let (Some(mut reports), Ok(runtime)) =
            (self.reports.take(), tokio::runtime::Handle::try_current())
        else {
            return; // etcdkit is ending: the zombie goes with it
        };
        runtime.spawn(async move {
            while let Ok(Some(_)) = reports.next_line().await {}
            reap(pid, 0);
        });
    }
}

/// Waits for the guard `pid` with `flags`; whether it is reaped.
fn reap(pid: i32, flags: i32) -> bool {
    let mut status = 0;
    loop {
        // SAFETY: waitpid on our own child.
        let got = unsafe { libc::waitpid(pid, &mut status, flags) };
        if got < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
            continue;
        }
        return got != 0;
    }
}

/// A guard process forked ahead of its command, waiting for the word to start it (see
/// [`guard`]). `lock` forks it once its session is granted, while etcdkit waits in line, so
/// that the guard's own start does not lengthen the time the lock is held. Dropped unstarted,
/// it exits and the command never runs.
pub struct Standby {
    running: Running,
}

impl Standby {
    /// Forks the guard for `argv`. Without a terminal the command will get a process group
    /// of its own, so that signals reach everything it starts; on a terminal it stays in the
    /// foreground group, where the terminal's own Ctrl-C reaches it.
    pub fn new(argv: &[String]) -> Result<Standby> {
        Standby::reading(argv, None)
    }

    /// [`Standby::new`], the command reading `input` on its stdin (instead of etcdkit's).
    pub fn with_input(argv: &[String], input: &[u8]) -> Result<Standby> {
        let file = input_file(input).map_err(io_error("cannot hold the command's input"))?;
        Standby::reading(argv, Some(file.as_raw_fd()))
        // `file` closes here: the guard holds its own copy.
    }

    fn reading(argv: &[String], stdin: Option<i32>) -> Result<Standby> {
        let program = argv
            .first()
            .ok_or_else(|| Error::usage("no command given"))?
            .clone();
        let (control_r, control_w) =
            pipe_pair().map_err(io_error("cannot make a pipe for the command"))?;
        let (report_r, report_w) =
            pipe_pair().map_err(io_error("cannot make a pipe for the command"))?;
        let own_group = !std::io::stdin().is_terminal();
        let mut plan = guard::Plan::new(
            argv,
            own_group,
            control_r.as_raw_fd(),
            report_w.as_raw_fd(),
            stdin,
        )
        .map_err(|source| Error::Spawn {
            program: program.clone(),
            source,
        })?;
        let pid = plan
            .fork()
            .map_err(io_error("cannot start etcdkit's guard process"))?;
        // Only the guard keeps these ends: its death (or etcdkit's) closes the pipes.
        drop((control_r, report_w));
        let receiver =
            pipe::Receiver::from_owned_fd(report_r).map_err(io_error("cannot read the guard"))?;
        Ok(Standby {
            running: Running {
                guard: Guard {
                    pid,
                    reports: Some(tokio::io::BufReader::new(receiver).lines()),
                },
                control: std::fs::File::from(control_w),
                program,
                own_group,
            },
        })
    }

    /// Starts the command with `env` added to its environment.
    pub async fn start(self, env: &[(String, OsString)]) -> Result<Running> {
        let mut running = self.running;
        let message = guard::start_message(env).map_err(|source| Error::Spawn {
            program: running.program.clone(),
            source,
        })?;
        // The guard gone: the report below says so.
        let _ = running.control.write_all(&message);
        match running.next_report().await? {
            guard::Report::Started(_) => Ok(running),
            guard::Report::NotStarted(errno) => Err(Error::Spawn {
                program: running.program,
                source: std::io::Error::from_raw_os_error(errno),
            }),
            guard::Report::Ended { .. } => Err(Error::Io {
                context: format!("etcdkit's guard process for {} misbehaved", running.program),
                source: std::io::ErrorKind::InvalidData.into(),
            }),
        }
    }
}

/// Starts the command under a guard process that stops the command's whole process tree when
/// etcdkit ends, however it ends.
pub async fn spawn(job: &Job<'_>) -> Result<Running> {
    Standby::new(job.argv)?.start(&job.env).await
}

fn io_error(context: &str) -> impl FnOnce(std::io::Error) -> Error {
    let context = context.to_string();
    move |source| Error::Io { context, source }
}

/// An anonymous file holding `input`, read from its start: a command's stdin that never
/// blocks etcdkit, however large.
fn input_file(input: &[u8]) -> std::io::Result<OwnedFd> {
    // SAFETY: memfd_create makes a new descriptor, which we own from here on.
    let file = unsafe {
        let fd = libc::memfd_create(c"etcdkit-input".as_ptr(), libc::MFD_CLOEXEC);
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        std::fs::File::from(OwnedFd::from_raw_fd(fd))
    };
    use std::io::Seek;
    let mut file = file;
    file.write_all(input)?;
    file.rewind()?;
    Ok(OwnedFd::from(file))
}

/// Starts the command with `input` on its stdin, under a guard as [`spawn`] does.
pub async fn spawn_with_input(job: &Job<'_>, input: &[u8]) -> Result<Running> {
    Standby::with_input(job.argv, input)?.start(&job.env).await
}

/// A pipe whose two ends close on exec.
fn pipe_pair() -> std::io::Result<(OwnedFd, OwnedFd)> {
    let mut fds = [0; 2];
    // SAFETY: pipe2 fills two new descriptors, which we own from here on.
    unsafe {
        if libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok((OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])))
    }
}

impl Running {
    /// Passes a signal on to the command (its whole group when it has one); 0 stops the tree.
    fn send(&mut self, byte: u8) {
        // The guard gone: then so is the command; the report says how it ended.
        let _ = self.control.write_all(&[byte]);
    }

    /// Sends the command signal `sig` (its whole group when it has one).
    pub fn signal(&mut self, sig: i32) {
        self.send(sig as u8);
    }

    /// Passes on a signal etcdkit caught, unless it reached the command already: on a
    /// terminal, Ctrl-C and Ctrl-\ go to the whole foreground group.
    pub fn forward(&mut self, sig: i32) {
        let from_terminal = !self.own_group && (sig == libc::SIGINT || sig == libc::SIGQUIT);
        if !from_terminal {
            self.signal(sig);
        }
    }

    /// Stops the command: `sig`, then after `grace` SIGKILL to its whole tree; its status once
    /// nothing of the tree runs.
    pub async fn stop(&mut self, sig: i32, grace: Duration) -> Result<ProcessStatus> {
        self.signal(sig);
        match tokio::time::timeout(grace, self.ended()).await {
            Ok(ended) => Ok(ended?.0),
            Err(_) => {
                self.send(guard::STOP_TREE);
                Ok(self.ended().await?.0)
            }
        }
    }

    /// The program's name (its first word), for messages.
    pub fn program(&self) -> &str {
        &self.program
    }

    async fn next_report(&mut self) -> Result<guard::Report> {
        let reports = self.guard.reports.as_mut().expect("taken only on drop");
        let line = reports.next_line().await.map_err(|source| Error::Io {
            context: format!("reading how {} is doing", self.program),
            source,
        })?;
        match line.as_deref().and_then(guard::Report::parse) {
            Some(report) => Ok(report),
            None => Err(Error::Io {
                context: format!("etcdkit's guard process for {} ended early", self.program),
                source: std::io::ErrorKind::UnexpectedEof.into(),
            }),
        }
    }

    /// Waits until the command has ended and nothing of its tree is left; its status, and how
    /// many processes it left running (stopped by the guard). Cancel-safe.
    pub async fn ended(&mut self) -> Result<(ProcessStatus, u32)> {
        loop {
            // Nothing of the tree runs any more: the lock can go at once. The guard exits by
            // itself right after this report; it is reaped when dropped.
            if let guard::Report::Ended { status, leftovers } = self.next_report().await? {
                return Ok((ProcessStatus::from_raw(status), leftovers));
            }
        }
    }
}

/// What the command runs under, and how to stop it when that is lost.
pub struct Loss<'a> {
    /// Holds `Some(reason)` once the lock or leadership is lost.
    pub signal: watch::Receiver<Option<LostReason>>,
    /// The session it hangs on: the end of its lease bounds the grace period.
    pub session: &'a Session,
    /// "lock /x" or "leadership of /x".
    pub what: String,
    /// How long the command has between SIGTERM and SIGKILL.
    pub kill_after: Duration,
}

/// The time between SIGTERM and SIGKILL: `--kill-after`, but never past the moment the lease
/// could expire while it may still be valid (etcd unreachable): by then the next holder may
/// start. A lease already gone (expired, revoked, its key deleted) leaves nothing to protect,
/// and the command gets its full `--kill-after` to clean up.
fn grace(reason: &LostReason, lease_valid_until: Instant, kill_after: Duration) -> Duration {
    match reason {
        LostReason::Unreachable => {
            let left = lease_valid_until.saturating_duration_since(Instant::now());
            kill_after.min(left.saturating_sub(KILL_MARGIN))
        }
        _ => kill_after,
    }
}

/// Kept back from what the lease leaves, for SIGKILL to take effect.
const KILL_MARGIN: Duration = Duration::from_millis(100);

/// Runs the command to its end: passes signals on, and stops it (its whole tree) if the lock or
/// leadership is lost (`None`: it runs under nothing that can be lost, e.g. `watch -- CMD`).
pub async fn supervise(
    mut running: Running,
    signals: &mut Signals,
    loss: Option<Loss<'_>>,
    output: &Output,
) -> Result<Ended> {
    let lost_signal = loss.as_ref().map(|loss| loss.signal.clone());
    let lost_fut = async move {
        match lost_signal {
            Some(signal) => wait_lost(signal).await,
            None => std::future::pending().await,
        }
    };
    tokio::pin!(lost_fut);
    let mut signalled = false;
    let program = running.program.clone();
    let (status, leftovers) = loop {
        tokio::select! {
            ended = running.ended() => break ended?,
            sig = signals.next() => {
                signalled = true;
                running.forward(sig);
            }
            reason = &mut lost_fut => {
                let Some(loss) = &loss else { unreachable!("nothing to lose") };
                output.warn(&format!(
                    "etcdkit: {} lost while the command ran ({reason}): stopping it",
                    loss.what
                ));
                let grace = grace(&reason, loss.session.lease_valid_until(), loss.kill_after);
                if grace < loss.kill_after {
                    output.warn(&format!(
                        "etcdkit: {program} gets {} before SIGKILL, not --kill-after {}: the lease may run out by then",
                        humantime::format_duration(round_ms(grace)),
                        humantime::format_duration(loss.kill_after)
                    ));
                }
                running.stop(libc::SIGTERM, grace).await?;
                return Ok(Ended::Lost);
            }
        }
    };
    warn_leftovers(
        output,
        &program,
        leftovers,
        loss.as_ref().map(|loss| loss.what.as_str()),
    );
    Ok(if signalled {
        Ended::Interrupted(status)
    } else {
        Ended::Exited(status)
    })
}

/// Says that the command left `leftovers` processes running, which the guard stopped (they
/// would have run on without `what` it ran under).
pub fn warn_leftovers(output: &Output, program: &str, leftovers: u32, what: Option<&str>) {
    if leftovers > 0 {
        let without = what.map_or(String::new(), |what| {
            format!(" (they would run on without the {what})")
        });
        output.warn(&format!(
            "etcdkit: {program} left {leftovers} process(es) running; they were stopped{without}"
        ));
    }
}

/// A duration to the millisecond, for messages.
fn round_ms(d: Duration) -> Duration {
    Duration::from_millis(d.as_millis() as u64)
}

/// The exit code of a stream (watch-metrics, an alert daemon) ended by signal `sig`: SIGINT and
/// SIGTERM are the way to end one, exit 0; any other signal, 128 + N.
pub fn stream_stopped_by(sig: i32) -> ExitStatus {
    if sig == libc::SIGINT || sig == libc::SIGTERM {
        ExitStatus::Ok
    } else {
        interrupted_by(sig)
    }
}

/// The exit code for a wait ended by signal `sig`: 128 + its number, as shells report it
/// (130 for SIGINT, 143 for SIGTERM).
pub fn interrupted_by(sig: i32) -> ExitStatus {
    ExitStatus::Interrupted(sig)
}

/// The exit code a shell would report for the child: its code, or 128 + the signal.
pub fn exit_code(status: ProcessStatus) -> ExitStatus {
    ExitStatus::External(match (status.code(), status.signal()) {
        (Some(code), _) => code as u8,
        (None, Some(sig)) => (128 + sig) as u8,
        _ => 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_by_name_or_number() {
        assert_eq!(parse_signal("HUP"), Ok(libc::SIGHUP));
        assert_eq!(parse_signal("sigusr1"), Ok(libc::SIGUSR1));
        assert_eq!(parse_signal("15"), Ok(libc::SIGTERM));
        assert!(parse_signal("NOPE").is_err() && parse_signal("0").is_err());
        assert_eq!(signal_name(libc::SIGTERM), "SIGTERM");
    }

    #[test]
    fn the_grace_is_cut_to_what_the_lease_leaves_only_while_it_may_be_valid() {
        let five = Duration::from_secs(5);
        let soon = Instant::now() + Duration::from_millis(600);
        let cut = grace(&LostReason::Unreachable, soon, five);
        assert!(cut <= Duration::from_millis(500), "{cut:?}");
        let far = Instant::now() + Duration::from_secs(60);
        assert_eq!(grace(&LostReason::Unreachable, far, five), five);
        // Already gone: nothing to protect, the command gets its --kill-after.
        for reason in [
            LostReason::KeyDeleted,
            LostReason::LeaseExpired,
            LostReason::Paused,
        ] {
            assert_eq!(grace(&reason, soon, five), five);
        }
        assert_eq!(
            grace(&LostReason::Unreachable, Instant::now(), Duration::MAX),
            Duration::ZERO
        );
    }
}
