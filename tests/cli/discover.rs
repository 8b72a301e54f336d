//! `etcdkit discover` against real etcd: registration in etcd's gRPC naming JSON, list, pick,
//! services, drain, sidecar mode, a registrar killed or stopped, an ID taken, watch, and bad
//! input refused before anything is registered.

use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use crate::lock_scene::{wait_for, Spawned};
use crate::run::{etcdkit_command, run_command, Run};
use crate::support::Etcd;

/// A registry on a real etcd, and the etcdkit runs against it.
pub(crate) struct Registry {
    pub etcd: Etcd,
}

impl Registry {
    pub fn single() -> Registry {
        Registry {
            etcd: Etcd::single(),
        }
    }

    /// `etcdkit discover ARGS --endpoints ...`, with round-robin state in the test's dir.
    pub fn command(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = etcdkit_command();
        cmd.args(["--endpoints", &self.etcd.endpoints(), "discover"])
            .args(args)
            .env("XDG_STATE_HOME", self.etcd.dir().join("state"));
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_command(&mut self.command(args))
    }

    /// A registrar (or a watch) in the background.
    pub fn spawn(&self, label: &str, args: &[&str]) -> Spawned {
        Spawned::spawn(self.command(args), self.etcd.dir(), label)
    }

    /// `discover register SERVICE --addr ADDR ARGS...` in the background, waited for until it
    /// says it is registered.
    pub fn register(&self, label: &str, service: &str, addr: &str, args: &[&str]) -> Spawned {
        let mut all = vec!["register", service, "--addr", addr];
        all.extend_from_slice(args);
        let mut registrar = self.spawn(label, &all);
        wait_for(&format!("{label} registered"), 30, || {
            assert!(
                registrar.running(),
                "{label} exited: {}",
                registrar.stderr()
            );
            registrar.stdout().contains("registered")
        });
        registrar
    }

    /// The instances `list` prints (`--all`: every registered one).
    pub fn list(&self, service: &str, all: bool) -> Vec<Value> {
        let mut args = vec!["list", service, "-o", "json"];
        if all {
            args.push("--all");
        }
        let run = self.run(&args);
        run.expect_code(0);
        run.json()["instances"].as_array().unwrap().clone()
    }

    /// The IDs `list` prints.
    pub fn ids(&self, service: &str, all: bool) -> Vec<String> {
        self.list(service, all)
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect()
    }

    /// Every key under /services.
    pub fn keys(&self) -> Vec<String> {
        self.etcd
            .etcdctl_ok(&["get", "--prefix", "/services", "--keys-only"])
            .lines()
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    }

    pub fn dir(&self) -> &Path {
        self.etcd.dir()
    }
}

/// etcd's naming `Update` (client/v3/naming/endpoints/internal): exactly these fields.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(non_snake_case, dead_code)]
struct NamingUpdate {
    Op: u8,
    Addr: String,
    Metadata: Value,
}

/// The value and lease of one key, from etcdctl.
fn stored(etcd: &Etcd, key: &str) -> Option<(String, i64)> {
    let out = etcd.etcdctl_ok(&["get", key, "-w", "json"]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    let kv = doc["kvs"].as_array()?.first()?.clone();
    use base64::Engine as _;
    let value = base64::engine::general_purpose::STANDARD
        .decode(kv["value"].as_str().unwrap())
        .unwrap();
    Some((
        String::from_utf8(value).unwrap(),
        kv["lease"].as_i64().unwrap_or(0),
    ))
}

/// The TTL etcd granted a lease, in seconds.
fn granted_ttl(etcd: &Etcd, lease: i64) -> i64 {
    let out = etcd.etcdctl_ok(&["lease", "timetolive", &format!("{lease:x}"), "-w", "json"]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    doc["granted-ttl"].as_i64().unwrap()
}

#[test]
fn an_instance_is_stored_as_etcds_naming_json_and_listed_picked_and_counted() {
    let reg = Registry::single();
    let _a = reg.register(
        "a",
        "api",
        "127.0.0.1:8080",
        &[
            "--id", "a", "--tag", "v2", "--meta", "zone=b", "--weight", "3", "--ttl", "7s",
        ],
    );
    // What grpc clients read: etcd's naming JSON, Op 0 (add), the address, the record.
    let (value, lease) = stored(&reg.etcd, "/services/api/a").expect("the serving key");
    let update: NamingUpdate = serde_json::from_str(&value).expect(&value);
    assert_eq!((update.Op, update.Addr.as_str()), (0, "127.0.0.1:8080"));
    assert_eq!(update.Metadata["id"], "a");
    assert_eq!(update.Metadata["tags"][0], "v2");
    assert_eq!(update.Metadata["meta"]["zone"], "b");
    assert_eq!(update.Metadata["weight"], 3);
    assert_eq!(update.Metadata["health"], "passing");
    // Every key is on the registrar's lease, of the TTL asked for.
    assert_ne!(lease, 0);
    assert_eq!(granted_ttl(&reg.etcd, lease), 7);
    let (record, record_lease) = stored(&reg.etcd, "/services/.all/api/a").expect("the record");
    assert_eq!((record, record_lease), (value, lease));

    let listed = reg.list("api", false);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["addr"], "127.0.0.1:8080");
    assert_eq!(listed[0]["service"], "api");
    let plain = reg.run(&["list", "api", "-o", "plain"]);
    assert_eq!(plain.expect_code(0).stdout, "127.0.0.1:8080\n");
    let pick = reg.run(&["pick", "api"]);
    assert_eq!(pick.expect_code(0).stdout, "127.0.0.1:8080\n");
    let services = reg.run(&["services", "-o", "json"]);
    let services = services.expect_code(0).json();
    assert_eq!(services["services"][0]["service"], "api");
    assert_eq!(services["services"][0]["serving"], 1);
    assert_eq!(services["services"][0]["passing"], 1);

    // A service whose name starts with this one's is another service (etcd #15022).
    let _other = reg.register("other", "api2", "127.0.0.1:8081", &["--id", "x"]);
    assert_eq!(reg.ids("api", true), ["a"]);
    assert_eq!(reg.ids("api2", true), ["x"]);
}

#[test]
fn a_registrar_killed_is_gone_within_its_ttl_and_a_stopped_one_withdraws_at_once() {
    let reg = Registry::single();
    let mut killed = reg.register("killed", "api", "127.0.0.1:1001", &["--ttl", "2s"]);
    let mut stopped = reg.register("stopped", "api", "127.0.0.1:1002", &["--ttl", "60s"]);
    let (_, lease) = stored(&reg.etcd, "/services/api/127.0.0.1:1001").unwrap();
    assert_eq!(granted_ttl(&reg.etcd, lease), 2);

    // SIGTERM: withdrawn before etcdkit exits, not left to a 60 s lease.
    stopped.signal(libc::SIGTERM);
    stopped.wait(30).expect_code(0);
    assert_eq!(reg.ids("api", true), ["127.0.0.1:1001"]);

    // SIGKILL: nothing withdraws it; etcd does, when the 2 s lease runs out.
    killed.signal(libc::SIGKILL);
    killed.wait(30);
    wait_for("the killed registrar's keys gone", 30, || {
        reg.keys().is_empty()
    });
}

#[test]
fn sidecar_mode_keeps_the_instance_while_the_command_runs_and_withdraws_it_when_it_exits() {
    let reg = Registry::single();
    let stop = reg.dir().join("stop");
    let seen = reg.dir().join("seen");
    let body = r#"echo "$ETCDKIT_DISCOVER_SERVICE $ETCDKIT_DISCOVER_ID $ETCDKIT_DISCOVER_ADDR" > "$SEEN"
while [ ! -e "$STOP" ]; do sleep 0.05; done
exit 3"#;
    let mut cmd = reg.command(&[
        "register",
        "api",
        "--addr",
        "127.0.0.1:9000",
        "--id",
        "side",
        "--ttl",
        "60s",
        "--",
        "sh",
        "-c",
        body,
    ]);
    cmd.env("STOP", &stop).env("SEEN", &seen);
    let mut sidecar = Spawned::spawn(cmd, reg.dir(), "sidecar");
    wait_for("the sidecar's instance listed", 30, || {
        assert!(sidecar.running(), "{}", sidecar.stderr());
        reg.ids("api", false) == ["side"]
    });
    assert_eq!(
        std::fs::read_to_string(&seen).unwrap(),
        "api side 127.0.0.1:9000\n"
    );
    std::fs::write(&stop, "").unwrap();
    // The command's exit code, and the instance gone before etcdkit exits (a 60 s lease).
    sidecar.wait(30).expect_code(3);
    assert!(reg.keys().is_empty(), "{:?}", reg.keys());
}

#[test]
fn a_drained_instance_leaves_service_but_stays_listed_until_undrained_even_across_restarts() {
    let reg = Registry::single();
    let mut a = reg.register("a", "api", "127.0.0.1:1001", &["--id", "a"]);
    let drain = reg.run(&["drain", "api", "a"]);
    drain.expect_code(0);
    assert!(drain.stdout.contains("drained"), "{}", drain.stdout);
    assert!(
        drain.stderr.is_empty(),
        "confirmed by the registrar: {}",
        drain.stderr
    );
    // Confirmed means done: out of where clients look, still in --all.
    assert!(reg.ids("api", false).is_empty());
    let all = reg.list("api", true);
    assert_eq!(
        (all[0]["id"].clone(), all[0]["drained"].clone()),
        ("a".into(), true.into())
    );
    let pick = reg.run(&["pick", "api"]);
    pick.expect_code(1);
    assert!(
        pick.stderr.contains("no instance of service api serves"),
        "{}",
        pick.stderr
    );
    wait_for("the registrar says it was drained", 30, || {
        a.stderr().contains("api/a was drained")
    });

    // The drain outlives the registrar: a new one comes up drained.
    a.signal(libc::SIGTERM);
    a.wait(30).expect_code(0);
    let _b = reg.register("b", "api", "127.0.0.1:1001", &["--id", "a"]);
    assert!(reg.ids("api", false).is_empty());
    assert_eq!(reg.list("api", true)[0]["drained"], true);

    let undrain = reg.run(&["undrain", "api", "a"]);
    undrain.expect_code(0);
    assert_eq!(reg.ids("api", false), ["a"]);

    // Draining what is not registered is an answer, not a usage error.
    let missing = reg.run(&["drain", "api", "nope"]);
    missing.expect_code(1);
    assert!(
        missing.stderr.contains("no instance nope of service api"),
        "{}",
        missing.stderr
    );
}

#[test]
fn round_robin_rotates_across_separate_picks_and_weighted_picks_only_serving_instances() {
    let reg = Registry::single();
    let _r: Vec<Spawned> = ["a", "b", "c"]
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let addr = format!("127.0.0.1:{}", 2001 + i);
            reg.register(id, "api", &addr, &["--id", id])
        })
        .collect();
    let picks: Vec<String> = (0..4)
        .map(|_| {
            let run = reg.run(&["pick", "api", "--strategy", "round-robin"]);
            run.expect_code(0).stdout.trim().to_string()
        })
        .collect();
    // In ID order from wherever the counter stood, and round again.
    let start = ["127.0.0.1:2001", "127.0.0.1:2002", "127.0.0.1:2003"]
        .iter()
        .position(|a| *a == picks[0])
        .unwrap();
    let wanted: Vec<String> = (0..4)
        .map(|i| format!("127.0.0.1:{}", 2001 + (start + i) % 3))
        .collect();
    assert_eq!(picks, wanted);

    let three = reg.run(&["pick", "api", "--count", "3", "--strategy", "weighted"]);
    let mut got: Vec<&str> = three.expect_code(0).stdout.lines().collect();
    got.sort();
    assert_eq!(got, ["127.0.0.1:2001", "127.0.0.1:2002", "127.0.0.1:2003"]);
    let too_many = reg.run(&["pick", "api", "--count", "5"]);
    assert_eq!(too_many.expect_code(0).stdout.lines().count(), 3);
    assert!(
        too_many.stderr.contains("only 3 serve"),
        "{}",
        too_many.stderr
    );
}

#[test]
fn an_id_held_by_a_live_registrar_is_waited_for_and_taken_when_it_goes() {
    let reg = Registry::single();
    let mut first = reg.register("first", "api", "127.0.0.1:3001", &["--id", "x"]);
    let mut second = reg.spawn(
        "second",
        &["register", "api", "--addr", "127.0.0.1:3002", "--id", "x"],
    );
    wait_for("the second registrar says it waits", 30, || {
        second
            .stderr()
            .contains("is registered by another registrar")
    });
    assert_eq!(reg.list("api", true)[0]["addr"], "127.0.0.1:3001");
    first.signal(libc::SIGTERM);
    first.wait(30).expect_code(0);
    wait_for("the second registrar's instance", 30, || {
        reg.list("api", true)
            .first()
            .is_some_and(|i| i["addr"] == "127.0.0.1:3002")
    });
    wait_for("the second registrar says it is registered", 30, || {
        second
            .stdout()
            .contains("registered api/x at 127.0.0.1:3002")
    });
    assert!(second.running());
}

#[test]
fn a_watch_prints_the_instances_then_every_add_change_and_removal() {
    let reg = Registry::single();
    let _a = reg.register("a", "api", "127.0.0.1:4001", &["--id", "a"]);
    let watcher = reg.spawn("watch", &["watch", "api", "-o", "json"]);
    let passing = reg.spawn(
        "watch-passing",
        &["watch", "api", "--passing", "-o", "json"],
    );
    let lines = |w: &Spawned| -> Vec<(String, String)> {
        w.stdout()
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                assert_eq!(v["service"], "api");
                assert_eq!(v["instance"]["id"], v["id"]);
                let kind = v["type"].as_str().unwrap().to_string();
                (kind, v["id"].as_str().unwrap().to_string())
            })
            .collect()
    };
    let pair = |k: &str, id: &str| (k.to_string(), id.to_string());
    wait_for("the current instance", 30, || lines(&watcher).len() == 1);
    let mut b = reg.register("b", "api", "127.0.0.1:4002", &["--id", "b"]);
    reg.run(&["drain", "api", "a"]).expect_code(0);
    b.signal(libc::SIGTERM);
    b.wait(30).expect_code(0);
    let all = [
        pair("added", "a"),
        pair("added", "b"),
        pair("updated", "a"),
        pair("removed", "b"),
    ];
    wait_for("every change in the full view", 30, || {
        lines(&watcher).len() == 4
    });
    assert_eq!(lines(&watcher), all);
    // The serving view: a drained instance is removed from it.
    let serving = [
        pair("added", "a"),
        pair("added", "b"),
        pair("removed", "a"),
        pair("removed", "b"),
    ];
    wait_for("every change in the serving view", 30, || {
        lines(&passing).len() == 4
    });
    assert_eq!(lines(&passing), serving);
}

#[test]
fn bad_input_is_refused_before_anything_is_registered() {
    let reg = Registry::single();
    let refused = |args: &[&str], says: &str| {
        let run = reg.run(args);
        run.expect_refused(says);
        assert!(
            reg.keys().is_empty(),
            "{args:?} registered {:?}",
            reg.keys()
        );
    };
    refused(&["register", "api"], "--addr");
    refused(&["register", "api", "--addr", "127.0.0.1:70000"], "--addr");
    refused(&["register", "api", "--addr", "127.0.0.1:0"], "--addr");
    refused(&["register", "api", "--addr", "nohost"], "--addr");
    refused(
        &["register", "a/b", "--addr", "127.0.0.1:80"],
        "contains '/'",
    );
    refused(&["register", "", "--addr", "127.0.0.1:80"], "empty");
    refused(
        &["register", ".all", "--addr", "127.0.0.1:80"],
        "starts with '.'",
    );
    refused(
        &["register", "api", "--addr", "127.0.0.1:80", "--weight", "0"],
        "--weight",
    );
    refused(
        &["register", "api", "--addr", "127.0.0.1:80", "--ttl", "0s"],
        "TTL",
    );
    refused(
        &[
            "register",
            "api",
            "--addr",
            "127.0.0.1:80",
            "--meta",
            "novalue",
        ],
        "KEY=VALUE",
    );
    refused(
        &[
            "register",
            "api",
            "--addr",
            "127.0.0.1:80",
            "--check-exec",
            "/no/such/check",
        ],
        "/no/such/check",
    );
    refused(
        &[
            "register",
            "api",
            "--addr",
            "127.0.0.1:80",
            "--check-tcp",
            "127.0.0.1:1",
            "--check-http",
            "http://127.0.0.1:1/",
        ],
        "cannot be used with",
    );
    refused(
        &[
            "register",
            "api",
            "--addr",
            "127.0.0.1:80",
            "--deregister-after",
            "1m",
        ],
        "needs a check",
    );
    refused(
        &["pick", "api", "--strategy", "fastest"],
        "random, round-robin or weighted",
    );
    refused(&["list", "a/b"], "contains '/'");
    refused(
        &["register", "api", "--addr", "127.0.0.1:80", "--root", ""],
        "root is empty",
    );
    // A command that cannot start is refused before registering too (127, as lock does).
    let run = reg.run(&[
        "register",
        "api",
        "--addr",
        "127.0.0.1:80",
        "--",
        "/no/such/cmd",
    ]);
    run.expect_code(127);
    assert!(reg.keys().is_empty());
}

/// A check whose every run waits for the test's word (a file `go-N`), and fails while `down`
/// exists: the test decides how many runs have happened and how each ends.
const TURNSTILE: &str = r#"n=$(( $(cat "$0.n" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$0.n"
while [ ! -e "$0.go-$n" ]; do sleep 0.02; done
if [ -e "$0.down" ]; then echo "down at run $n"; exit 2; fi
echo "up at run $n""#;

#[test]
fn a_failing_check_withdraws_after_the_threshold_and_passes_back_after_the_successes() {
    let reg = Registry::single();
    let check = reg.dir().join("check.sh");
    std::fs::write(&check, TURNSTILE).unwrap();
    let path = |suffix: &str| format!("{}.{suffix}", check.display());
    let go = |n: u32| std::fs::write(path(&format!("go-{n}")), "").unwrap();
    let started = |n: u32| {
        wait_for(&format!("check run {n} started"), 30, || {
            std::fs::read_to_string(path("n")).is_ok_and(|t| t.trim() == n.to_string())
        })
    };
    let serving = || reg.ids("api", false) == ["a"];
    let exec = format!("sh {}", check.display());
    let args = [
        "--id",
        "a",
        "--check-exec",
        &exec,
        "--check-interval",
        "1s",
        "--check-timeout",
        "60s",
        "--failures-before-critical",
        "3",
        "--successes-before-passing",
        "2",
    ];
    // The first run comes before the registration; one pass of the two needed: critical.
    go(1);
    let registrar = reg.register("a", "api", "127.0.0.1:5001", &args);
    assert!(!serving());
    assert_eq!(reg.list("api", true)[0]["health"], "critical");
    started(2);
    go(2);
    wait_for("passing after two passes", 30, serving);

    std::fs::write(path("down"), "").unwrap();
    go(3);
    go(4);
    started(5);
    // Two failures in a row: still serving.
    assert!(serving());
    go(5);
    wait_for("withdrawn after the third failure", 30, || !serving());
    let record = &reg.list("api", true)[0];
    assert_eq!(record["health"], "critical");
    assert_eq!(record["check"]["output"], "exit 2: down at run 5");
    let services = reg.run(&["services", "-o", "json"]).json();
    let counts = &services["services"][0];
    assert_eq!(
        [
            &counts["instances"],
            &counts["serving"],
            &counts["passing"],
            &counts["critical"]
        ],
        [1, 0, 0, 1]
    );

    std::fs::remove_file(path("down")).unwrap();
    go(6);
    started(7);
    // One pass of the two needed: still out.
    assert!(!serving());
    go(7);
    wait_for("back after the second pass", 30, serving);
    let said = registrar.stderr();
    assert!(
        said.contains("api/a is critical (exit 2: down at run 5): out of service"),
        "{said}"
    );
    assert!(
        said.contains("api/a is passing (exit 0: up at run 7): serving"),
        "{said}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_library_resolver_follows_registrations_and_picks_only_serving_instances() {
    use etcdkit::concurrency::session::Ttl;
    use etcdkit::discover::{Layout, RegisterOptions, Registry as Lib, Resolver, Strategy};

    let etcd = Etcd::single();
    let (target, client) = etcd.connect().await;
    let layout = Layout::new("/lib").unwrap();
    let registry = Lib::new(&target, &client, layout.clone());
    let resolver = Resolver::start(&target, &layout, "api").await.unwrap();
    assert!(resolver.instances().is_empty());
    let options = |id: &str, weight| RegisterOptions {
        service: "api".into(),
        id: Some(id.into()),
        addr: format!("127.0.0.1:{}", 7000 + weight),
        tags: vec![],
        meta: Default::default(),
        weight,
        ttl: Ttl::from_secs(5),
        check: None,
        deregister_after: None,
    };
    let a = registry.register(options("a", 1)).await.unwrap();
    let b = registry.register(options("b", 2)).await.unwrap();
    let resolver = &resolver;
    let wait = |n: usize| async move {
        let limit = std::time::Duration::from_secs(30);
        let serving = resolver.wait_for(|all| all.iter().filter(|i| i.serving()).count() == n);
        tokio::time::timeout(limit, serving)
            .await
            .expect("the resolver follows")
            .unwrap();
    };
    wait(2).await;
    let ids: Vec<String> = resolver.serving().into_iter().map(|i| i.id).collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(resolver.pick(Strategy::RoundRobin, 1, 1)[0].id, "b");

    // Drained: still an instance, no longer serving, never picked.
    registry.drain("api", "a", true).await.unwrap();
    wait(1).await;
    assert_eq!(resolver.instances().len(), 2);
    for turn in 0..4 {
        assert_eq!(resolver.pick(Strategy::RoundRobin, 1, turn)[0].id, "b");
    }
    b.close().await;
    wait(0).await;
    assert!(resolver.pick(Strategy::Weighted, 1, 0).is_empty());
    a.close().await;
}

#[test]
fn an_unreachable_cluster_at_the_start_exits_4_for_every_discover_command() {
    let nothing = format!("127.0.0.1:{}", crate::support::free_port());
    for args in [
        &["register", "api", "--addr", "127.0.0.1:80"][..],
        &["watch", "api"],
        &["list", "api"],
        &["pick", "api"],
        &["services"],
        &["drain", "api", "a"],
    ] {
        let mut cmd = etcdkit_command();
        cmd.args([
            "--endpoints",
            &nothing,
            "--dial-timeout",
            "1s",
            "--command-timeout",
            "1s",
        ])
        .arg("discover")
        .args(args);
        let run = run_command(&mut cmd);
        run.expect_code(4);
        assert!(
            run.stderr.contains("cannot connect to etcd"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn critical_past_deregister_after_withdraws_the_instance_until_its_check_passes_again() {
    let reg = Registry::single();
    let check = reg.dir().join("check.sh");
    let down = reg.dir().join("down");
    std::fs::write(&check, format!("[ ! -e {} ] || exit 2", down.display())).unwrap();
    std::fs::write(&down, "").unwrap();
    let exec = format!("sh {}", check.display());
    let args = [
        "--id",
        "a",
        "--check-exec",
        &exec,
        "--check-interval",
        "100ms",
        "--deregister-after",
        "1s",
    ];
    let registrar = reg.register("a", "api", "127.0.0.1:5002", &args);
    // Critical from the first check: registered, not serving.
    assert!(reg.ids("api", false).is_empty());
    wait_for("withdrawn altogether", 30, || reg.keys().is_empty());
    assert!(
        registrar
            .stderr()
            .contains("deregistered until its check passes again"),
        "{}",
        registrar.stderr()
    );
    std::fs::remove_file(&down).unwrap();
    wait_for("back once passing", 30, || reg.ids("api", false) == ["a"]);
    assert!(registrar
        .stderr()
        .contains("passes again: registered again"));
}

#[test]
fn keys_deleted_by_hand_while_the_registrar_lives_are_put_back_on_the_same_lease() {
    let reg = Registry::single();
    let registrar = reg.register("a", "api", "127.0.0.1:5003", &["--id", "a"]);
    let (_, lease) = stored(&reg.etcd, "/services/api/a").unwrap();
    for round in 0..2 {
        reg.etcd.etcdctl_ok(&["del", "--prefix", "/services/"]);
        wait_for(&format!("the keys back, round {round}"), 30, || {
            reg.keys() == ["/services/.all/api/a", "/services/api/a"]
        });
        assert_eq!(stored(&reg.etcd, "/services/api/a").unwrap().1, lease);
        assert_eq!(stored(&reg.etcd, "/services/.all/api/a").unwrap().1, lease);
    }
    wait_for("the registrar says so", 30, || {
        registrar
            .stderr()
            .contains("api/a was deleted by someone else: put back")
    });
    // Its own withdrawals are not undone: a drain deletes the serving key for good.
    reg.run(&["drain", "api", "a"]).expect_code(0);
    assert!(reg.ids("api", false).is_empty());
}

#[test]
fn a_round_robin_state_file_that_is_not_a_regular_file_is_refused_without_hanging() {
    let reg = Registry::single();
    let _a = reg.register("a", "api", "127.0.0.1:5004", &["--id", "a"]);
    let pick = || reg.run(&["pick", "api", "--strategy", "round-robin"]);
    assert_eq!(pick().expect_code(0).stdout, "127.0.0.1:5004\n");
    let dir = reg.dir().join("state/etcdkit/round-robin");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let target = reg.dir().join("elsewhere");
    std::fs::write(&target, "7\n").unwrap();
    for swap in ["fifo", "symlink"] {
        std::fs::remove_file(&file).unwrap();
        if swap == "fifo" {
            let path = std::ffi::CString::new(file.to_str().unwrap()).unwrap();
            // SAFETY: mkfifo on a path we own.
            assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
        } else {
            std::os::unix::fs::symlink(&target, &file).unwrap();
        }
        let run = pick();
        run.expect_code(0);
        assert_eq!(run.stdout, "127.0.0.1:5004\n", "{swap}");
        assert!(
            run.stderr.contains("round-robin state not kept"),
            "{swap}: {}",
            run.stderr
        );
    }
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "7\n",
        "nothing written through the link"
    );
}
