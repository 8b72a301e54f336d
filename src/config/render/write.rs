//! Putting a rendered file in place: only when its content changed, checked before the swap,
//! atomic, and rolled back when the reload fails.
//!
//! ```text
//! render -> same as the file? -> done, nothing written, nothing run
//!        -> stage: a temporary in the destination's directory, fsynced
//!        -> check CMD on the temporary    fails: temporary deleted, old file kept
//!        -> rename over the destination, fsync the directory
//!        -> reload CMD                    fails: the previous file put back, reload run again
//! ```
//!
//! A symlink destination is written through: its target is replaced and the link kept (as
//! consul-template does), so a link into a directory managed elsewhere stays a link. A
//! directory, a device, a FIFO or a socket is refused; a missing directory is an error (it is
//! not created).

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use serde::Serialize;
use tokio::io::AsyncReadExt;

use crate::error::{Error, Result};
use crate::files;

/// What a file's destination names it in messages.
const WHAT: &str = "destination";

/// The most output of a check or reload kept for the report.
const MAX_OUTPUT: usize = 4096;

/// How one file is put in place.
#[derive(Debug, Clone, Default)]
pub struct Install {
    /// Where the file goes.
    pub dest: PathBuf,
    /// Its permissions (`0644`); `None`: those of the file it replaces, or the default.
    pub mode: Option<u32>,
    /// Its owner and group, when set.
    pub uid: Option<u32>,
    /// Its group, when set.
    pub gid: Option<u32>,
    /// A shell command run on the staged file before it is put in place: `{{.src}}` (or
    /// `{{ src }}`) in it is the staged file's path.
    pub check: Option<String>,
    /// A shell command run once the file is in place.
    pub reload: Option<String>,
    /// How long check and reload may run before they are killed (and count as failed).
    pub timeout: Duration,
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Installed {
    /// The content was the same: nothing written, nothing run.
    Unchanged,
    /// The new content is in place (and reloaded, when there is a reload command).
    Rendered {
        /// Whether a reload command ran and succeeded.
        reloaded: bool,
    },
    /// The check refused the staged file: the old file is in place, the temporary deleted.
    CheckFailed {
        /// What the check said.
        output: Ran,
    },
    /// The reload failed: the previous file was put back and the reload run again.
    ReloadFailed {
        /// What the failed reload said.
        output: Ran,
        /// What the reload run after the rollback said (`ok` true: it is running with the old
        /// file again).
        #[serde(skip_serializing_if = "Option::is_none")]
        again: Option<Ran>,
    },
    /// The template could not be rendered (a missing key, a value that is not JSON), or the
    /// file could not be written: the old file is in place.
    Failed {
        /// Why, in words.
        error: String,
    },
}

impl Installed {
    /// Whether this is a failure (the new content is not in use).
    pub fn failed(&self) -> bool {
        matches!(
            self,
            Installed::CheckFailed { .. }
                | Installed::ReloadFailed { .. }
                | Installed::Failed { .. }
        )
    }
}

/// How a command ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ran {
    /// The command as run.
    pub command: String,
    /// It exited 0.
    pub ok: bool,
    /// Its exit code, when it exited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<i32>,
    /// It was killed after the timeout.
    pub timed_out: bool,
    /// The end of its output (stdout and stderr together).
    pub output: String,
}

impl Ran {
    /// One line for people: `exit 1: output...`.
    pub fn summary(&self) -> String {
        let how = match (self.timed_out, self.code) {
            (true, _) => "timed out".to_string(),
            (false, Some(code)) => format!("exit {code}"),
            (false, None) => "killed by a signal".to_string(),
        };
        match self.output.trim() {
            "" => how,
            out => format!("{how}: {}", crate::text::one_line(out, 200)),
        }
    }
}

/// Puts `content` at `install.dest` as the module describes.
pub async fn install(install: &Install, content: &[u8]) -> Result<Installed> {
    let dest = &install.dest;
    if dest.as_os_str().is_empty() {
        return Err(Error::usage("the destination is empty"));
    }
    let previous = files::read(dest, WHAT)?;
    let target = files::target(dest, WHAT)?;
    let mode_now = std::fs::metadata(&target)
        .ok()
        .map(|m| std::os::unix::fs::PermissionsExt::mode(&m.permissions()) & 0o7777);
    let mode_same = install.mode.is_none() || install.mode == mode_now;
    if previous.as_deref() == Some(content) && mode_same {
        return Ok(Installed::Unchanged);
    }
    let staged = files::stage(
        dest,
        WHAT,
        content,
        install.mode.or(Some(0o644).filter(|_| mode_now.is_none())),
    )?;
    if install.uid.is_some() || install.gid.is_some() {
        staged.chown(install.uid, install.gid)?;
    }
    if let Some(check) = &install.check {
        let command = with_src(check, staged.path());
        let ran = run(&command, install.timeout).await?;
        if !ran.ok {
            drop(staged);
            return Ok(Installed::CheckFailed { output: ran });
        }
    }
    staged.commit()?;
    let Some(reload) = &install.reload else {
        return Ok(Installed::Rendered { reloaded: false });
    };
    let ran = run(reload, install.timeout).await?;
    if ran.ok {
        return Ok(Installed::Rendered { reloaded: true });
    }
    match previous {
        Some(bytes) => files::stage(dest, WHAT, &bytes, mode_now)?.commit()?,
        None => std::fs::remove_file(&target).map_err(|e| Error::Io {
            context: format!("cannot remove the new {WHAT} {}", dest.display()),
            source: e,
        })?,
    }
    let again = run(reload, install.timeout).await?;
    Ok(Installed::ReloadFailed {
        output: ran,
        again: Some(again),
    })
}

/// `command` with confd's `{{.src}}` (and `{{ src }}`) replaced by the staged file's path,
/// quoted for the shell.
fn with_src(command: &str, src: &Path) -> String {
    let quoted = format!("'{}'", src.display().to_string().replace('\'', "'\\''"));
    let mut out = command.to_string();
    for form in ["{{.src}}", "{{ .src }}", "{{ src }}", "{{src}}"] {
        out = out.replace(form, &quoted);
    }
    out
}

/// Runs `command` with `sh -c` in a process group of its own, killed (the whole group) after
/// `timeout`; its output, stdout and stderr together, is kept.
pub async fn run(command: &str, timeout: Duration) -> Result<Ran> {
    let mut child = tokio::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| Error::Spawn {
            program: "sh".into(),
            source: e,
        })?;
    // Killed with its whole group when it times out, or when this future is dropped (etcdkit
    // stopped by a signal): no check or reload outlives the render.
    let mut group = Group(child.id().map(|id| id as i32));
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let collect = async {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let read_out = async {
            if let Some(s) = stdout.as_mut() {
                let _ = s.read_to_end(&mut out).await;
            }
        };
        let read_err = async {
            if let Some(s) = stderr.as_mut() {
                let _ = s.read_to_end(&mut err).await;
            }
        };
        tokio::join!(read_out, read_err);
        let status = child.wait().await;
        out.extend_from_slice(&err);
        (status, out)
    };
    let ended = tokio::time::timeout(timeout, collect).await;
    let (status, output, timed_out) = match ended {
        Ok((status, output)) => (
            Some(status.map_err(|e| Error::Io {
                context: format!("cannot wait for {command}"),
                source: e,
            })?),
            output,
            false,
        ),
        Err(_) => (None, Vec::new(), true),
    };
    if !timed_out {
        group.0 = None;
    }
    drop(group);
    let text = String::from_utf8_lossy(&output);
    let start = text.len().saturating_sub(MAX_OUTPUT);
    let start = (start..text.len())
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(text.len());
    Ok(Ran {
        command: command.to_string(),
        ok: status.is_some_and(|s| s.success()),
        code: status.and_then(|s| s.code()),
        timed_out,
        output: text[start..].to_string(),
    })
}

/// A command's process group, killed on drop unless it ended by itself.
struct Group(Option<i32>);

impl Drop for Group {
    fn drop(&mut self) {
        if let Some(group) = self.0 {
            // SAFETY: kill takes no pointers; the group is the one the child leads.
            unsafe { libc::kill(-group, libc::SIGKILL) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn src_is_quoted_for_the_shell() {
        assert_eq!(
            with_src(
                "nginx -t -c {{.src}} && x {{ src }}",
                Path::new("/a b/it's")
            ),
            "nginx -t -c '/a b/it'\\''s' && x '/a b/it'\\''s'"
        );
    }

    #[tokio::test]
    async fn a_command_that_runs_too_long_is_killed() {
        let ran = run("echo hi; sleep 30", Duration::from_millis(300))
            .await
            .unwrap();
        assert!(ran.timed_out && !ran.ok, "{ran:?}");
        let ran = run("echo out; echo err >&2; exit 3", Duration::from_secs(10))
            .await
            .unwrap();
        assert_eq!(ran.code, Some(3));
        assert!(ran.output.contains("out") && ran.output.contains("err"));
    }
}
