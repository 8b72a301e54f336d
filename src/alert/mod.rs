//! Alerting: etcd's own alert rules and client-side checks, evaluated without Prometheus, routed
//! like Alertmanager and delivered to Slack, PagerDuty, email and webhooks.

pub mod channels;
pub mod notification;
