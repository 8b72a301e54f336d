#!/usr/bin/env node
// Evaluate one flag with npm's @openfeature/flagd-core over generated contexts; print speed as JSON.
//
// usage: node bench_flagd_core.mjs --flags FLAGD.json --flag KEY [--type boolean|string|number|object (bool,int,float too)]
//          [--default JSON] [--contexts N] [--evaluations M] [--warmup W] [--prefix user-] [--mods 5,7,3]
//          [--base-context JSON] [--dump N] [--interpreter]
//
// Context i (0 <= i < N): {...base, targetingKey: `${prefix}${i}`, version: `${i%a}.${i%b}.${i%c}`} with
// mods a,b,c (default 5,7,3). Evaluations go round-robin over the contexts (M in all, after W warm-up ones).
// Prints {"evaluations","seconds","per_second",...} on one line; with --dump N, first prints one JSON line per
// context 0..N-1: {"i","targetingKey","version","value","variant","reason","errorCode"} and does no timing.
// Packages are taken from $FLAGS_NODE_DIR, else the repo's .tools/node-flags (two levels up from this file), else
// ./node beside this file: whichever holds node_modules/@openfeature/flagd-core.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const candidates = [process.env.FLAGS_NODE_DIR, path.join(here, '..', '..', '.tools', 'node-flags'), path.join(here, 'node')];
const nodeDir = candidates.find((d) => d && existsSync(path.join(d, 'node_modules', '@openfeature', 'flagd-core')));
if (!nodeDir) {
  console.error(`bench_flagd_core: @openfeature/flagd-core not installed in any of ${candidates.filter(Boolean).join(', ')}`);
  process.exit(2);
}
const require = createRequire(path.join(nodeDir, 'package.json'));
const { FlagdCore } = await import(require.resolve('@openfeature/flagd-core'));
const coreVersion = JSON.parse(readFileSync(require.resolve('@openfeature/flagd-core/package.json'), 'utf8')).version;

function parseArgs(argv) {
  const o = { type: 'string', contexts: 10000, evaluations: 1000000, warmup: null, prefix: 'user-', mods: '5,7,3',
    baseContext: '{}', dump: null, interpreter: false, default: null, flags: null, flag: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => { if (i + 1 >= argv.length) throw new Error(`${a} needs a value`); return argv[++i]; };
    switch (a) {
      case '--flags': o.flags = next(); break;
      case '--flag': o.flag = next(); break;
      case '--type': o.type = next(); break;
      case '--default': o.default = JSON.parse(next()); break;
      case '--contexts': o.contexts = Number(next()); break;
      case '--evaluations': o.evaluations = Number(next()); break;
      case '--warmup': o.warmup = Number(next()); break;
      case '--prefix': o.prefix = next(); break;
      case '--mods': o.mods = next(); break;
      case '--base-context': o.baseContext = next(); break;
      case '--dump': o.dump = Number(next()); break;
      case '--interpreter': o.interpreter = true; break;
      case '-h': case '--help':
        console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter(l => l.startsWith('//')).map(l => l.slice(3)).join('\n'));
        process.exit(0);
      default: throw new Error(`unknown argument ${a}`);
    }
  }
  if (!o.flags || !o.flag) throw new Error('--flags FILE and --flag KEY are required');
  o.type = { bool: 'boolean', int: 'number', float: 'number' }[o.type] ?? o.type;
  if (!['boolean', 'string', 'number', 'object'].includes(o.type)) throw new Error('--type: boolean|string|number|object');
  return o;
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error(`bench_flagd_core: ${e.message}`);
  process.exit(2);
}
const defaults = { boolean: false, string: '', number: 0, object: {} };
const defaultValue = opts.default ?? defaults[opts.type];
const [ma, mb, mc] = opts.mods.split(',').map(Number);
const base = JSON.parse(opts.baseContext);

function makeContext(i) {
  return { ...base, targetingKey: `${opts.prefix}${i}`, version: `${i % ma}.${i % mb}.${i % mc}` };
}

const silent = { error() {}, warn() {}, info() {}, debug() {} };
const core = new FlagdCore(undefined, silent, { disableDynamicCodeGeneration: opts.interpreter });
core.setConfigurations(readFileSync(opts.flags, 'utf8'));
if (!core.getFlag(opts.flag)) {
  console.error(`bench_flagd_core: flag ${opts.flag} not in ${opts.flags}`);
  process.exit(2);
}

const evaluate = (ctx) => core.resolve(opts.type, opts.flag, defaultValue, ctx, silent);

if (opts.dump !== null) {
  const lines = [];
  for (let i = 0; i < opts.dump; i++) {
    const ctx = makeContext(i);
    const r = evaluate(ctx);
    lines.push(JSON.stringify({ i, targetingKey: ctx.targetingKey, version: ctx.version, value: r.value,
      variant: r.variant ?? null, reason: r.reason, errorCode: r.errorCode ?? null }) + '\n');
  }
  // Writes to a pipe are asynchronous: exit only once they are out, or the tail is lost.
  process.stdout.write(lines.join(''), () => process.exit(0));
  await new Promise(() => {});
}

const contexts = Array.from({ length: opts.contexts }, (_, i) => makeContext(i));
let sink = 0; // keeps the results alive; cheaper than tallying inside the timed loop
function run(n) {
  const len = contexts.length;
  let j = 0;
  for (let k = 0; k < n; k++) {
    const r = evaluate(contexts[j]);
    sink += r.reason.length;
    if (++j === len) j = 0;
  }
}
run(opts.warmup ?? Math.min(200000, Math.max(1000, Math.floor(opts.evaluations / 5))));
const t0 = process.hrtime.bigint();
run(opts.evaluations);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
// the answers over the N contexts (untimed), to compare shares with the Rust side
const counts = {};
for (const ctx of contexts) {
  const v = String(evaluate(ctx).variant ?? null);
  counts[v] = (counts[v] || 0) + 1;
}
console.log(JSON.stringify({
  evaluations: opts.evaluations, seconds, per_second: opts.evaluations / seconds,
  flag: opts.flag, contexts: opts.contexts, variants_over_contexts: counts,
  engine: `@openfeature/flagd-core ${coreVersion}${opts.interpreter ? ' (interpreter)' : ''}`, node: process.version,
  sink: sink > 0,
}));
