//! Completion scripts and man pages, rendered from the real clap definition.
//!
//! `scripts/gen-docs` writes them into the repository; a test fails when the committed files
//! differ from what this renders, so they cannot go stale.

use std::path::PathBuf;

use clap_complete::Shell;

/// Every generated file: its path relative to the repository root and its bytes.
pub fn render() -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        let mut out = Vec::new();
        clap_complete::generate(shell, &mut super::command(), "etcdkit", &mut out);
        let name = match shell {
            Shell::Bash => "etcdkit.bash",
            Shell::Zsh => "_etcdkit",
            Shell::Fish => "etcdkit.fish",
            Shell::PowerShell => "_etcdkit.ps1",
            _ => "etcdkit.elv",
        };
        files.push((PathBuf::from("completions").join(name), out));
    }
    let mut root = super::command();
    root.build();
    files.push((PathBuf::from("man/etcdkit.1"), man_page(&root)));
    pages_below(&root, "etcdkit", &mut files);
    files
}

/// A page for every subcommand, and for theirs (`bench write`, `alert silence add`, ...).
fn pages_below(command: &clap::Command, prefix: &str, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    for sub in command
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let name = format!("{prefix}-{}", sub.get_name());
        let page = sub.clone().name(&name).display_name(&name);
        files.push((PathBuf::from(format!("man/{name}.1")), man_page(&page)));
        pages_below(sub, &name, files);
    }
}

fn man_page(command: &clap::Command) -> Vec<u8> {
    let mut out = Vec::new();
    clap_mangen::Man::new(command.clone())
        .date("2026-11-26")
        .render(&mut out)
        .expect("rendering into memory cannot fail");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn committed_completions_and_man_pages_are_current() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut stale = Vec::new();
        for (path, bytes) in super::render() {
            match std::fs::read(root.join(&path)) {
                Ok(committed) if committed == bytes => {}
                _ => stale.push(path.display().to_string()),
            }
        }
        assert!(
            stale.is_empty(),
            "stale or missing: {stale:?}; run scripts/gen-docs and commit the result"
        );
    }
}
