//! The rules no other test sees fire against real etcd, each provoked for real on loopback and
//! checked through `alert run --once -o json`: leader churn, a database that grows fast, one
//! fragmented by deletes and compaction, a member whose keyspace was corrupted on disk, reads
//! stuck behind a paused leader, a paused peer, membership that differs, writes stalled by a
//! defragment, and a member paused amid large writes. `for` is shortened so that each test is
//! quick.

use std::fs;
use std::time::Duration;

use crate::run::{etcdkit, wait_until};
use crate::support::Etcd;
use crate::watch_metrics_prometheus::Killed;

const LIMIT: Duration = Duration::from_secs(60);

/// `alert run --once` with its own config and state file, as cron would run it.
struct Cron {
    dir: tempfile::TempDir,
}

impl Cron {
    fn new(config: &str) -> Cron {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("alert.toml"), config).unwrap();
        Cron { dir }
    }

    /// One evaluation against `endpoints`: the output, which must say it ran.
    fn run(&self, endpoints: &str) -> serde_json::Value {
        let path = |name: &str| self.dir.path().join(name).display().to_string();
        let run = etcdkit(&[
            "alert",
            "run",
            "--once",
            "--config",
            &path("alert.toml"),
            "--state",
            &path("state.json"),
            "--endpoints",
            endpoints,
            "-o",
            "json",
        ]);
        run.expect_code(0);
        run.json()
    }

    /// The alerts of `rule` that fire in one evaluation: (member label, value).
    fn firing(&self, endpoints: &str, rule: &str) -> Vec<(String, f64)> {
        let out = self.run(endpoints);
        out["alerts"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["name"] == rule && a["state"] == "firing")
            .map(|a| {
                let member = a["member"].as_str().unwrap_or("").to_string();
                (member, a["value"].as_f64().unwrap_or(f64::NAN))
            })
            .collect()
    }

    /// Evaluates until `rule` fires (a generous limit); returns its alerts.
    fn wait_firing(&self, endpoints: &str, rule: &str) -> Vec<(String, f64)> {
        let mut alerts = Vec::new();
        wait_until(&format!("{rule} to fire"), LIMIT, || {
            alerts = self.firing(endpoints, rule);
            !alerts.is_empty()
        });
        alerts
    }
}

/// `etcdkit bench write` against `ep` with `args` (requests wait up to a minute), its output to
/// nowhere.
fn writers(ep: &str, args: &[&str]) -> std::process::Command {
    let mut cmd = crate::run::etcdkit_command();
    cmd.args([
        "bench",
        "write",
        "--endpoints",
        ep,
        "--command-timeout",
        "1m",
    ])
    .args(args)
    .stdout(std::process::Stdio::null())
    .stderr(std::process::Stdio::null());
    cmd
}

/// A rule's `for` shortened to nothing, the rest as built in.
fn at_once(rule: &str) -> String {
    format!("[[rules]]\nname = \"{rule}\"\nfor = \"0s\"\n")
}

#[test]
fn leader_churn_fires_high_number_of_leader_changes() {
    let etcd = Etcd::cluster(3);
    let cron = Cron::new(&at_once("HighNumberOfLeaderChanges"));
    let rule = "HighNumberOfLeaderChanges";
    assert!(cron.firing(&etcd.endpoints(), rule).is_empty());
    // Four leader changes (the mixin's threshold), each a real transfer every member sees.
    for _ in 0..4 {
        let leader = etcd.wait_for_leader(LIMIT);
        let next = (leader + 1) % 3;
        let id = format!("{:x}", etcd.member_id(next));
        let moved = etcd.etcdctl_at(leader, &["move-leader", &id]);
        assert!(moved.status.success(), "{moved:?}");
        etcd.wait_for_new_leader(leader, LIMIT);
    }
    let alerts = cron.wait_firing(&etcd.endpoints(), rule);
    assert!(alerts[0].1 >= 4.0, "{alerts:?}");
}

#[test]
fn a_fast_growing_database_fires_excessive_database_growth() {
    let etcd = Etcd::single();
    let rule = "ExcessiveDatabaseGrowth";
    let cron = Cron::new(&at_once(rule));
    // The first look keeps the size the growth is measured from.
    assert!(cron.firing(&etcd.endpoints(), rule).is_empty());
    let value = "x".repeat(100 * 1024);
    for i in 0..40 {
        etcd.put(&format!("/grow/{i}"), &value);
    }
    // Megabytes in seconds: at that pace the 2 GiB quota is reached well within 4 hours.
    let alerts = cron.wait_firing(&etcd.endpoints(), rule);
    assert!(alerts[0].1 > 1.0, "{alerts:?}");
}

#[test]
fn deletes_and_compaction_fire_database_high_fragmentation_ratio() {
    let etcd = Etcd::single();
    let rule = "DatabaseHighFragmentationRatio";
    // The built-in rule wants 100 MiB in use; 1 MiB keeps the test quick.
    let cron = Cron::new(&format!(
        "[[rules]]\nname = \"{rule}\"\nmetric = \"db_in_use_ratio\"\nop = \"<\"\nthreshold = 0.5\n\
         and = [{{ metric = \"db_size_in_use_bytes\", op = \">\", threshold = 1048576.0 }}]\n\
         for = \"0s\"\n"
    ));
    let value = "x".repeat(100 * 1024);
    for i in 0..80 {
        etcd.put(&format!("/frag/{i:02}"), &value);
    }
    assert!(
        cron.firing(&etcd.endpoints(), rule).is_empty(),
        "a database full of live keys is not fragmented"
    );
    // Three quarters deleted and compacted away: free pages the file keeps.
    let out = etcd.etcdctl(&["del", "/frag/2", "/frag/8"]);
    assert!(out.status.success(), "{out:?}");
    let out = etcd.etcdctl(&["put", "/frag/done", "x", "-w", "json"]);
    let rev = serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["header"]
        ["revision"]
        .as_u64()
        .unwrap();
    let out = etcd.etcdctl(&["compaction", "--physical", &rev.to_string()]);
    assert!(out.status.success(), "{out:?}");
    // The pages compaction freed count as free once a later write commits.
    let mut alerts = Vec::new();
    wait_until("DatabaseHighFragmentationRatio to fire", LIMIT, || {
        etcd.put("/frag/tick", "x");
        alerts = cron.firing(&etcd.endpoints(), rule);
        !alerts.is_empty()
    });
    assert!(alerts[0].1 < 0.5, "{alerts:?}");
}

/// Replaces every `from` in `path` with `to` (same length); returns how many.
fn overwrite(path: &std::path::Path, from: &[u8], to: &[u8]) -> usize {
    assert_eq!(from.len(), to.len());
    let mut bytes = fs::read(path).unwrap();
    let mut n = 0;
    let mut i = 0;
    while i + from.len() <= bytes.len() {
        if &bytes[i..i + from.len()] == from {
            bytes[i..i + from.len()].copy_from_slice(to);
            n += 1;
            i += from.len();
        } else {
            i += 1;
        }
    }
    fs::write(path, bytes).unwrap();
    n
}

#[test]
fn a_value_corrupted_on_disk_fires_hashkv_mismatch() {
    let mut etcd = Etcd::cluster(3);
    let rule = "HashKVMismatch";
    let cron = Cron::new(&format!(
        "[settings]\nhashkv_interval = \"1s\"\n\n{}",
        at_once(rule)
    ));
    let good = "A".repeat(64);
    etcd.put("/hashkv/victim", &good);
    // A linearizable read on member 2 returns only once it has applied the put.
    let read = etcd.etcdctl_at(2, &["get", "/hashkv/victim", "--print-value-only"]);
    assert!(
        String::from_utf8_lossy(&read.stdout).contains(&good),
        "{read:?}"
    );
    assert!(
        cron.firing(&etcd.endpoints(), rule).is_empty(),
        "healthy members agree"
    );

    // Flip the value's bytes in member 2's database file while it is stopped: what a bad disk
    // does, and what only a hash comparison notices.
    etcd.stop(2);
    let db = etcd.data_dir(2).join("member/snap/db");
    let changed = overwrite(&db, good.as_bytes(), "B".repeat(64).as_bytes());
    assert!(changed > 0, "the value is in {}", db.display());
    etcd.start(2);

    let alerts = cron.wait_firing(&etcd.endpoints(), rule);
    assert_eq!(alerts[0].1, 1.0, "one member differs: {alerts:?}");
}

#[test]
fn two_clusters_behind_one_endpoint_list_fire_member_list_mismatch() {
    let (a, b) = (Etcd::single(), Etcd::single());
    let rule = "MemberListMismatch";
    let cron = Cron::new(&at_once(rule));
    assert!(cron.firing(&a.endpoints(), rule).is_empty());
    let both = format!("{},{}", a.endpoints(), b.endpoints());
    let alerts = cron.wait_firing(&both, rule);
    assert_eq!(alerts[0].1, 2.0, "{alerts:?}");
}

#[test]
fn a_read_stuck_behind_a_paused_leader_fires_grpc_requests_slow() {
    let etcd = Etcd::builder()
        .members(3)
        .args(&["--metrics", "extensive"])
        .start();
    let rule = "GRPCRequestsSlow";
    let cron = Cron::new(&at_once(rule));
    // The first look: where the window starts.
    cron.run(&etcd.endpoints());
    // A linearizable read on a follower needs the leader: with the leader paused it waits for
    // an election (500 ms or more here), far past the mixin's 150 ms.
    let leader = etcd.wait_for_leader(LIMIT);
    let follower = (leader + 1) % 3;
    etcd.pause(leader);
    let _ = etcd.etcdctl_at(follower, &["get", "/slow", "--command-timeout=20s"]);
    etcd.resume(leader);
    wait_until("the members to agree on a leader", LIMIT, || {
        etcd.members_agree_on_leader()
    });
    let alerts = cron.wait_firing(&etcd.endpoints(), rule);
    assert!(alerts.iter().all(|(_, v)| *v > 0.15), "{alerts:?}");
    let stuck = etcd.member_name(follower);
    assert!(
        alerts.iter().any(|(member, _)| *member == stuck),
        "the member that served the stuck read, {stuck}, is among {alerts:?}"
    );
}

#[test]
fn a_paused_peer_fires_member_communication_slow() {
    let etcd = Etcd::cluster(3);
    let rule = "MemberCommunicationSlow";
    let cron = Cron::new(&at_once(rule));
    assert!(cron.firing(&etcd.endpoints(), rule).is_empty());
    // etcd probes each peer every 4 s; a probe sent to a paused peer is answered only when it
    // resumes, seconds later, far past the mixin's 150 ms. etcd records the smoothed round trip
    // in its histogram every 30 s (5 s at first), so waiting for the rule takes that long.
    let leader = etcd.wait_for_leader(LIMIT);
    let paused = (leader + 1) % 3;
    etcd.pause(paused);
    let started = std::time::Instant::now();
    let members: Vec<usize> = (0..3).filter(|&i| i != paused).collect();
    let probed = || {
        members.iter().all(|&i| {
            let out = etcd.etcdctl_at(i, &["endpoint", "health"]);
            out.status.success()
        })
    };
    // Paused past one whole probe interval, with the rest of the cluster serving meanwhile.
    wait_until("a probe interval to pass", LIMIT, || {
        probed() && started.elapsed() > Duration::from_secs(5)
    });
    etcd.resume(paused);
    let mut alerts = Vec::new();
    wait_until(
        "MemberCommunicationSlow to fire",
        Duration::from_secs(120),
        || {
            alerts = cron.firing(&etcd.endpoints(), rule);
            !alerts.is_empty()
        },
    );
    assert!(alerts.iter().all(|(_, v)| *v > 0.15), "{alerts:?}");
}

#[test]
fn writes_stalled_by_a_defragment_fire_applied_index_lag() {
    let etcd = Etcd::single();
    let ep = etcd.endpoint(0);
    let rule = "AppliedIndexLag";
    let cron = Cron::new(&at_once(rule));
    assert!(
        cron.firing(&ep, rule).is_empty(),
        "an idle member applies at once"
    );
    // 30 MB of live data: a defragment copies it all while holding the backend, and puts
    // committed meanwhile wait to be applied.
    let mut fill = writers(
        &ep,
        &["--total", "300", "--val-size", "100000", "--clients", "4"],
    );
    crate::run::run_command(fill.args(["--prefix", "/big/", "--keep"])).expect_code(0);
    // 1500 writers: more entries in flight than the mixin's 1000.
    let load = ["--duration", "5m", "--clients", "1500", "--val-size", "10"];
    let writers = writers(&ep, &load)
        .args(["--prefix", "/lag/"])
        .spawn()
        .unwrap();
    let _writers = Killed(writers);
    let mut alerts = Vec::new();
    wait_until("AppliedIndexLag to fire", Duration::from_secs(120), || {
        let mut defrag = etcd.etcdctl_command_at(0);
        defrag
            .args(["defrag", "--command-timeout=1m"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        let mut defrag = Killed(defrag.spawn().unwrap());
        alerts = cron.firing(&ep, rule);
        let _ = defrag.0.wait();
        !alerts.is_empty()
    });
    assert!(alerts[0].1 > 1000.0, "{alerts:?}");
}

#[test]
fn a_member_paused_in_a_burst_of_large_writes_fires_high_commit_durations() {
    let etcd = Etcd::single();
    let ep = etcd.endpoint(0);
    let rule = "HighCommitDurations";
    let pid = etcd.pid(0).unwrap();
    // 100 writers of 100 KB values keep the backend committing megabytes. The member is paused
    // for 400 ms (a stalled disk, a VM descheduled) at a moment when one of its threads is
    // seen inside the backend's fdatasync: that commit then takes longer than the mixin's
    // 250 ms. The pause is not left to chance: a pause that caught no commit is undone and
    // tried again.
    let burst = [
        "--total",
        "1000000",
        "--val-size",
        "100000",
        "--clients",
        "100",
    ];
    let burst = writers(&ep, &burst)
        .args(["--prefix", "/commit/"])
        .spawn()
        .unwrap();
    let mut burst = Some(Killed(burst));
    let cron = Cron::new(&at_once(rule));
    cron.run(&ep);
    let slow_before = slow_commits(&etcd);
    let db = etcd.data_dir(0).join("member/snap/db");
    wait_until("a pause inside a backend commit", LIMIT, || {
        let Some(fd) = open_fd(pid, &db) else {
            return false;
        };
        if !in_fdatasync(pid, fd) {
            return false;
        }
        etcd.pause(0);
        wait_until("every thread of the member to stop", LIMIT, || {
            all_stopped(pid)
        });
        // Every other thread has stopped: one still in (or just out of) the fdatasync stops
        // before it returns to the commit, which therefore lasts the whole pause.
        let caught = in_fdatasync(pid, fd);
        if caught {
            // No more writes: the commits after the baseline stay few, so the slow one is
            // more than 1% of them.
            burst = None;
            std::thread::sleep(Duration::from_millis(400));
        }
        etcd.resume(0);
        caught
    });
    drop(burst);
    wait_until("the member to count the slow commit", LIMIT, || {
        slow_commits(&etcd) > slow_before
    });
    let alerts = cron.firing(&ep, rule);
    assert!(!alerts.is_empty(), "{rule} did not fire");
    assert!(alerts[0].1 > 0.25, "{alerts:?}");
}

/// How many backend commits member 0 has counted as slower than 256 ms.
fn slow_commits(etcd: &Etcd) -> f64 {
    let (_, body) = crate::watch_metrics::http_get(etcd.client_port(0), "/metrics")
        .expect("the member's /metrics");
    let metric = |name: &str| {
        body.lines()
            .find_map(|l| l.strip_prefix(name)?.trim().parse::<f64>().ok())
            .unwrap_or_else(|| panic!("{name} not in /metrics"))
    };
    metric("etcd_disk_backend_commit_duration_seconds_count")
        - metric("etcd_disk_backend_commit_duration_seconds_bucket{le=\"0.256\"}")
}

/// The descriptor under which process `pid` has `path` open.
fn open_fd(pid: u32, path: &std::path::Path) -> Option<u64> {
    fs::read_dir(format!("/proc/{pid}/fd"))
        .ok()?
        .filter_map(Result::ok)
        .find(|e| fs::read_link(e.path()).is_ok_and(|target| target == path))?
        .file_name()
        .to_str()?
        .parse()
        .ok()
}

/// The threads of process `pid`, as their /proc directories.
fn threads(pid: u32) -> Vec<std::path::PathBuf> {
    fs::read_dir(format!("/proc/{pid}/task"))
        .map(|dir| dir.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default()
}

/// A thread of `pid` is in fdatasync on descriptor `fd` (or stopped on its way out of it).
fn in_fdatasync(pid: u32, fd: u64) -> bool {
    threads(pid).iter().any(|t| {
        let Ok(call) = fs::read_to_string(t.join("syscall")) else {
            return false;
        };
        let mut words = call.split_whitespace();
        let nr = words.next().and_then(|w| w.parse::<i64>().ok());
        let first = words
            .next()
            .and_then(|w| u64::from_str_radix(w.trim_start_matches("0x"), 16).ok());
        nr == Some(libc::SYS_fdatasync) && first == Some(fd)
    })
}

/// Every thread of `pid` has stopped, or sits in an uninterruptible wait (it stops when the
/// wait ends).
fn all_stopped(pid: u32) -> bool {
    threads(pid).iter().all(|t| {
        let stat = fs::read_to_string(t.join("stat")).unwrap_or_default();
        let state = stat
            .rfind(')')
            .and_then(|i| stat[i + 1..].split_whitespace().next());
        matches!(state, Some("T" | "t" | "D"))
    })
}
