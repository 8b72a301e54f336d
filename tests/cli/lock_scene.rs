//! The world of a lock test: one etcd, a lock name, a scratch dir with small sh scripts that
//! holders run (a racy counter increment, a loop of locked increments, a hold-until-released),
//! and processes running in the background that are stopped if the test fails.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::run::{etcdkit_command, Run};
use crate::support::{etcdctl_bin, process_alive, Etcd};

/// One critical section: read the counter, pause so that a rival could slip in, write it back.
/// A second process inside at the same time is also caught by the `inside` directory.
const SECTION_SH: &str = r#"
mkdir "$DIR/inside" 2>/dev/null || echo overlap >> "$DIR/overlaps"
c=$(cat "$DIR/counter")
sleep 0.01
echo $((c + 1)) > "$DIR/counter"
if [ -n "$ETCDKIT_LOCK_REV" ]; then echo "$ETCDKIT_LOCK_REV" >> "$DIR/tokens"; fi
if [ -n "$ETCD_LOCK_REV" ]; then echo "$ETCD_LOCK_REV" >> "$DIR/lock_revs"; fi
rmdir "$DIR/inside" 2>/dev/null
echo done >> "$DIR/sections"
"#;

/// `loop.sh KIND N`: N critical sections, each under KIND's lock (etcdkit, etcdctl, or none);
/// every attempt's exit code goes to `runs`.
const LOOP_SH: &str = r#"
kind=$1 n=$2 i=0
while [ "$i" -lt "$n" ]; do
  case $kind in
    etcdkit) "$ETCDKIT" lock --endpoints "$EP" "$NAME" -- sh "$DIR/section.sh" ;;
    etcdctl) "$ETCDCTL" --endpoints "$EP" lock "$NAME" -- sh "$DIR/section.sh" ;;
    none) sh "$DIR/section.sh" ;;
  esac
  echo "$kind $?" >> "$DIR/runs"
  i=$((i + 1))
done
"#;

/// `hold.sh LABEL`: logs `+LABEL`, stays until the file `go.LABEL` exists, logs `-LABEL`.
const HOLD_SH: &str = r#"
echo "+$1" >> "$DIR/log"
while [ ! -e "$DIR/go.$1" ]; do sleep 0.02; done
echo "-$1" >> "$DIR/log"
"#;

/// A lock test's world: one etcd, a lock name, a scratch dir with the scripts above.
pub(crate) struct Scene {
    pub etcd: Etcd,
    pub name: String,
    /// The endpoints etcdkit and etcdctl are given (all members).
    pub ep: String,
    dir: TempDir,
}

impl Scene {
    pub fn single(name: &str) -> Scene {
        Scene::on(Etcd::single(), name)
    }

    pub fn on(etcd: Etcd, name: &str) -> Scene {
        let dir = tempfile::tempdir().unwrap();
        for (file, text) in [
            ("section.sh", SECTION_SH),
            ("loop.sh", LOOP_SH),
            ("hold.sh", HOLD_SH),
        ] {
            fs::write(dir.path().join(file), text).unwrap();
        }
        fs::write(dir.path().join("counter"), "0\n").unwrap();
        Scene {
            ep: etcd.endpoints(),
            etcd,
            name: name.to_string(),
            dir,
        }
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.dir().join(file)
    }

    /// Lines of a file in the scratch dir (none if it does not exist).
    pub fn lines(&self, file: &str) -> Vec<String> {
        fs::read_to_string(self.path(file))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }

    pub fn counter(&self) -> usize {
        let text = fs::read_to_string(self.path("counter")).unwrap();
        text.trim()
            .parse()
            .unwrap_or_else(|_| panic!("counter is {text:?}"))
    }

    /// `etcdkit lock --endpoints EP ARGS...` with the scene's variables set for scripts.
    pub fn etcdkit(&self, args: &[&str]) -> Command {
        let mut cmd = etcdkit_command();
        cmd.args(["lock", "--endpoints", &self.ep]).args(args);
        self.vars(&mut cmd);
        cmd
    }

    /// `etcdctl --endpoints EP ARGS...` (ETCDCTL_API=3) with the scene's variables set.
    pub fn etcdctl(&self, args: &[&str]) -> Command {
        let mut cmd = self.etcd.etcdctl_command();
        cmd.args(args);
        self.vars(&mut cmd);
        cmd
    }

    /// `sh SCRIPT ARGS...` in a clean environment, with the scene's variables set.
    pub fn sh(&self, script: &str, args: &[&str]) -> Command {
        let mut cmd = Command::new("sh");
        for (key, _) in std::env::vars_os() {
            let k = key.to_string_lossy();
            if k.starts_with("ETCDKIT_") || k.starts_with("ETCDCTL_") || k.starts_with("ETCD_") {
                cmd.env_remove(&key);
            }
        }
        cmd.arg(self.path(script)).args(args).stdin(Stdio::null());
        self.vars(&mut cmd);
        cmd
    }

    /// Scripts find their files through $DIR; relative paths land there too.
    fn vars(&self, cmd: &mut Command) {
        cmd.current_dir(self.dir())
            .env("DIR", self.dir())
            .env("EP", &self.ep)
            .env("NAME", &self.name)
            .env("ETCDKIT", env!("CARGO_BIN_EXE_etcdkit"))
            .env("ETCDCTL", etcdctl_bin())
            .env("ETCDCTL_API", "3");
    }

    /// An etcdkit holder running `hold.sh LABEL` (see [`Scene::release`]).
    pub fn etcdkit_holder(&self, label: &str, flags: &[&str]) -> Spawned {
        let hold = self.path("hold.sh");
        let mut args = vec![self.name.as_str()];
        args.extend_from_slice(flags);
        args.extend(["--", "sh", hold.to_str().unwrap(), label]);
        Spawned::spawn(self.etcdkit(&args), self.dir(), label)
    }

    /// An `etcdctl lock` holder running `hold.sh LABEL`.
    pub fn etcdctl_holder(&self, label: &str) -> Spawned {
        let hold = self.path("hold.sh");
        let cmd = self.etcdctl(&["lock", &self.name, "sh", hold.to_str().unwrap(), label]);
        Spawned::spawn(cmd, self.dir(), label)
    }

    /// Lets the holder `label` leave its critical section.
    pub fn release(&self, label: &str) {
        fs::write(self.path(&format!("go.{label}")), "").unwrap();
    }

    /// The `+LABEL` / `-LABEL` lines the holders wrote, in order.
    pub fn log(&self) -> Vec<String> {
        self.lines("log")
    }

    /// Keys under `NAME/`, oldest first.
    pub fn keys(&self) -> Vec<String> {
        keys_under(&self.etcd, &format!("{}/", self.name))
    }

    /// Waits until `n` keys are under `NAME/` (holders and waiters in line).
    pub fn wait_keys(&self, n: usize) {
        wait_for(&format!("{n} keys under {}/", self.name), 10, || {
            self.keys().len() == n
        });
    }

    /// The keys in line with their values (etcdkit's `host:pid`), and whether that pid lives.
    pub fn describe_line(&self) -> String {
        let out = self.etcd.etcdctl_ok(&[
            "get",
            &format!("{}/", self.name),
            "--prefix",
            "--sort-by=CREATE",
        ]);
        let lines: Vec<&str> = out.lines().collect();
        lines
            .chunks(2)
            .map(|kv| {
                let value = kv.get(1).copied().unwrap_or_default();
                let alive = value
                    .rsplit(':')
                    .next()
                    .and_then(|p| p.parse().ok())
                    .map(|pid| {
                        if process_alive(pid) {
                            "running"
                        } else {
                            "exited"
                        }
                    });
                format!("  {} = {value:?} ({})", kv[0], alive.unwrap_or("?"))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Leases that exist in etcd.
    pub fn leases(&self) -> Vec<String> {
        self.etcd
            .etcdctl_ok(&["lease", "list"])
            .lines()
            .skip(1) // "found N leases"
            .map(str::to_string)
            .collect()
    }
}

/// Keys under a prefix, sorted by create revision.
pub(crate) fn keys_under(etcd: &Etcd, prefix: &str) -> Vec<String> {
    etcd.etcdctl_ok(&["get", prefix, "--prefix", "--keys-only", "--sort-by=CREATE"])
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Polls `ok` every 20 ms; panics after `seconds`.
pub(crate) fn wait_for(what: &str, seconds: u64, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while !ok() {
        assert!(Instant::now() < deadline, "waited {seconds} s for {what}");
        thread::sleep(Duration::from_millis(20));
    }
}

/// A process running in the background, stdout and stderr going to files. Dropped while
/// running (a failed test), it gets SIGTERM (etcdkit passes it on), then SIGKILL.
pub(crate) struct Spawned {
    child: Child,
    label: String,
    out: PathBuf,
    err: PathBuf,
    exited: bool,
}

impl Spawned {
    pub fn spawn(mut cmd: Command, dir: &Path, label: &str) -> Spawned {
        let out = dir.join(format!("{label}.stdout"));
        let err = dir.join(format!("{label}.stderr"));
        cmd.stdout(fs::File::create(&out).unwrap())
            .stderr(fs::File::create(&err).unwrap());
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {label}: {e}"));
        Spawned {
            child,
            label: label.to_string(),
            out,
            err,
            exited: false,
        }
    }

    pub fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    /// Sends a signal (only while the process has not been reaped, so the pid is still ours).
    pub fn signal(&mut self, sig: i32) {
        assert!(self.running(), "{} exited before signal {sig}", self.label);
        // SAFETY: kill(2) on our own unreaped child.
        assert_eq!(unsafe { libc::kill(self.pid(), sig) }, 0);
    }

    pub fn running(&mut self) -> bool {
        if !self.exited {
            self.exited = !matches!(self.child.try_wait(), Ok(None));
        }
        !self.exited
    }

    pub fn stdout(&self) -> String {
        fs::read_to_string(&self.out).unwrap_or_default()
    }

    pub fn stderr(&self) -> String {
        fs::read_to_string(&self.err).unwrap_or_default()
    }

    /// Waits for the exit (panics after `seconds`, showing stderr); a signal death is code -1.
    pub fn wait(&mut self, seconds: u64) -> Run {
        self.wait_until(Instant::now() + Duration::from_secs(seconds))
            .unwrap_or_else(|| {
                panic!(
                    "{} still runs after {seconds} s; stderr:\n{}",
                    self.label,
                    self.stderr()
                )
            })
    }

    /// Waits for the exit until `deadline`; `None` if it still runs then.
    pub fn wait_until(&mut self, deadline: Instant) -> Option<Run> {
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() >= deadline {
                return None;
            }
            thread::sleep(Duration::from_millis(10));
        };
        self.exited = true;
        Some(Run {
            code: status.code().unwrap_or(-1),
            stdout: self.stdout(),
            stderr: self.stderr(),
        })
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        if self.running() {
            // SAFETY: kill(2) on our own unreaped child.
            unsafe { libc::kill(self.pid(), libc::SIGTERM) };
            let deadline = Instant::now() + Duration::from_secs(2);
            while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
                thread::sleep(Duration::from_millis(10));
            }
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Starts `loop.sh KIND N` for each `(kind, iterations)`, all at once.
pub(crate) fn start_loops(scene: &Scene, loops: &[(&str, usize)]) -> Vec<Spawned> {
    loops
        .iter()
        .enumerate()
        .map(|(i, (kind, n))| {
            let cmd = scene.sh("loop.sh", &[kind, &n.to_string()]);
            Spawned::spawn(cmd, scene.dir(), &format!("loop{i}-{kind}"))
        })
        .collect()
}

/// Waits up to `seconds` for every loop; if one hangs, says who is in line and whether they live.
pub(crate) fn finish_loops(scene: &Scene, mut loops: Vec<Spawned>, seconds: u64) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    for bg in &mut loops {
        match bg.wait_until(deadline) {
            Some(run) => {
                run.expect_code(0);
            }
            None => panic!(
                "the loops did not finish within {seconds} s ({} of them ran); in line now:\n{}",
                scene.lines("runs").len(),
                scene.describe_line()
            ),
        }
    }
}

/// Runs `loop.sh` for each `(kind, iterations)` at once and waits for all.
pub(crate) fn run_loops(scene: &Scene, loops: &[(&str, usize)], seconds: u64) {
    finish_loops(scene, start_loops(scene, loops), seconds);
}
