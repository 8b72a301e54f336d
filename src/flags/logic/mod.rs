//! JSON Logic compiled once to a tree of nodes, then evaluated many times against contexts.

mod compile;
mod custom;
mod eval;
mod value;

#[cfg(test)]
mod tests;

use serde_json::{Map, Value};

use super::fault::Fault;
pub(crate) use eval::Env;

/// JavaScript's `String(v)` of a JSON value (how a number or boolean result names a variant).
pub(crate) fn js_text(v: &Value) -> std::borrow::Cow<'_, str> {
    value::js_string(v)
}

/// Deepest nesting of operations a rule may have (also bounds evaluation recursion).
pub const MAX_DEPTH: usize = 64;

/// Which bucketing algorithm `fractional` uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FractionalVersion {
    /// flagd's legacy float bucketing: `abs(int32(hash)) / MaxInt32 * 100` against cumulative
    /// percentages.
    V1,
    /// flagd's current integer bucketing: `(u64(hash) * totalWeight) >> 32`.
    #[default]
    V2,
}

/// A compiled targeting rule.
#[derive(Debug, Clone)]
pub struct Rule {
    root: Node,
    uses_flagd: bool,
}

impl Rule {
    /// Compiles `rule`; `path` names its location for faults (e.g. `flags.f.targeting`);
    /// `{"$ref": NAME}` is resolved against `evaluators` (cycles refused).
    pub fn compile(
        rule: &Value,
        path: &str,
        evaluators: &Map<String, Value>,
        fractional: FractionalVersion,
    ) -> Result<Self, Fault> {
        let mut c = compile::Compiler::new(path, evaluators, fractional);
        let root = c.node(rule)?;
        Ok(Self {
            root,
            uses_flagd: c.uses_flagd,
        })
    }

    /// Whether the rule may read `$flagd.timestamp` (so the clock is only read when needed).
    pub fn uses_flagd(&self) -> bool {
        self.uses_flagd
    }

    /// Evaluates against `ctx` as flag `flag_key` at unix time `timestamp`; `None` when a custom
    /// operation failed (flagd: the rule yields null, so the default variant applies).
    pub fn apply(&self, ctx: &Map<String, Value>, flag_key: &str, timestamp: i64) -> Option<Value> {
        let env = Env {
            ctx,
            flag_key,
            timestamp,
        };
        self.root
            .eval(eval::Scope::root(&env))
            .ok()
            .map(|v| v.into_owned())
    }

    /// Like [`Rule::apply`], handing the result to `f` without copying it out.
    pub(crate) fn with_result<R>(&self, env: &Env<'_>, f: impl FnOnce(Option<&Value>) -> R) -> R {
        match self.root.eval(eval::Scope::root(env)) {
            Ok(v) => f(Some(&v)),
            Err(_) => f(None),
        }
    }
}

/// The operations with argument lists evaluated by `eval.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Missing,
    MissingSome,
    If,
    Eq,
    StrictEq,
    Ne,
    StrictNe,
    Not,
    NotNot,
    Or,
    And,
    Lt,
    Le,
    Gt,
    Ge,
    Max,
    Min,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Map,
    Filter,
    Reduce,
    All,
    None,
    Some,
    Merge,
    In,
    Cat,
    Substr,
    StartsWith,
    EndsWith,
    SemVer,
}

impl Op {
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        use Op::*;
        Option::Some(match name {
            "missing" => Missing,
            "missing_some" => MissingSome,
            "if" | "?:" => If,
            "==" => Eq,
            "===" => StrictEq,
            "!=" => Ne,
            "!==" => StrictNe,
            "!" => Not,
            "!!" => NotNot,
            "or" => Or,
            "and" => And,
            "<" => Lt,
            "<=" => Le,
            ">" => Gt,
            ">=" => Ge,
            "max" => Max,
            "min" => Min,
            "+" => Add,
            "-" => Sub,
            "*" => Mul,
            "/" => Div,
            "%" => Mod,
            "map" => Map,
            "filter" => Filter,
            "reduce" => Reduce,
            "all" => All,
            "none" => None,
            "some" => Some,
            "merge" => Merge,
            "in" => In,
            "cat" => Cat,
            "substr" => Substr,
            "starts_with" => StartsWith,
            "ends_with" => EndsWith,
            "sem_ver" => SemVer,
            _ => return Option::None,
        })
    }

    /// Whether the result depends only on the arguments (so constant arguments fold).
    pub(crate) fn is_pure(self) -> bool {
        !matches!(
            self,
            Op::Missing
                | Op::MissingSome
                | Op::Map
                | Op::Filter
                | Op::Reduce
                | Op::All
                | Op::None
                | Op::Some
        )
    }
}

/// One segment of a `var` path, with its array index pre-parsed.
#[derive(Debug, Clone)]
pub(crate) struct Seg {
    key: String,
    index: Option<usize>,
}

/// Where a `var` looks.
#[derive(Debug, Clone)]
pub(crate) enum VarPath {
    /// The whole data object.
    Whole,
    /// A dotted path known at compile time.
    Static(Vec<Seg>),
    /// A path computed at evaluation time.
    Dynamic(Node),
}

/// The `var` operation.
#[derive(Debug, Clone)]
pub(crate) struct Var {
    path: VarPath,
    default: Option<Node>,
}

/// The `fractional` operation.
#[derive(Debug, Clone)]
pub(crate) struct Fractional {
    version: FractionalVersion,
    args: Vec<Node>,
    /// The distribution when every bucket is constant and no bucketing expression is given.
    fixed: Option<Result<custom::Dist, ()>>,
}

/// A compiled JSON Logic node.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    Const(Value),
    Array(Vec<Node>),
    Var(Box<Var>),
    Op(Op, Vec<Node>),
    Fractional(Box<Fractional>),
    /// `sem_ver` against a constant operator and version, parsed once.
    SemVer(Box<SemVerConst>),
}

/// `{"sem_ver": [ACTUAL, OP, VERSION]}` with OP and VERSION constants.
#[derive(Debug, Clone)]
pub(crate) struct SemVerConst {
    pub(crate) actual: Node,
    pub(crate) op: crate::flags::semver::SemverOp,
    pub(crate) target: crate::flags::semver::OwnedVersion,
}
