//! Rendering configuration into files (confd / consul-template): every template of a render
//! reads one tree at one revision, each file is put in place only when it changed, checked
//! before the swap and rolled back when its reload fails; `watch` renders again on every change.
//!
//! ```no_run
//! # async fn demo(store: &etcdkit::config::Store) -> etcdkit::Result<()> {
//! use etcdkit::config::render::{Job, Renderer};
//! let job = Job::new("app.conf.tmpl", "/etc/app.conf");
//! let renderer = Renderer::new(vec![job], std::time::Duration::from_secs(30))?;
//! for outcome in renderer.once(store).await? {
//!     println!("{} at revision {}: {:?}", outcome.dest.display(), outcome.revision, outcome.installed);
//! }
//! # Ok(()) }
//! ```

mod resources;
mod template;
mod wait;
mod write;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::FutureExt;
use serde::Serialize;

pub use resources::load as load_resources;
pub use template::Templates;
pub use wait::Wait;
pub use write::{install, run, Install, Installed, Ran};

use crate::config::{Root, Store, Tree};
use crate::conn::Target;
use crate::error::{Error, Result};
use crate::watch::{self, EventKind, FollowOptions, Keys, Update, UpdateKind};

/// One template and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The template file.
    pub template: PathBuf,
    /// The file it renders to.
    pub dest: PathBuf,
    /// The prefix its keys are under, relative to the root (`""`: the root itself).
    pub prefix: String,
    /// The file's permissions; `None`: those of the file it replaces, or 0644.
    pub mode: Option<u32>,
    /// The file's owner.
    pub uid: Option<u32>,
    /// The file's group.
    pub gid: Option<u32>,
    /// Run on the staged file before the swap (`{{.src}}` is its path).
    pub check: Option<String>,
    /// Run once the file is in place.
    pub reload: Option<String>,
}

impl Job {
    /// `template` rendered to `dest`, keys at the root, nothing to run.
    pub fn new(template: impl Into<PathBuf>, dest: impl Into<PathBuf>) -> Job {
        Job {
            template: template.into(),
            dest: dest.into(),
            prefix: String::new(),
            mode: None,
            uid: None,
            gid: None,
            check: None,
            reload: None,
        }
    }
}

/// What one render did to one file.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// The template.
    pub template: PathBuf,
    /// The file.
    pub dest: PathBuf,
    /// The revision the render read at.
    pub revision: i64,
    /// What happened.
    #[serde(flatten)]
    pub installed: Installed,
    /// How long rendering and putting it in place took (commands included).
    pub took_ms: u64,
}

/// Renders a set of templates, all from one tree.
#[derive(Debug)]
pub struct Renderer {
    templates: Templates,
    jobs: Vec<Job>,
    timeout: Duration,
}

impl Renderer {
    /// Reads and compiles every job's template and checks every destination, before anything
    /// is read from etcd: a missing template, a syntax error (with its file and line), a
    /// destination that is a directory or a device, or two jobs writing one file are errors.
    /// `timeout` bounds each check and reload command.
    pub fn new(jobs: Vec<Job>, timeout: Duration) -> Result<Renderer> {
        if jobs.is_empty() {
            return Err(Error::usage("no template to render"));
        }
        let mut templates = Templates::new();
        let mut dests = BTreeSet::new();
        for job in &jobs {
            if job.dest.as_os_str().is_empty() {
                return Err(Error::usage("a destination is empty"));
            }
            if job.template.as_os_str().is_empty() {
                return Err(Error::usage("a template path is empty"));
            }
            let target = crate::files::target(&job.dest, "destination")?;
            if !dests.insert(target.clone()) {
                return Err(Error::usage(format!(
                    "two templates render to {}",
                    job.dest.display()
                )));
            }
            let dir = target
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            if !dir.is_dir() {
                return Err(Error::usage_with_hint(
                    format!(
                        "the destination {}: the directory {} does not exist",
                        job.dest.display(),
                        dir.display()
                    ),
                    "create the directory first (etcdkit does not create it)",
                ));
            }
            templates.add_file(&job.template)?;
        }
        Ok(Renderer {
            templates,
            jobs,
            timeout,
        })
    }

    /// The jobs.
    pub fn jobs(&self) -> &[Job] {
        &self.jobs
    }

    /// The prefix every job's keys are under (relative to the root): what is read or watched.
    pub fn prefix(&self) -> String {
        let mut common: Option<Vec<&str>> = None;
        for job in &self.jobs {
            let segments: Vec<&str> = job.prefix.split('/').filter(|s| !s.is_empty()).collect();
            common = Some(match common {
                None => segments,
                Some(c) => c
                    .iter()
                    .zip(&segments)
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| *a)
                    .collect(),
            });
        }
        common.unwrap_or_default().join("/")
    }

    /// Renders every template from `tree` and puts each file in place, in order.
    pub async fn render(&self, tree: &Arc<Tree>) -> Vec<Outcome> {
        let mut outcomes = Vec::with_capacity(self.jobs.len());
        for job in &self.jobs {
            let started = Instant::now();
            let installed = match self.render_one(job, tree).await {
                Ok(installed) => installed,
                Err(e) => Installed::Failed {
                    error: e.to_string(),
                },
            };
            outcomes.push(Outcome {
                template: job.template.clone(),
                dest: job.dest.clone(),
                revision: tree.revision,
                installed,
                took_ms: started.elapsed().as_millis() as u64,
            });
        }
        outcomes
    }

    async fn render_one(&self, job: &Job, tree: &Arc<Tree>) -> Result<Installed> {
        let name = job.template.display().to_string();
        let content = self.templates.render(&name, tree, &job.prefix)?;
        let how = Install {
            dest: job.dest.clone(),
            mode: job.mode,
            uid: job.uid,
            gid: job.gid,
            check: job.check.clone(),
            reload: job.reload.clone(),
            timeout: self.timeout,
        };
        install(&how, content.as_bytes()).await
    }

    /// Reads the tree once (one revision) and renders every template from it.
    pub async fn once(&self, store: &Store) -> Result<Vec<Outcome>> {
        let tree = Arc::new(store.read(&self.prefix(), None).await?);
        Ok(self.render(&tree).await)
    }

    /// Follows the tree and renders every template from each new revision of it, `each`
    /// getting the outcomes of every render (the first one at the start); an error `each`
    /// returns ends the watch. With `wait`, a render waits until the tree has been quiet for
    /// `wait.min`, but no longer than `wait.max` after the first change. Goes on through a
    /// member lost and a compaction (the tree is read again); returns only on an error the
    /// watch cannot mend, or when etcd is unreachable at the start (after the target's dial
    /// timeout).
    pub async fn watch(
        &self,
        target: &Target,
        root: &Root,
        wait: Option<Wait>,
        mut each: impl FnMut(&[Outcome]) -> Result<()>,
    ) -> Result<()> {
        let options = FollowOptions {
            give_up_after: Some(target.options().dial_timeout),
            ..FollowOptions::new(Keys::prefix(root.full_prefix(&self.prefix())))
        };
        let mut follower = watch::follow(target, options).await?;
        let mut tree = Arc::new(Tree::default());
        apply(root, &mut tree, &follower.next().await?);
        follower.set_give_up_after(None);
        each(&self.render(&tree).await)?;
        loop {
            let update = follower.next().await?;
            if !apply(root, &mut tree, &update) {
                continue;
            }
            match wait {
                Some(wait) => {
                    let first = tokio::time::Instant::now();
                    let mut quiet = first + wait.min;
                    let latest = first + wait.max;
                    loop {
                        tokio::select! {
                            update = follower.next() => {
                                if apply(root, &mut tree, &update?) {
                                    quiet = tokio::time::Instant::now() + wait.min;
                                }
                            }
                            _ = tokio::time::sleep_until(quiet.min(latest)) => break,
                        }
                    }
                }
                None => {
                    // Updates already here are taken in before rendering: the render shows
                    // the latest revision, not each one on the way.
                    while let Some(update) = follower.next().now_or_never() {
                        apply(root, &mut tree, &update?);
                    }
                }
            }
            each(&self.render(&tree).await)?;
        }
    }
}

/// Applies one update (one revision) to the tree; false when it changed nothing (a progress
/// notification).
fn apply(root: &Root, tree: &mut Arc<Tree>, update: &Update) -> bool {
    if update.kind == UpdateKind::Progress {
        return false;
    }
    let tree = Arc::make_mut(tree);
    tree.revision = tree.revision.max(update.revision);
    for event in &update.events {
        let Some(key) = std::str::from_utf8(&event.key)
            .ok()
            .and_then(|full| root.relative(full))
        else {
            continue;
        };
        match event.kind {
            EventKind::Put => {
                let entry = crate::config::Entry::from_watch(key, &event.entry);
                tree.entries.insert(key.to_string(), entry);
            }
            EventKind::Delete => {
                tree.entries.remove(key);
            }
        }
    }
    true
}
