"""Shared by the change-latency measurements of scripts/bench-*: puts over etcd's JSON gateway
from one long-lived client (the time noted just before sending), and nearest-rank percentiles.

Import it from a script's python3 heredoc run with PYTHONPATH=scripts.
"""
import base64
import http.client
import json
import math


class Gateway:
    """One keep-alive connection to etcd's JSON gateway (/v3/kv/put) at ENDPOINT (http://HOST:PORT)."""

    def __init__(self, endpoint):
        host, port = endpoint.split("//")[1].split(":")
        self.conn = http.client.HTTPConnection(host, int(port))

    def put(self, key, value):
        """Puts VALUE (str or bytes) at KEY (str) and waits for etcd's answer."""
        if isinstance(value, str):
            value = value.encode()
        body = json.dumps({"key": base64.b64encode(key.encode()).decode(),
                           "value": base64.b64encode(value).decode()})
        self.conn.request("POST", "/v3/kv/put", body, {"Content-Type": "application/json"})
        answer = self.conn.getresponse()
        text = answer.read()
        if answer.status != 200:
            raise SystemExit(f"put {key}: HTTP {answer.status}: {text[:200]!r}")


def stats(samples):
    """{"n", "p50", "p99", "max"} of SAMPLES (nearest rank)."""
    samples = sorted(samples)
    at = lambda q: samples[math.ceil(q * len(samples)) - 1]
    return {"n": len(samples), "p50": at(0.5), "p99": at(0.99), "max": samples[-1]}
