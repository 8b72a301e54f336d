//! The alerting config file, TOML or YAML: settings, rules, channels and the route tree.
//!
//! ```toml
//! [settings]
//! labels = { cluster = "prod" }
//!
//! [[rules]]
//! name = "NoLeader"
//! for = "30s"
//!
//! [[channels]]
//! name = "oncall"
//! type = "slack"
//! url_env = "SLACK_WEBHOOK_URL"
//!
//! [route]
//! channels = ["oncall"]
//! group_wait = "10s"
//! ```

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use super::channels::{Channel, ChannelConfig};
use super::inhibit::{default_rules, InhibitConfig, InhibitRule};
use super::notification::LabelSet;
use super::route::{Route, RouteConfig};
use super::rules::{merge, Rule, RuleConfig};
use crate::error::{Error, Result};
use crate::units::HumanDuration;

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Settings.
    #[serde(default)]
    pub settings: SettingsConfig,
    /// Rules that add to or change the built-in ones.
    #[serde(default)]
    pub rules: Vec<RuleConfig>,
    /// Where notifications go.
    #[serde(default)]
    pub channels: Vec<ChannelConfig>,
    /// How alerts reach channels.
    pub route: Option<RouteConfig>,
    /// Which firing alerts hold back which others (default: critical holds back warning and
    /// info of the same name on the same member; `[]` for none).
    pub inhibit_rules: Option<Vec<InhibitConfig>>,
}

/// `[settings]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsConfig {
    /// Labels put on every alert (such as `cluster = "prod"`).
    pub labels: Option<LabelSet>,
    /// How often to compare `hashkv` across members (default 5m; "0s" turns it off). Hashing
    /// reads the whole keyspace on every member.
    pub hashkv_interval: Option<HumanDuration>,
}

/// Everything alerting needs, checked and with secrets read.
#[derive(Debug, Clone)]
pub struct AlertConfig {
    /// Where it came from (`None`: built-in defaults only).
    pub path: Option<PathBuf>,
    /// The rules in force.
    pub rules: Vec<Rule>,
    /// The channels.
    pub channels: Vec<Channel>,
    /// The route tree.
    pub route: Route,
    /// Inhibit rules.
    pub inhibit_rules: Vec<InhibitRule>,
    /// Labels on every alert.
    pub labels: LabelSet,
    /// How often to compare `hashkv`; zero is never.
    pub hashkv_interval: Duration,
}

impl Default for AlertConfig {
    fn default() -> Self {
        AlertConfig {
            path: None,
            rules: super::rules::builtin_rules(),
            channels: Vec::new(),
            route: Route::default_for(&[]),
            inhibit_rules: default_rules(),
            labels: LabelSet::new(),
            hashkv_interval: Duration::from_secs(300),
        }
    }
}

/// Parses the text of a config file; YAML when the name ends in `.yaml` or `.yml`, else TOML.
/// Syntax errors carry the line and column.
pub fn parse(path: &Path, text: &str) -> Result<ConfigFile> {
    let yaml = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    );
    let shown = path.display();
    let parsed = if yaml {
        serde_norway::from_str::<Option<ConfigFile>>(text)
            .map(Option::unwrap_or_default)
            .map_err(|e| e.to_string())
    } else {
        toml::from_str::<ConfigFile>(text).map_err(|e| e.to_string())
    };
    parsed.map_err(|e| {
        Error::usage_with_hint(
            format!("{shown}: {}", e.trim_end()),
            "`etcdkit help alert-config` shows the config file's format",
        )
    })
}

impl ConfigFile {
    /// Checks everything and reads the channels' secrets.
    pub fn resolve(self, path: Option<PathBuf>) -> Result<AlertConfig> {
        let in_file = |e: Error| match (&path, e) {
            (Some(p), Error::Usage { message, hint }) => Error::Usage {
                message: format!("{}: {message}", p.display()),
                hint,
            },
            (_, e) => e,
        };
        let rules = merge(&self.rules).map_err(in_file)?;
        let mut channels: Vec<Channel> = Vec::new();
        for c in &self.channels {
            let ch = Channel::from_config(c).map_err(in_file)?;
            if channels.iter().any(|o| o.name() == ch.name()) {
                return Err(in_file(Error::usage(format!(
                    "two channels are named {:?}",
                    ch.name()
                ))));
            }
            channels.push(ch);
        }
        let names: Vec<String> = channels.iter().map(|c| c.name().to_string()).collect();
        let route = match &self.route {
            Some(r) => Route::from_config(r, &names).map_err(in_file)?,
            None => Route::default_for(&names),
        };
        let hashkv_interval = self
            .settings
            .hashkv_interval
            .map_or(Duration::from_secs(300), Duration::from);
        let inhibit_rules = match &self.inhibit_rules {
            None => default_rules(),
            Some(list) => list
                .iter()
                .map(InhibitRule::from_config)
                .collect::<Result<Vec<_>>>()
                .map_err(in_file)?,
        };
        Ok(AlertConfig {
            path,
            inhibit_rules,
            rules,
            channels,
            route,
            labels: self.settings.labels.unwrap_or_default(),
            hashkv_interval,
        })
    }
}

/// Reads, parses and checks a config file.
pub fn load(path: &Path) -> Result<AlertConfig> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::File {
        what: "alert config",
        path: path.to_path_buf(),
        source,
    })?;
    parse(path, &text)?.resolve(Some(path.to_path_buf()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_errors_have_line_and_column() {
        let e = parse(Path::new("a.toml"), "[[rules]]\nname = \"X\"\nfor = \n").unwrap_err();
        assert!(e.to_string().contains("line 3"), "{e}");
        let e = parse(
            Path::new("a.toml"),
            "[[rules]]\nname = \"X\"\nthreshhold = 1\n",
        )
        .unwrap_err();
        assert!(e.to_string().contains("threshhold"), "{e}");
    }

    #[test]
    fn yaml_errors_have_line_and_column() {
        let e = parse(Path::new("a.yaml"), "rules:\n  - name: X\n    for: [\n").unwrap_err();
        assert!(e.to_string().contains("line"), "{e}");
        let ok = parse(
            Path::new("a.yml"),
            "rules:\n  - name: NoLeader\n    for: 5s\n",
        )
        .unwrap();
        let cfg = ok.resolve(None).unwrap();
        let r = cfg.rules.iter().find(|r| r.name == "NoLeader").unwrap();
        assert_eq!(r.for_, Duration::from_secs(5));
        assert!(parse(Path::new("empty.yaml"), "").is_ok());
    }

    /// A bad duration is refused by the file's parser: the message names the field (YAML's
    /// path, TOML's line as written), the value and what a duration looks like.
    #[test]
    fn bad_durations_name_their_field_and_value() {
        let refused = |name: &str, text: &str| -> String {
            let e = parse(Path::new(name), text).unwrap_err().to_string();
            e.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let soon = "\"soon\": not a duration: use a number with a unit, like 500ms, 2s or 1m";
        let e = refused("a.toml", "[[rules]]\nname = \"NoLeader\"\nfor = \"soon\"\n");
        assert!(e.contains("line 3"), "{e}");
        assert!(
            e.contains(&format!("for = \"soon\" | ^^^^^^ {soon}")),
            "{e}"
        );
        let e = refused("a.yaml", "rules:\n  - name: NoLeader\n    for: soon\n");
        assert!(
            e.contains(&format!("rules[0].for: {soon} at line 3")),
            "{e}"
        );
        let e = refused("a.toml", "[route]\ngroup_wait = \"8000y\"\n");
        assert!(
            e.contains("group_wait = \"8000y\" | ^^^^^^^ \"8000y\": too long: the most is 10y"),
            "{e}"
        );
        let e = refused("a.yml", "route:\n  routes:\n    - repeat_interval: -5m\n");
        assert!(
            e.contains("route.routes[0].repeat_interval: \"-5m\": a duration cannot be negative"),
            "{e}"
        );
        let e = refused("a.yaml", "settings:\n  hashkv_interval: [5m]\n");
        assert!(
            e.contains("settings.hashkv_interval: invalid type: sequence, expected a duration such as \"500ms\", \"30s\", \"5m\" or \"1h30m\""),
            "{e}"
        );
        let channel = "[[channels]]\nname = \"p\"\ntype = \"webhook\"\nurl = \"http://h/\"\n";
        let e = refused("a.toml", &format!("{channel}timeout = \"soon\"\n"));
        assert!(e.contains(&format!("timeout: {soon}")), "{e}");
        let e = refused(
            "a.yaml",
            "channels:\n  - name: p\n    type: webhook\n    url: http://h/\n    timeout: soon\n",
        );
        assert!(e.contains(&format!("channels: timeout: {soon}")), "{e}");
    }

    /// Durations are text, as they always were: TOML's number is refused, YAML's plain scalar
    /// is text, so a bare number is seconds there.
    #[test]
    fn durations_are_text() {
        let e = parse(Path::new("a.toml"), "[settings]\nhashkv_interval = 5\n").unwrap_err();
        assert!(
            e.to_string()
                .contains("invalid type: integer `5`, expected a duration such as"),
            "{e}"
        );
        let cfg = parse(Path::new("a.yaml"), "settings:\n  hashkv_interval: 5\n")
            .unwrap()
            .resolve(None)
            .unwrap();
        assert_eq!(cfg.hashkv_interval, Duration::from_secs(5));
        let cfg = parse(
            Path::new("a.toml"),
            "[settings]\nhashkv_interval = \"0s\"\n[route]\ngroup_wait = \"1m30s\"\n",
        )
        .unwrap()
        .resolve(None)
        .unwrap();
        assert_eq!(cfg.hashkv_interval, Duration::ZERO);
        assert_eq!(cfg.route.group_wait, Duration::from_secs(90));
        assert_eq!(cfg.route.repeat_interval, Duration::from_secs(4 * 3600));
    }

    #[test]
    fn a_route_to_an_unknown_channel_is_refused() {
        let f = parse(Path::new("a.toml"), "[route]\nchannels = [\"nope\"]\n").unwrap();
        let e = f.resolve(Some("a.toml".into())).unwrap_err();
        assert!(e.to_string().contains("nope"), "{e}");
    }
}
