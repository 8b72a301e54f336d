//! `etcdkit help flags-format`: flagd's flag definition format and the targeting operations, as
//! etcdkit validates and evaluates them.

/// The text of `etcdkit help flags-format` (and man page etcdkit-flags-format(5)).
pub const FORMAT_REFERENCE: &str = r##"The flag format: flagd's, the format of OpenFeature's reference flag daemon.

`etcdkit flags set KEY --file FLAG.json` takes one flag object; `etcdkit flags import FILE` and
`etcdkit flags export` take and give a whole flag set, exactly as flagd's files hold it, so a
file works with flagd, with OpenFeature's flagd providers and with etcdkit alike.

A flag:

  {
    "state": "ENABLED",
    "variants": {"red": "#c00", "blue": "#00c", "green": "#0c0"},
    "defaultVariant": "red",
    "targeting": {
      "if": [
        {"ends_with": [{"var": "email"}, "@example.com"]}, "green",
        {"sem_ver": [{"var": "version"}, ">=", "2.0.0"]},
        {"fractional": [["red", 50], ["blue", 50]]},
        null
      ]
    },
    "metadata": {"owner": "web-team"}
  }

  state           ENABLED or DISABLED. A disabled flag evaluates to the caller's default, with
                  reason DISABLED (OFREP, which has no caller's default, serves defaultVariant).
  variants        name -> value; all values of one type: all booleans, all strings, all
                  numbers, or all objects.
  defaultVariant  one of the variants, served when there is no targeting (reason STATIC) or
                  it picks none (DEFAULT); null or absent: the caller's default.
  targeting       a JSON Logic rule whose result names a variant (a boolean or number result
                  names it by its JSON text: true picks the variant "true"); null picks the
                  default. Absent, null or {}: no targeting.
  metadata        name -> string, number or boolean, reported with every evaluation (merged
                  over the flag set's metadata).

A flag set (the file `flags import` reads and `flags export` writes):

  {
    "$schema": "https://flagd.dev/schema/v0/flags.json",
    "flags": {"new-checkout": {...}, "banner-color": {...}},
    "$evaluators": {"staff": {"ends_with": [{"var": "email"}, "@example.com"]}},
    "metadata": {"flagSetId": "shop"}
  }

  $evaluators     shared rules; a flag's targeting uses one as {"$ref": "staff"}.
  metadata        the set's metadata, merged under each flag's.

The evaluation context is the caller's (targetingKey and any attributes) plus
{"$flagd": {"flagKey": KEY, "timestamp": UNIX-SECONDS}}, read with {"var": "$flagd.flagKey"}.

Operations (JSON Logic, as json-logic-js evaluates them): var, missing, missing_some, if, ?:,
==, ===, !=, !==, !, !!, and, or, <, <=, >, >= (also 3-argument between), max, min, + - * / %,
map, filter, reduce, all, none, some, merge, in, cat, substr; and flagd's own:

  fractional   [BUCKETING-KEY?, [VARIANT, WEIGHT], ...]: a stable split. The bucketing key
               defaults to the flag key followed by targetingKey; it is hashed with MurmurHash3
               (x86, 32 bits, seed 0). Bucketing as flagd since 2026 (v2): integer weights, a
               missing weight counts 1, bucket = (hash * total weight) >> 32. `--fractional v1`
               on `flags eval` and `flags serve` uses flagd's earlier percentages instead.
  sem_ver      [VERSION, OP, VERSION] with OP = != < <= > >= (semantic version order), ~ (same
               major and minor), ^ (same major); a leading v is optional.
  starts_with  [TEXT, PREFIX]
  ends_with    [TEXT, SUFFIX]

A failing flagd operation (a version that does not parse, an attribute missing from the
context: ends_with of an absent email) makes the WHOLE rule give null, as in flagd: the default
variant, reason DEFAULT. Put a rule that needs an attribute behind a check for it
({"if": [{"var": "email"}, {"ends_with": ...}, ...]}) when others should still be reached.

Everything else is checked before a flag is written: the shape above, variants of one type,
defaultVariant among them, every operation known, every $ref defined. A fault is named by its
path (flags.KEY.targeting.if[2].sem_ver) and nothing is written.

Examples:
  etcdkit flags set banner --file banner.json --reason "colour test"
  etcdkit flags import flagd.json --dry-run
  etcdkit flags export > flagd.json
  etcdkit flags eval banner --context-json '{"targetingKey": "u1", "version": "2.1.0"}'
"##;
