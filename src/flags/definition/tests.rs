//! Validation faults (with their paths) and the document round trip.

use serde_json::{json, Map, Value};

use super::*;

fn flag_fault(key: &str, v: Value) -> String {
    validate_flag(key, &v, &Map::new())
        .expect_err("must be refused")
        .to_string()
}

#[test]
fn valid_flags_pass() {
    for v in [
        json!({"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on"}),
        json!({"state": "DISABLED", "variants": {"a": 1, "b": 2.5}, "defaultVariant": null}),
        json!({"state": "ENABLED", "variants": {"a": {}, "b": {"x": [1]}}}),
        json!({"state": "ENABLED", "variants": {"a": "x"}, "defaultVariant": "a", "targeting": {},
               "metadata": {"team": "web", "n": 1, "b": true}}),
    ] {
        validate_flag("ok-flag", &v, &Map::new()).unwrap_or_else(|e| panic!("{v}: {e}"));
    }
}

#[test]
fn faults_name_their_path() {
    let base = || json!({"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on"});
    let with = |field: &str, v: Value| {
        let mut f = base();
        f[field] = v;
        f
    };
    let cases = [
        (json!("x"), "flags.f: a flag must be an object"),
        (json!({"variants": {"a": 1}}), "flags.f: missing required field \"state\""),
        (with("state", json!("ON")), "flags.f.state: state must be \"ENABLED\" or \"DISABLED\""),
        (with("variants", json!({})), "flags.f.variants: a flag needs at least one variant"),
        (with("variants", json!([true])), "flags.f.variants: variants must be an object"),
        (
            with("variants", json!({"a": true, "b": 0})),
            "flags.f.variants.b: variants must all be of one type: this one is a number, \"a\" is a boolean",
        ),
        (with("variants", json!({"on": [1]})), "flags.f.variants.on: a variant must be a boolean, string, number or object"),
        (with("defaultVariant", json!("maybe")), "flags.f.defaultVariant: \"maybe\" is not one of the flag's variants"),
        (with("defaultVariant", json!(1)), "flags.f.defaultVariant: defaultVariant must be a string or null"),
        (
            with("targeting", json!({"if": [{"in": ["a", {"bogus": []}]}, "on", "off"]})),
            "flags.f.targeting.if[0].in[1]: unknown operation \"bogus\"",
        ),
        (with("metadata", json!({"owner": {"x": 1}})), "flags.f.metadata.owner: a metadata value must be a string, number or boolean"),
        (with("metadata", json!([])), "flags.f.metadata: metadata must be an object"),
    ];
    for (v, want) in cases {
        assert_eq!(flag_fault("f", v), want);
    }
}

#[test]
fn flag_key_rules() {
    let v = json!({"state": "ENABLED", "variants": {"a": true}});
    for bad in ["", "a/b", ".hidden", "$x", "tab\there"] {
        assert!(validate_flag(bad, &v, &Map::new()).is_err(), "{bad:?}");
    }
    for good in ["a", "new-checkout.v2", "ünïcode", "x$"] {
        assert!(validate_flag_key(good).is_ok(), "{good:?}");
    }
}

#[test]
fn refs_are_checked_against_evaluators() {
    let doc = json!({
        "flags": {"f": {"state": "ENABLED", "variants": {"a": true, "b": false}, "defaultVariant": "a",
                        "targeting": {"if": [{"$ref": "missing"}, "a", "b"]}}},
        "$evaluators": {"present": {"==": [1, 1]}}
    });
    let e = validate_document(&doc).unwrap_err();
    assert_eq!(e.path, "flags.f.targeting.if[0]");
    let doc = json!({"flags": {}, "$evaluators": {"bad": {"nope": 1}}});
    assert_eq!(
        validate_document(&doc).unwrap_err().to_string(),
        "$evaluators.bad: unknown operation \"nope\""
    );
    let doc = json!({"flags": {}, "metadata": {"version": 2}});
    assert_eq!(
        validate_document(&doc).unwrap_err().path,
        "metadata.version"
    );
    assert_eq!(validate_document(&json!([])).unwrap_err().path, "$");
}

#[test]
fn document_round_trip_keeps_flagd_format() {
    let doc = json!({
        "$schema": "https://flagd.dev/schema/v0/flags.json",
        "flags": {
            "b": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
                  "targeting": {"if": [{"$ref": "beta"}, "on"]}, "metadata": {"owner": "web"}},
            "a": {"state": "DISABLED", "variants": {"x": "1"}, "defaultVariant": "x", "description": "kept"}
        },
        "$evaluators": {"beta": {"in": [{"var": "email"}, ["a@b.c"]]}},
        "metadata": {"flagSetId": "shop", "version": "3"},
        "x-extension": {"kept": true}
    });
    let set = validate_document(&doc).unwrap();
    assert_eq!(set.flags["a"].extra["description"], json!("kept"));
    assert_eq!(serde_json::to_value(&set).unwrap(), doc);
    let back: FlagSet = serde_json::from_value(doc.clone()).unwrap();
    assert_eq!(back, set);
}

#[test]
fn array_form_is_accepted() {
    let doc = json!({"flags": [{"key": "k", "state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "a"}]});
    let set = validate_document(&doc).unwrap();
    assert_eq!(set.flags["k"].default_variant.as_deref(), Some("a"));
    assert!(!set.flags["k"].extra.contains_key("key"));
    let dup = json!({"flags": [{"key": "k", "state": "ENABLED", "variants": {"a": 1}},
                               {"key": "k", "state": "ENABLED", "variants": {"a": 1}}]});
    assert_eq!(validate_document(&dup).unwrap_err().path, "flags[1]");
}
