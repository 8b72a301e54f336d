# Shared by the speed scripts: start one throwaway etcd member on free loopback ports.
# Source it, then call `start_member`; it sets ENDPOINT and stops the member on exit.

# Runs CMD when the script exits, however it exits; the last added runs first (so what a script
# starts after the member is stopped before the member).
BENCH_ON_EXIT=""
on_exit() {
  BENCH_ON_EXIT="$1; $BENCH_ON_EXIT"
  trap 'eval "$BENCH_ON_EXIT"' EXIT
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start_member() {
  local etcd_bin=${ETCDKIT_TEST_ETCD:-etcd}
  BENCH_DIR=$(mktemp -d)
  local client peer
  client=$(free_port)
  peer=$(free_port)
  ENDPOINT="http://127.0.0.1:$client"
  "$etcd_bin" --name bench --data-dir "$BENCH_DIR/data" \
    --listen-client-urls "$ENDPOINT" --advertise-client-urls "$ENDPOINT" \
    --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
    --initial-cluster "bench=http://127.0.0.1:$peer" "$@" >"$BENCH_DIR/etcd.log" 2>&1 &
  BENCH_PID=$!
  on_exit 'kill -9 "$BENCH_PID" 2>/dev/null || true; wait "$BENCH_PID" 2>/dev/null || true; rm -rf "$BENCH_DIR"'
  for _ in $(seq 100); do
    if ETCDCTL_API=3 etcdctl --endpoints "$ENDPOINT" endpoint health >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.1
  done
  echo "etcd did not start; its log:" >&2
  tail -20 "$BENCH_DIR/etcd.log" >&2
  exit 1
}

# Processes a script starts in the background: each started with & itself (a shell function run
# with & is a subshell, and $! would not be the process) and its $! added to `started`. After
# `stop_started_on_exit`, whatever is still in `started` is stopped (SIGKILL) when the script ends
# however it ends, before the member; the normal path may stop them itself first.
started=()
stop_started() {
  local pid
  for pid in "${started[@]}"; do
    kill -9 "$pid" 2>/dev/null || true
  done
  for pid in "${started[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
stop_started_on_exit() {
  on_exit stop_started
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# Waits up to SECONDS for CMD... to succeed.
wait_for() {
  local seconds=$1 deadline
  shift
  deadline=$(($(date +%s) + seconds))
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.01
  done
}

# Peak resident memory (KiB) of one run of a command.
peak_rss_kib() {
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1
}

# CPU clock ticks (utime + stime, all threads; getconf CLK_TCK a second) of a running process;
# with "children", those of its reaped children too.
ticks() { awk -v c="${2:-}" '{ print $14 + $15 + (c == "children" ? $16 + $17 : 0) }' "/proc/$1/stat"; }

# A /proc/PID/status field in KiB of a running process: rss_kib PID VmRSS (or VmHWM, ...).
rss_kib() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }
