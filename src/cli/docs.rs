//! Completion scripts and man pages, rendered from the real clap definition.
//!
//! `scripts/gen-docs` writes them into the repository; a test fails when the committed files
//! differ from what this renders, so they cannot go stale.

use std::path::PathBuf;

use clap_complete::Shell;

mod man;
use man::{man_page, topic_page};

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
        let name = match shell {
            Shell::Bash => "etcdkit.bash",
            Shell::Zsh => "_etcdkit",
            Shell::Fish => "etcdkit.fish",
            Shell::PowerShell => "_etcdkit.ps1",
            _ => "etcdkit.elv",
        };
        files.push((PathBuf::from("completions").join(name), completions(shell)));
    }
    let mut root = super::command_for_parsing();
    root.build();
    files.push((PathBuf::from("man/etcdkit.1"), man_page(&root, None)));
    pages_below(&root, "etcdkit", &mut files);
    let version = root.get_version().unwrap_or_default().to_string();
    for topic in super::topics::TOPICS {
        files.push((
            PathBuf::from(format!("man/{}.{}", topic.page(), topic.man_section)),
            topic_page(topic, &version),
        ));
    }
    files
}

/// A page for every subcommand, and for theirs (`bench write`, `alert silence add`, ...).
fn pages_below(command: &clap::Command, prefix: &str, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    for sub in command
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let name = format!("{prefix}-{}", sub.get_name());
        let mut page = sub.clone().name(&name).display_name(&name);
        page.build();
        files.push((
            PathBuf::from(format!("man/{name}.1")),
            man_page(&page, Some(prefix)),
        ));
        pages_below(sub, &name, files);
    }
}

/// The completion script for `shell`.
pub fn completions(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command_for_completions(), "etcdkit", &mut out);
    if shell == Shell::Bash {
        out = subcommands_first(out);
    }
    out
}

/// Bash gets every flag and subcommand in one list, flags first (and, sorted, always
/// first): the script clap writes becomes `_etcdkit_all`, and `_etcdkit` keeps flags out of
/// the offers until a `-` is typed, unless nothing else is on offer. zsh and fish already
/// offer options only after a `-`.
fn subcommands_first(script: Vec<u8>) -> Vec<u8> {
    let script = String::from_utf8(script).expect("clap writes UTF-8");
    let renamed = script.replacen("_etcdkit() {", "_etcdkit_all() {", 1);
    assert_ne!(renamed, script, "clap's bash script defines _etcdkit");
    let filter = r#"
# Subcommands and values first: flags only once a `-` is typed (or when nothing else fits).
_etcdkit() {
    _etcdkit_all "$@"
    local status=$? word kept=()
    if [[ "${COMP_WORDS[COMP_CWORD]}" != -* ]]; then
        for word in "${COMPREPLY[@]}"; do
            [[ "$word" == -* ]] || kept+=("$word")
        done
        if [[ ${#kept[@]} -gt 0 ]]; then
            COMPREPLY=("${kept[@]}")
        fi
    fi
    return $status
}
"#;
    let at = renamed
        .find(
            "
if [[ \"${BASH_VERSINFO[0]}\" -eq 4",
        )
        .expect("clap's bash script registers the function at its end");
    let mut out = renamed[..at].to_string();
    out.push_str(filter);
    out.push_str(&renamed[at..]);
    out.into_bytes()
}

/// The command as completions see it: what a user can type, without hidden commands.
pub fn command_for_completions() -> clap::Command {
    let full = super::command();
    let mut shown = clap::Command::new("etcdkit")
        .disable_help_subcommand(true)
        .version(full.get_version().unwrap_or_default().to_string())
        .about(full.get_about().cloned().unwrap_or_default());
    for a in full.get_arguments() {
        if a.get_id() == "output" {
            // Shells complete no aliases: etcdctl's -w/--write-out gets an entry of its own,
            // so that `-w <TAB>` offers the formats too.
            shown = shown.arg(a.clone().short_alias(None).alias(None)).arg(
                a.clone()
                    .id("write_out")
                    .short('w')
                    .long("write-out")
                    .short_alias(None)
                    .alias(None)
                    .help("The same as --output (etcdctl's name)"),
            );
        } else {
            shown = shown.arg(a.clone());
        }
    }
    for sub in full.get_subcommands().filter(|s| !s.is_hide_set()) {
        if sub.get_name() == "help" {
            shown = shown.subcommand(help_with_names(sub, &full));
        } else {
            shown = shown.subcommand(sub.clone());
        }
    }
    shown
}

/// `etcdkit help <TAB>` offers the topics and the commands (the command itself takes any
/// word, so that an unknown one gets etcdkit's own error).
fn help_with_names(help: &clap::Command, root: &clap::Command) -> clap::Command {
    let names: Vec<String> = super::topics::TOPICS
        .iter()
        .map(|t| t.name.to_string())
        .chain(
            root.get_subcommands()
                .filter(|s| !s.is_hide_set() && s.get_name() != "help")
                .map(|s| s.get_name().to_string()),
        )
        .collect();
    help.clone().mut_arg("topic", |a| {
        a.value_parser(clap::builder::PossibleValuesParser::new(names))
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    fn rendered() -> BTreeMap<String, String> {
        super::render()
            .into_iter()
            .map(|(p, b)| (p.display().to_string(), String::from_utf8(b).unwrap()))
            .collect()
    }

    /// The text of section `name` of a man page.
    fn section<'a>(page: &'a str, name: &str) -> Option<&'a str> {
        let start = page.find(&format!(".SH {name}\n"))?;
        let rest = &page[start + name.len() + 5..];
        Some(&rest[..rest.find(".SH ").unwrap_or(rest.len())])
    }

    #[test]
    fn man_pages_can_be_copied_from_and_point_only_to_pages_that_exist() {
        let files = rendered();
        for (path, page) in files.iter().filter(|(p, _)| p.starts_with("man/")) {
            assert!(page.contains("\n.nh\n"), "{path}: hyphenation left on");
            // Commands have every section; topics (sections 5 and 7) are guides.
            let sections: &[&str] = if path.ends_with(".1") {
                &[
                    "SYNOPSIS",
                    "DESCRIPTION",
                    "ENVIRONMENT",
                    "EXIT STATUS",
                    "EXAMPLES",
                    "SEE ALSO",
                ]
            } else {
                &["NAME", "DESCRIPTION", "EXAMPLES", "SEE ALSO"]
            };
            for name in sections {
                assert!(section(page, name).is_some(), "{path}: no {name}");
            }
            if let Some(synopsis) = section(page, "SYNOPSIS") {
                assert!(synopsis.lines().all(|l| l.len() < 90), "{path}: {synopsis}");
            }
            // Examples are not filled: one command a line, as written.
            let examples = section(page, "EXAMPLES").unwrap();
            assert!(examples.contains(".nf\netcdkit "), "{path}: {examples}");
            for see in ["SEE ALSO", "COMMANDS"] {
                let Some(text) = section(page, see) else {
                    continue;
                };
                for reference in text.split("\\fB").skip(1) {
                    let (name, rest) = reference.split_once("\\fR(").unwrap();
                    let number = &rest[..1];
                    let name = name.replace("\\-", "-");
                    assert!(
                        files.contains_key(&format!("man/{name}.{number}")),
                        "{path} points to {name}({number}), which does not exist"
                    );
                }
            }
        }
        let root = &files["man/etcdkit.1"];
        let env = section(root, "ENVIRONMENT").unwrap();
        for var in [
            "ETCDKIT_ENDPOINTS",
            "ETCDCTL_ENDPOINTS",
            "ETCDKIT_PASSWORD",
            "ETCDKIT_OUTPUT",
        ] {
            assert!(env.contains(var), "{env}");
        }
        assert!(section(&files["man/etcdkit-alert-run.1"], "ENVIRONMENT")
            .unwrap()
            .contains("ETCDKIT_ALERT_CONFIG"));
        assert!(section(root, "EXIT STATUS").unwrap().contains(".nf\n"));
    }

    #[test]
    fn topics_have_man_pages_that_commands_point_to() {
        let files = rendered();
        let connection = &files["man/etcdkit-connection.7"];
        let described = section(connection, "DESCRIPTION").unwrap();
        for words in ["ETCDCTL_DIAL_TIMEOUT", "\\-\\-cacert", "Precedence"] {
            assert!(described.contains(words), "{described}");
        }
        let config = &files["man/etcdkit-alert-config.5"];
        let described = section(config, "DESCRIPTION").unwrap();
        // The example stays as written: no fill, so it can be pasted.
        assert!(
            described.contains(".nf\n[settings]\nlabels = { cluster = \"prod\" }"),
            "{described}"
        );
        let see_also = |page: &str| section(&files[page], "SEE ALSO").unwrap().to_string();
        for page in [
            "man/etcdkit.1",
            "man/etcdkit-alert.1",
            "man/etcdkit-alert-run.1",
        ] {
            assert!(
                see_also(page).contains("etcdkit\\-alert\\-config\\fR(5)"),
                "{page}"
            );
        }
        for page in [
            "man/etcdkit.1",
            "man/etcdkit-lock.1",
            "man/etcdkit-bench-write.1",
        ] {
            assert!(
                see_also(page).contains("etcdkit\\-connection\\fR(7)"),
                "{page}"
            );
        }
        assert!(!see_also("man/etcdkit-lock.1").contains("alert\\-config"));
    }

    #[test]
    fn completions_offer_no_hidden_command_and_complete_formats_after_w() {
        let files = rendered();
        for (path, script) in files.iter().filter(|(p, _)| p.starts_with("completions/")) {
            assert!(!script.contains("generate-docs"), "{path}");
        }
        let bash = &files["completions/etcdkit.bash"];
        assert!(
            bash.contains("_etcdkit_all \"$@\""),
            "flags after subcommands"
        );
        let w = bash.find("-w)").expect("a -w case");
        assert!(bash[w..]
            .lines()
            .nth(1)
            .unwrap()
            .contains("table json plain"));
    }

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
