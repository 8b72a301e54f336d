"""A lock holder's critical section: read the register's counter, think, write it back + 1.

Run by `etcdkit lock` with ETCDKIT_LOCK_REV (the fencing token) set; argv[1] is the register's
Unix socket. Every request carries the token; the register refuses any below the highest it
has seen. Timestamps are this process's (time.time(): the same clock as the test's).
"""
import os
import random
import socket
import sys
import time

start = time.time()
token = os.environ["ETCDKIT_LOCK_REV"]
sock = socket.socket(socket.AF_UNIX)
sock.connect(sys.argv[1])
stream = sock.makefile("rw")


def ask(line):
    stream.write(line + "\n")
    stream.flush()
    return stream.readline().split()


key = os.environ["ETCDKIT_LOCK_KEY"]
ask(f"start {token} {os.getpid()} {os.getppid()} {start:.6f} {key}")
answer = ask(f"read {token}")
if answer and answer[0] == "ok":
    time.sleep(random.uniform(0.02, 0.2))
    ask(f"write {token} {int(answer[1]) + 1}")
ask(f"end {time.time():.6f}")
