-- wrk script: one connection (= one wrk thread) per person, each cycling the daily check-in
-- ("check in", "7", "Better", "skip", "skip") with deliveryMode expectReplies, and checking that
-- every answer is the one the check-in should give. Argument: the person id prefix.
local script = {
  { text = "check in", expect = "how much do you trust your partner today?" },
  { text = "7", expect = "How has communication between you been since last time?" },
  { text = "Better", expect = "Is there a small win to celebrate" },
  { text = "skip", expect = "was there anything that felt like a setback?" },
  -- "Trust today: 7/10" on the day's first check-in, "Trust now: 7/10, the same as earlier today" after that.
  { text = "skip", expect = "7/10" },
}
local people = 0
local threads = {}

function setup(thread)
  people = people + 1
  thread:set("person", people)
  table.insert(threads, thread)
end

function init(args)
  local prefix = args[1] or "bench"
  -- The turn a request carries moves on only when its answer arrived (wrk may build a request ahead).
  step, wrong = 1, 0
  bodies = {}
  for i, turn in ipairs(script) do
    bodies[i] = string.format(
      '{"type":"message","deliveryMode":"expectReplies","channelId":"emulator","serviceUrl":"http://127.0.0.1:9/",' ..
      '"from":{"id":"%s-%d"},"recipient":{"id":"bot"},"conversation":{"id":"%s-%d"},"locale":"en-US","text":"%s"}',
      prefix, person, prefix, person, turn.text)
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  return wrk.format(nil, "/api/messages", nil, bodies[step])
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, script[step].expect, 1, true) then wrong = wrong + 1 end
  step = step % #script + 1
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("wrong") end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50Ms":%.3f,"p99Ms":%.3f,"socketErrors":%d,"wrongReplies":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, bad))
end
