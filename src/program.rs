//! Programs etcdkit runs for the user (`lock -- CMD`, `elect -- CMD`, `watch -- CMD`, a
//! `discover register --check-exec` command): found before anything waits or registers.

use crate::error::{Error, Result};

/// Checks before any waiting that the program can be found, so that a typo fails at once
/// instead of after an hour in line for the lock.
pub fn check_program(argv: &[String]) -> Result<()> {
    let Some(program) = argv.first() else {
        return Ok(());
    };
    let executable = |p: &std::path::Path| {
        use std::os::unix::fs::PermissionsExt;
        p.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    };
    let found = if program.contains('/') {
        executable(std::path::Path::new(program))
    } else {
        std::env::var_os("PATH")
            .map(|path| std::env::split_paths(&path).any(|dir| executable(&dir.join(program))))
            .unwrap_or(false)
    };
    if found {
        Ok(())
    } else {
        Err(Error::Spawn {
            program: program.clone(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "not found or not executable",
            ),
        })
    }
}
