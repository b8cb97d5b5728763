-- wrk script: POST /api/v1/risk/evaluate as the bots do, rotating over bots (one token each),
-- alternating sides, a unique client order id per request. Counts the decision code of every
-- answer ("HTTP_<status>" when the status is not 200) and prints machine-readable lines in done().
-- Usage: wrk ... -s order-check.lua <url> -- <bots file: "bot_id token" per line>

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local bots = {}
local counter = 0
codes = {}

function init(args)
  for line in io.lines(args[1]) do
    local id, token = line:match("^(%S+)%s+(%S+)$")
    if id then
      table.insert(bots, { id = id, auth = "Bearer " .. token })
    end
  end
  if #bots == 0 then
    error("no bots in " .. tostring(args[1]))
  end
  -- Spread threads over different bots from the start.
  counter = (tid or 1) * 7919
end

function request()
  counter = counter + 1
  local bot = bots[(counter % #bots) + 1]
  local side = (counter % 2 == 0) and "BUY" or "SELL"
  local body = '{"bot_id":"' .. bot.id .. '","symbol":"BTCUSDT","side":"' .. side
    .. '","order_type":"LIMIT","quantity":0.01,"price":60000.0,"client_order_id":"w' .. (tid or 1) .. '-' .. counter .. '"}'
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["Authorization"] = bot.auth }, body)
end

function response(status, headers, body)
  local code
  if status == 200 then
    code = body:match('"code"%s*:%s*"([A-Z_]+)"') or "NO_CODE"
  else
    code = "HTTP_" .. status
  end
  codes[code] = (codes[code] or 0) + 1
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%d "
    .. "connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max, math.floor(latency.mean), e.connect, e.read, e.write, e.status, e.timeout))
  local total = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("codes")
    for k, v in pairs(c) do
      total[k] = (total[k] or 0) + v
    end
  end
  for k, v in pairs(total) do
    io.write(string.format("CODE %s %d\n", k, v))
  end
end
