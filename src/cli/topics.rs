//! Help topics: guides that belong to no single command (`etcdkit help connection`,
//! `etcdkit help alert-config`), shown by `etcdkit help TOPIC` and rendered as man pages.

use std::fmt::Write as _;

/// One help topic.
pub struct Topic {
    /// What follows `etcdkit help`.
    pub name: &'static str,
    /// One line, for `etcdkit help` and the man page's NAME.
    pub summary: &'static str,
    /// The man page's section: 5 for a file format, 7 for a guide.
    pub man_section: &'static str,
    /// Man pages of commands the topic is about, for its SEE ALSO.
    pub see_also: &'static [&'static str],
}

/// Every topic, in the order `etcdkit help` lists them.
pub const TOPICS: &[Topic] = &[
    Topic {
        name: "connection",
        summary: "Connection flags and variables: endpoints, timeouts, TLS, auth",
        man_section: "7",
        see_also: &["etcdkit"],
    },
    Topic {
        name: "alert-config",
        summary: "The alert config file (--config): rules, channels, routes, inhibit rules",
        man_section: "5",
        see_also: &[
            "etcdkit-alert",
            "etcdkit-alert-run",
            "etcdkit-alert-rules",
            "etcdkit-alert-test",
        ],
    },
    Topic {
        name: "flags-format",
        summary: "The flag format (flagd's): flags, variants, targeting and its operations",
        man_section: "5",
        see_also: &["etcdkit-flags", "etcdkit-flags-set", "etcdkit-flags-import"],
    },
];

/// The topic called `name`.
pub fn find(name: &str) -> Option<&'static Topic> {
    TOPICS.iter().find(|t| t.name == name)
}

impl Topic {
    /// The topic's text, as `etcdkit help NAME` prints it.
    pub fn text(&self) -> String {
        match self.name {
            "connection" => connection(),
            "flags-format" => super::commands::flags::FORMAT_REFERENCE.to_string(),
            _ => super::commands::alert::CONFIG_REFERENCE.to_string(),
        }
    }

    /// Its man page's name, such as `etcdkit-connection`.
    pub fn page(&self) -> String {
        format!("etcdkit-{}", self.name)
    }
}

/// The lines `etcdkit help` and `etcdkit --help` end with.
pub fn listing() -> String {
    let mut out = String::from("Help topics (etcdkit help TOPIC):\n");
    for t in TOPICS {
        let _ = writeln!(out, "  {:<14}{}", t.name, t.summary);
    }
    out.trim_end().to_string()
}

/// The connection guide: the flags as clap defines them (so every connection flag shows),
/// between the words about precedence, TLS and authentication.
fn connection() -> String {
    let mut out = String::from(CONNECTION_INTRO);
    out.push_str("\n\nFlags (before or after the command's name):\n");
    let root = super::command();
    for arg in root
        .get_arguments()
        .filter(|a| a.get_help_heading() == Some("Connection"))
    {
        out.push_str(&describe(arg));
    }
    out.push('\n');
    out.push_str(CONNECTION_GUIDE);
    out
}

/// One flag: its name and value, what it does, its default and its variables.
fn describe(arg: &clap::Arg) -> String {
    let help = arg
        .get_long_help()
        .or(arg.get_help())
        .map(|h| h.to_string())
        .unwrap_or_default();
    // The help's `[default: X]` and `[also ETCDCTL_X]` notes get lines of their own.
    let mut text = help.replace('\n', " ");
    let mut notes: Vec<(String, String)> = Vec::new();
    while let Some(start) = text.find(" [") {
        let Some(len) = text[start..].find(']') else {
            break;
        };
        let note = text[start + 2..start + len].to_string();
        text.replace_range(start..=start + len, "");
        if let Some(d) = note.strip_prefix("default: ") {
            notes.push(("default".into(), d.to_string()));
        } else if let Some(a) = note.strip_prefix("also ") {
            notes.push(("also".into(), a.to_string()));
        } else {
            text.push_str(&format!(" [{note}]"));
        }
    }
    let value = arg
        .get_value_names()
        .map(|v| {
            format!(
                " <{}>",
                v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")
            )
        })
        .unwrap_or_default();
    let long = arg.get_long().unwrap_or_default();
    let mut out = format!("  --{long}{value}\n      {}\n", text.trim());
    let variables: Vec<String> = arg
        .get_env()
        .map(|v| v.to_string_lossy().into_owned())
        .into_iter()
        .chain(
            notes
                .iter()
                .filter(|(k, _)| k == "also")
                .map(|(_, v)| v.clone()),
        )
        .collect();
    if !variables.is_empty() {
        let _ = writeln!(out, "      variables: {}", variables.join(", then "));
    }
    for (_, d) in notes.iter().filter(|(k, _)| k == "default") {
        let _ = writeln!(out, "      default: {d}");
    }
    out
}

const CONNECTION_INTRO: &str = "\
Every command connects to etcd the same way, with the flags below. They go before or after
the command's name (`etcdkit --endpoints H:2379 health` and `etcdkit health --endpoints
H:2379` are the same), and each has an ETCDKIT_* variable and the ETCDCTL_* variable
etcdctl reads, so an etcdctl user's environment works as it is.

Precedence: a flag beats its ETCDKIT_* variable, which beats its ETCDCTL_* variable. So
ETCDKIT_* can override an etcdctl environment for etcdkit alone. A variable set to an empty
string counts as unset, except ETCDKIT_ENDPOINTS and ETCDCTL_ENDPOINTS: an empty endpoint
list is an error, not the default. Durations read like 500ms, 2s, 1m30s (a bare number is
seconds), at most 10y. Error messages name the variable a bad value came from.";

const CONNECTION_GUIDE: &str = "\
Endpoints: host:port, http://host:port or https://host:port, IPv6 as [::1]:2379. Requests go
to whichever endpoint answers; `health --cluster` and `watch-metrics --cluster` find the
other members from the member list.

TLS: https:// endpoints use TLS. --cacert names the CA bundle that signed the servers'
certificates; --cert and --key give a client certificate, for servers that ask for one
(etcd's --client-cert-auth). Any of the three turns TLS on, and then a bare host:port gets
https://; an http:// endpoint with TLS files is an error rather than a silent plain
connection.

Authentication: --user NAME:PASSWORD, or --user NAME with --password, ETCDKIT_PASSWORD or
ETCDCTL_PASSWORD; without a password, etcdkit asks for it on the terminal (no echo), and
with no terminal it stops with an error rather than wait. Passwords are never printed: not
in errors, not in --help.

Examples:
  etcdkit health --endpoints 10.0.0.1:2379,10.0.0.2:2379,10.0.0.3:2379 --cluster
  etcdkit health --endpoints https://etcd-1:2379 --cacert ca.pem --cert client.pem --key client-key.pem
  etcdkit lock /locks/deploy --user deployer -- ./deploy.sh          # asks for the password
  ETCDCTL_ENDPOINTS=10.0.0.1:2379 ETCDCTL_CACERT=ca.pem etcdkit watch-metrics   # etcdctl's environment
  ETCDKIT_DIAL_TIMEOUT=500ms etcdkit health -o plain                           # in a monitoring check";
