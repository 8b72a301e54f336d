//! [`Network`]: network namespaces joined by a switch, so that one member can be cut off,
//! delayed or made lossy.
//!
//! Each member namespace and the client namespace hang on a switch namespace by a veth pair
//! (`p<i>` on the switch side, `eth0` inside). The switch is not the kernel's bridge but a
//! thread of the test ([`Switch`]), which forwards frames between the `p<i>` and can drop or
//! delay those of any port: cutting a member off drops everything to and from its port,
//! [`Network::degrade`] delays and drops some. (`tc qdisc ... netem` would do the latter in the
//! kernel, but the kernel this was written on has no sch_netem.) Namespaces are named
//! `eknm-<pid>-<n>-<role>`, so runs never clash; those of processes that are gone (a crashed
//! run) are deleted when the next [`Network`] is made, and the run's own on Drop, after the
//! switch has stopped.
//!
//! Needs root, iproute2 (`ip netns`) and ethtool (the veth links' offloads go off, see
//! [`Switch`]).

use std::io;
use std::net::Ipv4Addr;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use super::proc::process_alive;
use super::switch::{Degrade, Switch};

/// Prefix of every namespace a [`Network`] makes.
const PREFIX: &str = "eknm-";

/// One host on the bridge: a namespace and its address.
#[derive(Debug, Clone)]
pub struct Host {
    pub netns: String,
    pub addr: Ipv4Addr,
}

/// A switch, `members` member namespaces and a client namespace; all deleted on Drop.
pub struct Network {
    /// The switch's namespace.
    switch_ns: String,
    /// Set once the links are made; stopped first on Drop.
    switch: Option<Switch>,
    members: Vec<Host>,
    client: Host,
}

impl Network {
    /// Makes the namespaces and links for `members` members (10.77.0.10, .11, ...) and a client
    /// (10.77.0.100), after deleting namespaces left by runs whose process is gone.
    pub fn new(members: usize) -> Network {
        static NETWORKS: AtomicUsize = AtomicUsize::new(0);
        delete_stale();
        let run = format!(
            "{PREFIX}{}-{}",
            std::process::id(),
            NETWORKS.fetch_add(1, Ordering::SeqCst)
        );
        let host = |role: &str, last: u8| Host {
            netns: format!("{run}-{role}"),
            addr: Ipv4Addr::new(10, 77, 0, last),
        };
        let mut net = Network {
            switch_ns: format!("{run}-sw"),
            switch: None,
            members: (0..members)
                .map(|i| host(&format!("m{i}"), 10 + i as u8))
                .collect(),
            client: host("c", 100),
        };
        net.build();
        let ports: Vec<String> = (0..=members).map(|i| format!("p{i}")).collect();
        net.switch = Some(
            Switch::start(&net.switch_ns, &ports)
                .unwrap_or_else(|e| panic!("cannot start the switch: {e}")),
        );
        net
    }

    fn build(&self) {
        ip(&["netns", "add", &self.switch_ns]);
        for (i, host) in self.hosts().enumerate() {
            let port = format!("p{i}");
            ip(&["netns", "add", &host.netns]);
            ip(&[
                "link",
                "add",
                "name",
                &port,
                "netns",
                &self.switch_ns,
                "type",
                "veth",
                "peer",
                "name",
                "eth0",
                "netns",
                &host.netns,
            ]);
            offloads_off(&self.switch_ns, &port);
            offloads_off(&host.netns, "eth0");
            ip(&["-n", &self.switch_ns, "link", "set", &port, "up"]);
            let addr = format!("{}/24", host.addr);
            ip(&["-n", &host.netns, "addr", "add", &addr, "dev", "eth0"]);
            ip(&["-n", &host.netns, "link", "set", "eth0", "up"]);
            ip(&["-n", &host.netns, "link", "set", "lo", "up"]);
        }
    }

    /// Members first, then the client (its switch port is `p<members>`).
    fn hosts(&self) -> impl Iterator<Item = &Host> {
        self.members.iter().chain(std::iter::once(&self.client))
    }

    /// How many member namespaces there are.
    pub fn members(&self) -> usize {
        self.members.len()
    }

    /// Member `i`'s namespace and address.
    pub fn member(&self, i: usize) -> &Host {
        &self.members[i]
    }

    /// The client's namespace and address (where etcdkit and etcdctl run).
    pub fn client(&self) -> &Host {
        &self.client
    }

    /// Cuts host `i` off (member `i`, or the client for `i == members()`): the switch drops
    /// every frame to and from it, silently (its peers get no resets; connections hang).
    pub fn partition(&self, i: usize) {
        self.switch().set_up(i, false);
    }

    /// Joins host `i` again.
    pub fn heal(&self, i: usize) {
        self.switch().set_up(i, true);
    }

    /// Delays and drops frames to and from host `i` from now on (see [`Degrade`]).
    pub fn degrade(&self, i: usize, degrade: Degrade) {
        self.switch().degrade(i, degrade);
    }

    /// Host `i`'s link is undegraded again: no delay, no loss (a partition stays).
    pub fn restore(&self, i: usize) {
        self.switch().degrade(i, Degrade::default());
    }

    fn switch(&self) -> &Switch {
        self.switch
            .as_ref()
            .expect("the switch runs once the network is made")
    }

    /// Every namespace of this network, switch first.
    fn names(&self) -> Vec<String> {
        std::iter::once(self.switch_ns.clone())
            .chain(self.hosts().map(|h| h.netns.clone()))
            .collect()
    }
}

impl Drop for Network {
    fn drop(&mut self) {
        // The switch's sockets hold on to its namespace's links.
        drop(self.switch.take());
        // Deleting a namespace deletes its ends of the veth pairs, and so the pairs.
        for name in self.names() {
            let _ = Command::new("ip").args(["netns", "delete", &name]).output();
        }
    }
}

/// A command that runs `program` inside namespace `netns` (`ip netns exec` execs it: the
/// child's pid is the program's).
pub fn command_in(netns: &str, program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut cmd = Command::new("ip");
    cmd.args(["netns", "exec", netns]).arg(program);
    cmd
}

/// Runs `f` on a thread that entered namespace `netns` (a thread's network namespace is its
/// own: the caller's stays as it was).
pub fn in_netns<T: Send>(netns: &str, f: impl FnOnce() -> T + Send) -> T {
    thread::scope(|s| {
        s.spawn(|| {
            enter(netns).unwrap_or_else(|e| panic!("cannot enter namespace {netns}: {e}"));
            f()
        })
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
    })
}

fn enter(netns: &str) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let file = std::fs::File::open(format!("/var/run/netns/{netns}"))?;
    // SAFETY: setns(2) on a valid descriptor; it changes only this thread's namespace.
    match unsafe { libc::setns(file.as_raw_fd(), libc::CLONE_NEWNET) } {
        0 => Ok(()),
        _ => Err(io::Error::last_os_error()),
    }
}

/// Deletes `eknm-<pid>-...` namespaces whose process is gone (never this process's).
fn delete_stale() {
    let Ok(out) = Command::new("ip").args(["netns", "list"]).output() else {
        return;
    };
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let name = line.split_whitespace().next().unwrap_or_default();
        let Some(pid) = name
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid) {
            let _ = Command::new("ip").args(["netns", "delete", name]).output();
        }
    }
}

/// Turns off link `dev`'s offloads in namespace `netns`: no TSO/GSO/GRO super-frames and no
/// partial checksums, which the switch could not pass on (ethtool).
fn offloads_off(netns: &str, dev: &str) {
    let out = command_in(netns, "ethtool")
        .args([
            "-K", dev, "tso", "off", "gso", "off", "gro", "off", "tx", "off",
        ])
        .output()
        .unwrap_or_else(|e| panic!("cannot run ip netns exec ... ethtool: {e}"));
    assert!(
        out.status.success(),
        "ethtool -K {dev} (in {netns}) failed (is ethtool installed? scripts/setup does): {}",
        String::from_utf8_lossy(&out.stderr).trim()
    );
}

/// Runs `ip args`; panics with its stderr unless it succeeds.
fn ip(args: &[&str]) {
    let out = Command::new("ip")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run ip (iproute2): {e}"));
    assert!(
        out.status.success(),
        "ip {} failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr).trim()
    );
}
