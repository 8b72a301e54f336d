//! Evaluator tests: distribution, `$flagd` properties, metadata, bulk, thread safety, speed.

use serde_json::{json, Value};

use super::*;
use crate::flags::definition::validate_document;

fn evaluator(doc: Value, fractional: FractionalVersion) -> Evaluator {
    Evaluator::new(
        &validate_document(&doc).expect("valid document"),
        EvaluatorOptions { fractional },
    )
}

fn ctx(v: Value) -> Context {
    v.as_object().cloned().unwrap_or_default()
}

/// splitmix64: a small deterministic generator for test keys.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

const SPLIT: &str = "split";

fn split_doc() -> Value {
    json!({"flags": {SPLIT: {"state": "ENABLED", "variants": {"red": "red", "blue": "blue", "green": "green", "off": "off"},
        "defaultVariant": "off",
        "targeting": {"fractional": [["red", 10], ["blue", 20], ["green", 70]]}}}})
}

#[test]
fn distribution_within_one_percent() {
    for version in [FractionalVersion::V2, FractionalVersion::V1] {
        let e = evaluator(split_doc(), version);
        let (mut seed, n) = (42u64, 100_000);
        let mut counts = [0usize; 3];
        for _ in 0..n {
            let key = format!("{:016x}", splitmix(&mut seed));
            let r = e.evaluate_as(SPLIT, &ctx(json!({ "targetingKey": key })), String::new());
            let i = ["red", "blue", "green"]
                .iter()
                .position(|c| *c == r.value.as_deref().unwrap_or(""));
            counts[i.expect("a split variant")] += 1;
        }
        for (count, share) in counts.iter().zip([0.10, 0.20, 0.70]) {
            let got = *count as f64 / n as f64;
            assert!(
                (got - share).abs() < 0.01,
                "{version:?}: {got} vs {share} ({counts:?})"
            );
        }
    }
}

#[test]
fn flagd_properties_and_default_bucketing_key() {
    let doc = json!({"flags": {
        "who": {"state": "ENABLED", "variants": {"yes": true, "no": false}, "defaultVariant": "no",
                "targeting": {"if": [{"==": [{"var": "$flagd.flagKey"}, "who"]}, "yes", "no"]}},
        "explicit": {"state": "ENABLED", "variants": {"lo": "lo", "hi": "hi"}, "defaultVariant": "lo",
                 "targeting": {"fractional": [{"cat": ["implicit", {"var": "targetingKey"}]}, ["lo", 1], ["hi", 1]]}},
        "implicit": {"state": "ENABLED", "variants": {"lo": "lo", "hi": "hi"}, "defaultVariant": "lo",
                     "targeting": {"fractional": [["lo", 1], ["hi", 1]]}}
    }});
    let e = evaluator(doc, FractionalVersion::V2);
    let c = ctx(json!({"$flagd": {"flagKey": "spoofed"}}));
    assert_eq!(e.evaluate("who", &c).value, Some(json!(true)));
    // The implicit bucketing key is flagKey + targetingKey, exactly as spelled out in "explicit".
    let mut seen = std::collections::BTreeSet::new();
    for i in 0..200 {
        let c = ctx(json!({ "targetingKey": format!("user-{i}") }));
        let implicit = e.evaluate("implicit", &c).value;
        assert_eq!(e.evaluate("explicit", &c).value, implicit);
        seen.insert(implicit.map(|v| v.to_string()));
    }
    assert_eq!(seen.len(), 2);
    // A missing targeting key makes the implicit fractional fail: the default variant, reason DEFAULT.
    let r = e.evaluate("implicit", &Context::new());
    assert_eq!((r.value, r.reason), (Some(json!("lo")), Reason::Default));
}

#[test]
fn metadata_merges_set_then_flag() {
    let doc = json!({
        "flags": {"f": {"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "a",
                        "metadata": {"version": "flag-level", "owner": "web"}}},
        "metadata": {"flagSetId": "shop", "version": "set-level"}
    });
    let e = evaluator(doc, FractionalVersion::V2);
    let r = e.evaluate("f", &Context::new());
    assert_eq!(
        Value::Object(r.flag_metadata),
        json!({"flagSetId": "shop", "version": "flag-level", "owner": "web"})
    );
    let r = e.evaluate("nope", &Context::new());
    assert_eq!(r.error_code, Some(ErrorCode::FlagNotFound));
    assert_eq!(
        Value::Object(r.flag_metadata),
        json!({"flagSetId": "shop", "version": "set-level"})
    );
}

#[test]
fn bulk_skips_disabled_and_serializes() {
    let doc = json!({"flags": {
        "on": {"state": "ENABLED", "variants": {"a": true}, "defaultVariant": "a"},
        "off": {"state": "DISABLED", "variants": {"a": true}, "defaultVariant": "a"},
        "tgt": {"state": "ENABLED", "variants": {"a": "A", "b": "B"}, "defaultVariant": "a",
                "targeting": {"if": [{"starts_with": [{"var": "email"}, "admin@"]}, "b"]}}
    }});
    let e = evaluator(doc, FractionalVersion::V2);
    let all = e.evaluate_all(&ctx(json!({"email": "admin@x.io"})));
    let out: Vec<(String, Value)> = all
        .into_iter()
        .map(|(k, r)| (k, serde_json::to_value(r).unwrap()))
        .collect();
    assert_eq!(
        out,
        vec![
            (
                "on".to_owned(),
                json!({"value": true, "variant": "a", "reason": "STATIC"})
            ),
            (
                "tgt".to_owned(),
                json!({"value": "B", "variant": "b", "reason": "TARGETING_MATCH"})
            ),
        ]
    );
    let r = serde_json::to_value(e.evaluate_as("off", &Context::new(), false)).unwrap();
    assert_eq!(r, json!({"value": false, "reason": "DISABLED"}));
}

#[test]
fn broken_targeting_is_reported_and_gives_parse_error() {
    let mut set = FlagSet::default();
    let flag: crate::flags::Flag =
        serde_json::from_value(json!({"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "a", "targeting": {"zz": 1}}))
            .unwrap();
    set.flags.insert("broken".into(), flag);
    let e = Evaluator::new(&set, EvaluatorOptions::default());
    assert_eq!(
        e.faults().map(ToString::to_string).collect::<Vec<_>>(),
        ["flags.broken.targeting: unknown operation \"zz\""]
    );
    let r = e.evaluate_as("broken", &Context::new(), 7_i64);
    assert_eq!(
        (r.value, r.error_code),
        (Some(7), Some(ErrorCode::ParseError))
    );
}

#[test]
fn evaluator_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Evaluator>();
    let e = std::sync::Arc::new(evaluator(split_doc(), FractionalVersion::V2));
    let handles: Vec<_> = (0..2)
        .map(|i| {
            let e = e.clone();
            std::thread::spawn(move || {
                e.evaluate(SPLIT, &ctx(json!({ "targetingKey": format!("t{i}") })))
                    .value
            })
        })
        .collect();
    for h in handles {
        assert!(h.join().expect("thread").is_some());
    }
}
