//! etcdkit's integration tests: the real binary against real etcd processes.
//!
//! One test binary (one link, one fixture). nextest runs each test in its own process, two at a
//! time (`.config/nextest.toml`), so clusters do not starve each other on small machines.

#[path = "../support/mod.rs"]
mod support;

mod run;

mod alert;
mod alert_access;
mod alert_channels;
mod alert_cluster;
mod alert_daemon;
mod alert_https;
mod alert_json;
mod alert_notify;
mod alert_rules_real;
mod alert_secrets;
mod alert_state;
mod args;
mod barrier;
mod bench;
mod bench_checks;
mod bench_cluster;
mod bench_report;
mod bench_safety;
mod bench_stop;
mod config;
mod config_exec;
mod config_readme;
mod config_render;
mod config_snapshot;
mod conn;
mod discover;
mod discover_checks;
mod discover_cluster;
mod elect;
mod elect_cluster;
mod etcdctl_flags;
mod examples;
mod fit;
mod fixture;
mod flags;
mod flags_clients;
mod flags_readme;
mod flags_serve;
mod health;
mod health_cluster;
mod health_tls;
mod health_versions;
mod help;
mod json_vocabulary;
mod lock;
mod lock_cluster;
mod lock_partition;
mod lock_scene;
mod lock_signals;
mod lock_tree;
mod lock_waits;
mod openfeature;
mod patterns_doc;
mod readme;
mod registration;
mod stream_policy;
mod terminal;
mod watch;
mod watch_follow;
mod watch_metrics;
mod watch_metrics_auth;
mod watch_metrics_prometheus;
mod watch_survive;
mod wording;
mod work_queue;
