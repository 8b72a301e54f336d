#!/usr/bin/env python3
"""Evaluate flags with the flagd OpenFeature provider in in-process mode, fed by a flagd gRPC sync server.

usage: flagd_inprocess.py HOST:PORT [--selector S] [--context JSON] KEY:TYPE:DEFAULT...
                          [--watch-until KEY=VALUE --timeout S]

The provider (openfeature-provider-flagd 0.6.1, resolver "in-process") calls flagd.sync.v1.FlagSyncService:
GetMetadata first (UNIMPLEMENTED is tolerated; --no-sync-metadata skips it), then the SyncFlags stream, and
evaluates locally on every document received. Prints one JSON line per flag (key, value, variant, reason,
error_code, error_message, flag_metadata). Exit: 0 ok, 1 provider not ready, 2 usage, 3 watch timeout.
"""

import argparse
import sys

from openfeature import api
from openfeature.contrib.provider.flagd import FlagdProvider
from openfeature.contrib.provider.flagd.config import ResolverType

from of_common import add_common_args, quiet_sdk, run


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", metavar="HOST:PORT")
    parser.add_argument("--selector", default=None, help="sent as SyncFlagsRequest.selector and flagd-selector header")
    parser.add_argument("--deadline-ms", type=int, default=5000, help="wait for the first document (ms)")
    parser.add_argument("--no-sync-metadata", action="store_true", help="do not call GetMetadata")
    add_common_args(parser)
    args = parser.parse_args()
    quiet_sdk(args)
    host, _, port = args.target.rpartition(":")
    provider = FlagdProvider(
        resolver_type=ResolverType.IN_PROCESS,
        host=host or "127.0.0.1",
        port=int(port),
        deadline_ms=args.deadline_ms,
        selector=args.selector,
        sync_metadata_disabled=args.no_sync_metadata,
        retry_backoff_ms=200,
        retry_backoff_max_ms=1000,
    )
    try:
        api.set_provider_and_wait(provider)
    except Exception as e:  # ProviderNotReadyError, ProviderFatalError
        print(f"provider not ready: {type(e).__name__}: {e}", file=sys.stderr)
        api.shutdown()
        return 1
    try:
        return run(api.get_client(), args)
    finally:
        api.shutdown()


if __name__ == "__main__":
    sys.exit(main())
