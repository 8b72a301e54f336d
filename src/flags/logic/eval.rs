//! Evaluation of compiled nodes against a context, borrowing from it wherever possible.

use serde_json::{Map, Value};
use std::borrow::Cow;

use super::compile::segments;
use super::value::{js_string, less, loose_eq, num, parse_float, strict_eq, to_number, truthy};
use super::{custom, Node, Op, Seg, Var, VarPath};

/// What an evaluation sees besides the rule: the caller's context and flagd's `$flagd` properties.
pub(crate) struct Env<'a> {
    pub(crate) ctx: &'a Map<String, Value>,
    pub(crate) flag_key: &'a str,
    pub(crate) timestamp: i64,
}

/// The data `var` reads: the root context, or the current item inside `map`/`filter`/`reduce`/...
#[derive(Clone, Copy)]
pub(crate) struct Scope<'a> {
    pub(crate) env: &'a Env<'a>,
    data: Option<&'a Value>,
}

impl<'a> Scope<'a> {
    pub(crate) fn root(env: &'a Env<'a>) -> Self {
        Self { env, data: None }
    }
}

/// A custom operation failed: the whole rule yields null (flagd: fall back to the default variant).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Abort;

pub(crate) type Out<'a> = Result<Cow<'a, Value>, Abort>;

fn walk<'v>(mut cur: &'v Value, segs: &[Seg]) -> Option<&'v Value> {
    for seg in segs {
        cur = match cur {
            Value::Object(m) => m.get(&seg.key)?,
            Value::Array(a) => a.get(seg.index?)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn flagd_props(env: &Env<'_>) -> Value {
    let mut m = Map::new();
    m.insert("flagKey".into(), Value::String(env.flag_key.to_owned()));
    m.insert("timestamp".into(), Value::from(env.timestamp));
    Value::Object(m)
}

/// Looks `segs` up in the scope (`None`: not found).
pub(crate) fn lookup<'a>(s: Scope<'a>, segs: &[Seg]) -> Option<Cow<'a, Value>> {
    if let Some(data) = s.data {
        return walk(data, segs).map(Cow::Borrowed);
    }
    let (first, rest) = segs.split_first()?;
    if first.key == "$flagd" {
        return match rest {
            [] => Some(Cow::Owned(flagd_props(s.env))),
            [k] if k.key == "flagKey" => Some(Cow::Owned(Value::String(s.env.flag_key.to_owned()))),
            [k] if k.key == "timestamp" => Some(Cow::Owned(Value::from(s.env.timestamp))),
            _ => None,
        };
    }
    walk(s.env.ctx.get(&first.key)?, rest).map(Cow::Borrowed)
}

fn whole<'a>(s: Scope<'a>) -> Cow<'a, Value> {
    match s.data {
        Some(d) => Cow::Borrowed(d),
        None => {
            let mut m = s.env.ctx.clone();
            m.insert("$flagd".into(), flagd_props(s.env));
            Cow::Owned(Value::Object(m))
        }
    }
}

impl Var {
    fn eval<'a>(&'a self, s: Scope<'a>) -> Out<'a> {
        let found = match &self.path {
            VarPath::Whole => Some(whole(s)),
            VarPath::Static(segs) => lookup(s, segs),
            VarPath::Dynamic(node) => {
                let p = node.eval(s)?;
                match &*p {
                    Value::Null => Some(whole(s)),
                    Value::String(x) if x.is_empty() => Some(whole(s)),
                    other => lookup(s, &segments(&js_string(other))),
                }
            }
        };
        match (found, &self.default) {
            (Some(v), _) => Ok(v),
            (None, Some(d)) => d.eval(s),
            (None, None) => Ok(Cow::Owned(Value::Null)),
        }
    }
}

const NULL: Value = Value::Null;

fn arg<'a>(args: &'a [Node], i: usize, s: Scope<'a>) -> Out<'a> {
    match args.get(i) {
        Some(n) => n.eval(s),
        None => Ok(Cow::Borrowed(&NULL)),
    }
}

fn owned<'a>(v: Value) -> Out<'a> {
    Ok(Cow::Owned(v))
}

fn boolean<'a>(b: bool) -> Out<'a> {
    owned(Value::Bool(b))
}

impl Node {
    pub(crate) fn eval<'a>(&'a self, s: Scope<'a>) -> Out<'a> {
        match self {
            Node::Const(v) => Ok(Cow::Borrowed(v)),
            Node::Array(nodes) => {
                let items = nodes.iter().map(|n| n.eval(s).map(Cow::into_owned));
                owned(Value::Array(items.collect::<Result<_, _>>()?))
            }
            Node::Var(v) => v.eval(s),
            Node::Op(op, args) => eval_op(*op, args, s),
            Node::Fractional(f) => f.eval(s),
            Node::SemVer(v) => v.eval(s),
        }
    }
}

fn eval_op<'a>(op: Op, args: &'a [Node], s: Scope<'a>) -> Out<'a> {
    match op {
        Op::If => {
            let mut i = 0;
            while i + 1 < args.len() {
                if truthy(&*args[i].eval(s)?) {
                    return args[i + 1].eval(s);
                }
                i += 2;
            }
            arg(args, i, s)
        }
        Op::Or | Op::And => {
            let mut last = Cow::Borrowed(&NULL);
            for a in args {
                last = a.eval(s)?;
                if truthy(&last) == (op == Op::Or) {
                    break;
                }
            }
            Ok(last)
        }
        Op::Not => boolean(!truthy(&*arg(args, 0, s)?)),
        Op::NotNot => boolean(truthy(&*arg(args, 0, s)?)),
        Op::Eq | Op::Ne | Op::StrictEq | Op::StrictNe => {
            let (a, b) = (arg(args, 0, s)?, arg(args, 1, s)?);
            boolean(match op {
                Op::Eq => loose_eq(&a, &b),
                Op::Ne => !loose_eq(&a, &b),
                Op::StrictEq => strict_eq(&a, &b),
                _ => !strict_eq(&a, &b),
            })
        }
        Op::Lt | Op::Le | Op::Gt | Op::Ge => {
            let (a, b) = (arg(args, 0, s)?, arg(args, 1, s)?);
            let eq = matches!(op, Op::Le | Op::Ge);
            boolean(match op {
                Op::Lt | Op::Le if args.len() >= 3 => {
                    less(&a, &b, eq) && less(&b, &*arg(args, 2, s)?, eq)
                }
                Op::Lt | Op::Le => less(&a, &b, eq),
                _ => less(&b, &a, eq),
            })
        }
        Op::Max | Op::Min | Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Mod => {
            arithmetic(op, args, s)
        }
        Op::Map | Op::Filter | Op::Reduce | Op::All | Op::None | Op::Some => iterate(op, args, s),
        Op::Merge => {
            let mut out = Vec::new();
            for a in args {
                match a.eval(s)?.into_owned() {
                    Value::Array(items) => out.extend(items),
                    other => out.push(other),
                }
            }
            owned(Value::Array(out))
        }
        Op::In => {
            let (a, b) = (arg(args, 0, s)?, arg(args, 1, s)?);
            boolean(match &*b {
                Value::String(hay) => hay.contains(&*js_string(&a)),
                Value::Array(items) => items.iter().any(|x| strict_eq(x, &a)),
                _ => false,
            })
        }
        Op::Cat => {
            let mut out = String::new();
            for a in args {
                out.push_str(&js_string(&*a.eval(s)?));
            }
            owned(Value::String(out))
        }
        Op::Substr => substr(args, s),
        Op::Missing | Op::MissingSome => missing(op, args, s),
        Op::StartsWith | Op::EndsWith | Op::SemVer => custom::string_op(op, args, s),
    }
}

fn arithmetic<'a>(op: Op, args: &'a [Node], s: Scope<'a>) -> Out<'a> {
    let mut vals = Vec::with_capacity(args.len());
    for a in args {
        vals.push(a.eval(s)?);
    }
    let n = |i: usize| vals.get(i).map_or(f64::NAN, |v| to_number(v));
    let r = match op {
        Op::Max | Op::Min if vals.is_empty() => return owned(Value::Null),
        Op::Max => vals
            .iter()
            .map(|v| to_number(v))
            .fold(f64::NEG_INFINITY, |m, x| {
                if x.is_nan() || m.is_nan() {
                    f64::NAN
                } else {
                    m.max(x)
                }
            }),
        Op::Min => vals
            .iter()
            .map(|v| to_number(v))
            .fold(f64::INFINITY, |m, x| {
                if x.is_nan() || m.is_nan() {
                    f64::NAN
                } else {
                    m.min(x)
                }
            }),
        Op::Add => vals.iter().map(|v| parse_float(v)).sum(),
        Op::Mul if vals.is_empty() => return owned(Value::Null),
        Op::Mul => vals.iter().map(|v| parse_float(v)).product(),
        Op::Sub if vals.len() == 1 => -n(0),
        Op::Sub => n(0) - n(1),
        Op::Div => n(0) / n(1),
        _ => n(0) % n(1),
    };
    owned(num(r))
}

fn iterate<'a>(op: Op, args: &'a [Node], s: Scope<'a>) -> Out<'a> {
    let data = arg(args, 0, s)?;
    let logic = args.get(1);
    let Value::Array(items) = &*data else {
        return match op {
            Op::Map | Op::Filter => owned(Value::Array(Vec::new())),
            Op::Reduce => arg(args, 2, s),
            Op::None => boolean(true),
            _ => boolean(false),
        };
    };
    let apply = |item: &Value| -> Result<Value, Abort> {
        match logic {
            Some(l) => l
                .eval(Scope {
                    env: s.env,
                    data: Some(item),
                })
                .map(Cow::into_owned),
            None => Ok(Value::Null),
        }
    };
    match op {
        Op::Map => owned(Value::Array(
            items.iter().map(apply).collect::<Result<_, _>>()?,
        )),
        Op::Filter => {
            let mut out = Vec::new();
            for item in items {
                if truthy(&apply(item)?) {
                    out.push(item.clone());
                }
            }
            owned(Value::Array(out))
        }
        Op::Reduce => {
            let mut acc = arg(args, 2, s)?.into_owned();
            for item in items {
                let mut m = Map::new();
                m.insert("current".into(), item.clone());
                m.insert("accumulator".into(), acc);
                acc = apply(&Value::Object(m))?;
            }
            owned(acc)
        }
        Op::All => {
            for item in items {
                if !truthy(&apply(item)?) {
                    return boolean(false);
                }
            }
            boolean(!items.is_empty())
        }
        _ => {
            let mut any = false;
            for item in items {
                if truthy(&apply(item)?) {
                    any = true;
                    break;
                }
            }
            boolean(if op == Op::Some { any } else { !any })
        }
    }
}

fn substr<'a>(args: &'a [Node], s: Scope<'a>) -> Out<'a> {
    let src = arg(args, 0, s)?;
    let chars: Vec<char> = js_string(&src).chars().collect();
    let len = chars.len() as f64;
    let start = to_number(&*arg(args, 1, s)?);
    let start = if start.is_nan() { 0.0 } else { start.trunc() };
    let from = if start < 0.0 {
        (len + start).max(0.0)
    } else {
        start.min(len)
    } as usize;
    let to = match args.get(2) {
        None => chars.len(),
        Some(n) => {
            let l = to_number(&*n.eval(s)?);
            let l = if l.is_nan() { 0.0 } else { l.trunc() };
            let rest = (chars.len() - from) as f64;
            from + if l < 0.0 {
                (rest + l).max(0.0)
            } else {
                l.min(rest)
            } as usize
        }
    };
    owned(Value::String(chars[from..to].iter().collect()))
}

fn missing<'a>(op: Op, args: &'a [Node], s: Scope<'a>) -> Out<'a> {
    let (need, keys) = if op == Op::MissingSome {
        (
            Some(to_number(&*arg(args, 0, s)?)),
            arg(args, 1, s)?.into_owned(),
        )
    } else {
        let first = arg(args, 0, s)?;
        if first.is_array() {
            (None, first.into_owned())
        } else {
            let all = args.iter().map(|a| a.eval(s).map(Cow::into_owned));
            (None, Value::Array(all.collect::<Result<_, _>>()?))
        }
    };
    let keys = match keys {
        Value::Array(k) => k,
        other => vec![other],
    };
    let mut out = Vec::new();
    for key in &keys {
        let found = lookup(s, &segments(&js_string(key)));
        if found.is_none_or(|v| v.is_null() || v.as_str() == Some("")) {
            out.push(key.clone());
        }
    }
    if let Some(need) = need {
        if (keys.len() - out.len()) as f64 >= need {
            out.clear();
        }
    }
    owned(Value::Array(out))
}
