//! `etcdkit config render`: templates rendered into files from one revision of the tree,
//! checked, swapped in atomically and reloaded (confd / consul-template).

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use serde::Serialize;

use crate::cli::output::{Format, Style};
use crate::cli::supervise::{self, Signals};
use crate::cli::{Context, Render};
use crate::config::render::{load_resources, Installed, Job, Outcome, Renderer, Wait};
use crate::config::Root;
use crate::error::{Error, ExitStatus, Result};
use crate::units::parse_duration;

/// Render templates into files, check them, swap them in and reload
///
/// Each --template is rendered to the --dest in the same position (minijinja, Jinja2 syntax)
/// with confd's functions: getv(KEY[, DEFAULT]), gets(PATTERN) (a list of {key, value}, also
/// Key/Value), getvs(PATTERN), get(KEY), ls(DIR), lsdir(DIR), exists(KEY), json(TEXT),
/// jsonArray(TEXT), base, dir, split, join, replace(S, OLD, NEW[, N]), getenv(NAME[, DEFAULT]).
/// Keys are written as confd writes them, `/db/host` under --root; patterns are path globs
/// (`/services/*`). `config` is the tree as one nested object (`config.db.port`, typed) and
/// `revision` the revision the render read at. getv of a missing key without a default fails
/// the render of that file, naming the key; so does an undefined variable (a typo never
/// renders as nothing). Values print as getv gives them: true, null, objects as JSON.
///
/// Every template of one render reads the tree at ONE revision. A file is written only when
/// its content changed: to a temporary in its own directory, fsynced; --check runs on it
/// (`{{.src}}` in the command is its path) and a failing check leaves the old file in place;
/// then it is renamed over the destination and --reload runs. A failing reload puts the
/// previous file back and runs the reload again. Commands run with `sh -c`, killed after
/// --cmd-timeout. A symlink destination is written through (the link is kept, its target
/// replaced); a directory, device or FIFO is refused; a missing directory is an error.
///
/// --resources DIR reads confd's template resources: DIR/conf.d/*.toml ([template] with src,
/// dest, keys, prefix, mode, uid, gid, check_cmd, reload_cmd) and their templates in
/// DIR/templates. --watch renders again on every change (through a member lost and a
/// compaction); --wait MIN[:MAX] waits for the tree to be quiet for MIN, at most MAX (default
/// 4 x MIN) after the first change.
///
/// Output: one line per file on stderr (`rendered`, `unchanged`, `failed`); -o json prints
/// JSON Lines on stdout instead (docs/json.md).
///
/// Exit codes: 0 every file rendered or unchanged; 1 a file was not put in use (its render,
/// its --check or its --reload failed: the old file is in place); 3 bad input (a missing
/// template, a syntax error with its file and line, a bad resource, a bad --dest): nothing
/// written; 4 etcd unreachable. With --watch, failures are reported and the watch goes on;
/// SIGINT or SIGTERM end it with 0.
///
/// Examples:
///   etcdkit config render --template app.conf.tmpl --dest /etc/app.conf
///   etcdkit config render --template nginx.tmpl --dest nginx.conf --check 'nginx -t -c {{.src}}'
///   etcdkit config render --template app.tmpl --dest app.conf --reload 'pkill -HUP app' --watch
///   etcdkit config render --template app.tmpl --dest app.conf --watch --wait 2s:10s -o json
///   etcdkit config render --resources /etc/confd --watch
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct RenderArgs {
    /// A template file (repeat, each with its --dest)
    #[arg(long, value_name = "SRC")]
    pub template: Vec<PathBuf>,

    /// Where the --template in the same position is rendered to
    #[arg(long, value_name = "DEST")]
    pub dest: Vec<PathBuf>,

    /// Run on each staged file before it replaces the old one (`{{.src}}`: the staged file)
    #[arg(long, value_name = "CMD")]
    pub check: Option<String>,

    /// Run after a file is replaced; on failure the previous file is put back
    #[arg(long, value_name = "CMD")]
    pub reload: Option<String>,

    /// confd's configuration directory: DIR/conf.d/*.toml and DIR/templates
    #[arg(long, value_name = "DIR")]
    pub resources: Option<PathBuf>,

    /// Keep watching and render again on every change
    #[arg(long)]
    pub watch: bool,

    /// With --watch: render once the tree is quiet for MIN, at most MAX after a change
    #[arg(long, value_name = "MIN[:MAX]", requires = "watch", value_parser = parse_wait)]
    pub wait: Option<Wait>,

    /// How long --check and --reload may run before they are killed (and count as failed)
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_cmd_timeout)]
    pub cmd_timeout: Duration,
}

fn parse_wait(text: &str) -> std::result::Result<Wait, String> {
    Wait::parse(text).map_err(|e| match e.hint() {
        Some(hint) => format!("{e} ({hint})"),
        None => e.to_string(),
    })
}

fn parse_cmd_timeout(text: &str) -> std::result::Result<Duration, String> {
    match parse_duration(text)? {
        d if d.is_zero() => Err("a timeout of 0 would kill every command at once".into()),
        d if d > Duration::from_secs(24 * 3600) => {
            Err("the longest command timeout taken is 24h".into())
        }
        d => Ok(d),
    }
}

/// The jobs the arguments name.
fn jobs(args: &RenderArgs) -> Result<Vec<Job>> {
    if args.template.len() != args.dest.len() {
        return Err(Error::usage_with_hint(
            format!(
                "{} --template but {} --dest",
                args.template.len(),
                args.dest.len()
            ),
            "give each --template its --dest: --template a.tmpl --dest a.conf --template b.tmpl --dest b.conf",
        ));
    }
    let mut jobs: Vec<Job> = args
        .template
        .iter()
        .zip(&args.dest)
        .map(|(template, dest)| Job {
            check: args.check.clone(),
            reload: args.reload.clone(),
            ..Job::new(template, dest)
        })
        .collect();
    if let Some(dir) = &args.resources {
        jobs.extend(load_resources(dir)?);
    }
    if jobs.is_empty() {
        return Err(Error::usage_with_hint(
            "nothing to render",
            "give --template SRC --dest DEST, or --resources DIR",
        ));
    }
    Ok(jobs)
}

/// Runs `etcdkit config render`.
pub async fn run(ctx: &Context, root: Root, args: &RenderArgs) -> Result<ExitStatus> {
    let renderer = Renderer::new(jobs(args)?, args.cmd_timeout)?;
    let mut signals = Signals::catch()?;
    let json = ctx.output().chosen() == Some(Format::Json);
    let mut failed = false;
    let mut report = |outcomes: &[Outcome]| -> Result<()> {
        for outcome in outcomes {
            failed |= outcome.installed.failed();
            let line = Line(outcome);
            match json {
                true => ctx.output().emit_line_as(Format::Json, &line)?,
                false if outcome.installed.failed() => ctx.output().warn(&line.text()),
                false => ctx.output().status(&line.text()),
            }
        }
        Ok(())
    };
    if args.watch {
        let target = ctx.conn()?.resolve()?;
        let watched = renderer.watch(&target, &root, args.wait, &mut report);
        return tokio::select! {
            ended = watched => ended.map(|()| ExitStatus::Ok),
            sig = signals.next() => Ok(supervise::stream_stopped_by(sig)),
        };
    }
    let store = super::store(ctx, root).await?;
    let outcomes = tokio::select! {
        outcomes = renderer.once(&store) => outcomes?,
        sig = signals.next() => return Ok(supervise::interrupted_by(sig)),
    };
    report(&outcomes)?;
    Ok(match failed {
        true => ExitStatus::Negative,
        false => ExitStatus::Ok,
    })
}

/// One line of `config render`: what happened to one file.
#[derive(Serialize)]
struct Line<'a>(&'a Outcome);

impl Line<'_> {
    fn text(&self) -> String {
        let o = self.0;
        let dest = o.dest.display();
        let at = o.revision;
        match &o.installed {
            Installed::Unchanged => format!("unchanged {dest} (revision {at})"),
            Installed::Rendered { reloaded: true } => {
                format!("rendered {dest} (revision {at}), reloaded")
            }
            Installed::Rendered { reloaded: false } => format!("rendered {dest} (revision {at})"),
            Installed::CheckFailed { output } => format!(
                "failed {dest} (revision {at}): the check refused it, the old file is kept: {}",
                output.summary()
            ),
            Installed::ReloadFailed { output, again } => format!(
                "failed {dest} (revision {at}): the reload failed ({}); the previous file was put back and the reload run again: {}",
                output.summary(),
                again.as_ref().map_or("not run".into(), |a| match a.ok {
                    true => "it succeeded".to_string(),
                    false => format!("it failed too ({})", a.summary()),
                })
            ),
            Installed::Failed { error } => format!("failed {dest}: {error}"),
        }
    }
}

impl Render for Line<'_> {
    fn table(&self, _style: &Style) -> String {
        format!("{}\n", self.text())
    }

    fn plain(&self) -> String {
        format!("{}\n", self.text())
    }
}
