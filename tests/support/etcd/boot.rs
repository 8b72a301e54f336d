//! Creating an [`Etcd`]: temp dir, ports, flags, TLS files, starting the members, auth setup.

use std::net::Ipv4Addr;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

use super::super::tls::TlsFiles;
use super::super::{etcd_bin, free_port};
use super::{
    Etcd, EtcdBuilder, Member, StartError, ALICE_PASSWORD, LAUNCH_ATTEMPTS, ROOT_PASSWORD,
};

impl Etcd {
    pub(super) fn launch(b: &EtcdBuilder) -> Etcd {
        let mut attempt = 1;
        loop {
            let mut etcd = Etcd::prepare(b);
            match etcd.boot(b) {
                Ok(()) => return etcd,
                Err(StartError::PortInUse(msg)) if attempt < LAUNCH_ATTEMPTS => {
                    let first = msg.lines().next().unwrap_or_default();
                    eprintln!("etcd fixture: port conflict ({first}): retrying with new ports");
                    attempt += 1;
                }
                // `etcd` is dropped while unwinding: its members are killed.
                Err(e) => etcd.fail(e),
            }
        }
    }

    fn prepare(b: &EtcdBuilder) -> Etcd {
        static CLUSTERS: AtomicUsize = AtomicUsize::new(0);
        let dir = tempfile::Builder::new()
            .prefix("etcdkit-test-")
            .tempdir()
            .unwrap_or_else(|e| panic!("cannot create a temp dir for etcd: {e}"));
        let tls = b.tls.then(|| TlsFiles::generate(&dir.path().join("tls")));
        let scheme = if b.tls { "https" } else { "http" };
        let token = format!(
            "etcdkit-test-{}-{}",
            std::process::id(),
            CLUSTERS.fetch_add(1, Ordering::Relaxed)
        );
        // In namespaces, each member has its address to itself: the well-known ports are free.
        let ports: Vec<(u16, u16)> = match &b.network {
            Some(_) => vec![(2379, 2380); b.members],
            None => (0..b.members).map(|_| (free_port(), free_port())).collect(),
        };
        let host = |i: usize| {
            b.network
                .as_ref()
                .map_or(Ipv4Addr::LOCALHOST, |n| n.members[i].addr)
        };
        let initial_cluster = ports
            .iter()
            .enumerate()
            .map(|(i, (_, peer))| format!("m{i}=http://{}:{peer}", host(i)))
            .collect::<Vec<_>>()
            .join(",");
        // A lone member has nobody to lose contact with: let it elect itself quickly.
        let (heartbeat_ms, election_ms) = if b.members == 1 { (10, 100) } else { (50, 500) };
        if let Some((i, _)) = b.binaries.iter().find(|(i, _)| *i >= b.members) {
            panic!(
                "EtcdBuilder::binary_for({i}, ..): the fixture has {} members",
                b.members
            );
        }
        let log_level = std::env::var("ETCDKIT_TEST_ETCD_LOG_LEVEL")
            .ok()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "error".into());

        let members = ports
            .iter()
            .enumerate()
            .map(|(i, &(client_port, peer_port))| {
                let name = format!("m{i}");
                let client_url = format!("{scheme}://{}:{client_port}", host(i));
                let peer_url = format!("http://{}:{peer_port}", host(i));
                let data_dir = dir.path().join(format!("{name}.etcd"));
                let mut args = vec![
                    format!("--name={name}"),
                    format!("--data-dir={}", data_dir.display()),
                    format!("--listen-client-urls={client_url}"),
                    format!("--advertise-client-urls={client_url}"),
                    format!("--listen-peer-urls={peer_url}"),
                    format!("--initial-advertise-peer-urls={peer_url}"),
                    format!("--initial-cluster={initial_cluster}"),
                    format!("--initial-cluster-token={token}"),
                    "--initial-cluster-state=new".into(),
                    format!("--heartbeat-interval={heartbeat_ms}"),
                    format!("--election-timeout={election_ms}"),
                    "--logger=zap".into(),
                    format!("--log-level={log_level}"),
                ];
                if let Some(t) = &tls {
                    args.extend([
                        format!("--cert-file={}", t.server_cert.display()),
                        format!("--key-file={}", t.server_key.display()),
                        format!("--trusted-ca-file={}", t.ca.display()),
                        "--client-cert-auth".into(),
                    ]);
                }
                args.extend(b.args.iter().cloned());
                let bin = b
                    .binaries
                    .iter()
                    .find(|(j, _)| *j == i)
                    .map_or_else(etcd_bin, |(_, bin)| bin.clone());
                Member {
                    log_path: dir.path().join(format!("{name}.log")),
                    bin,
                    name,
                    client_url,
                    netns: b.network.as_ref().map(|n| n.members[i].netns.clone()),
                    host: host(i),
                    client_port,
                    peer_port,
                    peer_url,
                    data_dir,
                    args,
                    child: Mutex::new(None),
                    paused: AtomicBool::new(false),
                    id: AtomicU64::new(0),
                    starts: AtomicUsize::new(0),
                }
            })
            .collect();

        let timeout = std::env::var("ETCDKIT_TEST_START_TIMEOUT")
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .map(Duration::from_secs_f64)
            .unwrap_or(Duration::from_secs(20));
        Etcd {
            members,
            tls,
            auth: false,
            client_netns: b.network.as_ref().map(|n| n.client.clone()),
            timeout,
            logs_shown: AtomicBool::new(false),
            dir: Some(dir),
        }
    }

    fn boot(&mut self, b: &EtcdBuilder) -> Result<(), StartError> {
        let deadline = Instant::now() + self.timeout;
        for i in 0..self.len() {
            self.spawn_member(i)?;
            if self.len() > 1 {
                // A new member asks its peers whether it was bootstrapped before, with a 1 s
                // timeout per peer. A peer that has bound its port but does not serve it yet
                // makes that take the whole second (seen: 2 s for 3 members started together).
                // So let each member serve its peer port before starting the next one.
                self.wait_peer_port(i, deadline);
            }
        }
        for i in 0..self.len() {
            self.wait_member(i, deadline)?;
        }
        // All members serving implies a leader was elected; wait until all know it (a member
        // can lag a heartbeat behind), so tests never see a disagreement right after start.
        while !self.members_agree_on_leader() {
            // A member whose port another process took exits, while that process answers on
            // its port as if it were the member.
            if let Some(error) = (0..self.len()).find_map(|i| self.exit_error(i)) {
                return Err(error);
            }
            if Instant::now() >= deadline {
                return Err(StartError::Failed(format!(
                    "etcd members {} answer but no common leader after {:?}\n{}",
                    self.endpoints(),
                    self.timeout,
                    self.log_tails()
                )));
            }
            thread::sleep(Duration::from_millis(50));
        }
        if b.auth {
            self.enable_auth();
        }
        Ok(())
    }

    fn enable_auth(&mut self) {
        let root = format!("root:{ROOT_PASSWORD}");
        let alice = format!("alice:{ALICE_PASSWORD}");
        self.etcdctl_ok(&["user", "add", &root, "--interactive=false"]);
        self.etcdctl_ok(&["role", "add", "reader"]);
        self.etcdctl_ok(&[
            "role",
            "grant-permission",
            "reader",
            "--prefix=true",
            "read",
            "",
        ]);
        self.etcdctl_ok(&["user", "add", &alice, "--interactive=false"]);
        self.etcdctl_ok(&["user", "grant-role", "alice", "reader"]);
        // etcdctl creates the `root` role and grants it to user root when needed.
        self.etcdctl_ok(&["auth", "enable"]);
        self.auth = true;
    }
}
