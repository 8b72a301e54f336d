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
    pub hashkv_interval: Option<String>,
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
        let hashkv_interval = match &self.settings.hashkv_interval {
            None => Duration::from_secs(300),
            Some(t) => crate::units::config_duration("settings: invalid hashkv_interval", t)
                .map_err(in_file)?,
        };
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

    #[test]
    fn a_route_to_an_unknown_channel_is_refused() {
        let f = parse(Path::new("a.toml"), "[route]\nchannels = [\"nope\"]\n").unwrap();
        let e = f.resolve(Some("a.toml".into())).unwrap_err();
        assert!(e.to_string().contains("nope"), "{e}");
    }
}
