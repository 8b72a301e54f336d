//! An http(s) URL split into what is safe to show (scheme, host, port) and what may carry a
//! token (path and query), and the `host[:port]` splitting it shares with plain addresses.

/// A parsed `http://` or `https://` URL.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct HttpEndpoint {
    /// `https://` rather than `http://`.
    pub https: bool,
    /// The host without IPv6 brackets (for DNS, TLS names and display).
    pub host: String,
    /// The port, explicit or the scheme's default.
    pub port: u16,
    /// The `Host` header value: the authority as written (brackets kept, port only if given).
    pub authority: String,
    /// Path and query, starting with `/`.
    pub path_and_query: String,
}

impl HttpEndpoint {
    /// Parses `url`. The error says what is wrong without repeating the URL (it may be secret).
    pub fn parse(url: &str) -> Result<HttpEndpoint, &'static str> {
        if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err("it contains spaces or control characters");
        }
        let (https, rest) = if let Some(rest) = url.strip_prefix("https://") {
            (true, rest)
        } else if let Some(rest) = url.strip_prefix("http://") {
            (false, rest)
        } else {
            return Err("it does not start with http:// or https://");
        };
        let rest = rest.split('#').next().unwrap_or(rest);
        let split = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(split);
        if authority.contains('@') {
            return Err("user:password@ in the URL is not supported (use headers instead)");
        }
        let (host, port) = split_host_port(authority)?;
        let port = match port {
            Some(p) => p,
            None if https => 443,
            None => 80,
        };
        let path_and_query = match tail.chars().next() {
            None => "/".to_string(),
            Some('?') => format!("/{tail}"),
            Some(_) => tail.to_string(),
        };
        if hyper::http::uri::Authority::try_from(authority).is_err() {
            return Err("its host has characters a URL cannot carry");
        }
        if !path_and_query.is_ascii()
            || hyper::http::uri::PathAndQuery::try_from(path_and_query.as_str()).is_err()
        {
            return Err("its path or query has characters that must be percent-encoded");
        }
        Ok(HttpEndpoint {
            https,
            host,
            port,
            authority: authority.to_string(),
            path_and_query,
        })
    }

    /// `host` or `host:port` (the port only when it is not the scheme's default), for messages.
    pub fn host_port(&self) -> String {
        let default = if self.https { 443 } else { 80 };
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        if self.port == default {
            host
        } else {
            format!("{host}:{}", self.port)
        }
    }
}

/// Splits `host[:port]` or `[v6]:port`; the port must be a number.
pub(crate) fn split_host_port(authority: &str) -> Result<(String, Option<u16>), &'static str> {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (host, after) = rest
            .split_once(']')
            .ok_or("an IPv6 address lacks its ']'")?;
        match after.strip_prefix(':') {
            Some(port) => (host, Some(port)),
            None if after.is_empty() => (host, None),
            None => return Err("unexpected text after the IPv6 address"),
        }
    } else {
        match authority.rsplit_once(':') {
            // `::1` or `::1:80`: which colon ends the host cannot be told.
            Some((host, _)) if host.contains(':') => {
                return Err("an IPv6 address needs brackets, as in [::1]:8080")
            }
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err("it has no host");
    }
    let port = match port {
        Some(p) => Some(
            p.parse::<u16>()
                .ok()
                .filter(|p| *p != 0)
                .ok_or("its port is not a number from 1 to 65535")?,
        ),
        None => None,
    };
    Ok((host.to_string(), port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hosts_ports_and_paths() {
        let e = HttpEndpoint::parse("https://hooks.slack.com/services/T0/B0/xyz").unwrap();
        assert!(e.https);
        assert_eq!((e.host.as_str(), e.port), ("hooks.slack.com", 443));
        assert_eq!(e.path_and_query, "/services/T0/B0/xyz");
        assert_eq!(e.host_port(), "hooks.slack.com");

        let e = HttpEndpoint::parse("http://127.0.0.1:8080?token=abc#frag").unwrap();
        assert_eq!((e.host.as_str(), e.port), ("127.0.0.1", 8080));
        assert_eq!(e.path_and_query, "/?token=abc");
        assert_eq!(e.authority, "127.0.0.1:8080");
        assert_eq!(e.host_port(), "127.0.0.1:8080");

        let e = HttpEndpoint::parse("http://[::1]:9/x").unwrap();
        assert_eq!((e.host.as_str(), e.port), ("::1", 9));
        assert_eq!(e.host_port(), "[::1]:9");
        assert_eq!(HttpEndpoint::parse("http://h").unwrap().path_and_query, "/");
    }

    #[test]
    fn rejects_without_repeating_the_url() {
        for (url, why) in [
            ("ftp://x/y", "http://"),
            ("https:///path", "no host"),
            ("http://h:99999/", "port"),
            ("http://u:p@h/", "user:password"),
            ("http://h/a b", "spaces"),
            ("http://h/\u{e9}t\u{e9}", "percent-encoded"),
            ("http://::1:80/", "brackets"),
        ] {
            let err = HttpEndpoint::parse(url).err().unwrap();
            assert!(err.contains(why), "{url}: {err}");
        }
    }

    #[test]
    fn an_ipv6_address_without_brackets_is_refused_not_misread() {
        for bare in ["::1", "::1:25", "fe80::2:587"] {
            assert!(
                split_host_port(bare).unwrap_err().contains("brackets"),
                "{bare}"
            );
        }
        assert_eq!(
            split_host_port("[::1]:25"),
            Ok(("::1".to_string(), Some(25)))
        );
        assert_eq!(
            split_host_port("smtp.example.com:587"),
            Ok(("smtp.example.com".to_string(), Some(587)))
        );
    }
}
