//! The nemesis: faults injected one at a time on a schedule drawn from a seed.
//!
//! Each round injects every kind once, in an order drawn from the seed, with a quiet spell
//! before each; a fault lasts past the lock's TTL (so that leases can run out), then is undone.

use std::time::{Duration, Instant};

use crate::clock::now;
use crate::contenders::{Contenders, TTL_SECS};
use crate::register::Register;
use crate::support::{Degrade, Etcd, Network};

/// A kind of fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Cut the leader off from the other members and the client, then heal.
    PartitionLeader,
    /// Cut a follower off, then heal.
    PartitionFollower,
    /// SIGSTOP the lock holder's whole process tree (etcdkit, its guard, the child) past the
    /// TTL, then SIGCONT: a GC pause. Its lease runs out; its late write must be refused.
    PauseHolder,
    /// SIGSTOP the holder's child only past the TTL: etcdkit keeps the lease alive.
    PauseChild,
    /// SIGKILL the holder's etcdkit: its child must stop with it.
    KillEtcdkit,
    /// SIGKILL a member, then start it again.
    RestartMember,
    /// Delay every frame to and from a member by 50-200 ms, give or take up to a quarter of
    /// that, then restore its link.
    DelayMember,
    /// Drop 10-30% of the frames to and from a member, then restore its link.
    LossyMember,
}

const KINDS: [Kind; 8] = [
    Kind::PartitionLeader,
    Kind::PartitionFollower,
    Kind::PauseHolder,
    Kind::PauseChild,
    Kind::KillEtcdkit,
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
}

/// What the nemesis acts on.
pub struct Scene<'a> {
    pub etcd: &'a mut Etcd,
    pub net: &'a Network,
    pub register: &'a Register,
    pub contenders: &'a Contenders,
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
    let target = match kind {
        Kind::PartitionLeader | Kind::PartitionFollower => {
            let leader = leader(scene.etcd)?;
            let i = match kind {
                Kind::PartitionLeader => leader,
                _ => (leader + 1 + rng.usize(0..scene.etcd.len() - 1)) % scene.etcd.len(),
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
        Kind::PauseHolder | Kind::PauseChild | Kind::KillEtcdkit => {
            let (etcdkit, tree) = holder(scene)?;
            start = now();
            match kind {
                Kind::KillEtcdkit => {
                    scene.contenders.signal_etcdkit(etcdkit, libc::SIGKILL);
                }
                _ => {
                    let stopped = match kind {
                        Kind::PauseHolder => tree.clone(),
                        _ => tree[..1].to_vec(),
                    };
                    if kind == Kind::PauseHolder {
                        paused_child = Some(tree[0]);
                        scene.contenders.signal_etcdkit(etcdkit, libc::SIGSTOP);
                    }
                    signal_all(&stopped, libc::SIGSTOP);
                    std::thread::sleep(hold);
                    signal_all(&stopped, libc::SIGCONT);
                    if kind == Kind::PauseHolder {
                        scene.contenders.signal_etcdkit(etcdkit, libc::SIGCONT);
                    }
                }
            }
            format!("etcdkit {etcdkit}")
        }
    };
    Some(Fault {
        kind,
        target,
        start,
        end: now(),
        paused_child,
    })
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
                if scene.contenders.is_etcdkit(pid) {
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
