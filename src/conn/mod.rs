//! The connection layer: the only place in etcdkit that dials etcd.
//!
//! [`ConnectOptions`] holds what every subcommand shares (endpoints, timeouts, TLS files,
//! credentials) and turns it into clients: one client over all endpoints that fails over
//! ([`ConnectOptions::connect`]), or one client per member for cluster-wide checks
//! ([`ConnectOptions::connect_endpoint`]).

mod classify;
pub mod http;
mod kv;
mod load;
mod socket;
mod tls;

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use etcd_client::{Client, Member};

use crate::error::{Error, Result};
pub(crate) use classify::classify;
pub use tls::TlsMaterial;

/// The endpoint etcdctl and etcdkit use when none is given.
pub const DEFAULT_ENDPOINT: &str = "127.0.0.1:2379";

/// How to reach etcd and who to be there.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// Client URLs or `host:port` pairs; a bare pair gets `https://` when TLS files are given.
    pub endpoints: Vec<String>,
    /// How long to wait for a connection.
    pub dial_timeout: Duration,
    /// How long to wait for one request.
    pub command_timeout: Duration,
    /// Certificates for TLS, if any.
    pub tls: Option<TlsFiles>,
    /// User name and password for etcd's auth, if any.
    pub credentials: Option<Credentials>,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        ConnectOptions {
            endpoints: vec![DEFAULT_ENDPOINT.to_string()],
            dial_timeout: Duration::from_secs(2),
            command_timeout: Duration::from_secs(5),
            tls: None,
            credentials: None,
        }
    }
}

/// Paths of the PEM files for TLS.
#[derive(Debug, Clone, Default)]
pub struct TlsFiles {
    /// CA bundle that signed the server certificates (`--cacert`).
    pub ca: Option<PathBuf>,
    /// Client certificate (`--cert`).
    pub cert: Option<PathBuf>,
    /// Client private key (`--key`).
    pub key: Option<PathBuf>,
}

/// An etcd user and password.
#[derive(Clone)]
pub struct Credentials {
    /// The etcd user name.
    pub user: String,
    /// The password, which never prints.
    pub password: Password,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("password", &self.password)
            .finish()
    }
}

/// A password: its `Debug` and `Display` forms are redacted so that it cannot leak into output.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// Wraps a password.
    pub fn new(password: impl Into<String>) -> Password {
        Password(password.into())
    }

    /// The password itself, for the one place that sends it to etcd.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"<redacted>\"")
    }
}

impl fmt::Display for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl ConnectOptions {
    /// The endpoints as full URLs, checked: `http://` or `https://`, a host and a port.
    pub fn endpoint_urls(&self) -> Result<Vec<String>> {
        if self.endpoints.is_empty() {
            return Err(Error::usage_with_hint(
                "no endpoints given",
                "pass --endpoints host:port[,host:port...]",
            ));
        }
        let tls = self.tls.is_some();
        self.endpoints
            .iter()
            .map(|e| normalize_endpoint(e, tls))
            .collect()
    }

    /// Loads the TLS files once, so that a bad path is reported before anything is dialled.
    pub fn load_tls(&self) -> Result<Option<TlsMaterial>> {
        self.tls.as_ref().map(TlsMaterial::load).transpose()
    }

    /// One client over all endpoints: requests go to whichever endpoint answers.
    pub async fn connect(&self) -> Result<Client> {
        let urls = self.endpoint_urls()?;
        let tls = self.load_tls()?;
        let mut last = None;
        // etcd-client balances over every endpoint it is given, and its balancer keeps trying a
        // dead one now and then. Dial the first one that answers, and leave out the ones that
        // did not: they cost one refused connection here, not a failed request later.
        for (i, url) in urls.iter().enumerate() {
            match self.dial(url, tls.as_ref(), &urls[i..]).await {
                Ok(client) => return Ok(client),
                Err(e @ (Error::Auth { .. } | Error::Tls { .. })) => return Err(e),
                Err(e) => last = Some(e),
            }
        }
        Err(last.expect("endpoint_urls is never empty"))
    }

    /// A client for exactly one endpoint, for checks that must ask each member itself.
    pub async fn connect_endpoint(&self, url: &str, tls: Option<&TlsMaterial>) -> Result<Client> {
        let options = self.client_options(tls);
        // A plain channel to one endpoint: no balancer to pass through on every request.
        let channel = self.channel(url, tls)?;
        let connect = Client::from_channel(etcd_client::Channel::Tonic(channel), Some(options));
        match tokio::time::timeout(self.dial_timeout + self.command_timeout, connect).await {
            Ok(result) => result.map_err(|e| classify(url, e, self.command_timeout)),
            Err(_) => Err(Error::Timeout {
                endpoint: url.to_string(),
                after: self.dial_timeout + self.command_timeout,
            }),
        }
    }

    /// The member list, from the first endpoint that answers, with the endpoint that gave it.
    pub async fn member_list(&self) -> Result<(String, Vec<Member>)> {
        let urls = self.endpoint_urls()?;
        let tls = self.load_tls()?;
        let mut last = None;
        for url in &urls {
            let attempt = async {
                let mut client = self.connect_endpoint(url, tls.as_ref()).await?;
                let list = self
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

    /// The endpoints as given, for messages about a multi-endpoint client.
    pub fn label(&self) -> String {
        self.endpoints.join(",")
    }

    /// Runs one request with the command timeout and turns its error into etcdkit's.
    pub async fn request<T>(
        &self,
        endpoint: &str,
        call: impl std::future::Future<Output = Result<T, etcd_client::Error>>,
    ) -> Result<T> {
        match tokio::time::timeout(self.command_timeout, call).await {
            Ok(result) => result.map_err(|e| classify(endpoint, e, self.command_timeout)),
            Err(_) => Err(Error::Timeout {
                endpoint: endpoint.to_string(),
                after: self.command_timeout,
            }),
        }
    }

    /// Runs a request over a multi-endpoint client, retrying while the error proves the request
    /// never left (connection refused): the balancer still tries a dead endpoint now and then,
    /// and another attempt goes to a live one. Gives up at the command timeout. Safe for any
    /// request, writes included.
    pub async fn retry<T, F, Fut>(&self, call: F) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T, etcd_client::Error>>,
    {
        self.retry_while(call, classify::never_sent).await
    }

    /// Like [`ConnectOptions::retry`], and also through passing server trouble (a leader
    /// election, a member going away). Only for requests that may be applied twice: reads,
    /// puts of a fixed value, lease keep-alives.
    pub async fn retry_idempotent<T, F, Fut>(&self, call: F) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T, etcd_client::Error>>,
    {
        self.retry_while(call, |e| classify::never_sent(e) || classify::transient(e))
            .await
    }

    async fn retry_while<T, F, Fut>(
        &self,
        mut call: F,
        again: impl Fn(&etcd_client::Error) -> bool,
    ) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T, etcd_client::Error>>,
    {
        let label = self.label();
        let label = label.as_str();
        let deadline = tokio::time::Instant::now() + self.command_timeout;
        let mut pause = Duration::from_millis(5);
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let error = match tokio::time::timeout(left, call()).await {
                Ok(Ok(value)) => return Ok(value),
                Ok(Err(e)) => e,
                Err(_) => {
                    return Err(Error::Timeout {
                        endpoint: label.to_string(),
                        after: self.command_timeout,
                    })
                }
            };
            let lone_and_refused = self.endpoints.len() == 1 && classify::never_sent(&error);
            if lone_and_refused || !again(&error) || tokio::time::Instant::now() + pause >= deadline
            {
                return Err(classify(label, error, self.command_timeout));
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_millis(200));
        }
    }

    async fn dial(&self, first: &str, tls: Option<&TlsMaterial>, all: &[String]) -> Result<Client> {
        if all.len() == 1 {
            // Nothing to fail over to: the first real request reports any trouble, at once
            // (`retry` does not retry a refused connection to a lone endpoint).
            return self.connect_endpoint(first, tls).await;
        }
        let options = self.client_options(tls);
        let connect = Client::connect([first], Some(options));
        let mut client =
            match tokio::time::timeout(self.dial_timeout + self.command_timeout, connect).await {
                Ok(result) => result.map_err(|e| classify(first, e, self.command_timeout))?,
                Err(_) => {
                    return Err(Error::Timeout {
                        endpoint: first.to_string(),
                        after: self.dial_timeout + self.command_timeout,
                    })
                }
            };
        // One cheap request proves the endpoint answers (TLS and auth errors show here too).
        self.request(first, client.status()).await?;
        for other in all.iter().filter(|u| u.as_str() != first) {
            // Later endpoints join the balancer so that requests fail over when `first` dies.
            client
                .add_endpoint(other)
                .await
                .map_err(|e| classify(other, e, self.command_timeout))?;
        }
        Ok(client)
    }

    /// A lazily connecting tonic channel to one endpoint, with the same timeouts and TLS.
    fn channel(&self, url: &str, tls: Option<&TlsMaterial>) -> Result<tonic::transport::Channel> {
        let bad =
            |e: tonic::transport::Error| Error::usage(format!("cannot use endpoint {url}: {e}"));
        let mut endpoint = tonic::transport::Endpoint::from_shared(url.to_string())
            .map_err(bad)?
            .connect_timeout(self.dial_timeout)
            .timeout(self.command_timeout)
            .http2_keep_alive_interval(Duration::from_secs(10))
            .keep_alive_timeout(self.command_timeout);
        if url.starts_with("https://") {
            let config = tls.map(TlsMaterial::client_config).unwrap_or_default();
            endpoint = endpoint.tls_config(config).map_err(bad)?;
            return Ok(endpoint.connect_lazy());
        }
        Ok(endpoint.connect_with_connector_lazy(tower::service_fn(socket::dial)))
    }

    fn client_options(&self, tls: Option<&TlsMaterial>) -> etcd_client::ConnectOptions {
        let mut options = etcd_client::ConnectOptions::new()
            .with_connect_timeout(self.dial_timeout)
            .with_timeout(self.command_timeout)
            .with_keep_alive(Duration::from_secs(10), self.command_timeout);
        if let Some(tls) = tls {
            options = options.with_tls(tls.client_config());
        }
        if let Some(c) = &self.credentials {
            options = options
                .with_user(c.user.clone(), c.password.expose().to_string())
                // Logins expire (300 s by default); anything that waits longer must renew.
                // (It costs a copy of every request, so only with auth.)
                .with_auto_token_refresh(true);
        }
        options
    }
}

/// `host:port` -> `http://host:port` (or `https://` with TLS); URLs are checked, not rewritten.
pub fn normalize_endpoint(endpoint: &str, tls: bool) -> Result<String> {
    let endpoint = endpoint.trim().trim_end_matches('/');
    let bad = |why: &str| {
        Error::usage_with_hint(
            format!("invalid endpoint {endpoint:?}: {why}"),
            "endpoints look like 127.0.0.1:2379, http://127.0.0.1:2379 or https://etcd-1:2379",
        )
    };
    let (scheme, rest) = match endpoint.split_once("://") {
        Some((s, rest)) => (s, rest),
        None => (if tls { "https" } else { "http" }, endpoint),
    };
    if scheme != "http" && scheme != "https" {
        return Err(bad("the scheme must be http or https"));
    }
    if scheme == "http" && tls {
        return Err(Error::usage_with_hint(
            format!("endpoint {endpoint} is plain http but TLS files were given"),
            "use https:// endpoints with --cacert/--cert/--key, or drop the TLS flags",
        ));
    }
    let (host, port) = rest
        .rsplit_once(':')
        .ok_or_else(|| bad("a port is missing"))?;
    if host.is_empty() || host.contains('/') {
        return Err(bad("the host is missing"));
    }
    if port.parse::<u16>().map_or(true, |p| p == 0) {
        return Err(bad("the port must be a number from 1 to 65535"));
    }
    Ok(format!("{scheme}://{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_endpoints_get_a_scheme() {
        assert_eq!(
            normalize_endpoint("127.0.0.1:2379", false).unwrap(),
            "http://127.0.0.1:2379"
        );
        assert_eq!(
            normalize_endpoint("127.0.0.1:2379", true).unwrap(),
            "https://127.0.0.1:2379"
        );
        assert_eq!(
            normalize_endpoint("https://[::1]:2379/", true).unwrap(),
            "https://[::1]:2379"
        );
    }

    #[test]
    fn bad_endpoints_are_usage_errors() {
        for bad in [
            "127.0.0.1",
            "ftp://x:1",
            "http://:1",
            "x:0",
            "x:99999",
            "x:port",
        ] {
            let err = normalize_endpoint(bad, false).unwrap_err();
            assert!(matches!(err, Error::Usage { .. }), "{bad}: {err}");
        }
        assert!(normalize_endpoint("http://127.0.0.1:2379", true).is_err());
    }

    #[test]
    fn passwords_never_print() {
        let c = Credentials {
            user: "root".into(),
            password: Password::new("hunter2"),
        };
        let shown = format!("{c:?} {}", c.password);
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}
