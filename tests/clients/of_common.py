"""Shared by ofrep_eval.py and flagd_inprocess.py: flag specs, context, evaluation, one JSON line per result."""

import argparse
import json
import logging
import sys
import time

from openfeature.evaluation_context import EvaluationContext

TYPES = ("bool", "string", "int", "float", "object")


def parse_default(type_, text):
    if type_ == "bool":
        if text.lower() not in ("true", "false"):
            raise ValueError(f"bool default must be true or false, not {text!r}")
        return text.lower() == "true"
    if type_ == "int":
        return int(text)
    if type_ == "float":
        return float(text)
    if type_ == "object":
        return json.loads(text)
    return text


def parse_flag(spec):
    """KEY:TYPE:DEFAULT (the default may itself hold ':'); TYPE is bool|string|int|float|object."""
    parts = spec.split(":", 2)
    if len(parts) != 3 or parts[1] not in TYPES:
        raise argparse.ArgumentTypeError(f"flag {spec!r}: expected KEY:TYPE:DEFAULT with TYPE in {'|'.join(TYPES)}")
    key, type_, default = parts
    try:
        return key, type_, parse_default(type_, default)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"flag {spec!r}: {e}") from e


def parse_context(text):
    """A JSON object; its targetingKey becomes the context's targeting key, the rest its attributes."""
    if not text:
        return EvaluationContext()
    obj = json.loads(text)
    if not isinstance(obj, dict):
        raise argparse.ArgumentTypeError("--context must be a JSON object")
    key = obj.pop("targetingKey", None)
    return EvaluationContext(targeting_key=key, attributes=obj)


def add_common_args(parser):
    parser.add_argument("flags", nargs="+", type=parse_flag, metavar="KEY:TYPE:DEFAULT")
    parser.add_argument("--context", type=parse_context, default=EvaluationContext(), metavar="JSON",
                        help='evaluation context as a JSON object, e.g. {"targetingKey":"user-1","email":"a@b.c"}')
    parser.add_argument("--watch-until", metavar="KEY=VALUE",
                        help="re-evaluate until flag KEY has VALUE (JSON text, or the plain string); then print "
                             "the results of all flags and exit 0; exit 3 on timeout. The first result is "
                             "printed on stderr as 'watching: JSON' (a caller may change the flag after it)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds for --watch-until (default 10)")
    parser.add_argument("--interval", type=float, default=0.02, help="seconds between --watch-until tries")
    parser.add_argument("-v", "--verbose", action="store_true", help="let the SDK log (tracebacks of failed evaluations)")


def quiet_sdk(args):
    """The SDK logs a traceback for every failed evaluation; the JSON lines already carry the error."""
    if not args.verbose:
        logging.getLogger("openfeature").setLevel(logging.CRITICAL)


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def evaluate(client, key, type_, default, context):
    get = {
        "bool": client.get_boolean_details,
        "string": client.get_string_details,
        "int": client.get_integer_details,
        "float": client.get_float_details,
        "object": client.get_object_details,
    }[type_]
    d = get(key, default, context)
    reason = d.reason.value if hasattr(d.reason, "value") else d.reason
    code = d.error_code.value if hasattr(d.error_code, "value") else d.error_code
    return {
        "key": key,
        "value": _plain(d.value),
        "variant": d.variant,
        "reason": reason,
        "error_code": code,
        "error_message": d.error_message,
        "flag_metadata": _plain(dict(d.flag_metadata or {})),
    }


def _matches(value, wanted):
    if json.dumps(value, sort_keys=True) == wanted or (isinstance(value, str) and value == wanted):
        return True
    try:
        return json.dumps(json.loads(wanted), sort_keys=True) == json.dumps(value, sort_keys=True)
    except ValueError:
        return False


def run(client, args):
    """Prints one JSON line per flag. With --watch-until, polls first (bounded by --timeout)."""
    if args.watch_until:
        if "=" not in args.watch_until:
            print("--watch-until wants KEY=VALUE", file=sys.stderr)
            return 2
        wkey, wanted = args.watch_until.split("=", 1)
        spec = next((f for f in args.flags if f[0] == wkey), None)
        if spec is None:
            print(f"--watch-until: {wkey} is not among the flags evaluated", file=sys.stderr)
            return 2
        deadline = time.monotonic() + args.timeout
        first = True
        while True:
            result = evaluate(client, *spec, args.context)
            if first:
                print(f"watching: {json.dumps(result, sort_keys=True)}", file=sys.stderr, flush=True)
                first = False
            if _matches(result["value"], wanted):
                break
            if time.monotonic() >= deadline:
                print(json.dumps(result, sort_keys=True))
                print(f"timeout: {wkey} is {json.dumps(result['value'])} after {args.timeout}s, "
                      f"wanted {wanted}", file=sys.stderr)
                return 3
            time.sleep(args.interval)
    for key, type_, default in args.flags:
        print(json.dumps(evaluate(client, key, type_, default, args.context), sort_keys=True), flush=True)
    return 0
