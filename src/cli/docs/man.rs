//! One man page in roff, from a clap command: the sections a reader expects, examples as written.

/// One man page: NAME, SYNOPSIS, DESCRIPTION, OPTIONS, COMMANDS, ENVIRONMENT, EXIT STATUS,
/// EXAMPLES and SEE ALSO. Examples and tables stay as written (no fill, no hyphenation), so
/// they can be copied. `parent` is the page of the command above, if any.
pub(super) fn man_page(command: &clap::Command, parent: Option<&str>) -> Vec<u8> {
    let name = command.get_name().to_string();
    let man = clap_mangen::Man::new(command.clone()).date("2026-11-26");
    let mut out = Vec::new();
    man.render_title(&mut out).expect("in memory");
    out.extend_from_slice(b".nh\n.ad l\n");
    man.render_name_section(&mut out).expect("in memory");

    let mut text = Sections::default();
    let about = command
        .get_long_about()
        .or(command.get_about())
        .map(|s| s.to_string())
        .unwrap_or_default();
    text.add(&about);
    if let Some(after) = command.get_after_long_help().or(command.get_after_help()) {
        text.add(&after.to_string());
    }

    let usage = command
        .clone()
        .render_usage()
        .to_string()
        .trim_start_matches("Usage:")
        .trim()
        .to_string();
    let mut page = String::new();
    page.push_str(".SH SYNOPSIS\n");
    for line in usage.lines() {
        page.push_str(&format!("\\fB{}\\fR\n.br\n", escape(line.trim())));
    }
    page.push_str(".SH DESCRIPTION\n");
    page.push_str(&text.description);
    if parent.is_some() {
        page.push_str(
            ".PP\nThe connection flags (\\fB\\-\\-endpoints\\fR, \\fB\\-\\-cacert\\fR, \
             \\fB\\-\\-user\\fR and the others) work with every command; \
             \\fBetcdkit\\-connection\\fR(7) explains them.\n",
        );
    }
    out.extend_from_slice(page.as_bytes());
    if command.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out).expect("in memory");
    }

    let subs: Vec<&clap::Command> = command
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        .collect();
    let mut page = String::new();
    if !subs.is_empty() {
        page.push_str(".SH COMMANDS\n");
        for sub in &subs {
            page.push_str(&format!(
                ".TP\n\\fB{}\\-{}\\fR(1)\n{}\n",
                escape(&name),
                escape(sub.get_name()),
                escape(&sub.get_about().map(|a| a.to_string()).unwrap_or_default())
            ));
        }
    }
    page.push_str(".SH ENVIRONMENT\n");
    for a in command.get_arguments().filter(|a| !a.is_hide_set()) {
        let Some(var) = a.get_env() else { continue };
        let also = a
            .get_help()
            .map(|h| h.to_string())
            .and_then(|h| {
                h.split("[also ")
                    .nth(1)
                    .map(|r| r.trim_end_matches(']').to_string())
            })
            .map(|v| format!(" (or {v})"))
            .unwrap_or_default();
        page.push_str(&format!(
            ".TP\n\\fB{}\\fR{}\nthe same as \\fB\\-\\-{}\\fR\n",
            escape(&var.to_string_lossy()),
            escape(&also),
            escape(a.get_long().unwrap_or_default())
        ));
    }
    if parent.is_none() {
        page.push_str(".TP\n\\fBNO_COLOR\\fR\nno colour when set (and not empty)\n");
    } else {
        page.push_str(
            ".PP\nThe connection variables (\\fBETCDKIT_ENDPOINTS\\fR, \\fBETCDCTL_ENDPOINTS\\fR \
             and the others): see \\fBetcdkit\\-connection\\fR(7).\n",
        );
    }
    page.push_str(".SH EXIT STATUS\n");
    if text.exit_status.is_empty() {
        page.push_str("See \\fBetcdkit\\fR(1).\n");
    } else {
        page.push_str(&text.exit_status);
    }
    if !text.examples.is_empty() {
        page.push_str(".SH EXAMPLES\n");
        page.push_str(&text.examples);
    }
    page.push_str(".SH SEE ALSO\n");
    let mut see: Vec<String> = Vec::new();
    if let Some(parent) = parent {
        see.push(reference(parent, "1"));
    }
    for sub in &subs {
        see.push(reference(&format!("{name}-{}", sub.get_name()), "1"));
    }
    // The guides that explain this command's flags or files.
    for topic in crate::cli::topics::TOPICS {
        let about_it = topic.name == "connection" || topic.see_also.contains(&name.as_str());
        if parent.is_none() || about_it {
            see.push(reference(&topic.page(), topic.man_section));
        }
    }
    page.push_str(&see.join(", "));
    page.push('\n');
    if let Some(v) = command.get_version() {
        page.push_str(&format!(".SH VERSION\nv{}\n", escape(v)));
    }
    out.extend_from_slice(page.as_bytes());
    out
}

/// A help topic's page (`etcdkit-connection(7)`, `etcdkit-alert-config(5)`): NAME,
/// DESCRIPTION, EXAMPLES and SEE ALSO, from the text `etcdkit help TOPIC` prints.
pub(super) fn topic_page(topic: &crate::cli::topics::Topic, version: &str) -> Vec<u8> {
    let name = topic.page();
    let about = clap::Command::new(name.clone()).about(topic.summary);
    let man = clap_mangen::Man::new(about)
        .section(topic.man_section)
        .date("2026-11-26");
    let mut out = Vec::new();
    man.render_title(&mut out).expect("in memory");
    out.extend_from_slice(b".nh\n.ad l\n");
    man.render_name_section(&mut out).expect("in memory");
    let mut text = Sections::default();
    text.add(&topic.text());
    let mut page = String::from(".SH DESCRIPTION\n");
    page.push_str(&text.description);
    if !text.examples.is_empty() {
        page.push_str(".SH EXAMPLES\n");
        page.push_str(&text.examples);
    }
    page.push_str(".SH SEE ALSO\n");
    let see: Vec<String> = topic.see_also.iter().map(|p| reference(p, "1")).collect();
    page.push_str(&see.join(", "));
    page.push_str(&format!("\n.SH VERSION\nv{}\n", escape(version)));
    out.extend_from_slice(page.as_bytes());
    out
}

/// `name(section)` as a man page reference.
fn reference(name: &str, section: &str) -> String {
    format!("\\fB{}\\fR({section})", escape(name))
}

/// A help text split into man sections: "Examples:" and "Exit codes ..." paragraphs go to their
/// own sections, the rest to DESCRIPTION.
#[derive(Default)]
struct Sections {
    description: String,
    exit_status: String,
    examples: String,
}

impl Sections {
    fn add(&mut self, text: &str) {
        for paragraph in text
            .split("\n\n")
            .map(str::trim_end)
            .filter(|p| !p.trim().is_empty())
        {
            let (first, rest) = paragraph.split_once('\n').unwrap_or((paragraph, ""));
            if first.trim() == "Examples:" {
                self.examples.push_str(&verbatim(rest));
            } else if first.starts_with("Exit codes") {
                self.exit_status.push_str(&roff_paragraph(paragraph));
            } else {
                self.description.push_str(&roff_paragraph(paragraph));
            }
        }
    }
}

/// A paragraph: filled text, unless some line is indented (a list, a table, a config
/// snippet): then the lines from the first indented one on are kept as written.
fn roff_paragraph(paragraph: &str) -> String {
    let lines: Vec<&str> = paragraph.lines().collect();
    match lines.iter().position(|l| l.starts_with(' ')) {
        None => format!(".PP\n{}\n", escape_lines(&lines)),
        Some(split) => {
            let mut out = String::new();
            if split > 0 {
                out.push_str(&format!(".PP\n{}\n", escape_lines(&lines[..split])));
            }
            out.push_str(&verbatim(&lines[split..].join("\n")));
            out
        }
    }
}

/// Lines kept exactly: no fill, no adjustment, indented.
fn verbatim(lines: &str) -> String {
    let indent = lines
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let body: Vec<String> = lines
        .lines()
        .map(|l| escape_line(l.get(indent..).unwrap_or("")))
        .collect();
    format!(".PP\n.RS 4\n.nf\n{}\n.fi\n.RE\n", body.join("\n"))
}

fn escape_lines(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|l| escape_line(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One line of text for roff: a leading `.` or `'` would be a request.
fn escape_line(line: &str) -> String {
    let e = escape(line);
    if e.starts_with('.') || e.starts_with('\'') {
        format!("\\&{e}")
    } else {
        e
    }
}

/// Backslashes and hyphens as roff wants them (a `-` would print as a hyphen, not a minus, and
/// would not copy as one); quotes as plain ASCII.
fn escape(text: &str) -> String {
    text.replace('\\', "\\e")
        .replace('-', "\\-")
        .replace('\'', "\\(aq")
        .replace('`', "\\(ga")
}
