//! The nemesis: faults injected one at a time on a schedule drawn from a seed.
//!
//! Each round injects every kind once, in an order drawn from the seed, with a quiet spell
//! before each; a fault lasts past the lock's TTL (so that leases can run out), then is undone.

use std::time::{Duration, Instant};

use crate::clock::now;
use crate::contenders::TTL_SECS;
use crate::register::Register;
use crate::runners::Runners;
use crate::support::{Degrade, Etcd, Network};

/// A kind of fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Cut the leader off from the other members and the client, then heal.
    PartitionLeader,
    /// Cut a follower off, then heal.
    PartitionFollower,
    /// Cut off a member a registrar is connected to (its keep-alive may be there), then heal.
    PartitionRegistrar,
    /// SIGSTOP the lock holder's whole process tree (etcdkit, its guard, the child) past the
    /// TTL, then SIGCONT: a GC pause. Its lease runs out; its late write must be refused.
    PauseHolder,
    /// SIGSTOP the holder's child only past the TTL: etcdkit keeps the lease alive.
    PauseChild,
    /// SIGKILL the holder's etcdkit: its child must stop with it.
    KillHolder,
    /// SIGSTOP the cron's leader past the TTL: it must not run a slot once it wakes.
    PauseLeader,
    /// SIGKILL the cron's leader: another takes over, no slot runs twice.
    KillLeader,
    /// SIGSTOP a registrar past the TTL: its instance goes, and comes back when it wakes.
    PauseRegistrar,
    /// SIGKILL a registrar: its instance must be withdrawn within the TTL.
    KillRegistrar,
    /// SIGKILL a member, then start it again.
    RestartMember,
    /// Delay every frame to and from a member by 50-200 ms, give or take up to a quarter of
    /// that, then restore its link.
    DelayMember,
    /// Drop 10-30% of the frames to and from a member, then restore its link.
    LossyMember,
}

const KINDS: [Kind; 13] = [
    Kind::PartitionLeader,
    Kind::PartitionFollower,
    Kind::PartitionRegistrar,
    Kind::PauseHolder,
    Kind::PauseChild,
    Kind::KillHolder,
    Kind::PauseLeader,
    Kind::KillLeader,
    Kind::PauseRegistrar,
    Kind::KillRegistrar,
    Kind::RestartMember,
    Kind::DelayMember,
    Kind::LossyMember,
];

/// One fault as injected.
#[derive(Debug, Clone)]
pub struct Fault {
    pub kind: Kind,
    /// What it hit, e.g. `m1` or `etcdkit 1234`.
    pub target: String,
    pub start: f64,
    pub end: f64,
    /// For PauseHolder: the paused child's pid (its section may outlive the lease).
    pub paused_child: Option<u32>,
    /// For the registrar faults: which registrar.
    pub registrar: Option<usize>,
}

impl Fault {
    /// Whether it may make a new leader, which extends every lease (a healed member that
    /// campaigned while cut off forces an election: etcd 3.4 runs without --pre-vote).
    pub fn may_elect(&self) -> bool {
        matches!(
            self.kind,
            Kind::PartitionLeader
                | Kind::PartitionFollower
                | Kind::PartitionRegistrar
                | Kind::RestartMember
                | Kind::DelayMember
                | Kind::LossyMember
        )
    }
}

/// What the nemesis acts on.
pub struct Scene<'a> {
    pub etcd: &'a mut Etcd,
    pub net: &'a Network,
    pub register: &'a Register,
    pub contenders: &'a Runners,
    pub crons: &'a Runners,
    pub registrars: &'a Runners,
}

/// Injects faults until `until`; returns them in order.
pub fn run(scene: &mut Scene<'_>, seed: u64, until: Instant) -> Vec<Fault> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut faults = Vec::new();
    let mut round = Vec::new();
    loop {
        std::thread::sleep(Duration::from_millis(rng.u64(1000..2500)));
        if Instant::now() + Duration::from_secs(TTL_SECS + 3) > until {
            return faults;
        }
        if round.is_empty() {
            round = KINDS.to_vec();
            rng.shuffle(&mut round);
        }
        let kind = round.pop().expect("a round is never empty here");
        let hold = Duration::from_millis(rng.u64(TTL_SECS * 1000 + 500..TTL_SECS * 1000 + 2000));
        match inject(scene, kind, hold, &mut rng) {
            Some(fault) => {
                eprintln!(
                    "nemesis: {:?} {} at {:.3} for {:.1} s",
                    fault.kind,
                    fault.target,
                    fault.start,
                    fault.end - fault.start
                );
                faults.push(fault);
            }
            None => eprintln!("nemesis: {kind:?}: nothing to hit, skipped"),
        }
    }
}

fn inject(
    scene: &mut Scene<'_>,
    kind: Kind,
    hold: Duration,
    rng: &mut fastrand::Rng,
) -> Option<Fault> {
    // Set when the fault is applied (finding its target may take a while).
    let start;
    let mut paused_child = None;
    let mut registrar = None;
    let target = match kind {
        Kind::PartitionLeader | Kind::PartitionFollower | Kind::PartitionRegistrar => {
            let i = match kind {
                Kind::PartitionLeader => leader(scene.etcd)?,
                Kind::PartitionFollower => {
                    let leader = leader(scene.etcd)?;
                    (leader + 1 + rng.usize(0..scene.etcd.len() - 1)) % scene.etcd.len()
                }
                _ => {
                    let (r, pid) = pick(&scene.registrars.pids(), rng)?;
                    registrar = Some(r);
                    let members = connected_members(pid);
                    *members.get(rng.usize(0..members.len().max(1)))?
                }
            };
            start = now();
            scene.net.partition(i);
            std::thread::sleep(hold);
            scene.net.heal(i);
            scene.etcd.member_name(i)
        }
        Kind::RestartMember => {
            let i = rng.usize(0..scene.etcd.len());
            start = now();
            scene.etcd.kill(i);
            std::thread::sleep(hold);
            scene.etcd.start(i);
            scene.etcd.member_name(i)
        }
        Kind::DelayMember | Kind::LossyMember => {
            let i = rng.usize(0..scene.etcd.len());
            let (degrade, what) = match kind {
                Kind::DelayMember => {
                    let delay = rng.u64(50..=200);
                    let jitter = rng.u64(0..=delay / 4);
                    let degrade = Degrade {
                        delay: Duration::from_millis(delay),
                        jitter: Duration::from_millis(jitter),
                        loss: 0.0,
                    };
                    (degrade, format!("{delay} ms ± {jitter} ms"))
                }
                _ => {
                    let percent = rng.u64(10..=30);
                    let degrade = Degrade {
                        loss: percent as f64 / 100.0,
                        ..Degrade::default()
                    };
                    (degrade, format!("{percent}% loss"))
                }
            };
            start = now();
            scene.net.degrade(i, degrade);
            std::thread::sleep(hold);
            scene.net.restore(i);
            format!("{} ({what})", scene.etcd.member_name(i))
        }
        Kind::PauseHolder | Kind::PauseChild | Kind::KillHolder => {
            let (etcdkit, tree) = holder(scene)?;
            start = now();
            match kind {
                Kind::KillHolder => {
                    scene.contenders.signal(etcdkit, libc::SIGKILL);
                }
                _ => {
                    let stopped = match kind {
                        Kind::PauseHolder => tree.clone(),
                        _ => tree[..1].to_vec(),
                    };
                    if kind == Kind::PauseHolder {
                        paused_child = Some(tree[0]);
                        scene.contenders.signal(etcdkit, libc::SIGSTOP);
                    }
                    signal_all(&stopped, libc::SIGSTOP);
                    std::thread::sleep(hold);
                    signal_all(&stopped, libc::SIGCONT);
                    if kind == Kind::PauseHolder {
                        scene.contenders.signal(etcdkit, libc::SIGCONT);
                    }
                }
            }
            format!("etcdkit {etcdkit}")
        }
        Kind::PauseLeader | Kind::KillLeader => {
            let pid = cron_leader(scene)?;
            start = now();
            pause_or_kill(scene.crons, pid, kind == Kind::KillLeader, hold);
            format!("etcdkit {pid}")
        }
        Kind::PauseRegistrar | Kind::KillRegistrar => {
            let (r, pid) = pick(&scene.registrars.pids(), rng)?;
            registrar = Some(r);
            start = now();
            pause_or_kill(scene.registrars, pid, kind == Kind::KillRegistrar, hold);
            format!("registrar r{r} (etcdkit {pid})")
        }
    };
    Some(Fault {
        kind,
        target,
        start,
        end: now(),
        paused_child,
        registrar,
    })
}

/// SIGKILLs `pid`, or SIGSTOPs it for `hold` and then SIGCONTs it.
fn pause_or_kill(runners: &Runners, pid: u32, kill: bool, hold: Duration) {
    if kill {
        runners.signal(pid, libc::SIGKILL);
    } else if runners.signal(pid, libc::SIGSTOP) {
        std::thread::sleep(hold);
        runners.signal(pid, libc::SIGCONT);
    }
}

fn pick<T: Copy>(items: &[T], rng: &mut fastrand::Rng) -> Option<T> {
    (!items.is_empty()).then(|| items[rng.usize(0..items.len())])
}

/// The cron's leader: the etcdkit whose key under the election is the oldest (its proposal is
/// `hostname:pid`). Waits up to 5 s for one.
fn cron_leader(scene: &Scene<'_>) -> Option<u32> {
    let deadline = Instant::now() + Duration::from_secs(5);
    let prefix = format!("{}/", crate::crons::ELECTION);
    while Instant::now() < deadline {
        let out = scene.etcd.etcdctl(&[
            "get",
            "--prefix",
            &prefix,
            "--sort-by=CREATE",
            "--order=ASCEND",
            "--limit=1",
            "-w",
            "json",
        ]);
        let pid = serde_json::from_slice::<serde_json::Value>(&out.stdout)
            .ok()
            .and_then(|v| v["kvs"][0]["value"].as_str().map(str::to_owned))
            .and_then(|b64| {
                use base64::Engine as _;
                base64::engine::general_purpose::STANDARD.decode(b64).ok()
            })
            .and_then(|value| {
                let text = String::from_utf8_lossy(&value).into_owned();
                text.rsplit(':').next()?.parse::<u32>().ok()
            });
        if let Some(pid) = pid.filter(|&p| scene.crons.is_ours(p)) {
            return Some(pid);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    None
}

/// The members (by index) that `pid` has a TCP connection to (their client port, 2379), from
/// /proc: its sockets' inodes, and its network namespace's TCP table.
fn connected_members(pid: u32) -> Vec<usize> {
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return Vec::new();
    };
    let inodes: Vec<String> = fds
        .filter_map(|fd| std::fs::read_link(fd.ok()?.path()).ok())
        .filter_map(|link| {
            let link = link.to_string_lossy().into_owned();
            Some(link.strip_prefix("socket:[")?.strip_suffix(']')?.to_owned())
        })
        .collect();
    let table = std::fs::read_to_string(format!("/proc/{pid}/net/tcp")).unwrap_or_default();
    let mut members: Vec<usize> = table
        .lines()
        .skip(1)
        .filter_map(|row| {
            let cols: Vec<&str> = row.split_whitespace().collect();
            // remote address, state (01: established), inode
            let (remote, state, inode) = (cols.get(2)?, cols.get(3)?, cols.get(9)?);
            if *state != "01" || !inodes.iter().any(|i| i == inode) {
                return None;
            }
            let (ip, port) = remote.split_once(':')?;
            if u16::from_str_radix(port, 16).ok()? != 2379 {
                return None;
            }
            let ip = u32::from_str_radix(ip, 16).ok()?.to_le_bytes();
            (ip[..3] == [10, 77, 0] && ip[3] >= 10).then(|| ip[3] as usize - 10)
        })
        .collect();
    members.sort_unstable();
    members.dedup();
    members
}

/// The current leader; waits up to 5 s for one (a healed member that campaigned while cut
/// off has a higher term, and forces an election).
fn leader(etcd: &Etcd) -> Option<usize> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match etcd.leader_index() {
            Some(i) => return Some(i),
            None if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(100)),
            None => return None,
        }
    }
}

/// The current holder: its etcdkit's pid and the processes between (child first, then its
/// guard). Waits up to 5 s for a holder.
fn holder(scene: &Scene<'_>) -> Option<(u32, Vec<u32>)> {
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Some(section) = scene.register.open_section() {
            let mut tree = vec![section.pid];
            let mut pid = section.pid;
            for _ in 0..3 {
                pid = parent_of(pid)?;
                if scene.contenders.is_ours(pid) {
                    return Some((pid, tree));
                }
                tree.push(pid);
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

/// The parent pid of `pid`, from /proc.
fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(1)?.parse().ok()
}

/// Signals processes found under one of our etcdkits a moment ago (a pid could in theory be
/// reused in those milliseconds; the child and its guard live much longer than that).
fn signal_all(pids: &[u32], signal: libc::c_int) {
    for &pid in pids {
        // SAFETY: kill(2) has no memory-safety preconditions.
        unsafe {
            libc::kill(pid as libc::pid_t, signal);
        }
    }
}
