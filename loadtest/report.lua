-- wrk script: cycle through the paths given after "--", count responses by status, and
-- print one JSON line with throughput, latency percentiles and errors when the run ends.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for i = 1, #args do paths[i] = args[i] end
  counter = 0
  statuses = {}
end

function request()
  if #paths == 0 then return wrk.format(nil) end
  counter = counter + 1
  return wrk.format(nil, paths[(counter % #paths) + 1])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts, parts, server_errors = {}, {}, 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  for status, n in pairs(counts) do
    table.insert(parts, string.format('"%d": %d', status, n))
    if status >= 500 then server_errors = server_errors + n end
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.2f, "rps": %.1f, "p50_ms": %.1f, "p99_ms": %.1f, ' ..
    '"max_ms": %.1f, "socket_errors": %d, "non_2xx_3xx": %d, "server_errors": %d, ' ..
    '"statuses": {%s}}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, e.status, server_errors, table.concat(parts, ", ")))
end
