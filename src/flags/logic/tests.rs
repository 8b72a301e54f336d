//! Tests of the JSON Logic engine: standard operations, compilation faults, `$ref`, depth bound.

use serde_json::{json, Map, Value};

use super::{FractionalVersion, Rule, MAX_DEPTH};

fn run_with(rule: Value, data: Value, evaluators: &Map<String, Value>) -> Option<Value> {
    let rule =
        Rule::compile(&rule, "targeting", evaluators, FractionalVersion::V2).expect("compiles");
    rule.apply(
        data.as_object().expect("object context"),
        "flag",
        1_700_000_000,
    )
}

fn run(rule: Value, data: Value) -> Value {
    run_with(rule, data, &Map::new()).expect("no custom-operation failure")
}

fn fault(rule: Value) -> String {
    let e = Rule::compile(&rule, "targeting", &Map::new(), FractionalVersion::V2)
        .expect_err("must not compile");
    e.to_string()
}

#[test]
fn standard_operations() {
    let data = json!({"a": 1, "b": {"c": [10, 20]}, "s": "hello", "n": null, "list": [1, 2, 3, 4]});
    let cases = [
        (json!({"var": "a"}), json!(1)),
        (json!({"var": "b.c.1"}), json!(20)),
        (json!({"var": ["zz", "dflt"]}), json!("dflt")),
        (json!({"var": ["n", "dflt"]}), json!(null)),
        (json!({"var": {"cat": ["b.", "c"]}}), json!([10, 20])),
        (json!({"var": "$flagd.flagKey"}), json!("flag")),
        (json!({"var": "$flagd.timestamp"}), json!(1_700_000_000)),
        (
            json!({"missing": ["a", "zz", "n", "b.c"]}),
            json!(["zz", "n"]),
        ),
        (json!({"missing_some": [1, ["zz", "a"]]}), json!([])),
        (json!({"missing_some": [2, ["zz", "a"]]}), json!(["zz"])),
        (json!({"if": [false, 1, null, 2, 3]}), json!(3)),
        (json!({"?:": [true, "y", "n"]}), json!("y")),
        (json!({"if": []}), json!(null)),
        (json!({"==": [1, "1"]}), json!(true)),
        (json!({"===": [1, "1"]}), json!(false)),
        (json!({"!=": [1, 2]}), json!(true)),
        (json!({"!==": [1, 1.0]}), json!(false)),
        (json!({"!": [[]]}), json!(true)),
        (json!({"!": "0"}), json!(false)),
        (json!({"!!": [{"var": "list"}]}), json!(true)),
        (json!({"or": [0, "", "x"]}), json!("x")),
        (json!({"or": [0, ""]}), json!("")),
        (json!({"and": [1, 0, 2]}), json!(0)),
        (json!({"and": [1, "a"]}), json!("a")),
        (json!({"<": [1, 2, 3]}), json!(true)),
        (json!({"<": [1, 1, 3]}), json!(false)),
        (json!({"<=": [1, 1, 3]}), json!(true)),
        (json!({">": ["b", "a"]}), json!(true)),
        (json!({">=": [{"var": "a"}, 1]}), json!(true)),
        (json!({"max": [1, 3, 2]}), json!(3)),
        (json!({"min": [1, "-3", 2]}), json!(-3)),
        (json!({"+": [1, "2", 3.5]}), json!(6.5)),
        (json!({"-": [5]}), json!(-5)),
        (json!({"-": [5, 7]}), json!(-2)),
        (json!({"*": [2, "3"]}), json!(6)),
        (json!({"/": [1, 4]}), json!(0.25)),
        (json!({"/": [1, 0]}), json!(null)),
        (json!({"%": [7, 3]}), json!(1)),
        (
            json!({"map": [{"var": "list"}, {"*": [{"var": ""}, 2]}]}),
            json!([2, 4, 6, 8]),
        ),
        (
            json!({"filter": [{"var": "list"}, {">": [{"var": ""}, 2]}]}),
            json!([3, 4]),
        ),
        (
            json!({"reduce": [{"var": "list"}, {"+": [{"var": "current"}, {"var": "accumulator"}]}, 0]}),
            json!(10),
        ),
        (
            json!({"all": [{"var": "list"}, {">": [{"var": ""}, 0]}]}),
            json!(true),
        ),
        (json!({"all": [[], true]}), json!(false)),
        (
            json!({"none": [{"var": "list"}, {">": [{"var": ""}, 5]}]}),
            json!(true),
        ),
        (
            json!({"some": [{"var": "list"}, {"==": [{"var": ""}, 3]}]}),
            json!(true),
        ),
        (json!({"map": [{"var": "zz"}, 1]}), json!([])),
        (json!({"merge": [[1, 2], 3, [[4]]]}), json!([1, 2, 3, [4]])),
        (json!({"in": ["ell", {"var": "s"}]}), json!(true)),
        (json!({"in": [2, {"var": "list"}]}), json!(true)),
        (json!({"in": ["2", {"var": "list"}]}), json!(false)),
        (
            json!({"cat": ["a", 1, null, true, 2.5]}),
            json!("a1nulltrue2.5"),
        ),
        (json!({"substr": ["jsonlogic", 4]}), json!("logic")),
        (json!({"substr": ["jsonlogic", -5]}), json!("logic")),
        (json!({"substr": ["jsonlogic", 1, 3]}), json!("son")),
        (json!({"substr": ["jsonlogic", 4, -2]}), json!("log")),
        (json!({"starts_with": [{"var": "s"}, "he"]}), json!(true)),
        (json!({"ends_with": [{"var": "s"}, "he"]}), json!(false)),
        (json!({"sem_ver": ["1.2.3", ">=", "1.2.0"]}), json!(true)),
        (json!([1, {"var": "a"}]), json!([1, 1])),
        (json!({}), json!({})),
    ];
    for (rule, want) in cases {
        assert_eq!(run(rule.clone(), data.clone()), want, "{rule}");
    }
}

#[test]
fn constants_fold_and_custom_failures_yield_none() {
    let r = Rule::compile(
        &json!({"if": [{"==": [1, 1]}, "a", "b"]}),
        "t",
        &Map::new(),
        FractionalVersion::V2,
    )
    .unwrap();
    assert!(matches!(r.root, super::Node::Const(_)));
    assert_eq!(
        run_with(
            json!({"!": {"sem_ver": ["x", "=", "1.0.0"]}}),
            json!({}),
            &Map::new()
        ),
        None
    );
    assert_eq!(
        run_with(json!({"fractional": [["a", 1]]}), json!({}), &Map::new()),
        None
    );
}

#[test]
fn fractional_explicit_key_and_default_key() {
    let rule = json!({"fractional": [{"var": "k"}, ["a", 1], ["b", 1]]});
    let got = run(rule, json!({"k": "ejOoVL"}));
    assert_eq!(got, json!("a"));
    let got = run(
        json!({"fractional": [["a", 1], ["b", 1]]}),
        json!({"targetingKey": "u"}),
    );
    assert!(got == json!("a") || got == json!("b"));
}

#[test]
fn compile_faults_name_the_path() {
    assert_eq!(
        fault(json!({"if": [{"in": ["a", {"nope": [1]}]}, "x", "y"]})),
        "targeting.if[0].in[1]: unknown operation \"nope\""
    );
    assert_eq!(
        fault(json!({"and": [true, {"a": 1, "b": 2}]})),
        "targeting.and[1]: an operation object must have exactly one key, found a, b"
    );
    assert_eq!(
        fault(json!({"$ref": 3})),
        "targeting: \"$ref\" must name an evaluator (a string)"
    );
    assert!(fault(json!({"$ref": "gone"})).contains("names no evaluator"));
}

#[test]
fn refs_resolve_and_cycles_are_refused() {
    let evals = json!({
        "base": {"==": [{"var": "email"}, "a@b.c"]},
        "wrapped": {"!": {"$ref": "base"}},
        "loop1": {"$ref": "loop2"},
        "loop2": {"and": [{"$ref": "loop1"}]},
        "bad": {"frobnicate": 1}
    });
    let evals = evals.as_object().unwrap();
    assert_eq!(
        run_with(json!({"$ref": "wrapped"}), json!({"email": "a@b.c"}), evals),
        Some(json!(false))
    );
    let e =
        Rule::compile(&json!({"$ref": "loop1"}), "t", evals, FractionalVersion::V2).unwrap_err();
    assert_eq!(e.path, "$evaluators.loop2.and[0]");
    assert!(e.message.contains("cycle: loop1 -> loop2 -> loop1"), "{e}");
    let e = Rule::compile(
        &json!({"or": [{"$ref": "bad"}]}),
        "t",
        evals,
        FractionalVersion::V2,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "$evaluators.bad: unknown operation \"frobnicate\""
    );
}

#[test]
fn nesting_is_bounded() {
    let mut deep = json!(true);
    for _ in 0..(MAX_DEPTH + 5) {
        deep = json!({"!": [deep]});
    }
    assert!(fault(deep).contains("nested deeper than"));
    let mut ok = json!({"var": "a"});
    for _ in 0..(MAX_DEPTH / 2 - 1) {
        ok = json!({"!": [ok]});
    }
    assert_eq!(run(ok, json!({"a": 1})), json!(false));
}

#[test]
fn no_panics_on_odd_inputs() {
    let odd = [
        json!({"substr": []}),
        json!({"substr": ["abc", 10, -20]}),
        json!({"reduce": [[1], {"var": "current"}]}),
        json!({"missing_some": [null, null]}),
        json!({"in": [1]}),
        json!({"var": [[1, 2]]}),
        json!({"max": []}),
        json!({"*": []}),
        json!({"%": [1, 0]}),
        json!({"fractional": [{"var": "x"}]}),
        json!({"fractional": [[]]}),
        json!({"fractional": [["a", 1.5]]}),
        json!({"fractional": [["a", 3_000_000_000u64]]}),
        json!({"sem_ver": [1, 2, 3]}),
        json!({"fractional": [["a", 9e18], ["b", 9e18], ["c", -9e18]]}),
        json!({"fractional": [["a", -1], ["b", 1]]}),
        json!({"cat": [{"var": ""}]}),
    ];
    for rule in odd {
        for version in [FractionalVersion::V1, FractionalVersion::V2] {
            let r = Rule::compile(&rule, "t", &Map::new(), version).expect("compiles");
            let _ = r.apply(json!({"targetingKey": "t"}).as_object().unwrap(), "f", 0);
        }
    }
}

/// A tiny deterministic generator for the robustness test.
struct Gen(u64);

impl Gen {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn value(&mut self, depth: usize) -> Value {
        const OPS: [&str; 40] = [
            "var",
            "missing",
            "missing_some",
            "if",
            "==",
            "===",
            "!=",
            "!==",
            "!",
            "!!",
            "or",
            "and",
            "<",
            "<=",
            ">",
            ">=",
            "max",
            "min",
            "+",
            "-",
            "*",
            "/",
            "%",
            "map",
            "filter",
            "reduce",
            "all",
            "none",
            "some",
            "merge",
            "in",
            "cat",
            "substr",
            "starts_with",
            "ends_with",
            "sem_ver",
            "fractional",
            "?:",
            "var",
            "if",
        ];
        let leaves = [
            json!(null),
            json!(true),
            json!(0),
            json!(-2.5),
            json!(""),
            json!("a.b"),
            json!("1.2.3"),
            json!(">="),
            json!([]),
            json!({}),
            json!("targetingKey"),
            json!(["x", 1]),
        ];
        if depth == 0 || self.next(3) == 0 {
            return leaves[self.next(leaves.len())].clone();
        }
        let op = OPS[self.next(OPS.len())];
        let n = self.next(4);
        let args: Vec<Value> = (0..n).map(|_| self.value(depth - 1)).collect();
        let arg = if n == 1 && self.next(2) == 0 {
            args[0].clone()
        } else {
            Value::Array(args)
        };
        json!({ op: arg })
    }
}

#[test]
fn random_rules_never_panic() {
    let mut g = Gen(0x2545_f491_4f6c_dd1d);
    let data = json!({"targetingKey": "u-1", "a": {"b": [1, "x", null]}, "x": 3, "1.2.3": "v"});
    let ctx = data.as_object().unwrap();
    for _ in 0..5000 {
        let rule = g.value(6);
        for version in [FractionalVersion::V1, FractionalVersion::V2] {
            if let Ok(r) = Rule::compile(&rule, "t", &Map::new(), version) {
                let _ = r.apply(ctx, "flag", 0);
            }
        }
    }
}
