-- wrk script for the bare Kestrel endpoint: the same activities as checkin.lua, no reply check
-- beyond the status (the endpoint answers {"activities":[]}).
local texts = { "check in", "7", "Better", "skip", "skip" }
local people = 0

function setup(thread)
  people = people + 1
  thread:set("person", people)
end

function init(args)
  step = 1
  bodies = {}
  for i, text in ipairs(texts) do
    bodies[i] = string.format(
      '{"type":"message","deliveryMode":"expectReplies","channelId":"emulator","serviceUrl":"http://127.0.0.1:9/",' ..
      '"from":{"id":"bare-%d"},"recipient":{"id":"bot"},"conversation":{"id":"bare-%d"},"locale":"en-US","text":"%s"}',
      person, person, text)
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  return wrk.format(nil, "/api/messages", nil, bodies[step])
end

-- Receives every body like checkin.lua does, so both pay wrk's script cost alike.
function response(status, headers, body)
  step = step % #texts + 1
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50Ms":%.3f,"p99Ms":%.3f,"socketErrors":%d,"wrongReplies":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout + e.status, 0))
end
