//! `etcdkit generate-docs` (hidden): rewrites `completions/` and `man/` from the clap definition.

use std::path::PathBuf;

use clap::Args;

use crate::error::{Error, ExitStatus, Result};

/// Write completion scripts and man pages into a directory (scripts/gen-docs runs this).
#[derive(Debug, Args)]
pub struct GenerateDocsArgs {
    /// The directory that holds completions/ and man/
    #[arg(long, default_value = ".")]
    pub out_dir: PathBuf,
}

/// Runs `etcdkit generate-docs`.
pub fn run(args: &GenerateDocsArgs) -> Result<ExitStatus> {
    for (path, bytes) in crate::cli::docs::render() {
        let path = args.out_dir.join(path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                context: format!("cannot create {}", dir.display()),
                source,
            })?;
        }
        crate::files::replace(&path, "generated file", &bytes)?;
    }
    Ok(ExitStatus::Ok)
}
