-- The wrk driver shared by statuses.lua and text.lua: one freshly built, freshly signed POST per
-- request, optional pacing, and one machine-readable result line for bench/webhooks.sh.
--
-- Environment (read at load time, so the thread states and the setup/done state agree):
--   BENCH_SECRET   the app secret both targets verify with (required)
--   BENCH_RUN      a label unique to this wrk invocation; it goes into every wamid, so the
--                  service's Redis dedup (8 days) never drops an event as a repeat of an earlier run
--   BENCH_RATE     requests per second per wrk thread; unset or 0 = as fast as the target answers
--
-- Every wamid is "<run>.<thread>.<counter>.<index>": unique per request and per event, which the
-- service needs (a duplicate is acknowledged without publishing, and would flatter it).

local M = {}

function M.run(scenario)
  local hmac = require("hmac")

  local secret = os.getenv("BENCH_SECRET") or error("BENCH_SECRET is not set")
  local run = os.getenv("BENCH_RUN") or tostring(os.time())
  local rate = tonumber(os.getenv("BENCH_RATE") or "0") or 0
  local sign, signerName = hmac.signer(secret)

  local threads = 0
  function setup(thread)
    threads = threads + 1
    thread:set("thread_id", threads)
  end

  local counter = 0
  local headers = { ["Content-Type"] = "application/json" }
  function init(_)
    io.stderr:write(string.format("wrk: %s, %d event(s) per request, signing with %s%s\n", scenario.name,
      scenario.events, signerName, rate > 0 and string.format(", paced to %.0f req/s per thread", rate) or ""))
  end

  function request()
    counter = counter + 1
    -- thread_id is set by setup() before init(); it exists only in the thread's own state.
    local body = scenario.build(string.format("wamid.%s.%d.%d", run, thread_id, counter), counter, os.time())
    headers["X-Hub-Signature-256"] = "sha256=" .. sign(body)
    return wrk.format("POST", nil, headers, body)
  end

  if rate > 0 then
    -- wrk cannot limit the rate; delay() can. Requests of this thread are given evenly spaced
    -- slots on a monotonic clock, whatever connection sends them, so the offered rate is `rate`
    -- as long as enough connections are idle. A late slot is not made up with a burst.
    local ffi = require("ffi")
    pcall(ffi.cdef, "typedef struct { long tv_sec; long tv_nsec; } bench_timespec;"
      .. "int clock_gettime(int clock_id, bench_timespec *tp);")
    local ts = ffi.new("bench_timespec")
    local function nowMs()
      ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
      return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
    end
    local interval, slot = 1000 / rate, nil
    function delay()
      local now = nowMs()
      slot = slot and math.max(slot + interval, now) or now
      return math.floor(slot - now) -- wrk's timers have whole milliseconds
    end
  end

  function done(summary, latency, _)
    local e = summary.errors
    io.write(string.format(
      "BENCH_RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d timeouts=%d\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      e.status, e.connect + e.read + e.write, e.timeout))
  end
end

return M
