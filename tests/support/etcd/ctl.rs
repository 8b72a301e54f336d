//! Talking to the members through etcdctl: commands, `endpoint status`, leader and member IDs.

use std::process::{Command, Output, Stdio};
use std::sync::atomic::Ordering;
use std::thread;
use std::time::{Duration, Instant};

use super::super::etcdctl_bin;
use super::super::netns::command_in;
use super::{Etcd, ROOT_PASSWORD};

/// What `etcdctl endpoint status` says about one member.
#[derive(Debug, Clone, Copy)]
struct MemberStatus {
    id: u64,
    leader: u64,
    term: u64,
}

impl Etcd {
    // ----- cluster state ---------------------------------------------------------------------

    /// Index of the current leader: asks every running, unpaused member (`etcdctl endpoint
    /// status`, 1-2 s timeouts, in parallel) and takes the leader reported at the highest raft
    /// term. `None` if nobody knows a leader, or the leader is not running or is paused.
    pub fn leader_index(&self) -> Option<usize> {
        let statuses = self.statuses();
        let term = statuses.iter().map(|s| s.term).max()?;
        let leader = statuses
            .iter()
            .find(|s| s.term == term && s.leader != 0)?
            .leader;
        let i = self
            .members
            .iter()
            .position(|m| m.id.load(Ordering::SeqCst) == leader)?;
        (self.is_running(i) && !self.is_paused(i)).then_some(i)
    }

    /// Whether every member answers and all report the same leader at the same raft term.
    pub fn members_agree_on_leader(&self) -> bool {
        let statuses = self.statuses();
        statuses.len() == self.len()
            && statuses[0].leader != 0
            && statuses
                .iter()
                .all(|s| s.leader == statuses[0].leader && s.term == statuses[0].term)
    }

    /// `endpoint status` of every running, unpaused member, asked in parallel.
    fn statuses(&self) -> Vec<MemberStatus> {
        thread::scope(|s| {
            let handles: Vec<_> = (0..self.len())
                .filter(|&i| self.is_running(i) && !self.is_paused(i))
                .map(|i| s.spawn(move || self.status(i)))
                .collect();
            handles
                .into_iter()
                .filter_map(|h| h.join().ok().flatten())
                .collect()
        })
    }

    /// Polls [`Etcd::leader_index`] until some member leads; panics after `timeout`.
    pub fn wait_for_leader(&self, timeout: Duration) -> usize {
        self.wait_for_leader_where(timeout, |_| true)
    }

    /// Polls [`Etcd::leader_index`] until a member other than `old` leads; panics after `timeout`.
    pub fn wait_for_new_leader(&self, old: usize, timeout: Duration) -> usize {
        self.wait_for_leader_where(timeout, |i| i != old)
    }

    fn wait_for_leader_where(&self, timeout: Duration, ok: impl Fn(usize) -> bool) -> usize {
        let deadline = Instant::now() + timeout;
        loop {
            match self.leader_index() {
                Some(i) if ok(i) => return i,
                last => {
                    if Instant::now() >= deadline {
                        self.logs_shown.store(true, Ordering::SeqCst);
                        panic!(
                            "no (new) etcd leader within {timeout:?}; last leader seen: {last:?}\n{}",
                            self.log_tails()
                        );
                    }
                }
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Raft member ID of member `i` (asks the member if not seen yet; panics if it cannot).
    pub fn member_id(&self, i: usize) -> u64 {
        match self.member(i).id.load(Ordering::SeqCst) {
            0 => {
                self.status(i)
                    .unwrap_or_else(|| {
                        panic!("cannot get the member ID of {}", self.member(i).name)
                    })
                    .id
            }
            id => id,
        }
    }

    fn status(&self, i: usize) -> Option<MemberStatus> {
        let out = self
            .etcdctl_command_at(i)
            .args([
                "--dial-timeout=1s",
                "--command-timeout=2s",
                "endpoint",
                "status",
                "-w",
                "json",
            ])
            .output()
            .ok()?;
        if !out.status.success() {
            return None;
        }
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
        let st = v.get(0)?.get("Status")?;
        let header = st.get("header")?;
        let status = MemberStatus {
            id: header.get("member_id")?.as_u64()?,
            // Fields are omitted when 0.
            leader: st.get("leader").and_then(|x| x.as_u64()).unwrap_or(0),
            term: st
                .get("raftTerm")
                .or_else(|| header.get("raft_term"))
                .and_then(|x| x.as_u64())
                .unwrap_or(0),
        };
        self.member(i).id.store(status.id, Ordering::SeqCst);
        Some(status)
    }

    // ----- etcdctl ---------------------------------------------------------------------------

    /// etcdctl (`ETCDCTL_API=3`, no `ETCDCTL_*` variables from the environment, stdin null)
    /// against all endpoints, with `--cacert/--cert/--key` for TLS fixtures and
    /// `--user root:rootpw` when auth is on. Flags you add later override these.
    pub fn etcdctl_command(&self) -> Command {
        self.ctl(&self.endpoints())
    }

    /// Like [`Etcd::etcdctl_command`], against member `i` only.
    pub fn etcdctl_command_at(&self, i: usize) -> Command {
        self.ctl(&self.member(i).client_url)
    }

    /// Runs etcdctl with `args` against all endpoints (see [`Etcd::etcdctl_command`]).
    pub fn etcdctl(&self, args: &[&str]) -> Output {
        run(self.etcdctl_command().args(args))
    }

    /// Runs etcdctl with `args` against member `i` only.
    pub fn etcdctl_at(&self, i: usize, args: &[&str]) -> Output {
        run(self.etcdctl_command_at(i).args(args))
    }

    /// Puts 16 KiB values until etcd refuses with "database space exceeded" (start it with a
    /// small `--quota-backend-bytes`); panics if the quota is never hit. The NOSPACE alarm is
    /// then active, and the database is within one value of the quota: etcd refuses a put when
    /// size + cost reaches the quota, so a 100 KiB value could stop a 1 MiB quota at 91%, below
    /// the 95% that DatabaseQuotaLowSpace needs.
    pub fn fill_until_nospace(&self) {
        let value = "x".repeat(16 * 1024);
        for i in 0..1000 {
            let out = self.etcdctl(&["put", &format!("fill/{i}"), &value]);
            if !out.status.success() {
                let why = String::from_utf8_lossy(&out.stderr);
                assert!(
                    why.contains("database space exceeded"),
                    "put failed otherwise: {why}"
                );
                return;
            }
        }
        panic!("1000 puts of 16 KiB never hit the quota");
    }

    /// Runs etcdctl with `args`; panics (with its output) unless it succeeds; returns stdout.
    pub fn etcdctl_ok(&self, args: &[&str]) -> String {
        let out = self.etcdctl(args);
        if !out.status.success() {
            panic!(
                "etcdctl {args:?} failed ({}):\n{}",
                out.status,
                output_text(&out)
            );
        }
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// `etcdctl put key value`; panics on failure.
    pub fn put(&self, key: &str, value: &str) {
        // `--` so that values starting with '-' are not taken as flags.
        self.etcdctl_ok(&["put", "--", key, value]);
    }

    /// `etcdctl get --print-value-only key`: `None` if the key is missing (and also if its value
    /// is empty); panics on failure. One trailing newline is removed.
    pub fn get(&self, key: &str) -> Option<String> {
        let out = self.etcdctl_ok(&["get", "--print-value-only", "--", key]);
        let value = out.strip_suffix('\n').unwrap_or(&out);
        (!out.is_empty()).then(|| value.to_string())
    }

    fn ctl(&self, endpoints: &str) -> Command {
        let mut cmd = match &self.client_netns {
            Some(netns) => command_in(netns, etcdctl_bin()),
            None => Command::new(etcdctl_bin()),
        };
        for (k, _) in std::env::vars_os() {
            if k.to_string_lossy().starts_with("ETCDCTL_") {
                cmd.env_remove(k);
            }
        }
        cmd.env("ETCDCTL_API", "3").stdin(Stdio::null());
        cmd.arg(format!("--endpoints={endpoints}"));
        if let Some(t) = &self.tls {
            cmd.arg(format!("--cacert={}", t.ca.display()))
                .arg(format!("--cert={}", t.cert.display()))
                .arg(format!("--key={}", t.key.display()));
        }
        if self.auth {
            cmd.arg(format!("--user=root:{ROOT_PASSWORD}"));
        }
        cmd
    }
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().unwrap_or_else(|e| {
        panic!(
            "cannot run etcdctl {:?} (set ETCDKIT_TEST_ETCDCTL to its path): {e}",
            etcdctl_bin()
        )
    })
}

fn output_text(out: &Output) -> String {
    format!(
        "--- stdout ---\n{}--- stderr ---\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
