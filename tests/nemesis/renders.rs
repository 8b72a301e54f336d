//! Workload 4: `etcdkit config render --watch` of three keys that a writer sets together, one
//! transaction each. No rendered file mixes two revisions or is cut short, none goes back to
//! an older revision, and the last write is rendered.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::runners::Runners;
use crate::setup::Setup;
use crate::support::{in_netns, Etcd};

/// The config tree's root.
pub const ROOT: &str = "/nemesis-config";
const KEYS: [&str; 3] = ["a", "b", "c"];

/// The writer, the renderer and a reader of the rendered file.
pub struct Renders {
    dest: PathBuf,
    versions: PathBuf,
    renderer: Runners,
    writer: Writer,
    seen: Arc<Mutex<Vec<String>>>,
    stopping: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
}

impl Renders {
    /// Writes the keys once, then starts the renderer, the writer and the reader.
    pub fn start(setup: &Setup) -> Renders {
        let dir = setup.logs.join("render");
        std::fs::create_dir_all(&dir).expect("the render directory");
        let (template, dest, versions) = (
            dir.join("app.tmpl"),
            dir.join("app.conf"),
            dir.join("versions"),
        );
        let text: Vec<String> = KEYS
            .iter()
            .map(|k| format!("{{{{ getv('/{k}') }}}}"))
            .collect();
        std::fs::write(
            &template,
            format!("{} {{{{ revision }}}}\n", text.join(" ")),
        )
        .expect("the template");
        let writer = Writer::start(setup);
        let reload = format!("cat {} >> {}", dest.display(), versions.display());
        let log = setup.logs.join("render.log");
        let setup = setup.clone();
        let (t, d) = (template.display().to_string(), dest.display().to_string());
        let renderer = Runners::start(
            1,
            |_| log.clone(),
            move |_| {
                let args = [
                    "config",
                    "render",
                    "--root",
                    ROOT,
                    "--template",
                    &t,
                    "--dest",
                    &d,
                    "--watch",
                    "--reload",
                    &reload,
                ];
                setup.etcdkit(&args, &setup.logs.join("render.log"))
            },
        );
        let stopping = Arc::new(AtomicBool::new(false));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (stop, into, path) = (stopping.clone(), seen.clone(), dest.clone());
        // Reads the file as any reader of it would, to catch a state the reload never saw.
        let reader = thread::spawn(move || {
            let mut last = String::new();
            while !stop.load(Ordering::SeqCst) {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    if text != last {
                        into.lock().unwrap().push(text.clone());
                        last = text;
                    }
                }
                thread::sleep(Duration::from_millis(10));
            }
        });
        Renders {
            dest,
            versions,
            renderer,
            writer,
            seen,
            stopping,
            reader: Some(reader),
        }
    }

    /// Stops the writer (after one last write that etcd took), waits up to `limit` for the
    /// file to show the keys' last revision, stops the rest and checks what was rendered.
    pub fn finish(self, etcd: &Etcd, limit: Duration) -> Verdict {
        let mut writer = self.writer;
        writer.stop();
        let key = format!("{ROOT}/{}", KEYS[0]);
        let out = etcd.etcdctl_ok(&["get", &key, "-w", "json"]);
        let last: serde_json::Value = serde_json::from_str(&out).expect("etcdctl's JSON");
        let last = last["kvs"][0]["mod_revision"]
            .as_u64()
            .expect("the key's revision");
        let deadline = Instant::now() + limit;
        let mut caught_up = false;
        while Instant::now() < deadline {
            if parse(read(&self.dest).trim_end()).is_some_and(|(_, rev)| rev >= last) {
                caught_up = true;
                break;
            }
            thread::sleep(Duration::from_millis(50));
        }
        let exits = self.renderer.stop();
        self.stopping.store(true, Ordering::SeqCst);
        if let Some(t) = self.reader {
            let _ = t.join();
        }
        let seen = self.seen.lock().unwrap().clone();
        let mut v = check(&read(&self.versions), &seen);
        v.renderer_exits = exits.len().saturating_sub(1);
        if !caught_up {
            v.stuck.push(format!(
                "the last write (revision {last}) was not rendered within {} s; the file: {:?}",
                limit.as_secs(),
                read(&self.dest)
            ));
        }
        v
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The checker's findings.
#[derive(Debug, Default)]
pub struct Verdict {
    /// Versions the reload saw, and distinct contents the reader saw.
    pub reloads: usize,
    pub reads: usize,
    /// Files mixing values of two revisions, or not whole.
    pub mixed: Vec<String>,
    /// Versions older than one rendered before.
    pub back: Vec<String>,
    /// The last write never rendered.
    pub stuck: Vec<String>,
    /// How often `config render --watch` ended and was started again.
    pub renderer_exits: usize,
}

impl Verdict {
    pub fn violations(&self) -> Vec<String> {
        let exits = (self.renderer_exits > 0).then(|| {
            format!(
                "config render --watch ended {} times before it was stopped",
                self.renderer_exits
            )
        });
        [&self.mixed, &self.back, &self.stuck]
            .into_iter()
            .flatten()
            .cloned()
            .chain(exits)
            .collect()
    }
}

/// Checks the versions the reload appended (one per line, in render order) and the contents
/// the reader saw.
fn check(versions: &str, seen: &[String]) -> Verdict {
    let mut v = Verdict {
        reloads: versions.lines().count(),
        reads: seen.len(),
        ..Verdict::default()
    };
    // Values may go down: a write whose answer timed out may be applied later (etcd's rule),
    // after higher values. Revisions never do.
    let mut newest = 0;
    for line in versions.lines() {
        match parse(line) {
            Some((_, revision)) => {
                if revision < newest {
                    v.back
                        .push(format!("rendered {line:?} after revision {newest}"));
                }
                newest = newest.max(revision);
            }
            None => v.mixed.push(format!("a reload saw {line:?}")),
        }
    }
    for text in seen {
        let whole = text.ends_with('\n') && text.lines().count() == 1;
        if !whole || parse(text.trim_end()).is_none() {
            v.mixed.push(format!("a reader saw {text:?}"));
        }
    }
    v
}

/// `A B C REVISION` with A = B = C: the value and the revision.
fn parse(line: &str) -> Option<(u64, u64)> {
    let parts: Vec<u64> = line
        .split(' ')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    match parts[..] {
        [a, b, c, rev] if a == b && b == c => Some((a, rev)),
        _ => None,
    }
}

/// The report's lines.
pub fn describe(v: &Verdict) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "renders (config render --watch): {} versions reloaded, {} contents read",
        v.reloads, v.reads
    );
    crate::report::findings(
        &mut out,
        &[
            ("files mixing revisions or cut short", &v.mixed),
            ("files going back to an older revision", &v.back),
            ("last write not rendered", &v.stuck),
        ],
    );
    let _ = writeln!(out, "  renderer restarts: {}", v.renderer_exits);
    out
}

/// Sets the keys to 1, 2, 3, ... together, every 100 ms, from the client namespace.
struct Writer {
    stopping: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Writer {
    /// Starts writing, once the first write (0) is in.
    fn start(setup: &Setup) -> Writer {
        let stopping = Arc::new(AtomicBool::new(false));
        let written = Arc::new(AtomicBool::new(false));
        let (stop, done) = (stopping.clone(), written.clone());
        let (netns, endpoints) = (setup.netns.clone(), setup.endpoints.clone());
        let thread = thread::spawn(move || {
            in_netns(&netns, || write_until(&endpoints, &stop, &done));
        });
        let deadline = Instant::now() + Duration::from_secs(30);
        while !written.load(Ordering::SeqCst) {
            assert!(
                Instant::now() < deadline,
                "the first config write never went in"
            );
            thread::sleep(Duration::from_millis(20));
        }
        Writer {
            stopping,
            thread: Some(thread),
        }
    }

    /// Stops writing, after a final write that etcd took.
    fn stop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            t.join().expect("the config writer");
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
    }
}

/// Writes until `stop`, then once more until etcd takes it; `written` is set once a write went
/// in.
fn write_until(endpoints: &str, stop: &AtomicBool, written: &AtomicBool) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    rt.block_on(async {
        let endpoints: Vec<&str> = endpoints.split(',').collect();
        let options = etcd_client::ConnectOptions::new()
            .with_connect_timeout(Duration::from_secs(1))
            .with_timeout(Duration::from_secs(2));
        let mut client = etcd_client::Client::connect(endpoints, Some(options))
            .await
            .expect("connect the config writer");
        let mut n = 0;
        loop {
            let stopping = stop.load(Ordering::SeqCst);
            let v = n.to_string();
            let txn = etcd_client::Txn::new().and_then(
                KEYS.iter()
                    .map(|k| etcd_client::TxnOp::put(format!("{ROOT}/{k}"), v.clone(), None))
                    .collect::<Vec<_>>(),
            );
            let ok = client.txn(txn).await.is_ok();
            if ok {
                written.store(true, Ordering::SeqCst);
                // The last write is one etcd took: written after the stop was asked.
                if stopping {
                    return;
                }
            }
            // A write whose outcome is unknown may have gone in: never reuse its value.
            n += 1;
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
}
