//! One resolved connection target: the endpoints checked, the TLS files read and the
//! `--metrics-urls` paired, once per run; and the one way to get a client for each member.

use std::collections::BTreeMap;

use etcd_client::{Client, Member};

use super::{normalize_endpoint, ConnectOptions, TlsMaterial};
use crate::error::{Error, Result};
use crate::text::count;

/// What [`ConnectOptions`] asks for, checked and loaded: every command that asks members one by
/// one (health, watch-metrics, alert, bench) resolves once and dials through this.
#[derive(Clone)]
pub struct Target {
    conn: ConnectOptions,
    urls: Vec<String>,
    tls: Option<TlsMaterial>,
    metrics_at: BTreeMap<String, String>,
}

/// The cluster's members, as the member list says, and where to ask each.
#[derive(Debug, Clone)]
pub struct Members {
    /// The member list, from the first endpoint that answered.
    pub list: Vec<Member>,
    /// One per member, by name: its client URL (the one the user gave, when they gave one of
    /// them), or `Err(id)` for a member that was added but has not started (it has none yet).
    pub at: Vec<std::result::Result<String, u64>>,
    /// Endpoints the user gave that are no client URL of a listed member.
    pub unlisted: Vec<String>,
}

impl Members {
    /// The client URLs of the members that have started.
    pub fn started(&self) -> impl Iterator<Item = &String> {
        self.at.iter().filter_map(|a| a.as_ref().ok())
    }
}

impl ConnectOptions {
    /// Checks the endpoints and reads the TLS files, once: a bad endpoint or an unreadable
    /// file is reported before anything is dialled.
    pub fn resolve(&self) -> Result<Target> {
        let tls = self.load_tls()?;
        let urls = self.endpoint_urls()?;
        Ok(Target {
            conn: self.clone(),
            urls,
            tls,
            metrics_at: BTreeMap::new(),
        })
    }
}

impl Target {
    /// Where each given endpoint serves `/metrics`, when not on its client URL: `metrics_urls`
    /// pairs with the endpoints as given, in order (`--metrics-urls`). None keeps the client
    /// URLs.
    pub fn with_metrics_urls(mut self, metrics_urls: &[String]) -> Result<Target> {
        if metrics_urls.is_empty() {
            return Ok(self);
        }
        if metrics_urls.len() != self.urls.len() {
            return Err(Error::usage(format!(
                "--metrics-urls has {} for {}: give one per endpoint, in order",
                count(metrics_urls.len() as i64, "URL"),
                count(self.urls.len() as i64, "endpoint")
            )));
        }
        let tls = self.tls.is_some();
        let paired = metrics_urls
            .iter()
            .map(|m| {
                normalize_endpoint(m, tls).map_err(|e| match e {
                    Error::Usage { message, hint } => Error::Usage {
                        message: format!(
                            "--metrics-urls: {}",
                            message.replacen("invalid endpoint", "invalid URL", 1)
                        ),
                        hint: hint.map(|h| h.replace("endpoints look like", "URLs look like")),
                    },
                    other => other,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        self.metrics_at = self.urls.iter().cloned().zip(paired).collect();
        Ok(self)
    }

    /// The same target with one endpoint only (one of the given ones, or a member's).
    pub fn only(&self, url: &str) -> Target {
        let mut one = self.clone();
        one.conn.endpoints = vec![url.to_string()];
        one.urls = vec![url.to_string()];
        one
    }

    /// The options it was resolved from (timeouts, credentials, requests with them).
    pub fn options(&self) -> &ConnectOptions {
        &self.conn
    }

    /// The endpoints given, as full URLs.
    pub fn urls(&self) -> &[String] {
        &self.urls
    }

    /// The TLS material, read once; `None` for plain connections.
    pub fn tls(&self) -> Option<&TlsMaterial> {
        self.tls.as_ref()
    }

    /// Where `endpoint` serves `/metrics`: the URL paired with it, or the endpoint itself.
    pub fn metrics_url(&self, endpoint: &str) -> String {
        self.metrics_at
            .get(endpoint)
            .cloned()
            .unwrap_or_else(|| endpoint.to_string())
    }

    /// One client over all the endpoints: requests go to whichever endpoint answers.
    pub async fn connect(&self) -> Result<Client> {
        let urls = &self.urls;
        let mut last = None;
        // etcd-client balances over every endpoint it is given, and its balancer keeps trying a
        // dead one now and then. Dial the first one that answers, and leave out the ones that
        // did not: they cost one refused connection here, not a failed request later.
        for (i, url) in urls.iter().enumerate() {
            match self.conn.dial(url, self.tls(), &urls[i..]).await {
                Ok(client) => return Ok(client),
                Err(e @ (Error::Auth { .. } | Error::Tls { .. })) => return Err(e),
                Err(e) => last = Some(e),
            }
        }
        Err(last.expect("endpoint_urls is never empty"))
    }

    /// A client of exactly one member, at `url`.
    pub async fn client(&self, url: &str) -> Result<Client> {
        self.conn.connect_endpoint(url, self.tls()).await
    }

    /// A client of exactly one member, at `url`, that a member cut off from its leader refuses
    /// (see [`ConnectOptions::connect_endpoint_requiring_leader`]): for watches, which would
    /// otherwise stall there.
    pub async fn client_requiring_leader(&self, url: &str) -> Result<Client> {
        self.conn
            .connect_endpoint_requiring_leader(url, self.tls())
            .await
    }

    /// A client of one member for a load generator (see [`ConnectOptions::connect_for_load`]).
    pub async fn load_client(&self, url: &str) -> Result<Client> {
        self.conn.connect_for_load(url, self.tls()).await
    }

    /// The member list, from the first endpoint that answers, with the endpoint that gave it.
    pub async fn member_list(&self) -> Result<(String, Vec<Member>)> {
        let conn = &self.conn;
        let mut last = None;
        for url in &self.urls {
            let attempt = async {
                let mut client = self.client(url).await?;
                let list = conn
                    .request(url, client.member_list())
                    .await?
                    .members()
                    .to_vec();
                Ok::<_, Error>(list)
            };
            match attempt.await {
                Ok(members) => return Ok((url.clone(), members)),
                Err(e @ (Error::Auth { .. } | Error::Tls { .. })) => return Err(e),
                Err(e) => last = Some(e),
            }
        }
        Err(last.expect("endpoint_urls is never empty"))
    }

    /// Every member of the cluster (`--cluster`) and where to ask it.
    pub async fn members(&self) -> Result<Members> {
        let (_, list) = self.member_list().await?;
        let mut by_name: Vec<&Member> = list.iter().collect();
        // By name, so that every run lists them in the same order.
        by_name.sort_by(|a, b| a.name().cmp(b.name()).then(a.id().cmp(&b.id())));
        let mut at: Vec<std::result::Result<String, u64>> = Vec::new();
        for m in by_name {
            // Prefer a URL the user gave for this member, so the scheme and host match theirs
            // (and its `--metrics-urls` pairing holds).
            let pick = m
                .client_urls()
                .iter()
                .find(|u| self.urls.contains(u))
                .or_else(|| m.client_urls().first());
            match pick {
                Some(u) if !at.iter().any(|a| a.as_ref() == Ok(u)) => at.push(Ok(u.clone())),
                Some(_) => {}
                None => at.push(Err(m.id())),
            }
        }
        let mut unlisted: Vec<String> = Vec::new();
        for url in &self.urls {
            let listed = list.iter().any(|m| m.client_urls().contains(url));
            if !listed && !unlisted.contains(url) {
                unlisted.push(url.clone());
            }
        }
        Ok(Members { list, at, unlisted })
    }
}
