//! `etcdkit alert`: evaluate etcd's alert rules and notify Slack, PagerDuty, email and webhooks.

mod render;
mod run;
mod silence;

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::alert::config::{self, AlertConfig};
use crate::alert::signals;
use crate::cli::Context;
use crate::error::{Error, ExitStatus, Result};
pub use run::RunArgs;
pub use silence::SilenceCommand;

/// `etcdkit help alert-config` and the etcdkit-alert-config(5) man page: the config file.
pub const CONFIG_REFERENCE: &str = r#"The alert config file: the rules `etcdkit alert` evaluates, where notifications go and how.

--config FILE (or ETCDKIT_ALERT_CONFIG) names it: TOML, or YAML when the name ends in .yaml or
.yml. It is optional: without one the built-in rules are evaluated and nothing is sent. Every
section is optional; a field etcdkit does not know is an error, not ignored. `etcdkit alert
rules --config FILE` checks a file (and reads its secrets) without asking etcd.

Every section (alert.toml):

  [settings]
  labels = { cluster = "prod" }        # on every alert
  hashkv_interval = "5m"               # compare hashkv across members this often; "0s": never

  [[rules]]                            # same name as a built-in rule: change it
  name = "NoLeader"
  for = "30s"
  [[rules]]                            # a new rule: metric (see `alert metrics`) or check
  name = "BigDatabase"
  metric = "db_size_bytes"
  op = ">"                             # > >= < <= == !=
  threshold = 4e9
  for = "5m"
  severity = "warning"                 # critical, warning (default) or info
  labels = { team = "storage" }
  annotations = { summary = "{{ $labels.member }} db is {{ $value }} bytes" }
  [[rules]]
  name = "HighFsyncDurations"
  severity = "warning"
  enabled = false                      # turn a built-in rule off
  [[rules]]
  name = "QuorumAtRisk"
  check = "quorum"                     # a `health` check: fires at status (warning) or worse
  status = "warning"

  [[channels]]
  name = "oncall"
  type = "slack"                       # slack, pagerduty, email, webhook
  url_env = "SLACK_WEBHOOK_URL"        # secrets: X_env (variable) or X_file (file), or X inline
  [[channels]]
  name = "pager"
  type = "pagerduty"
  routing_key_file = "/etc/etcdkit/pd-key"
  [[channels]]
  name = "mail"
  type = "email"
  smtp = "smtp.example.com:587"        # tls = "starttls" (default), "tls" (465) or "none"
  username = "alerts"
  password_env = "SMTP_PASSWORD"
  from = "etcdkit@example.com"
  to = ["oncall@example.com"]
  [[channels]]
  name = "hook"
  type = "webhook"                     # Alertmanager webhook payload, version 4
  url = "https://alerts.internal:9000/alerts"
  ca_file = "/etc/ssl/private-ca.pem"   # PEM roots trusted besides the public ones (https
                                       # slack, pagerduty, webhook and email servers)
  # More channel fields: every channel takes timeout ("10s", per attempt) and retries (3, on
  # connection errors, 429 and 5xx). slack: channel, username. pagerduty: url (default
  # https://events.pagerduty.com/v2/enqueue), source. webhook: headers = { X-Token = "..." },
  # bearer_token (or _env, _file), max_alerts (0: all).

  [route]                              # Alertmanager semantics
  channels = ["oncall", "hook"]        # default: every channel
  group_by = ["alertname"]
  group_wait = "30s"                   # before a new group's first notification
  group_interval = "5m"                # before notifying a changed group
  repeat_interval = "4h"               # before repeating a group that still fires
  send_resolved = true
  [[route.routes]]                     # first match wins unless continue = true
  matchers = ["severity=critical"]
  channels = ["pager", "oncall"]

  [[inhibit_rules]]                    # while a source alert fires, matching targets are not sent
  source_matchers = ["severity=critical"]   # (this is the default; `inhibit_rules = []`: none)
  target_matchers = ["severity=~warning|info"]
  equal = ["alertname", "member"]

The same in YAML, a shorter file (alert.yaml):

  settings:
    labels: { cluster: prod }
  rules:
    - name: BigDatabase
      metric: db_size_bytes
      op: ">"
      threshold: 4000000000
      for: 5m
  channels:
    - name: oncall
      type: slack
      url_env: SLACK_WEBHOOK_URL
  route:
    group_wait: 10s
    repeat_interval: 4h

Rules: a rule named like a built-in one (`etcdkit alert rules` lists them) changes it; any
other name adds one, on a metric (`etcdkit alert metrics` lists them) or on a `health` check.
Secrets (a channel's url, routing_key, password, bearer_token) come inline, from a variable
(X_env) or from a file (X_file); they are read when the config loads and never printed.

Examples:
  etcdkit alert rules --config alert.toml
  etcdkit alert test --config alert.toml --channel oncall
  ETCDKIT_ALERT_CONFIG=/etc/etcdkit/alert.yaml etcdkit alert run --interval 15s"#;

/// What `etcdkit alert --help` ends with.
const ALERT_HELP: &str = r#"The config file (--config) says which rules change or are added, and where notifications
go: `etcdkit help alert-config` shows every field, with an example to start from.

Examples:
  etcdkit alert rules --config alert.toml
  etcdkit alert run --once --config alert.toml --state /var/lib/etcdkit/alert.json   # from cron
  etcdkit alert run --config alert.toml --interval 15s                                 # a daemon
  etcdkit alert test --config alert.toml --channel oncall
  etcdkit alert silence add alertname=MembersDown member=etcd-3 --duration 2h --comment 'disk swap'

Exit codes: each subcommand lists its own; in short 0 done, 3 bad flags, config or state file,
4 etcd unreachable (no member answered) or a certificate refused, 5 credentials refused,
6 a notification undelivered or the state file unwritable."#;

/// Evaluate etcd's alert rules without Prometheus; notify Slack, PagerDuty, email, webhooks
///
/// Every rule of etcd's own Prometheus alerts (contrib/mixin) with its threshold and `for`
/// duration, plus what only a client that talks to every member can see: active alarms,
/// cluster-ID and member-list disagreement, leader disagreement and raft-term spread,
/// applied-index lag and hashkv mismatch. Alerts are grouped, deduplicated, repeated and
/// resolved the Alertmanager way, and can be silenced.
#[derive(Debug, Subcommand)]
#[command(after_long_help = ALERT_HELP)]
pub enum AlertCommand {
    /// List the rules in force: built in, changed and added by --config
    #[command(after_long_help = "\
Each rule with its expression, `for` duration, severity and where it came from (built in, or
changed or added by --config). Nothing is asked of etcd.

Examples:
  etcdkit alert rules
  etcdkit alert rules --config alert.toml -o json | jq -r '.rules[].name'

Exit codes: 0 listed; 3 a bad --config file (it says where and what).")]
    Rules(ConfigArgs),
    /// List the metrics and figures rules can compare with thresholds
    #[command(after_long_help = "\
Each name can stand on the left of a rule's expression (such as `wal_fsync_p99_ms > 1000`),
with what it measures and whether it is per member or for the cluster. Nothing is asked of etcd.

Examples:
  etcdkit alert metrics
  etcdkit alert metrics -o json

Exit codes: 0 listed.")]
    Metrics,
    /// Evaluate the rules and send notifications: as a daemon, or once (for cron)
    Run(RunArgs),
    /// Send a clearly marked test notification to a channel
    #[command(after_long_help = "\
The notification says it is a test and names the channel; nothing is evaluated and no state is
kept. Use it after changing a channel's URL, key or server.

Examples:
  etcdkit alert test --config alert.toml --channel oncall
  etcdkit alert test --config alert.toml --channel pager --channel hook

Exit codes: 0 delivered to every channel named; 3 bad flags or config, or a channel not in the
config; 6 a channel could not be reached or refused the notification.")]
    Test(TestArgs),
    /// Mute alerts that match label matchers for a while
    #[command(
        subcommand,
        after_long_help = "\
Silences live in the state file (--state) that `alert run` reads before each evaluation.

Examples:
  etcdkit alert silence add alertname=MembersDown member=etcd-3 --duration 2h --comment 'disk swap'
  etcdkit alert silence list --all
  etcdkit alert silence expire 3f2a9c1e

Exit codes: 0 done; 3 bad matchers, flags or state file; 6 the state file cannot be written."
    )]
    Silence(SilenceCommand),
}

/// `--config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Rules, channels and routes (TOML, or YAML for .yaml/.yml); see `etcdkit help alert-config`
    #[arg(
        long,
        env = "ETCDKIT_ALERT_CONFIG",
        hide_env_values = true,
        value_name = "FILE"
    )]
    pub config: Option<PathBuf>,
}

impl ConfigArgs {
    fn load(&self) -> Result<AlertConfig> {
        match &self.config {
            Some(p) => config::load(p),
            None => Ok(AlertConfig::default()),
        }
    }
}

/// `alert test`.
#[derive(Debug, Args)]
pub struct TestArgs {
    #[command(flatten)]
    config: ConfigArgs,
    /// The channel to test, by name (repeat for several)
    #[arg(long, required = true, value_name = "NAME")]
    channel: Vec<String>,
}

/// `--state`.
#[derive(Debug, Args)]
pub struct StateArgs {
    /// Where alerting keeps what it remembers between runs, and the silences
    /// [default: $XDG_STATE_HOME/etcdkit/alert-state.json]
    #[arg(
        long,
        env = "ETCDKIT_ALERT_STATE",
        hide_env_values = true,
        value_name = "FILE"
    )]
    pub state: Option<PathBuf>,
}

impl StateArgs {
    /// The state file: the flag, or the default place.
    pub fn path(&self) -> Result<PathBuf> {
        if let Some(p) = &self.state {
            return Ok(p.clone());
        }
        let base = std::env::var_os("XDG_STATE_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME")
                    .filter(|v| !v.is_empty())
                    .map(|h| PathBuf::from(h).join(".local/state"))
            })
            .ok_or_else(|| {
                Error::usage_with_hint(
                    "no place for the alert state file: HOME is not set",
                    "give --state FILE",
                )
            })?;
        Ok(base.join("etcdkit").join("alert-state.json"))
    }
}

/// Runs `etcdkit alert`.
pub async fn run(ctx: &Context, command: &AlertCommand) -> Result<ExitStatus> {
    match command {
        AlertCommand::Rules(args) => {
            let config = args.load()?;
            ctx.output().emit(&render::RuleList(config.rules))?;
            Ok(ExitStatus::Ok)
        }
        AlertCommand::Metrics => {
            ctx.output().emit(&render::SignalList(signals::SIGNALS))?;
            Ok(ExitStatus::Ok)
        }
        AlertCommand::Run(args) => run::run(ctx, args).await,
        AlertCommand::Test(args) => {
            let config = args.config.load()?;
            let mut results = Vec::new();
            for name in &args.channel {
                results.push(crate::alert::send_test(&config, name).await?);
            }
            let failed = results.iter().any(|d| !d.ok);
            ctx.output().emit(&render::Deliveries(results))?;
            Ok(if failed {
                ExitStatus::Failure
            } else {
                ExitStatus::Ok
            })
        }
        AlertCommand::Silence(command) => silence::run(ctx, command),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::alert::config;

    /// The config example that `etcdkit help alert-config` shows, as a file.
    fn help_example() -> String {
        let text = super::CONFIG_REFERENCE;
        let start = text.find("  [settings]").expect("an example");
        let end = text.find("The same in YAML").expect("its end");
        text[start..end]
            .lines()
            .map(|l| l.strip_prefix("  ").unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_help_example_is_a_valid_config() {
        let parsed = config::parse(Path::new("help.toml"), &help_example());
        let file = parsed.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(file.channels.len(), 4);
        assert!(file.route.is_some());
        crate::alert::rules::merge(&file.rules).unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn the_readme_example_is_a_valid_config() {
        let readme = include_str!("../../../../README.md");
        let section = &readme[readme.find("## `etcdkit alert`").expect("the section")..];
        let start = section.find("```toml\n").expect("a toml block") + "```toml\n".len();
        let end = start + section[start..].find("```").expect("its end");
        let file = config::parse(Path::new("README.toml"), &section[start..end])
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(file.channels.len(), 4);
        crate::alert::rules::merge(&file.rules).unwrap_or_else(|e| panic!("{e}"));
    }
}
