//! The connection layer: the only place in etcdkit that dials etcd.
//!
//! [`ConnectOptions`] holds what every subcommand shares (endpoints, timeouts, TLS files,
//! credentials) and turns it into clients: one client over all endpoints that fails over
//! ([`ConnectOptions::connect`]), or, once resolved ([`ConnectOptions::resolve`]), one client
//! per member for cluster-wide checks ([`Target::client`], [`Target::members`]).

mod classify;
mod failover;
pub mod http;
mod kv;
mod load;
mod socket;
mod target;
mod tls;

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use etcd_client::Client;

use crate::error::{Error, Result, Waiting};
use crate::secret::Secret;
pub(crate) use classify::classify;
use classify::Deadlines;
pub use target::{Members, Target};
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
    /// Accept any server certificate (`--insecure-skip-tls-verify`); bare `host:port`
    /// endpoints then use TLS.
    pub insecure_skip_tls_verify: bool,
    /// etcdctl's `--insecure-transport` (default true): false asks for TLS on bare
    /// `host:port` endpoints even without TLS files, and refuses `http://` endpoints.
    pub insecure_transport: bool,
    /// How often an idle connection is pinged (HTTP/2 keepalive, `--keepalive-time`).
    pub keepalive_time: Duration,
    /// How long a ping may go unanswered before the connection counts as dead
    /// (`--keepalive-timeout`); the command timeout when not set.
    pub keepalive_timeout: Option<Duration>,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        ConnectOptions {
            endpoints: vec![DEFAULT_ENDPOINT.to_string()],
            dial_timeout: Duration::from_secs(2),
            command_timeout: Duration::from_secs(5),
            tls: None,
            credentials: None,
            insecure_skip_tls_verify: false,
            insecure_transport: true,
            keepalive_time: Duration::from_secs(10),
            keepalive_timeout: None,
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
    pub password: Secret,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("password", &self.password)
            .finish()
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
        self.endpoints.iter().map(|e| self.url(e)).collect()
    }

    /// Whether TLS is asked for: TLS files, `--insecure-skip-tls-verify`, or
    /// `--insecure-transport=false` (as etcdctl, which then dials bare endpoints with TLS).
    pub fn wants_tls(&self) -> bool {
        self.tls.is_some() || self.insecure_skip_tls_verify || !self.insecure_transport
    }

    /// One endpoint as a URL. An explicit `http://` endpoint is refused when TLS files are
    /// given or `--insecure-transport=false`; `--insecure-skip-tls-verify` alone leaves it
    /// plain, as etcdctl does.
    fn url(&self, endpoint: &str) -> Result<String> {
        let refuse_http = self.tls.is_some() || !self.insecure_transport;
        if !refuse_http && endpoint.trim().starts_with("http://") {
            return normalize_endpoint(endpoint, false);
        }
        normalize_endpoint(endpoint, self.wants_tls())
    }

    /// Loads the TLS files once, so that a bad path is reported before anything is dialled.
    /// `None` when no TLS is asked for (`https://` endpoints then trust the system's CAs).
    pub fn load_tls(&self) -> Result<Option<TlsMaterial>> {
        let skip = self.insecure_skip_tls_verify;
        match &self.tls {
            Some(files) => TlsMaterial::load(files, skip).map(Some),
            None if self.wants_tls() => Ok(Some(TlsMaterial::system(skip))),
            None => Ok(None),
        }
    }

    /// The longest wait etcdkit honours, 10 years (`10y`): longer timeouts are cut to it, so
    /// that no deadline arithmetic can overflow. The CLI's duration parser refuses anything
    /// longer for every flag.
    pub const MAX_TIMEOUT: Duration = crate::units::MAX_DURATION;

    fn deadlines(&self) -> Deadlines {
        Deadlines {
            dial: self.dial_timeout.min(Self::MAX_TIMEOUT),
            request: self.command_timeout.min(Self::MAX_TIMEOUT),
        }
    }

    /// When a request started now, retried through passing trouble, must have its answer
    /// (`--command-timeout` from now).
    pub fn request_deadline(&self) -> tokio::time::Instant {
        tokio::time::Instant::now() + self.deadlines().request
    }

    /// Connecting and then one request: the longest a first answer may take.
    fn connect_and_answer(&self) -> Duration {
        let d = self.deadlines();
        d.dial.saturating_add(d.request)
    }

    /// A rejected client certificate often shows as a closed connection: look closer.
    async fn explain(&self, endpoint: &str, error: Error) -> Error {
        let closed = matches!(&error, Error::Unreachable { cause, .. } if cause == classify::CLOSED_BY_SERVER);
        let cut_short =
            matches!(&error, Error::Tls { cause, .. } if cause == classify::HANDSHAKE_FAILED);
        let error = self.without_ca(error);
        // `endpoint` may be a label as given (`host:port`, or several for a balanced client).
        let url = self.url(endpoint);
        let (true, Ok(url)) = (closed || cut_short, url) else {
            return error;
        };
        if let Some(plain) = self.plain_port(endpoint).await {
            return plain;
        }
        if !closed {
            return error;
        }
        let Ok(Some(tls)) = self.load_tls() else {
            return error;
        };
        if !url.starts_with("https://") {
            return error;
        }
        let wait = self.deadlines().dial.min(Duration::from_secs(2));
        tls.rejection(&url, wait).await.unwrap_or(error)
    }

    /// A server certificate no trusted CA signed, when no `--cacert` was given: the system's
    /// CAs were asked, not a file.
    fn without_ca(&self, error: Error) -> Error {
        let given_ca = self.tls.as_ref().is_some_and(|t| t.ca.is_some());
        match error {
            Error::Tls {
                endpoint, cause, ..
            } if !given_ca && cause == classify::NOT_SIGNED_BY_CA => Error::Tls {
                endpoint,
                cause: "the server's certificate is not signed by a CA this system trusts \
                            (no --cacert was given)"
                    .into(),
                hint: "pass the CA that signed etcd's server certificate with --cacert \
                           (ETCDKIT_CACERT)"
                    .into(),
            },
            other => other,
        }
    }

    /// A TLS connection to a port that speaks plain HTTP, said plainly: such a port only
    /// closes the connection, which otherwise reads as a handshake failure or a reset.
    async fn plain_port(&self, endpoint: &str) -> Option<Error> {
        let url = self.url(endpoint).ok()?;
        let wait = self.deadlines().dial.min(Duration::from_secs(2));
        if !tls::speaks_plain_http(&url, wait).await {
            return None;
        }
        let plain = url.replacen("https://", "http://", 1);
        Some(Error::Tls {
            endpoint: url,
            cause: "the port speaks plain HTTP, not TLS".into(),
            hint: format!(
                "use {plain} (without --cacert, --cert and --key), or the member's TLS port"
            ),
        })
    }

    /// One client over all endpoints: requests go to whichever endpoint answers.
    pub async fn connect(&self) -> Result<Client> {
        self.resolve()?.connect().await
    }

    /// A client for exactly one endpoint, for checks that must ask each member itself.
    pub async fn connect_endpoint(&self, url: &str, tls: Option<&TlsMaterial>) -> Result<Client> {
        self.connect_endpoint_with(url, tls, false).await
    }

    /// Like [`ConnectOptions::connect_endpoint`], with etcd's require-leader metadata
    /// (`hasleader=true`, clientv3's `WithRequireLeader`) on every request: a member cut off
    /// from its leader refuses requests and cancels watches instead of stalling them.
    pub async fn connect_endpoint_requiring_leader(
        &self,
        url: &str,
        tls: Option<&TlsMaterial>,
    ) -> Result<Client> {
        self.connect_endpoint_with(url, tls, true).await
    }

    async fn connect_endpoint_with(
        &self,
        url: &str,
        tls: Option<&TlsMaterial>,
        require_leader: bool,
    ) -> Result<Client> {
        let options = self.client_options(tls).with_require_leader(require_leader);
        // A plain channel to one endpoint: no balancer to pass through on every request.
        let channel = self.channel(url, tls)?;
        let connect = Client::from_channel(etcd_client::Channel::Tonic(channel), Some(options));
        let error = match tokio::time::timeout(self.connect_and_answer(), connect).await {
            Ok(Ok(client)) => return Ok(client),
            Ok(Err(e)) => classify(url, e, self.deadlines()),
            Err(_) => Error::Timeout {
                endpoint: url.to_string(),
                after: self.connect_and_answer(),
                waiting: Waiting::Answer,
            },
        };
        Err(self.explain(url, error).await)
    }

    /// An etcd-client error met at `endpoint` outside [`ConnectOptions::request`] (on an open
    /// stream, say) as etcdkit's error.
    pub fn classify_error(&self, endpoint: &str, error: etcd_client::Error) -> Error {
        classify(endpoint, error, self.deadlines())
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
        let error = match tokio::time::timeout(self.deadlines().request, call).await {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(e)) => classify(endpoint, e, self.deadlines()),
            Err(_) => Error::Timeout {
                endpoint: endpoint.to_string(),
                after: self.deadlines().request,
                waiting: Waiting::Answer,
            },
        };
        Err(self.explain(endpoint, error).await)
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
        self.retry_while(call, classify::never_sent, false).await
    }

    /// Like [`ConnectOptions::retry`], and also through passing server trouble (a leader
    /// election, a member going away). Only for requests that may be applied twice: reads,
    /// puts of a fixed value, lease keep-alives.
    pub async fn retry_idempotent<T, F, Fut>(&self, call: F) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T, etcd_client::Error>>,
    {
        self.retry_while(
            call,
            |e| classify::never_sent(e) || classify::transient(e),
            true,
        )
        .await
    }

    /// Calls until an answer, an error `again` does not pass, or the command timeout. With
    /// `stalled` (requests that may be applied twice, over several endpoints), an attempt
    /// unanswered for a quarter of the timeout is sent again: a member cut off neither answers
    /// nor fails, and the balancer sends the next attempt to a member with nothing pending.
    async fn retry_while<T, F, Fut>(
        &self,
        mut call: F,
        again: impl Fn(&etcd_client::Error) -> bool,
        stalled: bool,
    ) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T, etcd_client::Error>>,
    {
        let label = self.label();
        let label = label.as_str();
        let request = self.deadlines().request;
        let started = tokio::time::Instant::now();
        let mut pause = Duration::from_millis(5);
        // The last attempt failed to connect at all: a deadline that passes while retrying
        // is then about connecting, not about an answer.
        let mut last: Option<Error> = None;
        let patience = match stalled && self.endpoints.len() > 1 {
            true => (request / 4).max(Duration::from_secs(1)),
            false => request,
        };
        loop {
            let left = request.saturating_sub(started.elapsed());
            let error = match tokio::time::timeout(left.min(patience), call()).await {
                Ok(Ok(value)) => return Ok(value),
                Ok(Err(e)) => e,
                Err(_) if left > patience => continue,
                Err(_) => {
                    return Err(last.unwrap_or(Error::Timeout {
                        endpoint: label.to_string(),
                        after: request,
                        waiting: Waiting::Answer,
                    }))
                }
            };
            last = classify::connect_timed_out(&error).then(|| Error::Timeout {
                endpoint: label.to_string(),
                after: self.deadlines().dial,
                waiting: Waiting::Connect,
            });
            if self.endpoints.len() == 1 && classify::cut_short(&error) {
                // Retrying cannot help a TLS client at a plain port.
                if let Some(plain) = self.plain_port(label).await {
                    return Err(plain);
                }
            }
            let lone_and_refused = self.endpoints.len() == 1 && classify::never_sent(&error);
            if lone_and_refused
                || !again(&error)
                || pause >= request.saturating_sub(started.elapsed())
            {
                let error = classify(label, error, self.deadlines());
                return Err(self.explain(label, error).await);
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
        // etcd-client's own connector bounds only the TCP connect by the dial timeout: reach
        // the endpoint first over etcdkit's channel (TCP and TLS within the dial timeout, no
        // login), so that a member that never completes a handshake says so.
        let reach = async {
            let channel = self.channel(first, tls)?;
            let options = self.client_options_without_login(tls);
            let connect = Client::from_channel(etcd_client::Channel::Tonic(channel), Some(options));
            let mut probe = connect
                .await
                .map_err(|e| classify(first, e, self.deadlines()))?;
            self.request(first, probe.status()).await.map(drop)
        };
        if let Err(e) = reach.await {
            return Err(self.explain(first, e).await);
        }
        let options = self.client_options(tls);
        let connect = async {
            if first.starts_with("https://") {
                // etcd-client's balancer dials with tonic's TLS, which cannot skip verification:
                // TLS endpoints go through etcdkit's own handshake (see `failover`).
                let channels = failover::Builder::new(self.clone(), tls.cloned());
                Client::connect_with_balanced_channel([first], Some(options), channels).await
            } else {
                Client::connect([first], Some(options)).await
            }
        };
        let mut client = match tokio::time::timeout(self.connect_and_answer(), connect).await {
            Ok(Ok(client)) => client,
            Ok(Err(e)) => {
                let error = classify(first, e, self.deadlines());
                return Err(self.explain(first, error).await);
            }
            Err(_) => {
                return Err(Error::Timeout {
                    endpoint: first.to_string(),
                    after: self.connect_and_answer(),
                    waiting: Waiting::Answer,
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
                .map_err(|e| classify(other, e, self.deadlines()))?;
        }
        Ok(client)
    }

    /// A lazily connecting tonic channel to one endpoint, with the same timeouts and TLS.
    ///
    /// The dial timeout bounds the whole connection, TLS handshake included: tonic's own
    /// connector bounds only the TCP connect, so a server that accepts and never finishes the
    /// handshake would hold a request until the command timeout.
    ///
    /// TLS is etcdkit's own handshake ([`TlsMaterial::handshake`]) in the connector: tonic
    /// dials what it takes for a plain endpoint, and the requests keep the `https` origin.
    pub(crate) fn channel(
        &self,
        url: &str,
        tls: Option<&TlsMaterial>,
    ) -> Result<tonic::transport::Channel> {
        let bad = |e: tonic::transport::Error| {
            Error::usage(format!("cannot use endpoint {}: {e}", shown(url)))
        };
        let deadlines = self.deadlines();
        let https = url.starts_with("https://");
        let dialled = if https {
            url.replacen("https://", "http://", 1)
        } else {
            url.to_string()
        };
        let endpoint = tonic::transport::Endpoint::from_shared(dialled)
            .map_err(bad)?
            .connect_timeout(deadlines.dial)
            .timeout(deadlines.request)
            .http2_keep_alive_interval(self.keepalive_time)
            .keep_alive_timeout(self.keepalive_timeout.unwrap_or(deadlines.request));
        if !https {
            return Ok(endpoint.connect_with_connector_lazy(tower::service_fn(socket::dial)));
        }
        let origin = url
            .parse()
            .map_err(|e| Error::usage(format!("cannot use endpoint {}: {e}", shown(url))))?;
        let tls = tls
            .cloned()
            .unwrap_or_else(|| TlsMaterial::system(self.insecure_skip_tls_verify));
        let connector = tower::service_fn(move |uri: tonic::transport::Uri| {
            let tls = tls.clone();
            async move {
                let tcp = socket::tcp(&uri).await?;
                let authority = uri.authority().map(|a| a.to_string()).unwrap_or_default();
                let stream = tls.handshake(&authority, tcp, true).await?;
                Ok::<_, std::io::Error>(hyper_util::rt::TokioIo::new(stream))
            }
        });
        Ok(endpoint
            .origin(origin)
            .connect_with_connector_lazy(connector))
    }

    /// Options with TLS and timeouts but no user: for a status request, which needs no login.
    fn client_options_without_login(
        &self,
        tls: Option<&TlsMaterial>,
    ) -> etcd_client::ConnectOptions {
        let deadlines = self.deadlines();
        let options = etcd_client::ConnectOptions::new()
            .with_connect_timeout(deadlines.dial)
            .with_timeout(deadlines.request)
            .with_keep_alive(
                self.keepalive_time,
                self.keepalive_timeout.unwrap_or(deadlines.request),
            );
        // TLS is in the channel (etcdkit's own handshake), not in etcd-client's options.
        let _ = tls;
        options
    }

    fn client_options(&self, tls: Option<&TlsMaterial>) -> etcd_client::ConnectOptions {
        let mut options = self.client_options_without_login(tls);
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

/// An endpoint as the user wrote it, safe to print: control characters (and any other
/// character a terminal could act on) are escaped, the rest is shown as given.
pub fn shown(endpoint: &str) -> String {
    let mut out = String::with_capacity(endpoint.len());
    for c in endpoint.chars() {
        if c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}') {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// `host:port` -> `http://host:port` (or `https://` with TLS); URLs are checked, not rewritten.
///
/// What passes here dials: a scheme of http or https, an ASCII host name, an IPv4 address or
/// a bracketed IPv6 address, a port from 1 to 65535, and nothing after it (no path).
pub fn normalize_endpoint(endpoint: &str, tls: bool) -> Result<String> {
    let given = endpoint;
    let bad = |why: &str| {
        Error::usage_with_hint(
            format!("invalid endpoint \"{}\": {why}", shown(given)),
            "endpoints look like 127.0.0.1:2379, http://127.0.0.1:2379, https://etcd-1:2379 or [::1]:2379",
        )
    };
    let endpoint = endpoint.trim();
    if endpoint.is_empty() {
        return Err(bad("it is empty"));
    }
    let (scheme, rest) = match endpoint.split_once("://") {
        Some((s, rest)) => (s, rest),
        None => (if tls { "https" } else { "http" }, endpoint),
    };
    if scheme != "http" && scheme != "https" {
        return Err(bad("the scheme must be http or https"));
    }
    // One trailing slash is harmless (`http://h:2379/`); anything after it is a path.
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if let Some(at) = rest.find(['/', '?', '#']) {
        return Err(bad(&format!(
            "etcd endpoints have no path or query, drop \"{}\"",
            shown(&rest[at..])
        )));
    }
    if rest.contains('@') {
        return Err(bad("user names go in --user, not in the endpoint"));
    }
    let (host, port) = if let Some(inside) = rest.strip_prefix('[') {
        let (address, after) = inside
            .split_once(']')
            .ok_or_else(|| bad("the IPv6 address has no closing ']'"))?;
        if address.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(bad("the part in brackets is not an IPv6 address"));
        }
        let port = after
            .strip_prefix(':')
            .ok_or_else(|| bad("a port is missing (like [::1]:2379)"))?;
        (None, port)
    } else {
        let (host, port) = rest
            .rsplit_once(':')
            .ok_or_else(|| bad("a port is missing (like 127.0.0.1:2379)"))?;
        (Some(host), port)
    };
    if let Some(host) = host {
        if host.is_empty() {
            return Err(bad("the host is missing"));
        }
        if host.contains(':') {
            return Err(bad("an IPv6 address goes in brackets, like [::1]:2379"));
        }
        if !host.is_ascii() {
            return Err(bad(
                "the host name is not ASCII (write an internationalised name in its xn-- form)",
            ));
        }
        if let Some(c) = host
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')))
        {
            return Err(bad(&format!(
                "the host name contains \"{}\" (letters, digits, '-', '.' and '_' only)",
                shown(&c.to_string())
            )));
        }
    }
    if port.is_empty() {
        return Err(bad("a port is missing after ':'"));
    }
    if !port.bytes().all(|b| b.is_ascii_digit()) || port.parse::<u16>().map_or(true, |p| p == 0) {
        return Err(bad("the port must be a number from 1 to 65535"));
    }
    if scheme == "http" && tls {
        return Err(Error::usage_with_hint(
            format!("endpoint {endpoint} is plain http but TLS was asked for"),
            "use https:// endpoints, or drop --cacert/--cert/--key and --insecure-transport=false",
        ));
    }
    let url = format!("{scheme}://{rest}");
    // The same parser tonic dials with must accept it, so no endpoint fails later as an
    // "invalid URI".
    if url.parse::<tonic::transport::Uri>().is_err() {
        return Err(bad("it is not a valid URL"));
    }
    Ok(url)
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
        for (bad, says) in [
            ("127.0.0.1", "port is missing"),
            ("ftp://x:1", "scheme"),
            ("http://:1", "host is missing"),
            ("x:0", "port must be"),
            ("x:99999", "port must be"),
            ("x:port", "port must be"),
            ("x:+1", "port must be"),
            ("", "empty"),
            ("http://", "port is missing"),
            ("\u{eb}tcd.\u{4f8b}\u{3048}:2379", "not ASCII"),
            ("[::1", "closing"),
            ("[zz]:1", "not an IPv6"),
            ("::1:2379", "brackets"),
            ("a b:2379", "contains \" \""),
            ("http://h:2379/v3", "no path"),
            ("http://h:2379/v3/kv?x", "no path"),
            ("http://u:p@h:2379", "--user"),
        ] {
            let err = normalize_endpoint(bad, false).unwrap_err();
            assert!(matches!(err, Error::Usage { .. }), "{bad}: {err}");
            assert!(err.to_string().contains(says), "{bad}: {err}");
        }
        // Given text is echoed as given, control characters escaped.
        let err = normalize_endpoint("http://", false).unwrap_err();
        assert!(err.to_string().contains("\"http://\""), "{err}");
        let err = normalize_endpoint("x\u{1b}[31m:1", false).unwrap_err();
        assert!(!err.to_string().contains('\u{1b}'), "{err}");
        assert!(err.to_string().contains("\\u{1b}"), "{err}");
        assert!(normalize_endpoint("http://127.0.0.1:2379", true).is_err());
    }

    #[test]
    fn passwords_never_print() {
        let c = Credentials {
            user: "root".into(),
            password: Secret::new("hunter2"),
        };
        let shown = format!("{c:?} {}", c.password);
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}
