#!/usr/bin/env python3
"""Evaluate flags through OFREP with the real OpenFeature Python SDK and OFREP provider.

usage: ofrep_eval.py BASE_URL [--context JSON] KEY:TYPE:DEFAULT... [--watch-until KEY=VALUE --timeout S]

BASE_URL is the server root (the provider appends /ofrep/v1/evaluate/flags/KEY), e.g. http://127.0.0.1:8016.
Prints one JSON line per flag: key, value, variant, reason, error_code, error_message, flag_metadata.
openfeature-provider-ofrep 0.3.0 has no cache and no polling: every evaluation is one POST, so --watch-until
sees a change on the next try. Exit: 0 ok (errors of evaluation are in the lines), 2 usage, 3 watch timeout.
"""

import argparse
import sys

from openfeature import api
from openfeature.contrib.provider.ofrep import OFREPProvider

from of_common import add_common_args, quiet_sdk, run


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base_url")
    parser.add_argument("--request-timeout", type=float, default=5.0, help="HTTP timeout per request (s)")
    add_common_args(parser)
    args = parser.parse_args()
    quiet_sdk(args)
    api.set_provider_and_wait(OFREPProvider(args.base_url, timeout=args.request_timeout))
    try:
        return run(api.get_client(), args)
    finally:
        api.shutdown()


if __name__ == "__main__":
    sys.exit(main())
