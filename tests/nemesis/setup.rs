//! What every workload needs to start its etcdkit processes in the client namespace.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::runners::append;
use crate::support::command_in;

/// Everything a workload needs to start its etcdkit processes.
#[derive(Clone)]
pub struct Setup {
    pub netns: String,
    pub endpoints: String,
    pub socket: PathBuf,
    pub python: PathBuf,
    pub logs: PathBuf,
}

impl Setup {
    /// `etcdkit --endpoints <members> ARGS...` in the client namespace, stdin and stdout null,
    /// stderr appended to `log`.
    pub fn etcdkit(&self, args: &[&str], log: &Path) -> Command {
        let mut cmd = command_in(&self.netns, env!("CARGO_BIN_EXE_etcdkit"));
        cmd.args(["--endpoints", &self.endpoints])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(append(log));
        cmd
    }
}
