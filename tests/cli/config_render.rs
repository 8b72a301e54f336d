//! `etcdkit config render` against real etcd: confd's functions, one revision per render, a
//! file written only when it changed, --check and --reload with rollback, --watch through a
//! concurrent writer, a member kill and a compaction, confd resources, and bad input refused
//! before anything is written.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::lock_scene::{wait_for, Spawned};
use crate::run::{etcdkit_command, run_command, Run};
use crate::support::Etcd;

/// A real etcd and a directory for templates and rendered files.
struct Scene {
    etcd: Etcd,
    dir: tempfile::TempDir,
}

impl Scene {
    fn single() -> Scene {
        Scene::on(Etcd::single())
    }

    fn on(etcd: Etcd) -> Scene {
        Scene {
            etcd,
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn p(&self, name: &str) -> String {
        self.path(name).to_string_lossy().into_owned()
    }

    /// Writes a file in the scene's directory; returns its path.
    fn file(&self, name: &str, text: &str) -> String {
        std::fs::write(self.path(name), text).unwrap();
        self.p(name)
    }

    /// Puts `keys` and writes `text` as the template `t.tmpl`; returns its path and that of
    /// the destination, `out.conf`.
    fn template(&self, keys: &[(&str, &str)], text: &str) -> (String, String) {
        for (key, value) in keys {
            self.etcd.put(key, value);
        }
        (self.file("t.tmpl", text), self.p("out.conf"))
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap_or_default()
    }

    /// The names in the scene's directory, sorted.
    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = etcdkit_command();
        cmd.args(["--endpoints", &self.etcd.endpoints(), "config", "render"])
            .args(args)
            .current_dir(self.dir.path());
        cmd
    }

    fn render(&self, args: &[&str]) -> Run {
        run_command(&mut self.command(args))
    }

    fn spawn(&self, label: &str, args: &[&str]) -> Spawned {
        Spawned::spawn(self.command(args), self.dir.path(), label)
    }

    /// The store's current revision.
    fn revision(&self) -> i64 {
        let out = self.etcd.etcdctl_ok(&["get", "/", "-w", "json"]);
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        doc["header"]["revision"].as_i64().unwrap()
    }
}

#[test]
fn every_confd_function_renders_from_the_tree_and_the_revision_is_stamped() {
    let s = Scene::single();
    for (key, value) in [
        ("/config/db/host", "db1"),
        ("/config/db/port", "5432"),
        ("/config/services/a", "10.0.0.1"),
        ("/config/services/b", "10.0.0.2"),
        ("/config/services/c/deep", "x"),
        ("/config/users", r#"["ann","bob"]"#),
        ("/config/obj", r#"{"k":"v"}"#),
    ] {
        s.etcd.put(key, value);
    }
    let template = s.file(
        "app.tmpl",
        "host={{ getv('/db/host') }}
port={{ getv('/db/port') }}
missing={{ getv('/db/none', 'dflt') }}
exists={{ exists('/db/host') }},{{ exists('/nope') }}
{% for kv in gets('/services/*') %}{{ kv.key }}={{ kv.value }};{% endfor %}
getvs={{ getvs('/services/*') | join(',') }}
get={{ get('/db/host').Value }}
ls={{ ls('/services') | join(',') }}
lsdir={{ lsdir('/services') | join(',') }}
json={{ json(getv('/obj')).k }}
jsonArray={{ jsonArray(getv('/users'))[1] }}
base={{ base('/a/b/c') }} dir={{ dir('/a/b/c') }}
split-join={{ join(split('a:b', ':'), '-') }}
replace={{ replace('aaa', 'a', 'b', -1) }}
getenv={{ getenv('RENDER_TEST_VAR', 'no') }}
typed={{ config.db.port + 1 }}
revision={{ revision }}
",
    );
    let revision = s.revision();
    let run = s.render(&["--template", &template, "--dest", &s.p("app.conf")]);
    run.expect_code(0);
    assert!(run.stderr.contains("rendered"), "{}", run.stderr);
    assert_eq!(
        s.read("app.conf"),
        format!(
            "host=db1
port=5432
missing=dflt
exists=true,false
/services/a=10.0.0.1;/services/b=10.0.0.2;
getvs=10.0.0.1,10.0.0.2
get=db1
ls=a,b,c
lsdir=c
json=v
jsonArray=bob
base=c dir=/a/b
split-join=a-b
replace=bbb
getenv=no
typed=5433
revision={revision}
"
        )
    );
    assert_eq!(
        std::fs::metadata(s.path("app.conf"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o644
    );
}

#[test]
fn an_unchanged_file_is_not_rewritten_and_not_reloaded() {
    let s = Scene::single();
    let (template, dest) = s.template(&[("/config/name", "one")], "name={{ getv('/name') }}\n");
    let reload = format!("echo run >> {}", s.p("reloads"));
    let args = job(&template, &dest, &["--reload", &reload]);
    s.render(&args).expect_code(0);
    let before = std::fs::metadata(&dest).unwrap();
    // Another key changes: a new revision, the same content.
    s.etcd.put("/config/other", "x");
    let run = s.render(&[&args[..], &["-o", "json"]].concat());
    run.expect_code(0);
    let line = &run.json_lines()[0];
    assert_eq!(line["result"], "unchanged", "{line}");
    let after = std::fs::metadata(&dest).unwrap();
    assert_eq!(
        (before.ino(), before.mtime(), before.mtime_nsec()),
        (after.ino(), after.mtime(), after.mtime_nsec())
    );
    assert_eq!(s.read("reloads"), "run\n");
    // A change of the content is written and reloaded.
    s.etcd.put("/config/name", "two");
    let run = s.render(&[&args[..], &["-o", "json"]].concat());
    run.expect_code(0);
    assert_eq!(run.json_lines()[0]["result"], "rendered");
    assert_eq!(run.json_lines()[0]["reloaded"], true);
    assert_eq!(s.read("out.conf"), "name=two\n");
    assert_eq!(s.read("reloads"), "run\nrun\n");
}

#[test]
fn a_failing_check_keeps_the_old_file_and_leaves_no_temporary() {
    let s = Scene::single();
    let (template, dest) = s.template(&[("/config/port", "80")], "port {{ getv('/port') }}\n");
    // The check reads the staged file: it refuses port 0.
    let check = "! grep -q 'port 0' {{.src}}";
    let reload = format!("echo run >> {}", s.p("reloads"));
    let args = job(&template, &dest, &["--check", check, "--reload", &reload]);
    s.render(&args).expect_code(0);
    s.etcd.put("/config/port", "0");
    let run = s.render(&args);
    run.expect_code(1);
    assert!(
        run.stderr.contains("failed") && run.stderr.contains("check"),
        "{}",
        run.stderr
    );
    assert_eq!(s.read("out.conf"), "port 80\n");
    assert_eq!(s.read("reloads"), "run\n");
    assert_eq!(s.names(), ["out.conf", "reloads", "t.tmpl"]);
}

#[test]
fn a_failing_reload_puts_the_previous_file_back_and_reloads_again() {
    let s = Scene::single();
    let (template, dest) = s.template(&[("/config/v", "good")], "{{ getv('/v') }}\n");
    // Records the content each run sees; fails when the new content is in place.
    let reload = format!(
        "cat {dest} >> {runs}; ! grep -q bad {dest}",
        runs = s.p("runs")
    );
    let args = job(&template, &dest, &["--reload", &reload]);
    s.render(&args).expect_code(0);
    s.etcd.put("/config/v", "bad");
    let run = s.render(&[&args[..], &["-o", "json"]].concat());
    run.expect_code(1);
    let line = &run.json_lines()[0];
    assert_eq!(line["result"], "reload_failed", "{line}");
    assert_eq!(line["again"]["ok"], true, "{line}");
    assert_eq!(s.read("out.conf"), "good\n");
    assert_eq!(s.read("runs"), "good\nbad\ngood\n");
    assert_eq!(s.names(), ["out.conf", "runs", "t.tmpl"]);
}

/// `--template TEMPLATE --dest DEST FLAGS...`.
fn job<'a>(template: &'a str, dest: &'a str, flags: &[&'a str]) -> Vec<&'a str> {
    [&["--template", template, "--dest", dest][..], flags].concat()
}

/// Every version `--watch` (with `flags`) renders of `/config/a` and `/config/b` while
/// [`write_pairs`] sets them `n` times: `A B REVISION` lines, the last one `n n ...`.
fn versions_rendered_of_pairs(flags: &[&str], n: u32) -> String {
    let s = Scene::single();
    let (template, dest) = s.template(
        &[("/config/a", "0"), ("/config/b", "0")],
        "{{ getv('/a') }} {{ getv('/b') }} {{ revision }}\n",
    );
    // Every version rendered is appended to a log by the reload.
    let reload = format!("cat {dest} >> {}", s.p("versions"));
    let base = job(&template, &dest, &["--reload", &reload, "--watch"]);
    let mut watch = s.spawn("watch", &[&base[..], flags].concat());
    wait_for("the first render", 30, || {
        s.read("versions").starts_with("0 0 ")
    });
    let last = write_pairs(&s.etcd, n);
    wait_for("the last write rendered", 90, || {
        assert!(watch.running(), "the watch exited: {}", watch.stderr());
        s.read("versions").contains(&format!("{last} {last} "))
    });
    watch.signal(libc::SIGTERM);
    watch.wait(30).expect_code(0);
    s.read("versions")
}

#[test]
fn a_concurrent_writer_never_makes_a_render_mix_two_revisions() {
    let versions = versions_rendered_of_pairs(&[], 400);
    let lines: Vec<&str> = versions.lines().collect();
    for line in &lines {
        let parts: Vec<&str> = line.split(' ').collect();
        assert_eq!(parts[0], parts[1], "a render mixed two revisions: {line}");
    }
    assert!(lines.len() >= 3, "several versions rendered: {versions}");
}

/// Sets `/config/a` and `/config/b` to 1, 2, ... `n` together, one transaction each, as fast
/// as etcd takes them; returns `n`.
fn write_pairs(etcd: &Etcd, n: u32) -> u32 {
    let endpoints = etcd.endpoints();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async move {
        let endpoints: Vec<&str> = endpoints.split(',').collect();
        let mut client = etcd_client::Client::connect(endpoints, None).await.unwrap();
        for i in 1..=n {
            let v = i.to_string();
            let txn = etcd_client::Txn::new().and_then([
                etcd_client::TxnOp::put("/config/a", v.clone(), None),
                etcd_client::TxnOp::put("/config/b", v, None),
            ]);
            client.txn(txn).await.unwrap();
        }
        n
    })
}

#[test]
fn wait_renders_a_burst_of_changes_once() {
    let versions = versions_rendered_of_pairs(&["--wait", "3s:60s"], 50);
    // The first render, then 50 revisions 3 s apart at most: one render (two if the machine
    // stalled).
    assert!(versions.lines().count() <= 3, "{versions}");
}

#[test]
fn watch_keeps_rendering_across_a_member_kill_and_a_compaction() {
    let mut s = Scene::on(Etcd::cluster(3));
    let (template, dest) = s.template(&[("/config/v", "one")], "{{ getv('/v') }}\n");
    // The watch dials member 0 first.
    let endpoints = format!(
        "{},{},{}",
        s.etcd.endpoint(0),
        s.etcd.endpoint(1),
        s.etcd.endpoint(2)
    );
    let mut cmd = s.command(&job(&template, &dest, &["--watch"]));
    cmd.args(["--endpoints", &endpoints]);
    let mut watch = Spawned::spawn(cmd, s.dir.path(), "watch");
    wait_for("the first render", 30, || s.read("out.conf") == "one\n");
    // Stopped, the watch misses a member kill, a change and a compaction of that change.
    watch.signal(libc::SIGSTOP);
    s.etcd.kill(0);
    // Through an election when member 0 led.
    let put = |v: &str| {
        wait_for("a put on member 1", 60, || {
            s.etcd
                .etcdctl_at(1, &["put", "/config/v", v])
                .status
                .success()
        })
    };
    put("two");
    let revision = s.revision();
    s.etcd.etcdctl_ok(&[
        "--endpoints",
        &s.etcd.endpoint(1),
        "compact",
        &revision.to_string(),
    ]);
    // SAFETY: kill(2) on our own child, stopped above.
    assert_eq!(unsafe { libc::kill(watch.pid(), libc::SIGCONT) }, 0);
    wait_for("the render after the compaction", 60, || {
        assert!(watch.running(), "the watch exited: {}", watch.stderr());
        s.read("out.conf") == "two\n"
    });
    put("three");
    wait_for("the render after that", 60, || {
        s.read("out.conf") == "three\n"
    });
    watch.signal(libc::SIGTERM);
    watch.wait(30).expect_code(0);
}

#[test]
fn watch_reports_a_refused_file_and_goes_on_with_the_old_one() {
    let s = Scene::single();
    let (template, dest) = s.template(&[("/config/v", "good")], "{{ getv('/v') }}\n");
    let check = "! grep -q bad {{.src}}";
    let mut watch = s.spawn(
        "watch",
        &job(
            &template,
            &dest,
            &["--check", check, "--watch", "-o", "json"],
        ),
    );
    let results = || -> Vec<String> {
        watch_lines(&s.read("watch.stdout"))
            .iter()
            .map(|l| l["result"].as_str().unwrap().to_string())
            .collect()
    };
    wait_for("the first render", 30, || results() == ["rendered"]);
    s.etcd.put("/config/v", "bad");
    wait_for("the refusal", 30, || {
        results() == ["rendered", "check_failed"]
    });
    assert_eq!(s.read("out.conf"), "good\n");
    s.etcd.put("/config/v", "better");
    wait_for("the next render", 30, || s.read("out.conf") == "better\n");
    assert!(watch.running(), "{}", watch.stderr());
    watch.signal(libc::SIGTERM);
    watch.wait(30).expect_code(0);
}

/// The complete JSON lines of a watch's stdout so far.
fn watch_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .split_inclusive('\n')
        .filter(|l| l.ends_with('\n'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn sigterm_stops_a_watch_mid_check_without_leaving_a_temporary() {
    let s = Scene::single();
    let (template, dest) = s.template(&[("/config/v", "one")], "{{ getv('/v') }}\n");
    let check = format!("touch {}; sleep 60", s.p("checking"));
    let mut watch = s.spawn(
        "watch",
        &job(&template, &dest, &["--check", &check, "--watch"]),
    );
    wait_for("the check to start", 30, || s.path("checking").exists());
    watch.signal(libc::SIGTERM);
    watch.wait(30).expect_code(0);
    assert_eq!(
        s.names(),
        ["checking", "t.tmpl", "watch.stderr", "watch.stdout"]
    );
}

#[test]
fn a_template_syntax_error_names_the_file_and_line_and_writes_nothing() {
    let s = Scene::single();
    let template = s.file("bad.tmpl", "line one\nline two\n{% for x in %}\n");
    let run = s.render(&["--template", &template, "--dest", &s.p("out.conf")]);
    run.expect_refused("bad.tmpl:3: syntax error");
    assert!(!s.path("out.conf").exists());
    let run = s.render(&["--template", &s.p("none.tmpl"), "--dest", &s.p("out.conf")]);
    run.expect_refused("none.tmpl");
    assert!(!s.path("out.conf").exists());
    // A device or a directory as the template is refused, not read forever.
    for bad in ["/dev/zero".to_string(), s.p("")] {
        let run = s.render(&["--template", &bad, "--dest", &s.p("out.conf")]);
        run.expect_code(3);
        assert!(run.stderr.contains("template"), "{}", run.stderr);
        assert!(!s.path("out.conf").exists());
    }
}

#[test]
fn a_missing_key_fails_its_file_and_names_the_key() {
    let s = Scene::single();
    let template = s.file("t.tmpl", "x\n{{ getv('/db/host') }}\n");
    let run = s.render(&["--template", &template, "--dest", &s.p("out.conf")]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("/db/host") && run.stderr.contains("t.tmpl:2"),
        "{}",
        run.stderr
    );
    assert!(!s.path("out.conf").exists());
}

#[test]
fn confd_resources_render_with_check_reload_and_mode() {
    let s = Scene::single();
    s.etcd.put("/config/app/db/host", "db1");
    std::fs::create_dir_all(s.path("confd/conf.d")).unwrap();
    std::fs::create_dir_all(s.path("confd/templates")).unwrap();
    std::fs::write(
        s.path("confd/templates/app.tmpl"),
        "host={{ getv('/db/host') }}\n",
    )
    .unwrap();
    std::fs::write(
        s.path("confd/conf.d/app.toml"),
        format!(
            "[template]\nsrc = \"app.tmpl\"\ndest = \"{dest}\"\nprefix = \"/app\"\nkeys = [\"/db\"]\nmode = \"0600\"\ncheck_cmd = \"grep -q host= {{{{.src}}}} && echo checked >> {log}\"\nreload_cmd = \"echo reloaded >> {log}\"\n",
            dest = s.p("app.conf"),
            log = s.p("log"),
        ),
    )
    .unwrap();
    s.render(&["--resources", &s.p("confd")]).expect_code(0);
    assert_eq!(s.read("app.conf"), "host=db1\n");
    assert_eq!(s.read("log"), "checked\nreloaded\n");
    let mode = std::fs::metadata(s.path("app.conf"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    // A field confd does not have is refused with the file and line.
    std::fs::write(
        s.path("confd/conf.d/app.toml"),
        "[template]\nsrc = \"app.tmpl\"\ndest = \"x\"\nreload = \"y\"\n",
    )
    .unwrap();
    s.render(&["--resources", &s.p("confd")])
        .expect_refused("app.toml: line 4");
}

#[test]
fn a_symlink_destination_is_written_through() {
    let s = Scene::single();
    s.etcd.put("/config/v", "one");
    let template = s.file("t.tmpl", "{{ getv('/v') }}\n");
    std::fs::create_dir(s.path("real")).unwrap();
    std::fs::write(s.path("real/out.conf"), "old\n").unwrap();
    std::os::unix::fs::symlink("real/out.conf", s.path("link.conf")).unwrap();
    s.render(&["--template", &template, "--dest", &s.p("link.conf")])
        .expect_code(0);
    assert!(std::fs::symlink_metadata(s.path("link.conf"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(s.read("real/out.conf"), "one\n");
}

#[test]
fn bad_input_is_refused_before_anything_is_written() {
    let s = Scene::single();
    let template = s.file("t.tmpl", "x\n");
    let dest = s.p("out.conf");
    let fifo = s.path("fifo");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a path we own.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let t = template.as_str();
    for (args, says) in [
        (vec!["--template", t, "--dest", ""], "--dest"),
        (vec!["--template", t, "--dest", &s.p("")], "directory"),
        (
            vec!["--template", t, "--dest", fifo.to_str().unwrap()],
            "FIFO",
        ),
        (
            vec!["--template", t, "--dest", "/dev/null"],
            "character device",
        ),
        (
            vec!["--template", t, "--dest", &s.p("no/such/dir/x")],
            "does not exist",
        ),
        (vec!["--template", t], "0 --dest"),
        (
            vec!["--template", t, "--dest", &dest, "--watch", "--wait", "0"],
            "0",
        ),
        (
            vec![
                "--template",
                t,
                "--dest",
                &dest,
                "--watch",
                "--wait",
                "5s:1s",
            ],
            "shorter",
        ),
        (
            vec![
                "--template",
                t,
                "--dest",
                &dest,
                "--watch",
                "--wait",
                "99999999h",
            ],
            "--wait",
        ),
        (
            vec!["--template", t, "--dest", &dest, "--cmd-timeout", "0s"],
            "0",
        ),
        (
            vec![
                "--template",
                t,
                "--dest",
                &dest,
                "--cmd-timeout",
                "99999999h",
            ],
            "cmd-timeout",
        ),
        (vec![], "nothing to render"),
    ] {
        let run = s.render(&args);
        run.expect_code(3);
        assert!(
            run.stderr.contains(says),
            "{args:?}: wanted {says:?} in {}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"));
    }
    assert!(!Path::new(&dest).exists());
    assert_eq!(s.names(), ["fifo", "t.tmpl"]);
}
