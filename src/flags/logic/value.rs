//! JSON Logic's JavaScript value semantics: truthiness, coercions, loose and strict equality.

use serde_json::{Number, Value};
use std::borrow::Cow;

/// JSON Logic truthiness: `false`, `null`, `0`, `""` and `[]` are falsy; `"0"` and `{}` are truthy.
pub(crate) fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(_) => true,
    }
}

/// A JSON number from a float: integral values become integers (as JavaScript prints them),
/// non-finite values become `null`.
pub(crate) fn num(f: f64) -> Value {
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        // Exact: |f| < 2^53.
        Value::Number(Number::from(f as i64))
    } else {
        Number::from_f64(f).map_or(Value::Null, Value::Number)
    }
}

/// JavaScript's `Number(s)` on a string.
fn str_to_number(s: &str) -> f64 {
    let t = s.trim();
    if t.is_empty() {
        return 0.0;
    }
    match t {
        "Infinity" | "+Infinity" => return f64::INFINITY,
        "-Infinity" => return f64::NEG_INFINITY,
        _ => {}
    }
    if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        return u64::from_str_radix(hex, 16).map_or(f64::NAN, |v| v as f64);
    }
    if t.bytes()
        .any(|b| !(b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-')))
    {
        return f64::NAN;
    }
    t.parse().unwrap_or(f64::NAN)
}

/// JavaScript's `Number(v)`.
pub(crate) fn to_number(v: &Value) -> f64 {
    match v {
        Value::Null => 0.0,
        Value::Bool(b) => f64::from(u8::from(*b)),
        Value::Number(n) => n.as_f64().unwrap_or(f64::NAN),
        Value::String(s) => str_to_number(s),
        Value::Array(_) => str_to_number(&js_string(v)),
        Value::Object(_) => f64::NAN,
    }
}

/// JavaScript's `parseFloat(String(v))`: the longest numeric prefix.
pub(crate) fn parse_float(v: &Value) -> f64 {
    if let Value::Number(n) = v {
        return n.as_f64().unwrap_or(f64::NAN);
    }
    let s = js_string(v);
    let t = s.trim_start();
    if t.starts_with("Infinity") || t.starts_with("+Infinity") {
        return f64::INFINITY;
    }
    if t.starts_with("-Infinity") {
        return f64::NEG_INFINITY;
    }
    let b = t.as_bytes();
    let mut end = 0;
    let mut best = f64::NAN;
    while end < b.len()
        && (b[end].is_ascii_digit() || matches!(b[end], b'.' | b'e' | b'E' | b'+' | b'-'))
    {
        end += 1;
        if let Ok(f) = t[..end].parse::<f64>() {
            best = f;
        }
    }
    best
}

/// JavaScript's number-to-string for the common cases.
pub(crate) fn fmt_number(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if f.fract() == 0.0 && f.abs() < 1e21 {
        format!("{}", f as i128)
    } else {
        format!("{f}")
    }
}

/// JavaScript's `String(v)`.
pub(crate) fn js_string(v: &Value) -> Cow<'_, str> {
    match v {
        Value::Null => Cow::Borrowed("null"),
        Value::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Cow::Owned(i.to_string()),
            (_, Some(u)) => Cow::Owned(u.to_string()),
            _ => Cow::Owned(fmt_number(n.as_f64().unwrap_or(f64::NAN))),
        },
        Value::String(s) => Cow::Borrowed(s),
        Value::Array(a) => {
            let parts: Vec<Cow<'_, str>> = a
                .iter()
                .map(|x| {
                    if x.is_null() {
                        Cow::Borrowed("")
                    } else {
                        js_string(x)
                    }
                })
                .collect();
            Cow::Owned(parts.join(","))
        }
        Value::Object(_) => Cow::Borrowed("[object Object]"),
    }
}

fn num_eq(a: f64, b: f64) -> bool {
    a == b
}

/// JavaScript's `==` on JSON values (arrays and objects of the same kind compare structurally).
pub(crate) fn loose_eq(a: &Value, b: &Value) -> bool {
    use Value::*;
    match (a, b) {
        (Null, Null) => true,
        (Null, _) | (_, Null) => false,
        (Bool(x), Bool(y)) => x == y,
        (Number(_), Number(_)) => num_eq(to_number(a), to_number(b)),
        (String(x), String(y)) => x == y,
        (Array(_), Array(_)) | (Object(_), Object(_)) => a == b,
        (Bool(_), _) => loose_eq(&num(to_number(a)), b),
        (_, Bool(_)) => loose_eq(a, &num(to_number(b))),
        (Number(_), String(_)) | (String(_), Number(_)) => num_eq(to_number(a), to_number(b)),
        (Array(_) | Object(_), _) => loose_eq(&Value::String(js_string(a).into_owned()), b),
        (_, Array(_) | Object(_)) => loose_eq(a, &Value::String(js_string(b).into_owned())),
    }
}

/// JavaScript's `===` on JSON values (arrays and objects compare structurally).
pub(crate) fn strict_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(_), Value::Number(_)) => num_eq(to_number(a), to_number(b)),
        _ => a == b,
    }
}

/// JavaScript's `<` (or `<=` with `or_equal`): two strings (or arrays/objects, as strings)
/// compare as strings, anything else as numbers.
pub(crate) fn less(a: &Value, b: &Value, or_equal: bool) -> bool {
    let prim = |v: &Value| matches!(v, Value::String(_) | Value::Array(_) | Value::Object(_));
    if prim(a) && prim(b) {
        let (x, y) = (js_string(a), js_string(b));
        return if or_equal { x <= y } else { x < y };
    }
    let (x, y) = (to_number(a), to_number(b));
    if or_equal {
        x <= y
    } else {
        x < y
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn truthiness() {
        for v in [json!(null), json!(false), json!(0), json!(""), json!([])] {
            assert!(!truthy(&v), "{v}");
        }
        for v in [
            json!(true),
            json!(1),
            json!("0"),
            json!([0]),
            json!({}),
            json!(-1.5),
        ] {
            assert!(truthy(&v), "{v}");
        }
    }

    #[test]
    fn equality() {
        assert!(loose_eq(&json!(1), &json!("1")));
        assert!(loose_eq(&json!(0), &json!("")));
        assert!(loose_eq(&json!(1), &json!(true)));
        assert!(loose_eq(&json!([1]), &json!(1)));
        assert!(!loose_eq(&json!(null), &json!(0)));
        assert!(!loose_eq(&json!("abc"), &json!(0)));
        assert!(strict_eq(&json!(1), &json!(1.0)));
        assert!(!strict_eq(&json!(1), &json!("1")));
    }

    #[test]
    fn coercions() {
        assert_eq!(to_number(&json!(" 12 ")), 12.0);
        assert!(to_number(&json!("1px")).is_nan());
        assert_eq!(parse_float(&json!("1.5px")), 1.5);
        assert_eq!(js_string(&json!([1, null, "a"])), "1,,a");
        assert_eq!(js_string(&json!(2.5)), "2.5");
        assert_eq!(num(3.0), json!(3));
        assert!(less(&json!("a"), &json!("b"), false));
        assert!(less(&json!("2"), &json!(11), false));
    }
}
