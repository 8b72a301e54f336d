//! The OpenFeature Remote Evaluation Protocol over HTTP/1.1 with keep-alive, answered from a
//! [`Live`] flag set (no etcd round trip per evaluation):
//!
//! ```text
//! POST /ofrep/v1/evaluate/flags/{key}   {"context": {...}}  one flag
//! POST /ofrep/v1/evaluate/flags         {"context": {...}}  every flag (ETag; If-None-Match: 304)
//! GET  /healthz                         200 while the set is followed, 503 once it is not
//! ```

use std::convert::Infallible;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::{header, Method, Request, Response, StatusCode};
use serde_json::{json, Map, Value};
use tokio::net::TcpListener;

use super::live::{Current, Live};
use super::resolution::{ErrorCode, Reason, Resolution};

/// The largest request body read: a context is small.
const MAX_BODY: usize = 1024 * 1024;

/// The path of single and bulk evaluation.
const FLAGS_PATH: &str = "/ofrep/v1/evaluate/flags";

/// Serves OFREP on `listener` until the task is dropped; each connection on its own task.
pub async fn serve(listener: TcpListener, live: Arc<Live>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let live = live.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let live = live.clone();
                async move { Ok::<_, Infallible>(answer(request, &live).await) }
            });
            let io = hyper_util::rt::TokioIo::new(stream);
            let _ = hyper::server::conn::http1::Builder::new()
                .keep_alive(true)
                .serve_connection(io, service)
                .await;
        });
    }
}

async fn answer(request: Request<Incoming>, live: &Live) -> Response<Full<Bytes>> {
    let path = request.uri().path().to_string();
    let method = request.method().clone();
    if path == "/healthz" {
        return match (method, live.is_following()) {
            (Method::GET | Method::HEAD, true) => {
                let revision = live.current().revision();
                reply(
                    StatusCode::OK,
                    &json!({"status": "ok", "revision": revision}),
                )
            }
            (Method::GET | Method::HEAD, false) => reply(
                StatusCode::SERVICE_UNAVAILABLE,
                &json!({"status": "not following etcd"}),
            ),
            _ => not_allowed("GET"),
        };
    }
    let Some(rest) = path.strip_prefix(FLAGS_PATH) else {
        return reply(
            StatusCode::NOT_FOUND,
            &json!({"errorDetails": format!("no such path: {path}")}),
        );
    };
    let key = match rest.strip_prefix('/') {
        None if rest.is_empty() => None,
        Some(encoded) if !encoded.is_empty() => match percent_decode(encoded) {
            Some(key) => Some(key),
            None => {
                return reply(
                    StatusCode::BAD_REQUEST,
                    &json!({"errorCode": "PARSE_ERROR", "errorDetails": "the flag key in the path is not valid percent-encoded UTF-8"}),
                )
            }
        },
        _ => {
            return reply(
                StatusCode::NOT_FOUND,
                &json!({"errorDetails": format!("no such path: {path}")}),
            )
        }
    };
    if method != Method::POST {
        return not_allowed("POST");
    }
    let if_none_match = request
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let context = match read_context(request).await {
        Ok(context) => context,
        Err(details) => {
            let mut body = json!({"errorCode": "INVALID_CONTEXT", "errorDetails": details});
            if let Some(key) = &key {
                body["key"] = Value::String(key.clone());
            }
            return reply(StatusCode::BAD_REQUEST, &body);
        }
    };
    let current = live.current();
    match key {
        Some(key) => single(&current, &key, &context),
        None => bulk(&current, &context, if_none_match.as_deref()),
    }
}

/// One flag's evaluation: 200 with the result, 404 for an unknown flag, 400 for the rest of
/// the errors (OFREP's 400 carries PARSE_ERROR, TARGETING_KEY_MISSING, INVALID_CONTEXT and
/// GENERAL; its 500 is for a server that cannot answer at all, which this one always can).
fn single(current: &Current, key: &str, context: &Map<String, Value>) -> Response<Full<Bytes>> {
    let resolution = resolve(current, key, context);
    let status = match resolution.error_code {
        None => StatusCode::OK,
        Some(ErrorCode::FlagNotFound) => StatusCode::NOT_FOUND,
        Some(_) => StatusCode::BAD_REQUEST,
    };
    reply(status, &ofrep_result(key, &resolution))
}

/// Every flag's evaluation, with an ETag of the answer.
fn bulk(
    current: &Current,
    context: &Map<String, Value>,
    if_none_match: Option<&str>,
) -> Response<Full<Bytes>> {
    let mut flags = Vec::new();
    for key in current.keys() {
        flags.push(ofrep_result(key, &resolve(current, key, context)));
    }
    let mut body = json!({"flags": flags});
    if let Some(metadata) = current.metadata() {
        body["metadata"] = metadata.clone();
    }
    let text = body.to_string();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    let etag = format!("\"{:016x}\"", hasher.finish());
    let matches = if_none_match.is_some_and(|given| {
        given
            .split(',')
            .any(|t| t.trim() == etag || t.trim() == "*")
    });
    let builder = Response::builder().header(header::ETAG, &etag);
    let response = match matches {
        true => builder
            .status(StatusCode::NOT_MODIFIED)
            .body(Full::new(Bytes::new())),
        false => builder
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Full::new(Bytes::from(text))),
    };
    response.expect("a response of a valid status and headers")
}

/// The flag's evaluation as OFREP serves it. A disabled flag is its default variant with
/// reason DISABLED (OFREP has no caller's default to leave the value to; flagd's draft ADR on
/// disabled flags answers the same). A result without a value (no default variant, or a
/// disabled flag without one) is a success without `value`: OFREP's "use the code default"
/// (protocol ADR 0006), which the SDK resolves to the caller's default with the reason given.
/// A whole number of a flag whose other numbers are not whole is served as a float.
fn resolve(current: &Current, key: &str, context: &Map<String, Value>) -> Resolution {
    let mut resolution = current.resolve(key, context);
    if resolution.reason == Reason::Disabled {
        if let Some((variant, value)) = current.evaluator.default_variant(key) {
            resolution.variant = Some(variant.to_string());
            resolution.value = Some(value.clone());
        }
    }
    if let (Some(value), Some(variants)) = (&mut resolution.value, current.evaluator.variants(key))
    {
        float_if_the_flag_is(value, variants);
    }
    resolution
}

/// `value` as a float when it is a whole number and another variant is a float
/// (`{"full": 1, "half": 0.5}`): the flag is a float flag, and a client asking for a float
/// checks the JSON type (the Python SDK's OFREP provider answers TYPE_MISMATCH for `1`, where
/// flagd's in-process providers give `1.0`).
fn float_if_the_flag_is(value: &mut Value, variants: &Map<String, Value>) {
    let Value::Number(n) = value else { return };
    if n.is_f64()
        || !variants
            .values()
            .any(|v| v.as_number().is_some_and(|n| n.is_f64()))
    {
        return;
    }
    if let Some(float) = n.as_f64().and_then(serde_json::Number::from_f64) {
        *n = float;
    }
}

/// OFREP's JSON of one result: `{key, value, reason, variant, metadata}` (no `value` for the
/// caller's default), or `{key, errorCode, errorDetails}`.
pub fn ofrep_result(key: &str, resolution: &Resolution) -> Value {
    let mut out = Map::new();
    out.insert("key".into(), Value::String(key.to_string()));
    match resolution.error_code {
        Some(code) => {
            out.insert("errorCode".into(), json!(code));
            out.insert(
                "errorDetails".into(),
                json!(resolution.error_message.clone().unwrap_or_default()),
            );
        }
        None => {
            // No value: the caller's default (ADR 0006). `variant` is always there, null when
            // none: the Python SDK's OFREP provider reads it unconditionally.
            if let Some(value) = &resolution.value {
                out.insert("value".into(), value.clone());
            }
            out.insert("reason".into(), json!(resolution.reason));
            out.insert("variant".into(), json!(resolution.variant));
            out.insert(
                "metadata".into(),
                Value::Object(resolution.flag_metadata.clone()),
            );
        }
    }
    Value::Object(out)
}

/// The request's `context` (absent or null: empty); the error in words.
async fn read_context(
    request: Request<Incoming>,
) -> std::result::Result<Map<String, Value>, String> {
    let body = Limited::new(request.into_body(), MAX_BODY)
        .collect()
        .await
        .map_err(|e| format!("the request body could not be read: {e}"))?
        .to_bytes();
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    let value: Value =
        serde_json::from_slice(&body).map_err(|e| format!("the request body is not JSON: {e}"))?;
    match value.get("context") {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(context)) => Ok(context.clone()),
        Some(_) => Err("`context` is not a JSON object".into()),
    }
}

fn reply(status: StatusCode, body: &Value) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::from(body.to_string())))
        .expect("a response of a valid status and headers")
}

fn not_allowed(allow: &'static str) -> Response<Full<Bytes>> {
    let mut response = reply(
        StatusCode::METHOD_NOT_ALLOWED,
        &json!({"errorDetails": format!("use {allow}")}),
    );
    response
        .headers_mut()
        .insert(header::ALLOW, header::HeaderValue::from_static(allow));
    response
}

/// `%XX`-decoded UTF-8, or `None`.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoded_keys_decode_and_bad_ones_are_refused() {
        assert_eq!(
            percent_decode("new%2Dcheckout").as_deref(),
            Some("new-checkout")
        );
        assert_eq!(percent_decode("a%20b").as_deref(), Some("a b"));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%ff"), None);
        assert_eq!(percent_decode("%4"), None);
    }
}
