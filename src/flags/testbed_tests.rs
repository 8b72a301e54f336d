//! The flagd testbed's cases (open-feature/flagd-testbed `evaluator/gherkin/*.feature`,
//! `gherkin/targeting.feature`, flags from `evaluator/flags/testkit-flags.json`) as a table.
//! Flags marked "ours" are not in the testbed's stored files and were written from the scenario text.

use serde_json::{json, Value};

use super::*;

const FLAGS: &str = r#"{
  "flags": {
    "boolean-flag": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on"},
    "string-flag": {"state": "ENABLED", "variants": {"greeting": "hi", "parting": "bye"}, "defaultVariant": "greeting"},
    "integer-flag": {"state": "ENABLED", "variants": {"one": 1, "ten": 10}, "defaultVariant": "ten"},
    "float-flag": {"state": "ENABLED", "variants": {"tenth": 0.1, "half": 0.5}, "defaultVariant": "half"},
    "object-flag": {"state": "ENABLED", "variants": {"empty": {}, "template": {"showImages": true, "title": "Check out these pics!", "imagesPerPage": 100}}, "defaultVariant": "template"},
    "boolean-zero-flag": {"state": "ENABLED", "variants": {"zero": false, "non-zero": true}, "defaultVariant": "zero"},
    "string-zero-flag": {"state": "ENABLED", "variants": {"zero": "", "non-zero": "str"}, "defaultVariant": "zero"},
    "integer-zero-flag": {"state": "ENABLED", "variants": {"zero": 0, "non-zero": 1}, "defaultVariant": "zero"},
    "float-zero-flag": {"state": "ENABLED", "variants": {"zero": 0.0, "non-zero": 1.0}, "defaultVariant": "zero"},
    "object-zero-flag": {"state": "ENABLED", "variants": {"zero": {}, "non-zero": {"a": 1}}, "defaultVariant": "zero"},
    "boolean-targeted-zero-flag": {"state": "ENABLED", "variants": {"zero": false, "non-zero": true}, "targeting": {"if": [{"$ref": "is_ballmer"}, "zero"]}, "defaultVariant": "zero"},
    "string-targeted-zero-flag": {"state": "ENABLED", "variants": {"zero": "", "non-zero": "str"}, "targeting": {"if": [{"$ref": "is_ballmer"}, "zero"]}, "defaultVariant": "zero"},
    "integer-targeted-zero-flag": {"state": "ENABLED", "variants": {"zero": 0, "non-zero": 1}, "targeting": {"if": [{"$ref": "is_ballmer"}, "zero"]}, "defaultVariant": "zero"},
    "float-targeted-zero-flag": {"state": "ENABLED", "variants": {"zero": 0.0, "non-zero": 1.0}, "targeting": {"if": [{"$ref": "is_ballmer"}, "zero"]}, "defaultVariant": "zero"},
    "wrong-flag": {"state": "ENABLED", "variants": {"one": "uno", "two": "dos"}, "defaultVariant": "one"},
    "null-default-flag": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": null},
    "undefined-default-flag": {"state": "ENABLED", "variants": {"small": 10, "big": 1000}},
    "no-default-flag-null-targeting-variant": {"state": "ENABLED", "variants": {"normal": "CFO", "special": "CEO"},
      "targeting": {"if": [{"==": ["jobs@orange.com", {"var": ["email"]}]}, "special", null]}},
    "no-default-flag-undefined-targeting-variant": {"state": "ENABLED", "variants": {"normal": "CFO", "special": "CEO"},
      "targeting": {"if": [{"==": ["jobs@orange.com", {"var": ["email"]}]}, "special"]}},
    "metadata-flag": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on",
      "metadata": {"string": "1.0.2", "integer": 2, "boolean": true, "float": 0.1}},
    "some-email-targeted-flag": {"state": "ENABLED", "variants": {"hi": "hi", "bye": "bye", "none": "none"}, "defaultVariant": "none",
      "targeting": {"if": [{"$ref": "is_ballmer"}, "hi", "bye"]}},
    "some-other-email-targeted-flag": {"state": "ENABLED", "variants": {"yes": "yes", "no": "no", "none": "none"}, "defaultVariant": "none",
      "targeting": {"if": [{"$ref": "is_ballmer"}, "yes", "no"]}},
    "ref-whitespace-space-around-colon-flag": {"state": "ENABLED", "variants": {"hi": "hi", "bye": "bye", "fallback": "fallback"}, "defaultVariant": "fallback",
      "targeting": {"if": [{"$ref" : "is_ballmer"}, "hi", "bye"]}},
    "ref-to-nonexistent-evaluator-flag": {"state": "ENABLED", "variants": {"hit": "hit", "miss": "miss", "fallback": "fallback"}, "defaultVariant": "fallback",
      "targeting": {"if": [{"$ref": "nonexistent_evaluator"}, "hit", "miss"]}},
    "fractional-flag": {"state": "ENABLED", "variants": {"clubs": "clubs", "diamonds": "diamonds", "hearts": "hearts", "spades": "spades", "wild": "wild"}, "defaultVariant": "wild",
      "targeting": {"fractional": [{"cat": [{"var": "$flagd.flagKey"}, {"var": "user.name"}]}, ["clubs", 25], ["diamonds", 25], ["hearts", 25], ["spades", 25]]}},
    "fractional-flag-shorthand": {"state": "ENABLED", "variants": {"heads": "heads", "tails": "tails", "draw": "draw"}, "defaultVariant": "draw",
      "targeting": {"fractional": [["heads"], ["tails", 1]]}},
    "fractional-flag-A-shared-seed": {"state": "ENABLED", "variants": {"clubs": "clubs", "diamonds": "diamonds", "hearts": "hearts", "spades": "spades", "wild": "wild"}, "defaultVariant": "wild",
      "targeting": {"fractional": [{"cat": ["shared-seed", {"var": "user.name"}]}, ["clubs", 25], ["diamonds", 25], ["hearts", 25], ["spades", 25]]}},
    "fractional-flag-B-shared-seed": {"state": "ENABLED", "variants": {"clubs": "ace-of-clubs", "diamonds": "ace-of-diamonds", "hearts": "ace-of-hearts", "spades": "ace-of-spades", "wild": "wild"}, "defaultVariant": "wild",
      "targeting": {"fractional": [{"cat": ["shared-seed", {"var": "user.name"}]}, ["clubs", 25], ["diamonds", 25], ["hearts", 25], ["spades", 25]]}},
    "fractional-hash-edge-flag": {"state": "ENABLED", "variants": {"lower": "lower", "upper": "upper"}, "defaultVariant": "lower",
      "targeting": {"fractional": [{"var": "targetingKey"}, ["lower", 50], ["upper", 50]]}},
    "starts-ends-flag": {"state": "ENABLED", "variants": {"prefix": "prefix", "postfix": "postfix", "none": "none"}, "defaultVariant": "none",
      "targeting": {"if": [{"starts_with": [{"var": "id"}, "abc"]}, "prefix", {"if": [{"ends_with": [{"var": "id"}, "xyz"]}, "postfix", "none"]}]}},
    "equal-greater-lesser-version-flag": {"state": "ENABLED", "variants": {"equal": "equal", "greater": "greater", "lesser": "lesser", "none": "none"}, "defaultVariant": "none",
      "targeting": {"if": [{"sem_ver": [{"var": "version"}, "=", "2.0.0"]}, "equal", {"if": [{"sem_ver": [{"var": "version"}, ">", "2.0.0"]}, "greater",
        {"if": [{"sem_ver": [{"var": "version"}, "<", "2.0.0"]}, "lesser", "none"]}]}]}},
    "major-minor-version-flag": {"state": "ENABLED", "variants": {"minor": "minor", "major": "major", "none": "none"}, "defaultVariant": "none",
      "targeting": {"if": [{"sem_ver": [{"var": "version"}, "~", "3.0.0"]}, "minor", {"if": [{"sem_ver": [{"var": "version"}, "^", "3.0.0"]}, "major", "none"]}]}},
    "targeting-key-flag": {"state": "ENABLED", "variants": {"miss": "miss", "hit": "hit"}, "defaultVariant": "miss",
      "targeting": {"if": [{"==": [{"var": "targetingKey"}, "5c3d8535-f81a-4478-a6d3-afaa4d51199e"]}, "hit", null]}},
    "fractional-nested-if-flag": {"state": "ENABLED", "variants": {"premium": "premium", "standard": "standard", "fallback": "fallback"}, "defaultVariant": "fallback",
      "targeting": {"fractional": [{"var": "targetingKey"}, [{"if": [{"==": [{"var": "tier"}, "premium"]}, "premium", "standard"]}, 50], ["standard", 50]]}},
    "fractional-nested-var-flag": {"state": "ENABLED", "variants": {"red": "red", "green": "green", "blue": "blue", "fallback": "fallback"}, "defaultVariant": "fallback",
      "targeting": {"fractional": [{"var": "targetingKey"}, [{"var": "color"}, 50], ["blue", 50]]}},
    "fractional-nested-weight-flag": {"state": "ENABLED", "variants": {"red": "red", "blue": "blue", "fallback": "fallback"}, "defaultVariant": "fallback",
      "targeting": {"fractional": [{"var": "targetingKey"}, ["red", {"if": [{"==": [{"var": "tier"}, "premium"]}, 100, 0]}], ["blue", 10]]}},
    "fractional-as-condition-flag": {"state": "ENABLED", "variants": {"big": "hundreds", "small": "ones", "fallback": "zero"}, "defaultVariant": "fallback",
      "targeting": {"if": [{"fractional": [[false, 0], [true, 100]]}, "big", "small"]}},
    "fractional-as-condition-false-flag": {"state": "ENABLED", "variants": {"big": "hundreds", "small": "ones", "fallback": "zero"}, "defaultVariant": "fallback",
      "targeting": {"if": [{"fractional": [[false, 100], [true, 0]]}, "big", "small"]}},
    "fractional-single-entry-flag": {"state": "ENABLED", "variants": {"single": "single", "fallback": "fallback"}, "defaultVariant": "fallback",
      "targeting": {"fractional": [["single", 1]]}},
    "semver-invalid-version-flag": {"state": "ENABLED", "variants": {"true": "true", "false": "false", "fallback": "fallback"}, "defaultVariant": "fallback",
      "targeting": {"if": [{"sem_ver": [{"var": "version"}, "=", "1.0.0"]}, "true", "false"]}},
    "semver-invalid-operator-flag": {"state": "ENABLED", "variants": {"true": "true", "false": "false", "fallback": "fallback"}, "defaultVariant": "fallback",
      "targeting": {"if": [{"sem_ver": [{"var": "version"}, "===", "1.0.0"]}, "true", "false"]}},
    "fractional-null-bucket-key-flag": {"state": "ENABLED", "variants": {"true": "true", "false": "false", "fallback": "fallback"}, "defaultVariant": "fallback",
      "targeting": {"if": [{"fractional": [{"var": "missing_key"}, ["one", 50], ["two", 50]]}, "true", "false"]}},
    "semver-v-prefix-flag": {"state": "ENABLED", "variants": {"match": "match", "no-match": "no-match"}, "defaultVariant": "no-match",
      "targeting": {"if": [{"sem_ver": [{"var": "version"}, "=", "v1.0.0"]}, "match", "no-match"]}},
    "semver-partial-version-flag": {"state": "ENABLED", "variants": {"match": "match", "no-match": "no-match"}, "defaultVariant": "no-match",
      "targeting": {"if": [{"sem_ver": [{"var": "version"}, "^", "1"]}, "match", "no-match"]}},
    "semver-build-metadata-flag": {"state": "ENABLED", "variants": {"match": "match", "no-match": "no-match"}, "defaultVariant": "no-match",
      "targeting": {"if": [{"sem_ver": [{"var": "version"}, "=", "1.0.0+build"]}, "match", "no-match"]}},
    "starts-with-non-string-flag": {"state": "ENABLED", "variants": {"true": "true", "false": "false", "fallback": "fallback"}, "defaultVariant": "fallback",
      "targeting": {"if": [{"starts_with": [{"var": "num"}, "abc"]}, "true", "false"]}},
    "ends-with-non-string-flag": {"state": "ENABLED", "variants": {"true": "true", "false": "false", "fallback": "fallback"}, "defaultVariant": "fallback",
      "targeting": {"if": [{"ends_with": [{"var": "num"}, "xyz"]}, "true", "false"]}},
    "starts-with-wrong-args-flag": {"state": "ENABLED", "variants": {"true": "true", "false": "false", "fallback": "fallback"}, "defaultVariant": "fallback",
      "targeting": {"if": [{"starts_with": ["abc"]}, "true", "false"]}},
    "ends-with-wrong-args-flag": {"state": "ENABLED", "variants": {"true": "true", "false": "false", "fallback": "fallback"}, "defaultVariant": "fallback",
      "targeting": {"if": [{"ends_with": ["xyz"]}, "true", "false"]}},
    "fractional-zero-weights-flag": {"state": "ENABLED", "variants": {"true": "true", "false": "false", "fallback": "fallback"}, "defaultVariant": "fallback",
      "targeting": {"if": [{"fractional": [{"var": "targetingKey"}, ["one", 0], ["two", 0]]}, "true", "false"]}},
    "fractional-negative-weight-flag": {"state": "ENABLED", "variants": {"one": "one", "two": "two", "fallback": "fallback"}, "defaultVariant": "fallback",
      "targeting": {"fractional": [{"var": "targetingKey"}, ["one", -50], ["two", 100]]}},
    "semver-wrong-args-flag": {"state": "ENABLED", "variants": {"true": "true", "false": "false", "fallback": "fallback"}, "defaultVariant": "fallback",
      "targeting": {"if": [{"sem_ver": [{"var": "version"}, "="]}, "true", "false"]}},
    "targeting-null-variant-flag": {"state": "ENABLED", "variants": {"one": 1, "two": 2}, "defaultVariant": "two", "targeting": {"if": [true, null, "one"]}},
    "error-targeting-flag": {"state": "ENABLED", "variants": {"one": 1, "two": 2}, "defaultVariant": "two", "targeting": {"invalid": ["this is not valid targeting"]}},
    "missing-variant-targeting-flag": {"state": "ENABLED", "variants": {"one": 1, "two": 2}, "defaultVariant": "two", "targeting": {"if": [true, "three", "one"]}},
    "non-string-variant-targeting-flag": {"state": "ENABLED", "variants": {"false": 1, "true": 2}, "defaultVariant": "false", "targeting": {"if": [true, true, false]}},
    "empty-targeting-flag": {"state": "ENABLED", "variants": {"one": 1, "two": 2}, "defaultVariant": "one", "targeting": {}, "_note": "ours"},
    "targeting-null-flag": {"state": "ENABLED", "variants": {"one": 1, "two": 2}, "defaultVariant": "two", "targeting": null, "_note": "ours"},
    "timestamp-flag": {"state": "ENABLED", "variants": {"past": -1, "future": 1, "none": 0}, "defaultVariant": "none", "_note": "ours",
      "targeting": {"if": [{">": [{"var": "$flagd.timestamp"}, {"var": "time"}]}, "past", "future"]}},
    "disabled-boolean-flag": {"state": "DISABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on", "_note": "ours"},
    "disabled-string-flag": {"state": "DISABLED", "variants": {"a": "hi", "b": "bye"}, "defaultVariant": "a", "_note": "ours"},
    "disabled-integer-flag": {"state": "DISABLED", "variants": {"a": 10}, "defaultVariant": "a", "_note": "ours"},
    "disabled-float-flag": {"state": "DISABLED", "variants": {"a": 0.5}, "defaultVariant": "a", "_note": "ours"},
    "disabled-object-flag": {"state": "DISABLED", "variants": {"a": {"x": 1}}, "defaultVariant": "a", "_note": "ours"}
  },
  "$evaluators": {"is_ballmer": {"==": ["ballmer@macrosoft.com", {"var": ["email"]}]}}
}"#;

fn evaluator(version: FractionalVersion) -> Evaluator {
    let set: FlagSet = serde_json::from_str(FLAGS).expect("testbed flags deserialize");
    Evaluator::new(
        &set,
        EvaluatorOptions {
            fractional: version,
        },
    )
}

fn widen<T: Into<Value>>(r: Resolution<T>) -> Resolution {
    Resolution {
        value: r.value.map(Into::into),
        variant: r.variant,
        reason: r.reason,
        error_code: r.error_code,
        error_message: r.error_message,
        flag_metadata: r.flag_metadata,
    }
}

/// Typed evaluation, the type chosen from the caller's default as an OpenFeature client would.
fn eval_typed(e: &Evaluator, key: &str, ctx: &Context, default: &Value) -> Resolution {
    match default {
        Value::Bool(b) => widen(e.evaluate_as(key, ctx, *b)),
        Value::String(s) => widen(e.evaluate_as(key, ctx, s.clone())),
        Value::Number(n) if n.is_i64() => widen(e.evaluate_as(key, ctx, n.as_i64().unwrap_or(0))),
        Value::Number(n) => widen(e.evaluate_as(key, ctx, n.as_f64().unwrap_or(0.0))),
        _ => widen(e.evaluate_as(key, ctx, default.clone())),
    }
}

/// Runs a table, one case a line: `flag | context | caller default | expected value | status`,
/// the last three as JSON; status is the expected error code, else the reason (empty: unchecked).
fn check(version: FractionalVersion, table: &str) -> usize {
    let e = evaluator(version);
    let mut n = 0;
    for line in table.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let cols: Vec<&str> = line.split('|').map(str::trim).collect();
        let [key, ctx, default, want, status] = cols[..] else {
            panic!("bad table line: {line}");
        };
        let parse = |s: &str| {
            serde_json::from_str::<Value>(s).unwrap_or_else(|e| panic!("{line}: {s}: {e}"))
        };
        let ctx = parse(ctx).as_object().cloned().expect("context object");
        let r = eval_typed(&e, key, &ctx, &parse(default));
        assert_eq!(r.value, Some(parse(want)), "{line}: {r:?}");
        let got = match r.error_code {
            Some(c) => serde_json::to_value(c),
            None => serde_json::to_value(r.reason),
        };
        if !status.is_empty() {
            assert_eq!(got.ok(), Some(Value::from(status)), "{line}: {r:?}");
        }
        n += 1;
    }
    n
}

/// targeting.feature @fractional-v2 and the nested-fractional scenarios.
const FRACTIONAL_V2: &str = r#"
fractional-flag | {"user": {"name": "jack"}} | "fallback" | "hearts" | TARGETING_MATCH
fractional-flag | {"user": {"name": "queen"}} | "fallback" | "spades" | TARGETING_MATCH
fractional-flag | {"user": {"name": "ten"}} | "fallback" | "clubs" | TARGETING_MATCH
fractional-flag | {"user": {"name": "nine"}} | "fallback" | "diamonds" | TARGETING_MATCH
fractional-flag | {"user": {"name": "3"}} | "fallback" | "clubs" | TARGETING_MATCH
fractional-flag-shorthand | {"targetingKey": "jon@company.com"} | "fallback" | "heads" |
fractional-flag-shorthand | {"targetingKey": "jane@company.com"} | "fallback" | "tails" |
fractional-single-entry-flag | {"targetingKey": "some-targeting-key"} | "fallback" | "single" |
fractional-flag-A-shared-seed | {"user": {"name": "seven"}} | "fallback" | "hearts" |
fractional-flag-A-shared-seed | {"user": {"name": "eight"}} | "fallback" | "diamonds" |
fractional-flag-A-shared-seed | {"user": {"name": "nine"}} | "fallback" | "clubs" |
fractional-flag-A-shared-seed | {"user": {"name": "two"}} | "fallback" | "spades" |
fractional-flag-B-shared-seed | {"user": {"name": "seven"}} | "fallback" | "ace-of-hearts" |
fractional-flag-B-shared-seed | {"user": {"name": "eight"}} | "fallback" | "ace-of-diamonds" |
fractional-flag-B-shared-seed | {"user": {"name": "nine"}} | "fallback" | "ace-of-clubs" |
fractional-flag-B-shared-seed | {"user": {"name": "two"}} | "fallback" | "ace-of-spades" |
fractional-hash-edge-flag | {"targetingKey": "ejOoVL"} | "fallback" | "lower" |
fractional-hash-edge-flag | {"targetingKey": "bY9fO-"} | "fallback" | "lower" |
fractional-hash-edge-flag | {"targetingKey": "SI7p-"} | "fallback" | "lower" |
fractional-hash-edge-flag | {"targetingKey": "6LvT0"} | "fallback" | "upper" |
fractional-hash-edge-flag | {"targetingKey": "ceQdGm"} | "fallback" | "upper" |
fractional-nested-if-flag | {"targetingKey": "jon@company.com", "tier": "premium"} | "fallback" | "premium" |
fractional-nested-if-flag | {"targetingKey": "jon@company.com", "tier": "basic"} | "fallback" | "standard" |
fractional-nested-if-flag | {"targetingKey": "user1", "tier": "premium"} | "fallback" | "standard" |
fractional-nested-if-flag | {"targetingKey": "user1", "tier": "basic"} | "fallback" | "standard" |
fractional-nested-var-flag | {"targetingKey": "jon@company.com", "color": "red"} | "fallback" | "red" |
fractional-nested-var-flag | {"targetingKey": "jon@company.com", "color": "green"} | "fallback" | "green" |
fractional-nested-var-flag | {"targetingKey": "user1", "color": "red"} | "fallback" | "blue" |
fractional-nested-var-flag | {"targetingKey": "jon@company.com", "color": "yellow"} | "fallback" | "fallback" |
fractional-nested-var-flag | {"targetingKey": "jon@company.com", "color": ""} | "fallback" | "fallback" |
fractional-nested-weight-flag | {"targetingKey": "jon@company.com", "tier": "premium"} | "fallback" | "red" |
fractional-nested-weight-flag | {"targetingKey": "jon@company.com", "tier": "basic"} | "fallback" | "blue" |
fractional-nested-weight-flag | {"targetingKey": "user1", "tier": "premium"} | "fallback" | "red" |
fractional-nested-weight-flag | {"targetingKey": "user1", "tier": "basic"} | "fallback" | "blue" |
fractional-as-condition-flag | {"targetingKey": "some-targeting-key"} | "zero" | "hundreds" |
fractional-as-condition-false-flag | {"targetingKey": "some-targeting-key"} | "zero" | "ones" |
"#;

/// targeting.feature @fractional-v1.
const FRACTIONAL_V1: &str = r#"
fractional-flag | {"user": {"name": "jack"}} | "fallback" | "spades" | TARGETING_MATCH
fractional-flag | {"user": {"name": "queen"}} | "fallback" | "clubs" | TARGETING_MATCH
fractional-flag | {"user": {"name": "ten"}} | "fallback" | "diamonds" | TARGETING_MATCH
fractional-flag | {"user": {"name": "nine"}} | "fallback" | "hearts" | TARGETING_MATCH
fractional-flag | {"user": {"name": "3"}} | "fallback" | "diamonds" | TARGETING_MATCH
fractional-flag-shorthand | {"targetingKey": "jon@company.com"} | "fallback" | "heads" |
fractional-flag-shorthand | {"targetingKey": "jane@company.com"} | "fallback" | "tails" |
fractional-flag-A-shared-seed | {"user": {"name": "jack"}} | "fallback" | "hearts" |
fractional-flag-A-shared-seed | {"user": {"name": "queen"}} | "fallback" | "spades" |
fractional-flag-A-shared-seed | {"user": {"name": "ten"}} | "fallback" | "hearts" |
fractional-flag-A-shared-seed | {"user": {"name": "nine"}} | "fallback" | "diamonds" |
fractional-flag-B-shared-seed | {"user": {"name": "jack"}} | "fallback" | "ace-of-hearts" |
fractional-flag-B-shared-seed | {"user": {"name": "queen"}} | "fallback" | "ace-of-spades" |
fractional-flag-B-shared-seed | {"user": {"name": "ten"}} | "fallback" | "ace-of-hearts" |
fractional-flag-B-shared-seed | {"user": {"name": "nine"}} | "fallback" | "ace-of-diamonds" |
"#;

/// targeting.feature @string/@semver scenarios and evaluator/gherkin/semver.feature.
const STRING_SEMVER: &str = r#"
starts-ends-flag | {"id": "abcdef"} | "fallback" | "prefix" |
starts-ends-flag | {"id": "uvwxyz"} | "fallback" | "postfix" |
starts-ends-flag | {"id": "abcxyz"} | "fallback" | "prefix" |
starts-ends-flag | {"id": "lmnopq"} | "fallback" | "none" |
starts-ends-flag | {"id": "3"} | "fallback" | "none" |
equal-greater-lesser-version-flag | {"version": "2.0.0"} | "fallback" | "equal" |
equal-greater-lesser-version-flag | {"version": "2.1.0"} | "fallback" | "greater" |
equal-greater-lesser-version-flag | {"version": "1.9.0"} | "fallback" | "lesser" |
equal-greater-lesser-version-flag | {"version": "2.0.0-alpha"} | "fallback" | "lesser" |
equal-greater-lesser-version-flag | {"version": "2.0.0.0"} | "fallback" | "none" |
major-minor-version-flag | {"version": "3.0.1"} | "fallback" | "minor" |
major-minor-version-flag | {"version": "3.1.0"} | "fallback" | "major" |
major-minor-version-flag | {"version": "4.0.0"} | "fallback" | "none" |
semver-v-prefix-flag | {"version": "1.0.0"} | "fallback" | "match" |
semver-v-prefix-flag | {"version": "v1.0.0"} | "fallback" | "match" |
semver-v-prefix-flag | {"version": "V1.0.0"} | "fallback" | "match" |
semver-v-prefix-flag | {"version": "2.0.0"} | "fallback" | "no-match" |
semver-partial-version-flag | {"version": "1.5.0"} | "fallback" | "match" |
semver-partial-version-flag | {"version": "1.0.0"} | "fallback" | "match" |
semver-partial-version-flag | {"version": "1.0"} | "fallback" | "match" |
semver-partial-version-flag | {"version": "1"} | "fallback" | "match" |
semver-partial-version-flag | {"version": 1} | "fallback" | "match" |
semver-partial-version-flag | {"version": 1.0} | "fallback" | "match" |
semver-partial-version-flag | {"version": 1.2} | "fallback" | "match" |
semver-partial-version-flag | {"version": "2.0.0"} | "fallback" | "no-match" |
semver-build-metadata-flag | {"version": "1.0.0"} | "fallback" | "match" |
semver-build-metadata-flag | {"version": "1.0.0+other"} | "fallback" | "match" |
semver-build-metadata-flag | {"version": "2.0.0"} | "fallback" | "no-match" |
"#;

/// targeting.feature @operator-errors: a failing custom operation selects the default variant.
const OPERATOR_ERRORS: &str = r#"
semver-invalid-version-flag | {"version": "not-a-version"} | "wrong" | "fallback" | DEFAULT
semver-invalid-operator-flag | {"version": "1.0.0"} | "wrong" | "fallback" | DEFAULT
fractional-null-bucket-key-flag | {} | "wrong" | "fallback" | DEFAULT
starts-with-non-string-flag | {"num": 123} | "wrong" | "fallback" | DEFAULT
ends-with-non-string-flag | {"num": 123} | "wrong" | "fallback" | DEFAULT
starts-with-wrong-args-flag | {} | "wrong" | "fallback" | DEFAULT
ends-with-wrong-args-flag | {} | "wrong" | "fallback" | DEFAULT
semver-wrong-args-flag | {"version": "1.0.0"} | "wrong" | "fallback" | DEFAULT
fractional-zero-weights-flag | {"targetingKey": "any-user"} | "wrong" | "fallback" | DEFAULT
fractional-negative-weight-flag | {"targetingKey": "any-user"} | "wrong" | "two" | TARGETING_MATCH
"#;

/// targeting.feature: evaluator refs, targeting key, errors and edge cases, time.
const TARGETING: &str = r#"
some-email-targeted-flag | {"email": "ballmer@macrosoft.com"} | "fallback" | "hi" | TARGETING_MATCH
some-other-email-targeted-flag | {"email": "ballmer@macrosoft.com"} | "fallback" | "yes" | TARGETING_MATCH
ref-whitespace-space-around-colon-flag | {"email": "ballmer@macrosoft.com"} | "fallback" | "hi" | TARGETING_MATCH
ref-whitespace-space-around-colon-flag | {"email": "user@example.com"} | "fallback" | "bye" | TARGETING_MATCH
ref-to-nonexistent-evaluator-flag | {} | "fallback" | "fallback" | PARSE_ERROR
targeting-key-flag | {"targetingKey": "5c3d8535-f81a-4478-a6d3-afaa4d51199e"} | "fallback" | "hit" | TARGETING_MATCH
targeting-key-flag | {"targetingKey": "f20bd32d-703b-48b6-bc8e-79d53c85134a"} | "fallback" | "miss" | DEFAULT
targeting-null-variant-flag | {} | 3 | 2 | DEFAULT
error-targeting-flag | {} | 3 | 3 | PARSE_ERROR
missing-variant-targeting-flag | {} | 3 | 3 | GENERAL
non-string-variant-targeting-flag | {} | 3 | 2 | TARGETING_MATCH
empty-targeting-flag | {} | 3 | 1 | STATIC
targeting-null-flag | {} | 3 | 2 | STATIC
timestamp-flag | {"time": 1} | 0 | -1 | TARGETING_MATCH
timestamp-flag | {"time": 4133980802} | 0 | 1 | TARGETING_MATCH
"#;

/// evaluator/gherkin: evaluation, zero values, no-default-variant, errors, disabled.
const EVALUATION: &str = r#"
boolean-flag | {} | false | true | STATIC
string-flag | {} | "bye" | "hi" | STATIC
integer-flag | {} | 1 | 10 | STATIC
float-flag | {} | 0.1 | 0.5 | STATIC
object-flag | {} | {} | {"showImages": true, "title": "Check out these pics!", "imagesPerPage": 100} | STATIC
boolean-zero-flag | {} | true | false | STATIC
string-zero-flag | {} | "x" | "" | STATIC
integer-zero-flag | {} | 1 | 0 | STATIC
float-zero-flag | {} | 0.1 | 0.0 | STATIC
object-zero-flag | {} | {"x": 1} | {} | STATIC
boolean-targeted-zero-flag | {"email": "ballmer@macrosoft.com"} | true | false | TARGETING_MATCH
boolean-targeted-zero-flag | {} | true | false | DEFAULT
string-targeted-zero-flag | {"email": "ballmer@macrosoft.com"} | "hi" | "" | TARGETING_MATCH
string-targeted-zero-flag | {"email": "ballmer@none.com"} | "hi" | "" | DEFAULT
integer-targeted-zero-flag | {"email": "ballmer@macrosoft.com"} | 1 | 0 | TARGETING_MATCH
integer-targeted-zero-flag | {"email": "ballmer@none.com"} | 1 | 0 | DEFAULT
float-targeted-zero-flag | {"email": "ballmer@macrosoft.com"} | 0.1 | 0.0 | TARGETING_MATCH
float-targeted-zero-flag | {"email": "ballmer@none.com"} | 0.1 | 0.0 | DEFAULT
null-default-flag | {} | true | true | DEFAULT
null-default-flag | {} | false | false | DEFAULT
undefined-default-flag | {} | 100 | 100 | DEFAULT
no-default-flag-null-targeting-variant | {"email": "wozniak@orange.com"} | "Inventor" | "Inventor" | DEFAULT
no-default-flag-null-targeting-variant | {"email": "jobs@orange.com"} | "CEO" | "CEO" | TARGETING_MATCH
no-default-flag-undefined-targeting-variant | {"email": "wozniak@orange.com"} | "Retired" | "Retired" | DEFAULT
missing-flag | {} | "uh-oh" | "uh-oh" | FLAG_NOT_FOUND
wrong-flag | {} | 13 | 13 | TYPE_MISMATCH
boolean-flag | {} | "fallback" | "fallback" | TYPE_MISMATCH
boolean-flag | {} | 1 | 1 | TYPE_MISMATCH
boolean-flag | {} | 0.1 | 0.1 | TYPE_MISMATCH
string-flag | {} | false | false | TYPE_MISMATCH
string-flag | {} | 1 | 1 | TYPE_MISMATCH
string-flag | {} | 0.1 | 0.1 | TYPE_MISMATCH
integer-flag | {} | false | false | TYPE_MISMATCH
integer-flag | {} | "fallback" | "fallback" | TYPE_MISMATCH
float-flag | {} | false | false | TYPE_MISMATCH
float-flag | {} | "fallback" | "fallback" | TYPE_MISMATCH
disabled-boolean-flag | {} | false | false | DISABLED
disabled-string-flag | {} | "bye" | "bye" | DISABLED
disabled-integer-flag | {} | 1 | 1 | DISABLED
disabled-float-flag | {} | 0.1 | 0.1 | DISABLED
disabled-object-flag | {} | {} | {} | DISABLED
"#;

#[test]
fn testbed_tables() {
    let v2 = FractionalVersion::V2;
    let n = check(v2, FRACTIONAL_V2)
        + check(FractionalVersion::V1, FRACTIONAL_V1)
        + check(v2, STRING_SEMVER)
        + check(v2, OPERATOR_ERRORS)
        + check(v2, TARGETING)
        + check(v2, EVALUATION);
    assert_eq!(n, 36 + 15 + 28 + 10 + 15 + 41);
}

#[test]
fn metadata_and_disabled_details() {
    let e = evaluator(FractionalVersion::V2);
    let r = e.evaluate("metadata-flag", &Context::new());
    assert_eq!(
        Value::Object(r.flag_metadata),
        json!({"string": "1.0.2", "integer": 2, "boolean": true, "float": 0.1})
    );
    let r = e.evaluate("disabled-boolean-flag", &Context::new());
    assert_eq!(
        (r.value, r.variant, r.reason),
        (None, None, Reason::Disabled)
    );
}
