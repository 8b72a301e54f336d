//! `etcdkit flags serve` against real etcd: OFREP's single and bulk evaluation with ETags and
//! its error statuses, /healthz, changes made with `flags set` served, and a serve that keeps
//! following through a member kill and a compaction.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde_json::{json, Value};

use crate::flags::{staff_flag, Flags};
use crate::lock_scene::{wait_for, Spawned};
use crate::support::{free_port, Etcd};

/// One HTTP/1.1 request (the connection closed after it): status, head and body.
pub(crate) fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body.as_bytes()).unwrap();
    let mut response = String::new();
    s.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

/// POST an OFREP evaluation of `key` for `context`: status and body.
pub(crate) fn ofrep(port: u16, key: &str, context: &Value) -> (u16, Value) {
    let body = json!({"context": context}).to_string();
    let (status, _, text) = request(
        port,
        "POST",
        &format!("/ofrep/v1/evaluate/flags/{key}"),
        &[("Content-Type", "application/json")],
        &body,
    );
    (
        status,
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}")),
    )
}

/// `flags serve --listen PORT` in the background, waited for until it serves.
pub(crate) fn serve(f: &Flags, extra: &[&str]) -> (Spawned, u16) {
    let port = free_port();
    let listen = port.to_string();
    let mut args = vec!["serve", "--listen", &listen];
    args.extend_from_slice(extra);
    let mut server = f.spawn("serve", &args);
    wait_for("serve to listen", 30, || {
        assert!(server.running(), "serve exited: {}", server.stderr());
        server.stderr().contains("serving OFREP")
    });
    (server, port)
}

#[test]
fn ofrep_single_and_bulk_evaluation_with_etags_and_error_statuses() {
    let f = Flags::single();
    f.define("beta", &staff_flag());
    f.define(
        "typo",
        &json!({"state": "ENABLED", "variants": {"on": true}, "defaultVariant": "on",
                "targeting": {"if": [{"==": [1, 1]}, "onn"]}}),
    );
    f.define(
        "color",
        &json!({"state": "DISABLED", "variants": {"red": "red"}, "defaultVariant": "red"}),
    );
    let (mut server, port) = serve(&f, &[]);
    let (status, body) = ofrep(
        port,
        "beta",
        &json!({"targetingKey": "u1", "email": "a@example.com"}),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        json!({"key": "beta", "value": true, "variant": "on", "reason": "TARGETING_MATCH", "metadata": {}})
    );
    let (status, body) = ofrep(port, "nope", &json!({}));
    assert_eq!(
        (status, body["errorCode"].clone()),
        (404, json!("FLAG_NOT_FOUND")),
        "{body}"
    );
    let (status, body) = ofrep(port, "color", &json!({}));
    assert_eq!(body["reason"], "DISABLED", "{status} {body}");
    // A rule naming a variant the flag lacks: GENERAL, said with 400 as OFREP says.
    let (status, body) = ofrep(port, "typo", &json!({}));
    assert_eq!(
        (status, body["errorCode"].clone()),
        (400, json!("GENERAL")),
        "{body}"
    );
    // Not JSON, and a context that is not an object: 400.
    let (status, _, text) = request(port, "POST", "/ofrep/v1/evaluate/flags/beta", &[], "{nope");
    assert_eq!(status, 400, "{text}");
    let (status, _, _) = request(
        port,
        "POST",
        "/ofrep/v1/evaluate/flags/beta",
        &[],
        r#"{"context": 5}"#,
    );
    assert_eq!(status, 400);
    let (status, _, _) = request(port, "GET", "/ofrep/v1/evaluate/flags/beta", &[], "");
    assert_eq!(status, 405);
    // Bulk: every flag, an ETag; the same ETag back is 304.
    let body = r#"{"context": {"email": "a@example.com"}}"#;
    let (status, head, text) = request(port, "POST", "/ofrep/v1/evaluate/flags", &[], body);
    assert_eq!(status, 200, "{text}");
    let bulk: Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&str> = bulk["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["beta", "color", "typo"]);
    let etag = head
        .lines()
        .find_map(|l| {
            l.strip_prefix("etag: ")
                .or_else(|| l.strip_prefix("ETag: "))
        })
        .expect("an ETag")
        .to_string();
    let (status, _, _) = request(
        port,
        "POST",
        "/ofrep/v1/evaluate/flags",
        &[("If-None-Match", &etag)],
        body,
    );
    assert_eq!(status, 304);
    // A change made with flags set is served; the old ETag no longer matches.
    f.run(&["disable", "beta"]).expect_code(0);
    wait_for("the change to be served", 30, || {
        ofrep(port, "beta", &json!({"email": "a@example.com"})).1["reason"] == "DISABLED"
    });
    let (status, _, _) = request(
        port,
        "POST",
        "/ofrep/v1/evaluate/flags",
        &[("If-None-Match", &etag)],
        body,
    );
    assert_eq!(status, 200);
    let (status, _, health) = request(port, "GET", "/healthz", &[], "");
    assert_eq!(status, 200, "{health}");
    server.signal(libc::SIGTERM);
    server.wait(30).expect_code(0);
}

#[test]
fn serve_follows_changes_through_a_member_kill_and_a_compaction() {
    let mut f = Flags::on(Etcd::cluster(3));
    f.define("beta", &staff_flag());
    let (mut server, port) = serve(&f, &[]);
    let on = |key: &str| ofrep(port, key, &json!({"email": "x@example.com"})).1;
    assert_eq!(on("beta")["value"], true);
    // Kill every member but one in turn: the follow moves on.
    f.etcd.kill(0);
    f.run(&["disable", "beta"]).expect_code(0);
    wait_for("the change after a member kill", 60, || {
        on("beta")["reason"] == "DISABLED"
    });
    // Compact everything: the follow lists again and serves what is there.
    f.define("later", &staff_flag());
    let revision = f.run(&["get", "later", "-o", "json"]).json()["revision"]
        .as_i64()
        .unwrap();
    f.etcd.etcdctl_ok(&["compact", &revision.to_string()]);
    f.run(&["enable", "beta"]).expect_code(0);
    wait_for("the change after a compaction", 60, || {
        on("beta")["value"] == true && on("later")["value"] == true
    });
    assert!(server.running(), "{}", server.stderr());
    server.signal(libc::SIGTERM);
    server.wait(30).expect_code(0);
}

#[test]
fn an_address_that_cannot_be_listened_on_is_bad_input() {
    let f = Flags::single();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = f.run(&["serve", "--listen", &port]);
    run.expect_code(3);
    assert!(run.stderr.contains("cannot listen"), "{}", run.stderr);
    f.run(&["serve", "--listen", "nonsense:address:1"])
        .expect_code(3);
    f.run(&["serve"]).expect_code(3);
}
