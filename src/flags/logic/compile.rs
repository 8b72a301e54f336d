//! Compilation of JSON Logic into nodes: operation lookup, `$ref` inlining, constant folding.

use serde_json::{Map, Value};

use super::eval::{Env, Scope};
use super::{
    custom, Fault, Fractional, FractionalVersion, Node, Op, Seg, SemVerConst, Var, VarPath,
    MAX_DEPTH,
};

pub(crate) struct Compiler<'e> {
    evaluators: &'e Map<String, Value>,
    fractional: FractionalVersion,
    path: String,
    refs: Vec<String>,
    depth: usize,
    pub(crate) uses_flagd: bool,
}

/// Splits a `var` path as JSON Logic does (`String(path).split(".")`).
pub(crate) fn segments(path: &str) -> Vec<Seg> {
    path.split('.')
        .map(|s| Seg {
            key: s.to_owned(),
            index: s.parse().ok(),
        })
        .collect()
}

impl<'e> Compiler<'e> {
    pub(crate) fn new(
        path: &str,
        evaluators: &'e Map<String, Value>,
        fractional: FractionalVersion,
    ) -> Self {
        Self {
            evaluators,
            fractional,
            path: path.to_owned(),
            refs: Vec::new(),
            depth: 0,
            uses_flagd: false,
        }
    }

    fn fault(&self, message: impl Into<String>) -> Fault {
        Fault::new(self.path.clone(), message)
    }

    /// Compiles `v` with `seg` appended to the path.
    fn at(&mut self, seg: &str, v: &Value) -> Result<Node, Fault> {
        let len = self.path.len();
        self.path.push_str(seg);
        let r = self.node(v);
        self.path.truncate(len);
        r
    }

    pub(crate) fn node(&mut self, v: &Value) -> Result<Node, Fault> {
        if self.depth >= MAX_DEPTH {
            return Err(self.fault(format!("rule nested deeper than {MAX_DEPTH} levels")));
        }
        self.depth += 1;
        let r = self.node_inner(v);
        self.depth -= 1;
        r
    }

    fn node_inner(&mut self, v: &Value) -> Result<Node, Fault> {
        match v {
            Value::Array(items) => {
                let nodes = items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| self.at(&format!("[{i}]"), x))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(fold_array(nodes))
            }
            Value::Object(map) if map.is_empty() => Ok(Node::Const(v.clone())),
            Value::Object(map) => {
                let mut it = map.iter();
                let (name, arg) = match (it.next(), it.next()) {
                    (Some(kv), None) => kv,
                    _ => {
                        let keys: Vec<&str> = map.keys().map(String::as_str).collect();
                        return Err(self.fault(format!(
                            "an operation object must have exactly one key, found {}",
                            keys.join(", ")
                        )));
                    }
                };
                self.operation(name, arg)
            }
            _ => Ok(Node::Const(v.clone())),
        }
    }

    fn operation(&mut self, name: &str, arg: &Value) -> Result<Node, Fault> {
        match name {
            "$ref" => return self.reference(arg),
            "var" => return self.var(arg),
            _ => {}
        }
        let base = format!(".{name}");
        let args: Vec<Node> = match arg {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, x)| self.at(&format!("{base}[{i}]"), x))
                .collect::<Result<_, _>>()?,
            other => vec![self.at(&base, other)?],
        };
        if name == "fractional" {
            return Ok(self.fractional(args));
        }
        let op = Op::from_name(name)
            .ok_or_else(|| self.fault(format!("unknown operation \"{name}\"")))?;
        if op == Op::SemVer {
            if let Some(node) = sem_ver_const(&args) {
                return Ok(node);
            }
        }
        let node = Node::Op(op, args);
        Ok(if op.is_pure() { fold(node) } else { node })
    }

    fn reference(&mut self, arg: &Value) -> Result<Node, Fault> {
        let Some(name) = arg.as_str() else {
            return Err(self.fault("\"$ref\" must name an evaluator (a string)"));
        };
        let Some(rule) = self.evaluators.get(name) else {
            return Err(self.fault(format!(
                "\"$ref\" names no evaluator in $evaluators: \"{name}\""
            )));
        };
        if self.refs.iter().any(|r| r == name) {
            return Err(self.fault(format!(
                "\"$ref\" cycle: {} -> {name}",
                self.refs.join(" -> ")
            )));
        }
        self.refs.push(name.to_owned());
        let saved = std::mem::replace(&mut self.path, format!("$evaluators.{name}"));
        let r = self.node(rule);
        self.path = saved;
        self.refs.pop();
        r
    }

    fn var(&mut self, arg: &Value) -> Result<Node, Fault> {
        let (path, default) = match arg {
            Value::Array(items) => (items.first(), items.get(1)),
            other => (Some(other), None),
        };
        let path = match path {
            None | Some(Value::Null) => VarPath::Whole,
            Some(Value::String(s)) if s.is_empty() => VarPath::Whole,
            Some(p @ (Value::String(_) | Value::Number(_) | Value::Bool(_))) => {
                VarPath::Static(segments(&super::value::js_string(p)))
            }
            Some(p) => match self.at(".var[0]", p)? {
                Node::Const(c) => VarPath::Static(segments(&super::value::js_string(&c))),
                n => VarPath::Dynamic(n),
            },
        };
        match &path {
            VarPath::Static(segs) if segs[0].key != "$flagd" => {}
            _ => self.uses_flagd = true,
        }
        let default = default.map(|d| self.at(".var[1]", d)).transpose()?;
        Ok(Node::Var(Box::new(Var { path, default })))
    }

    fn fractional(&mut self, args: Vec<Node>) -> Node {
        // With a constant first bucket there is no bucketing expression: the distribution is fixed.
        let fixed = match args.first() {
            Some(Node::Const(Value::Array(_)))
                if args.iter().all(|a| matches!(a, Node::Const(_))) =>
            {
                let values = args.iter().filter_map(|a| match a {
                    Node::Const(v) => Some(v),
                    _ => None,
                });
                Some(custom::Dist::parse(values, self.fractional).map_err(|_| ()))
            }
            _ => None,
        };
        Node::Fractional(Box::new(Fractional {
            version: self.fractional,
            args,
            fixed,
        }))
    }
}

fn fold_array(nodes: Vec<Node>) -> Node {
    if nodes.iter().all(|n| matches!(n, Node::Const(_))) {
        Node::Const(Value::Array(
            nodes
                .into_iter()
                .map(|n| match n {
                    Node::Const(v) => v,
                    _ => Value::Null,
                })
                .collect(),
        ))
    } else {
        Node::Array(nodes)
    }
}

/// `sem_ver` whose operator and version are constants (the usual rule: `[{"var": "version"},
/// ">=", "2.0.0"]`), with the version parsed once; `None` for any other shape, which is
/// evaluated (and fails, where it must) as written.
fn sem_ver_const(args: &[Node]) -> Option<Node> {
    let [actual, Node::Const(Value::String(op)), Node::Const(target)] = args else {
        return None;
    };
    let target = custom::version_text(target)?;
    Some(Node::SemVer(Box::new(SemVerConst {
        actual: actual.clone(),
        op: crate::flags::semver::SemverOp::parse(op)?,
        target: crate::flags::semver::OwnedVersion::parse(&target)?,
    })))
}

/// Replaces a pure operation over constants by its value (kept as is if it fails).
fn fold(node: Node) -> Node {
    let Node::Op(_, args) = &node else {
        return node;
    };
    if !args.iter().all(|a| matches!(a, Node::Const(_))) {
        return node;
    }
    let ctx = Map::new();
    let env = Env {
        ctx: &ctx,
        flag_key: "",
        timestamp: 0,
    };
    let folded = node.eval(Scope::root(&env)).map(|v| v.into_owned());
    match folded {
        Ok(v) => Node::Const(v),
        Err(_) => node,
    }
}
