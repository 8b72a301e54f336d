//! confd's template resources: `CONFDIR/conf.d/*.toml`, each naming a template in
//! `CONFDIR/templates`, where it goes and what to run, so that a confd setup can switch.
//!
//! ```toml
//! [template]
//! src = "nginx.conf.tmpl"          # in CONFDIR/templates
//! dest = "/etc/nginx/nginx.conf"
//! prefix = "/app"                  # the template's keys are under it (relative to --root)
//! keys = ["/upstreams"]            # as confd: the keys it uses (all are read at one revision)
//! mode = "0644"
//! uid = 0                          # owner and group (numbers), optional
//! gid = 0
//! check_cmd = "nginx -t -c {{.src}}"
//! reload_cmd = "systemctl reload nginx"
//! ```
//!
//! A field confd does not know (or etcdkit does not take) is refused with the file and line.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::Job;
use crate::error::{Error, Result};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    template: Resource,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Resource {
    src: String,
    dest: String,
    #[serde(default)]
    keys: Vec<String>,
    #[serde(default)]
    prefix: String,
    mode: Option<String>,
    uid: Option<u32>,
    gid: Option<u32>,
    check_cmd: Option<String>,
    reload_cmd: Option<String>,
}

/// The jobs of every resource in `confdir/conf.d`, in file-name order.
pub fn load(confdir: &Path) -> Result<Vec<Job>> {
    let confd = confdir.join("conf.d");
    let listing = std::fs::read_dir(&confd).map_err(|e| Error::File {
        what: "confd resource directory",
        path: confd.clone(),
        source: e,
    })?;
    let mut paths: Vec<PathBuf> = listing
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(Error::usage_with_hint(
            format!("no template resources (*.toml) in {}", confd.display()),
            "a confd resource directory holds conf.d/NAME.toml and templates/NAME.tmpl",
        ));
    }
    paths.iter().map(|path| resource(confdir, path)).collect()
}

/// The job one resource file describes.
fn resource(confdir: &Path, path: &Path) -> Result<Job> {
    let bytes = crate::files::read(path, "confd resource")?.ok_or_else(|| Error::File {
        what: "confd resource",
        path: path.to_path_buf(),
        source: std::io::ErrorKind::NotFound.into(),
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::usage(format!("{} is not UTF-8 text", path.display())))?;
    let bad = |message: String| Error::usage(format!("{}: {message}", path.display()));
    let file: File = toml::from_str(&text).map_err(|e| bad(one_toml_error(&text, &e)))?;
    let r = file.template;
    if r.src.is_empty() || r.dest.is_empty() {
        return Err(bad("src and dest must not be empty".into()));
    }
    let mode = match &r.mode {
        None => None,
        Some(m) => Some(
            u32::from_str_radix(m.trim_start_matches("0o"), 8)
                .ok()
                .filter(|m| *m <= 0o7777)
                .ok_or_else(|| bad(format!("mode {m:?} is not an octal mode such as \"0644\"")))?,
        ),
    };
    for key in &r.keys {
        crate::config::check_prefix(key).map_err(|e| bad(format!("keys: {e}")))?;
    }
    let prefix = crate::config::check_prefix(&r.prefix).map_err(|e| bad(format!("prefix: {e}")))?;
    Ok(Job {
        template: confdir.join("templates").join(&r.src),
        dest: PathBuf::from(r.dest),
        prefix,
        mode,
        uid: r.uid,
        gid: r.gid,
        check: r.check_cmd.filter(|c| !c.trim().is_empty()),
        reload: r.reload_cmd.filter(|c| !c.trim().is_empty()),
    })
}

/// A TOML error as `line N: message` (the toml crate's own text spans several lines).
fn one_toml_error(text: &str, e: &toml::de::Error) -> String {
    let line = e
        .span()
        .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
    let message = e.message().trim().to_string();
    match line {
        Some(line) => format!("line {line}: {message}"),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn confdir(resource: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("conf.d")).unwrap();
        std::fs::write(dir.path().join("conf.d/app.toml"), resource).unwrap();
        dir
    }

    #[test]
    fn a_confd_resource_reads_as_a_job() {
        let dir = confdir(
            "[template]\nsrc = \"app.tmpl\"\ndest = \"/tmp/app.conf\"\nkeys = [\"/db\"]\nprefix = \"/app\"\nmode = \"0640\"\ncheck_cmd = \"test -s {{.src}}\"\nreload_cmd = \"true\"\n",
        );
        let jobs = load(dir.path()).unwrap();
        assert_eq!(jobs.len(), 1);
        let job = &jobs[0];
        assert_eq!(job.template, dir.path().join("templates/app.tmpl"));
        assert_eq!(job.prefix, "app");
        assert_eq!(job.mode, Some(0o640));
        assert_eq!(job.check.as_deref(), Some("test -s {{.src}}"));
    }

    #[test]
    fn an_unknown_field_is_refused_with_its_line() {
        let dir = confdir("[template]\nsrc = \"a\"\ndest = \"b\"\nreload = \"x\"\n");
        let e = load(dir.path()).unwrap_err().to_string();
        assert!(
            e.contains("app.toml: line 4") && e.contains("reload"),
            "{e}"
        );
        let dir = confdir("[template]\nsrc = \"a\"\ndest = \"b\"\nmode = \"rw\"\n");
        let e = load(dir.path()).unwrap_err().to_string();
        assert!(e.contains("octal"), "{e}");
    }
}
