//! A channel's POST over HTTP(S): its JSON body sent with [`crate::http::post_json`], tried
//! again as the channel's policy allows, and the answer judged the way the chat and paging APIs
//! ask (2xx delivered; 429 and 5xx later, after the server's `Retry-After`; anything else not).

use hyper::body::Bytes;
use hyper::header::{HeaderName, HeaderValue};

use super::retry::{parse_retry_after, with_retries, Failure, Policy};
use crate::http::{Answer, HttpEndpoint, Trust};

/// POSTs `body` (JSON) to `endpoint` with `headers`, retrying as `policy` allows; an https
/// server must present a certificate `trust` vouches for. Returns the last failure, if any,
/// and the number of attempts.
pub(crate) async fn post_json(
    endpoint: &HttpEndpoint,
    trust: &Trust,
    headers: &[(HeaderName, HeaderValue)],
    body: &[u8],
    policy: Policy,
) -> (Result<(), Failure>, u32) {
    let body = Bytes::copy_from_slice(body);
    with_retries(policy, &endpoint.host_port(), || {
        post_once(endpoint, trust, headers, body.clone())
    })
    .await
}

async fn post_once(
    endpoint: &HttpEndpoint,
    trust: &Trust,
    headers: &[(HeaderName, HeaderValue)],
    body: Bytes,
) -> Result<(), Failure> {
    let private_ca = "for a private CA, set the channel's ca_file";
    let answer = crate::http::post_json(endpoint, trust, headers, body, private_ca).await?;
    judge(endpoint, answer)
}

/// The status line's verdict: 2xx is delivered; 429 and 5xx may work later (after the
/// server's `Retry-After`, if it sent one); anything else will not.
fn judge(endpoint: &HttpEndpoint, answer: Answer) -> Result<(), Failure> {
    let summary = format!("HTTP {} from {}", answer.status, endpoint.host_port());
    let detail = Some(answer.excerpt).filter(|e| !e.is_empty());
    match answer.status {
        200..=299 => Ok(()),
        429 | 500..=599 => Err(Failure {
            retry: Some(answer.retry_after.as_deref().and_then(parse_retry_after)),
            ..Failure::transient(summary, detail)
        }),
        300..=399 => Err(Failure::fatal(
            format!("{summary} (a redirect; redirects are not followed, check the URL)"),
            None,
        )),
        _ => Err(Failure::fatal(summary, detail)),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn answer(status: u16, retry_after: Option<u64>, body: &str) -> Answer {
        Answer {
            status,
            retry_after: retry_after.map(|secs| secs.to_string()),
            excerpt: body.to_string(),
        }
    }

    #[test]
    fn judges_statuses_the_way_the_apis_ask() {
        let ep = HttpEndpoint::parse("https://events.pagerduty.com/v2/enqueue").unwrap();
        assert!(judge(&ep, answer(202, None, "")).is_ok());

        let f = judge(&ep, answer(429, Some(3), "slow down")).unwrap_err();
        assert_eq!(f.retry, Some(Some(Duration::from_secs(3))));
        assert_eq!(
            f.describe(1),
            "HTTP 429 from events.pagerduty.com: slow down"
        );

        let f = judge(&ep, answer(503, None, "")).unwrap_err();
        assert_eq!((f.retry, f.detail), (Some(None), None));

        let f = judge(&ep, answer(400, None, "{\"status\":\"invalid event\"}")).unwrap_err();
        assert_eq!(f.retry, None);
        assert!(f.describe(1).contains("invalid event"));

        let f = judge(&ep, answer(302, None, "")).unwrap_err();
        assert_eq!(f.retry, None);
        assert!(f.summary.contains("redirects are not followed"));
    }
}
