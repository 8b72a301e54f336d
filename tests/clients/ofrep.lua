-- wrk script: OFREP single evaluations with varied contexts, for `flags serve` load tests.
--
--   wrk -t2 -c64 -d10s --latency -s ofrep.lua http://127.0.0.1:PORT -- [FLAG_KEY] [N_KEYS]
--
-- Each request is POST /ofrep/v1/evaluate/flags/FLAG_KEY (default "rollout") with the body
--   {"context":{"targetingKey":"user-I","version":"I%5.I%7.I%3"}}
-- for I cycling over 0..N_KEYS-1 (default 100000), each thread starting at its own offset: the same generator
-- as bench_flagd_core.mjs. At the end one line `OFREP_RESULT {json}` is printed with requests, seconds,
-- requests_per_second, p50_ms, p90_ms, p99_ms, max_ms and error counts (connect/read/write/status/timeout:
-- `status` counts responses that are not 2xx/3xx). --latency also prints wrk's own percentile table.
-- A 404 (unknown key) counts in `status`: check it is 0.

local flag = "rollout"
local nkeys = 100000
local i = 0
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  if args[1] and args[1] ~= "" then flag = args[1] end
  if args[2] then nkeys = tonumber(args[2]) end
  i = (tonumber(tid) or 0) * 7919 % nkeys
  path = "/ofrep/v1/evaluate/flags/" .. flag
  headers = { ["Content-Type"] = "application/json" }
end

function request()
  i = i + 1
  if i >= nkeys then i = 0 end
  local body = string.format('{"context":{"targetingKey":"user-%d","version":"%d.%d.%d"}}',
    i, i % 5, i % 7, i % 3)
  return wrk.format("POST", path, headers, body)
end

function done(summary, latency, requests)
  local s = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    'OFREP_RESULT {"requests":%d,"seconds":%.3f,"requests_per_second":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,' ..
    '"p99_ms":%.3f,"max_ms":%.3f,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, s, summary.requests / s, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, e.connect, e.read, e.write, e.status, e.timeout))
end
