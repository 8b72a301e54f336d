"""A real grpc.health.v1 server for etcdkit's tests, run by tests/support/grpc_health.rs.

It is grpcio's own HealthServicer (package grpcio-health-checking), on 127.0.0.1 with a port the
OS picks. It prints "port N" once it serves, then takes one command per line on stdin and
answers "ok" once the command took effect:

    SERVICE STATUS    sets SERVICE ("-" for the server as a whole) to SERVING, NOT_SERVING or
                      UNKNOWN

With --without-health it serves no service at all, so every call is UNIMPLEMENTED. It exits
when stdin closes (the test process gone) or on a line "stop".
"""

import sys
from concurrent import futures

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc


def main():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    servicer = None
    if "--without-health" not in sys.argv[1:]:
        servicer = health.HealthServicer()
        servicer.set("", health_pb2.HealthCheckResponse.SERVING)
        health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(f"port {port}", flush=True)
    for line in sys.stdin:
        words = line.split()
        if words == ["stop"]:
            break
        if servicer is None or len(words) != 2:
            print(f"error: cannot do {line.strip()!r}", flush=True)
            continue
        service = "" if words[0] == "-" else words[0]
        status = health_pb2.HealthCheckResponse.ServingStatus.Value(words[1])
        servicer.set(service, status)
        print("ok", flush=True)
    server.stop(0)


if __name__ == "__main__":
    main()
