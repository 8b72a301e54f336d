//! The guard: a small process between etcdkit and the command, so that the command's whole
//! process tree dies with etcdkit however etcdkit dies (SIGKILL and the OOM killer included).
//!
//! etcdkit forks the guard (no exec: the guard is one page-table copy, not a second start of
//! a large binary), possibly long before the command may run (`lock` forks it before it waits
//! in line). etcdkit may have other threads by then, so the guard calls only what is safe after
//! a fork ([`super::raw`]): everything it needs is made before the fork ([`Plan`]). The guard
//! keeps only what an exec of it would keep, becomes a child subreaper, so every process the
//! command leaves orphaned becomes the guard's child instead of init's, and waits on a pipe
//! from etcdkit for the start message (the command's environment, see [`start_message`]);
//! end-of-file instead means the command is not to run. It then starts the command and listens
//! on the same pipe: a byte N > 0 is a signal to pass on, a 0 byte means "stop the whole tree
//! now", and end-of-file means etcdkit is gone (the kernel closes a dead process's end of a
//! pipe, whichever of its threads forked the guard; `PR_SET_PDEATHSIG` instead follows the
//! parent *thread*). On another pipe it reports the command's pid, then, once nothing of the
//! tree is left running, the command's wait status.
//!
//! When the command exits by itself, whatever it left running is stopped too: it would go on
//! without the lock or leadership the command ran under.

use std::ffi::{CString, OsString};
use std::os::fd::RawFd;
use std::os::unix::ffi::OsStrExt;

use libc::c_char;

use super::raw::{self, errno, Text};

/// The guard's process name (as `ps` and `top` show it).
pub const GUARD_NAME: &std::ffi::CStr = c"etcdkit-guard";

/// A control byte: stop the whole tree now (SIGKILL).
pub const STOP_TREE: u8 = 0;

/// The signals the guard keeps blocked: those meant for the group (a terminal's Ctrl-C, a
/// service manager's stop) must not end it, since etcdkit decides what reaches the command;
/// SIGCHLD it reads from a signalfd. SIGUSR1 and SIGUSR2 too: etcdkit may catch them
/// (`config exec`), and no handler of etcdkit's may run in the guard.
const BLOCKED: [i32; 7] = [
    libc::SIGINT,
    libc::SIGTERM,
    libc::SIGHUP,
    libc::SIGQUIT,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGCHLD,
];

/// What the guard tells etcdkit, one line each.
#[derive(Debug, PartialEq, Eq)]
pub enum Report {
    /// The command runs with this pid.
    Started(i32),
    /// The command could not be started (an errno).
    NotStarted(i32),
    /// The command ended with this raw wait status; `leftovers` processes it left running
    /// were stopped.
    Ended { status: i32, leftovers: u32 },
}

impl Report {
    /// The report as one line.
    fn line(&self) -> Text {
        let mut text = Text::new();
        match self {
            Report::Started(pid) => text.push(b"started ").number(i64::from(*pid)),
            Report::NotStarted(errno) => text.push(b"not-started ").number(i64::from(*errno)),
            Report::Ended { status, leftovers } => text
                .push(b"ended ")
                .number(i64::from(*status))
                .push(b" ")
                .number(i64::from(*leftovers)),
        };
        text.push(b"\n");
        text
    }

    /// Reads one line back.
    pub fn parse(line: &str) -> Option<Report> {
        let mut words = line.split_whitespace();
        let kind = words.next()?;
        let mut number = || words.next()?.parse::<i64>().ok();
        match kind {
            "started" => Some(Report::Started(number()? as i32)),
            "not-started" => Some(Report::NotStarted(number()? as i32)),
            "ended" => Some(Report::Ended {
                status: number()? as i32,
                leftovers: number()? as u32,
            }),
            _ => None,
        }
    }
}

/// Everything the guard needs, made before the fork, so that the guard allocates nothing.
pub struct Plan {
    /// Where the program may be: itself when it has a slash, else each directory of PATH
    /// joined with it (tried in turn, as `execvp` does).
    candidates: Vec<CString>,
    /// Keeps the strings `argv` points to.
    _args: Vec<CString>,
    /// The command's argv, NULL-ended.
    argv: Vec<*const c_char>,
    /// `/bin/sh FILE ARGS...`, NULL-ended: a file without a `#!` line runs under the shell,
    /// as `execvp` runs it (FILE is filled in when that happens).
    script_argv: Vec<*const c_char>,
    own_group: bool,
    control: RawFd,
    report: RawFd,
    /// The command's stdin instead of etcdkit's (-1: etcdkit's).
    stdin: RawFd,
}

impl Plan {
    /// The plan for `argv`, in a process group of its own or not, talking over `control` (read)
    /// and `report` (write), reading `stdin` when given (else etcdkit's stdin).
    pub fn new(
        argv: &[String],
        own_group: bool,
        control: RawFd,
        report: RawFd,
        stdin: Option<RawFd>,
    ) -> std::io::Result<Plan> {
        let c_string = |s: &[u8]| {
            CString::new(s).map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))
        };
        let args = argv
            .iter()
            .map(|a| c_string(a.as_bytes()))
            .collect::<std::io::Result<Vec<_>>>()?;
        let program = argv.first().map_or("", String::as_str);
        let candidates = if program.contains('/') {
            vec![c_string(program.as_bytes())?]
        } else {
            // Unset, execvp searches glibc's default path.
            let path = std::env::var_os("PATH").unwrap_or_else(|| "/bin:/usr/bin".into());
            std::env::split_paths(&path)
                .filter_map(|dir| c_string(dir.join(program).as_os_str().as_bytes()).ok())
                .collect()
        };
        let mut pointers: Vec<*const c_char> = args.iter().map(|a| a.as_ptr()).collect();
        pointers.push(std::ptr::null());
        let mut script_argv = vec![c"/bin/sh".as_ptr(), std::ptr::null()];
        script_argv.extend_from_slice(pointers.get(1..).unwrap_or_default());
        if script_argv.len() == 2 {
            script_argv.push(std::ptr::null());
        }
        Ok(Plan {
            candidates,
            _args: args,
            argv: pointers,
            script_argv,
            own_group,
            control,
            report,
            stdin: stdin.unwrap_or(-1),
        })
    }

    /// Forks the guard; its pid.
    pub fn fork(&mut self) -> std::io::Result<i32> {
        // SAFETY: the set is local; the signals are blocked across the fork so that the guard
        // starts with them blocked (no handler of etcdkit's runs in it), and unblocked again here.
        // The child runs only `guard`, which never returns.
        unsafe {
            let mut set: libc::sigset_t = std::mem::zeroed();
            let mut old: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            for sig in BLOCKED {
                libc::sigaddset(&mut set, sig);
            }
            libc::pthread_sigmask(libc::SIG_BLOCK, &set, &mut old);
            let pid = libc::fork();
            if pid == 0 {
                self.guard();
            }
            let forked = if pid < 0 {
                Err(std::io::Error::last_os_error())
            } else {
                Ok(pid)
            };
            libc::pthread_sigmask(libc::SIG_SETMASK, &old, std::ptr::null_mut());
            forked
        }
    }

    /// The guard's whole life, in the forked child.
    ///
    /// # Safety
    /// Only in the child of [`Plan::fork`].
    unsafe fn guard(&mut self) -> ! {
        libc::prctl(libc::PR_SET_NAME, GUARD_NAME.as_ptr(), 0, 0, 0);
        libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
        raw::close_like_exec(&[self.control, self.report, self.stdin]);
        let report = self.report;
        let send = |r: Report| {
            // etcdkit gone: nobody to tell; the tree is stopped all the same.
            raw::write_all(report, r.line().as_bytes());
        };
        let sigchld = sigchld_fd();
        if sigchld < 0 {
            send(Report::NotStarted(errno()));
            libc::_exit(0);
        }
        // Nothing is started before the word comes (end-of-file: etcdkit did not get the lock,
        // or is gone).
        let Some(envp) = read_start(self.control) else {
            libc::_exit(0);
        };
        let pid = match self.start(envp) {
            Ok(pid) => pid,
            Err(errno) => {
                send(Report::NotStarted(errno));
                libc::_exit(0);
            }
        };
        send(Report::Started(pid));
        let status = watch(pid, self.own_group, self.control, sigchld);
        let (leftovers, killed) = kill_tree(status.is_none().then_some(pid), self.own_group);
        send(Report::Ended {
            status: status.or(killed).unwrap_or(libc::SIGKILL),
            leftovers,
        });
        libc::_exit(0)
    }

    /// Starts the command; its pid, or the errno it could not be started with.
    ///
    /// The command's process shares the guard's memory until its exec (`CLONE_VM |
    /// CLONE_VFORK`, as `posix_spawn` does), on a stack of its own: nothing of the guard's
    /// memory (a copy of etcdkit's) is copied, which a fork would do, in the time between
    /// taking the lock and the command's start. The guard waits meanwhile; the process tells
    /// it through `failed` why the exec failed, if it did.
    ///
    /// # Safety
    /// Only in the guard; `envp` is a NULL-ended array of NUL-ended strings.
    unsafe fn start(&mut self, envp: *const *const c_char) -> Result<i32, i32> {
        let stack = libc::mmap(
            std::ptr::null_mut(),
            COMMAND_STACK,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_STACK,
            -1,
            0,
        );
        if stack == libc::MAP_FAILED {
            return Err(errno());
        }
        let mut start = Start {
            plan: self,
            guard_pid: libc::getpid(),
            envp,
            failed: 0,
        };
        // No handler of the guard's runs in the command's process before its exec (it would
        // run on the guard's memory): every signal is blocked until it has reset them.
        let mut all: libc::sigset_t = std::mem::zeroed();
        let mut old: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::pthread_sigmask(libc::SIG_SETMASK, &all, &mut old);
        let pid = libc::clone(
            exec_command,
            stack.cast::<u8>().add(COMMAND_STACK).cast(),
            libc::CLONE_VM | libc::CLONE_VFORK | libc::SIGCHLD,
            (&mut start as *mut Start).cast(),
        );
        let clone_errno = errno();
        libc::pthread_sigmask(libc::SIG_SETMASK, &old, std::ptr::null_mut());
        libc::munmap(stack, COMMAND_STACK);
        if pid < 0 {
            return Err(clone_errno);
        }
        // The process has exec'd or exited by now.
        let failed = std::ptr::read_volatile(&start.failed);
        if failed != 0 {
            let mut status = 0;
            while libc::waitpid(pid, &mut status, 0) < 0 && errno() == libc::EINTR {}
            return Err(failed);
        }
        Ok(pid)
    }

    /// In the command's process: sets it up as a command started by etcdkit expects, and execs
    /// it; returns only the errno of a failure.
    ///
    /// # Safety
    /// Only in the command's child of the guard.
    unsafe fn exec(&mut self, guard_pid: i32, envp: *const *const c_char) -> i32 {
        if self.own_group && libc::setpgid(0, 0) != 0 {
            return errno();
        }
        // The copy on 0 stays open across the exec; the guard's own closes with it.
        if self.stdin >= 0 && libc::dup2(self.stdin, 0) < 0 {
            return errno();
        }
        // What an exec of etcdkit left the command before: the caught signals back to their
        // default (an exec resets them anyway; this covers the moment before it), SIGPIPE too
        // (Rust ignores it), and nothing blocked.
        for sig in BLOCKED.into_iter().chain([libc::SIGPIPE]) {
            libc::signal(sig, libc::SIG_DFL);
        }
        let mut none: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut none);
        libc::sigprocmask(libc::SIG_SETMASK, &none, std::ptr::null_mut());
        // The guard has one thread, so the parent-death signal follows the guard itself:
        // should the guard be killed, the command dies (its own children then have nobody to
        // stop them: the guard is not killed by etcdkit, and only SIGKILL from outside can do
        // it).
        if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
            return errno();
        }
        if libc::getppid() != guard_pid {
            libc::_exit(137);
        }
        let mut denied = false;
        let mut last = libc::ENOENT;
        for path in &self.candidates {
            libc::execve(path.as_ptr(), self.argv.as_ptr(), envp);
            match errno() {
                libc::ENOEXEC => {
                    if let Some(file) = self.script_argv.get_mut(1) {
                        *file = path.as_ptr();
                    }
                    libc::execve(c"/bin/sh".as_ptr(), self.script_argv.as_ptr(), envp);
                    return errno();
                }
                libc::EACCES => denied = true,
                libc::ENOENT | libc::ENOTDIR | libc::ESTALE | libc::ENODEV | libc::ETIMEDOUT => {}
                other => return other,
            }
            last = errno();
        }
        if denied {
            libc::EACCES
        } else {
            last
        }
    }
}

/// The command process's stack until its exec (touched only as far as used).
const COMMAND_STACK: usize = 256 * 1024;

/// What the command's process needs until its exec, and where it says why that failed.
struct Start {
    plan: *mut Plan,
    guard_pid: i32,
    envp: *const *const c_char,
    failed: i32,
}

/// The command's process until its exec, sharing the guard's memory (see [`Plan::start`]).
extern "C" fn exec_command(start: *mut libc::c_void) -> libc::c_int {
    // SAFETY: `start` is the guard's `Start`, and the guard waits until this process has
    // exec'd or exited; `Plan::exec` makes only system calls.
    unsafe {
        let start = &mut *start.cast::<Start>();
        let failed = (*start.plan).exec(start.guard_pid, start.envp);
        std::ptr::write_volatile(&mut start.failed, failed.max(1));
        libc::_exit(127)
    }
}

/// The start message: the command's whole environment (etcdkit's own, with `env` added,
/// replacing variables of the same names): the count and the length of the block (4 bytes
/// each, little-endian), then the block, every `NAME=VALUE` ended by a NUL.
pub fn start_message(env: &[(String, OsString)]) -> std::io::Result<Vec<u8>> {
    let mut block = Vec::new();
    let mut count = 0u32;
    let mut add = |name: &[u8], value: &[u8]| {
        if name.contains(&0) || value.contains(&0) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "an environment variable holds a NUL byte",
            ));
        }
        block.extend_from_slice(name);
        block.push(b'=');
        block.extend_from_slice(value);
        block.push(0);
        count += 1;
        Ok(())
    };
    for (name, value) in std::env::vars_os() {
        if !env.iter().any(|(n, _)| n.as_bytes() == name.as_bytes()) {
            add(name.as_bytes(), value.as_bytes())?;
        }
    }
    for (name, value) in env {
        add(name.as_bytes(), value.as_bytes())?;
    }
    let mut message = Vec::with_capacity(8 + block.len());
    message.extend_from_slice(&count.to_le_bytes());
    message.extend_from_slice(&(block.len() as u32).to_le_bytes());
    message.extend_from_slice(&block);
    Ok(message)
}

/// Reads the start message into memory of its own (mapped, not allocated); the environment
/// as a NULL-ended array, or `None` at end-of-file (or a message cut short or malformed).
fn read_start(control: RawFd) -> Option<*const *const c_char> {
    let mut head = [0u8; 8];
    if !raw::read_exact(control, &mut head) {
        return None;
    }
    let count = u32::from_le_bytes([head[0], head[1], head[2], head[3]]) as usize;
    let bytes = u32::from_le_bytes([head[4], head[5], head[6], head[7]]) as usize;
    if bytes > 1 << 30 || count > bytes {
        return None;
    }
    let table = (count + 1) * std::mem::size_of::<*const c_char>();
    // SAFETY: a fresh private mapping of our own, written only within its size.
    unsafe {
        let memory = libc::mmap(
            std::ptr::null_mut(),
            table + bytes,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        if memory == libc::MAP_FAILED {
            return None;
        }
        let pointers = std::slice::from_raw_parts_mut(memory.cast::<*const c_char>(), count + 1);
        let block = std::slice::from_raw_parts_mut(memory.cast::<u8>().add(table), bytes);
        if !raw::read_exact(control, block) {
            return None;
        }
        let mut found = 0;
        let mut start = 0;
        for at in 0..bytes {
            if block[at] == 0 {
                if found < count {
                    pointers[found] = block.as_ptr().add(start).cast();
                }
                found += 1;
                start = at + 1;
            }
        }
        if found != count || start != bytes {
            return None;
        }
        pointers[count] = std::ptr::null();
        Some(pointers.as_ptr())
    }
}

/// A signalfd that reads SIGCHLD (blocked since the fork); negative on failure.
fn sigchld_fd() -> RawFd {
    // SAFETY: sigset manipulation on a local set; signalfd on it.
    unsafe {
        let mut chld: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut chld);
        libc::sigaddset(&mut chld, libc::SIGCHLD);
        libc::signalfd(-1, &chld, libc::SFD_CLOEXEC | libc::SFD_NONBLOCK)
    }
}

/// Follows the command until it exits or the tree must be stopped; the command's wait status
/// if it has ended by then.
fn watch(pid: i32, own_group: bool, control: RawFd, sigchld: RawFd) -> Option<i32> {
    let target = if own_group { -pid } else { pid };
    loop {
        let mut fds = [
            libc::pollfd {
                fd: control,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: sigchld,
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        // SAFETY: poll on two descriptors we own.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) };
        if n < 0 {
            continue; // EINTR
        }
        if fds[1].revents != 0 {
            let mut info = [0u8; 128];
            // SAFETY: draining the signalfd into a local buffer.
            while unsafe { libc::read(sigchld, info.as_mut_ptr().cast(), info.len()) } > 0 {}
            if let Some(status) = reap_until(pid) {
                return Some(status);
            }
        }
        if fds[0].revents != 0 {
            let mut bytes = [0u8; 64];
            // SAFETY: reading into a local buffer.
            let got = unsafe { libc::read(control, bytes.as_mut_ptr().cast(), bytes.len()) };
            if got <= 0 {
                // etcdkit is gone (or its end broke): nobody is left to stop the command.
                return reap_until(pid);
            }
            for &byte in &bytes[..got as usize] {
                if byte == STOP_TREE {
                    return reap_until(pid);
                }
                // SAFETY: the command is our unreaped child, so its pid (and group) are ours.
                unsafe { libc::kill(target, i32::from(byte)) };
            }
        }
    }
}

/// Reaps every child that has ended (orphans of the tree included); the command's status if
/// it was among them.
fn reap_until(pid: i32) -> Option<i32> {
    let mut found = None;
    loop {
        let mut status = 0;
        // SAFETY: waitpid on our own children.
        let got = unsafe { libc::waitpid(-1, &mut status, libc::WNOHANG) };
        if got <= 0 {
            return found;
        }
        if got == pid {
            found = Some(status);
        }
    }
}

/// Stops everything below the guard with SIGKILL and waits until nothing is left: as a
/// subreaper, the guard has no child exactly when nothing of the tree runs. `command` is the
/// command's pid while it is not reaped yet. Returns how many other processes were stopped,
/// and the command's status if it was reaped here.
fn kill_tree(command: Option<i32>, own_group: bool) -> (u32, Option<i32>) {
    // SAFETY: getpid has no preconditions.
    let me = unsafe { libc::getpid() };
    // The processes stopped, counted once each (past the first 256, a recount is possible).
    let mut seen = [0i32; 256];
    let mut distinct = 0usize;
    let mut more = 0u32;
    let mut status = None;
    if let (Some(pid), true) = (command, own_group) {
        // SAFETY: the group's leader is our unreaped child, so the group id is ours.
        unsafe { libc::kill(-pid, libc::SIGKILL) };
    }
    loop {
        // Reap first: with no child left (the usual end, nothing left behind) there is no need
        // to read /proc at all.
        let mut raw_status = 0;
        // SAFETY: waitpid on our own children.
        let got = unsafe { libc::waitpid(-1, &mut raw_status, libc::WNOHANG) };
        if got < 0 {
            break; // ECHILD: nothing left
        }
        if got > 0 {
            if Some(got) == command {
                status = Some(raw_status);
            }
            continue;
        }
        raw::numbered_entries(c"/proc", |pid| {
            if raw::parent_of(pid) != Some(me) {
                return;
            }
            // SAFETY: an unreaped child of ours: its pid cannot have been reused.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            if Some(pid) == command || seen[..distinct].contains(&pid) {
                return;
            }
            match seen.get_mut(distinct) {
                Some(slot) => {
                    *slot = pid;
                    distinct += 1;
                }
                None => more += 1,
            }
        });
        raw::sleep_ms(2);
    }
    (distinct as u32 + more, status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_message_reads_back() {
        let env = vec![
            ("ETCD_LOCK_KEY".to_string(), OsString::from("/locks/x/694d")),
            ("EMPTY".to_string(), OsString::new()),
        ];
        let message = start_message(&env).unwrap();
        let mut fds = [0; 2];
        // SAFETY: a fresh pipe; both ends are closed below.
        unsafe { assert_eq!(libc::pipe(fds.as_mut_ptr()), 0) };
        let writer = std::thread::spawn(move || {
            raw::write_all(fds[1], &message);
            // SAFETY: our own descriptor.
            unsafe { libc::close(fds[1]) };
        });
        let envp = read_start(fds[0]).unwrap();
        writer.join().unwrap();
        let mut read = Vec::new();
        // SAFETY: read_start made a NULL-ended array of NUL-ended strings.
        unsafe {
            let mut at = envp;
            while !(*at).is_null() {
                read.push(std::ffi::CStr::from_ptr(*at).to_bytes().to_vec());
                at = at.add(1);
            }
        }
        // etcdkit's own environment, then what was added.
        assert_eq!(read.len(), std::env::vars_os().count() + 2);
        assert_eq!(read[read.len() - 2], b"ETCD_LOCK_KEY=/locks/x/694d");
        assert_eq!(read[read.len() - 1], b"EMPTY=");
        // Then end-of-file: no second message.
        assert_eq!(read_start(fds[0]), None);
        // SAFETY: our own descriptor.
        unsafe { libc::close(fds[0]) };
    }

    #[test]
    fn a_nul_byte_in_the_environment_is_refused() {
        let env = vec![("X".to_string(), OsString::from("a\0b"))];
        assert!(start_message(&env).is_err());
    }

    #[test]
    fn reports_read_back() {
        for r in [
            Report::Started(42),
            Report::NotStarted(2),
            Report::Ended {
                status: 9,
                leftovers: 3,
            },
        ] {
            let line = r.line();
            assert_eq!(
                Report::parse(std::str::from_utf8(line.as_bytes()).unwrap()),
                Some(r)
            );
        }
        assert_eq!(Report::parse("nonsense"), None);
    }
}
