//! In-process evaluation speed of one flag, on one thread: the Rust side of scripts/bench-flags,
//! built to match tests/clients/bench_flagd_core.mjs (npm's @openfeature/flagd-core) so that
//! the two evaluate the same flag over the same contexts.
//!
//! usage: flags_eval --flags FLAGD.json --flag KEY [--contexts N] [--evaluations M] [--warmup W]
//!          [--prefix user-] [--mods 5,7,3] [--fractional v1|v2] [--dump N]
//!
//! Context i (0 <= i < N): {targetingKey: PREFIX+i, version: "i%a.i%b.i%c"} with mods a,b,c.
//! The flag is read as a string (`evaluate_as::<String>`, default ""), as an SDK reads it.
//! Evaluations go round-robin over the contexts (M in all, after W warm-up ones); prints one
//! JSON line {"evaluations","seconds","per_second","variants_over_contexts",...}. With --dump N,
//! prints one JSON line per context 0..N-1 {"i","targetingKey","version","value","variant",
//! "reason","errorCode"} (the Node script's fields) and does no timing.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use etcdkit::flags::{
    validate_document, Context, Evaluator, EvaluatorOptions, FractionalVersion, Resolution,
};
use serde_json::{json, Value};

struct Options {
    flags: String,
    flag: String,
    contexts: usize,
    evaluations: u64,
    warmup: Option<u64>,
    prefix: String,
    mods: [usize; 3],
    fractional: FractionalVersion,
    dump: Option<usize>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut o = Options {
        flags: String::new(),
        flag: String::new(),
        contexts: 10_000,
        evaluations: 1_000_000,
        warmup: None,
        prefix: "user-".into(),
        mods: [5, 7, 3],
        fractional: FractionalVersion::V2,
        dump: None,
    };
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        let number = |v: String| v.parse().map_err(|_| format!("{a}: not a number: {v}"));
        match a.as_str() {
            "--flags" => o.flags = value()?,
            "--flag" => o.flag = value()?,
            "--contexts" => o.contexts = number(value()?)? as usize,
            "--evaluations" => o.evaluations = number(value()?)?,
            "--warmup" => o.warmup = Some(number(value()?)?),
            "--prefix" => o.prefix = value()?,
            "--mods" => {
                let v = value()?;
                let m: Vec<usize> = v.split(',').filter_map(|m| m.parse().ok()).collect();
                o.mods = match m[..] {
                    [a, b, c] if a > 0 && b > 0 && c > 0 => [a, b, c],
                    _ => return Err(format!("--mods: three whole numbers above 0, not {v}")),
                };
            }
            "--fractional" => {
                o.fractional = match value()?.as_str() {
                    "v1" => FractionalVersion::V1,
                    "v2" => FractionalVersion::V2,
                    v => return Err(format!("--fractional: v1 or v2, not {v}")),
                }
            }
            "--dump" => o.dump = Some(number(value()?)? as usize),
            // `cargo bench` passes --bench to a bench target without a harness.
            "--bench" => {}
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    if o.flags.is_empty() || o.flag.is_empty() {
        return Err("--flags FILE and --flag KEY are required".into());
    }
    if o.contexts == 0 {
        return Err("--contexts: at least 1".into());
    }
    Ok(o)
}

fn context(o: &Options, i: usize) -> Context {
    let [a, b, c] = o.mods;
    let mut ctx = Context::new();
    ctx.insert("targetingKey".into(), format!("{}{i}", o.prefix).into());
    ctx.insert(
        "version".into(),
        format!("{}.{}.{}", i % a, i % b, i % c).into(),
    );
    ctx
}

fn evaluate(ev: &Evaluator, key: &str, ctx: &Context) -> Resolution<String> {
    ev.evaluate_as::<String>(key, ctx, String::new())
}

fn run(o: &Options) -> Result<(), String> {
    let text = std::fs::read_to_string(&o.flags).map_err(|e| format!("{}: {e}", o.flags))?;
    let doc: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", o.flags))?;
    let set = validate_document(&doc).map_err(|f| format!("{}: {f}", o.flags))?;
    let options = EvaluatorOptions {
        fractional: o.fractional,
    };
    let ev = Evaluator::new(&set, options);
    if !ev.keys().any(|k| k == o.flag) {
        return Err(format!("flag {} not in {}", o.flag, o.flags));
    }
    let key = o.flag.as_str();

    if let Some(n) = o.dump {
        for i in 0..n {
            let ctx = context(o, i);
            let r = evaluate(&ev, key, &ctx);
            let line = json!({"i": i, "targetingKey": ctx["targetingKey"], "version": ctx["version"],
                "value": r.value, "variant": r.variant, "reason": r.reason, "errorCode": r.error_code});
            println!("{line}");
        }
        return Ok(());
    }

    let contexts: Vec<Context> = (0..o.contexts).map(|i| context(o, i)).collect();
    let round_robin = |n: u64| {
        let mut sink = 0usize;
        let mut j = 0;
        for _ in 0..n {
            let r = evaluate(&ev, key, black_box(&contexts[j]));
            sink += r.variant.as_ref().map_or(0, String::len);
            black_box(r);
            j += 1;
            if j == contexts.len() {
                j = 0;
            }
        }
        sink
    };
    let warmup = o
        .warmup
        .unwrap_or((o.evaluations / 5).clamp(1_000, 200_000));
    black_box(round_robin(warmup));
    let start = Instant::now();
    let sink = black_box(round_robin(o.evaluations));
    let seconds = start.elapsed().as_secs_f64();

    let mut counts = BTreeMap::<String, usize>::new();
    for ctx in &contexts {
        let variant = evaluate(&ev, key, ctx).variant;
        *counts
            .entry(variant.unwrap_or_else(|| "null".into()))
            .or_default() += 1;
    }
    let line = json!({"evaluations": o.evaluations, "seconds": seconds,
        "per_second": o.evaluations as f64 / seconds, "flag": key, "contexts": o.contexts,
        "variants_over_contexts": counts, "engine": format!("etcdkit {}", env!("CARGO_PKG_VERSION")),
        "sink": sink > 0});
    println!("{line}");
    Ok(())
}

fn main() -> ExitCode {
    let result = parse(std::env::args().skip(1)).and_then(|o| run(&o));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("flags_eval: {e}");
            ExitCode::from(2)
        }
    }
}
