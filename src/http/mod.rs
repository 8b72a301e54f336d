//! Outbound HTTP(S) to servers etcdkit does not run: the POSTs of alert channels (Slack,
//! PagerDuty, webhooks) and the GET of a `discover register --check-http` health check. One
//! request at a time, over hyper's HTTP/1.1 client connection ([`post_json`], [`get`]), to a
//! parsed URL ([`HttpEndpoint`]), trusting the public CAs and, when given, a private one
//! ([`Trust`]). Retries and what a status means are the caller's.
//!
//! etcd's own `/metrics` and `/health` are read by [`crate::conn::http`] instead, with the
//! connection's TLS files.

mod client;
mod endpoint;
mod trust;

pub(crate) use client::{get, post_json, Answer, Failed};
pub(crate) use endpoint::{split_host_port, HttpEndpoint};
pub(crate) use trust::{read_pem_certificates, Trust};
