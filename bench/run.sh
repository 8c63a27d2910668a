#!/usr/bin/env bash
# Every benchmark of issue 10 in one run, from a clean clone: builds, installs what is missing (wrk from Debian,
# bench/js's npm packages, Azurite from the root package.json), and leaves no process behind. In order:
#   1. the in-process check-in, TrustBot (C#) against the JavaScript Bot Framework SDK, alternating ROUNDS rounds
#      (time, allocations and storage calls per turn) -> bench/results/latest.md
#   2. over HTTP (bench/http.sh): bare Kestrel, TrustBot on Memory, on Azurite with and without the state cache,
#      the JS SDK peer, at 8 and 32 people; storage requests per warm turn; ten simultaneous messages of one person
#      -> bench/results/http-latest.md
#   3. the proactive scheduler at scale over Azurite (TrustBot.Bench scheduler): two instances sending SCHEDULER_SENDS
#      due reminders (a) among SCHEDULER_PEOPLE in one table, (b) in a table of the due people alone, (c) among
#      SCHEDULER_PEOPLE in tables of about 1,000 split by partition, where the send rate is judged (Azurite's per-row scan
#      for RowKey 'user' grows with the table; Azure's does not); one tick's reads in (a) and in (c). SCHEDULER_BLOCKS
#      chooses: "c" at full size (seeding 100,000 into (a)'s one table takes the emulator hours), "abc" with QUICK=1
#      -> bench/results/raw/scheduler.json
#   4. every target of the issue with PASS/FAIL -> bench/results/targets.md (printed at the end)
# Settings: QUICK=1 (a short check of the whole script, about 5 minutes: 1 round, 3 s per HTTP target, 5,000 people),
# ROUNDS (3), ITERATIONS (3000), WARMUP (6000), SECONDS_PER_TARGET (15), PEOPLE ("8 32"),
# SCHEDULER_PEOPLE (100000), SCHEDULER_SENDS (10000), SCHEDULER_BLOCKS ("c"; "abc" with QUICK=1), SKIP ("" or any of: inprocess http scheduler).
# Exits non-zero when a reply was wrong, the storage budget was exceeded, or a target failed.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench_dir")"
if [ "${QUICK:-}" = 1 ]; then
  : "${ROUNDS:=1}" "${ITERATIONS:=300}" "${WARMUP:=600}" "${SECONDS_PER_TARGET:=3}" "${SCHEDULER_PEOPLE:=5000}" "${SCHEDULER_SENDS:=2000}" "${SCHEDULER_BLOCKS:=abc}"
fi
iterations="${ITERATIONS:-3000}"
warmup="${WARMUP:-6000}"
rounds="${ROUNDS:-3}"
scheduler_people="${SCHEDULER_PEOPLE:-100000}"
scheduler_sends="${SCHEDULER_SENDS:-10000}"
scheduler_blocks="${SCHEDULER_BLOCKS:-c}"
skip=" ${SKIP:-} "
export SECONDS_PER_TARGET PEOPLE
raw="$bench_dir/results/raw"
bench_dll="$bench_dir/TrustBot.Bench/bin/Release/net10.0/TrustBot.Bench.dll"
status=0
azurite=""

cleanup() {
  if [ -n "$azurite" ]; then
    kill "$azurite" 2>/dev/null || true
    wait "$azurite" 2>/dev/null || true
  fi
  rm -rf "${scheduler_work:-}"
}
trap cleanup EXIT

command -v dotnet >/dev/null || { echo "dotnet (SDK 10) is needed: https://dot.net" >&2; exit 1; }
command -v node >/dev/null || { echo "Node.js is needed for the JavaScript side and Azurite: https://nodejs.org" >&2; exit 1; }
started=$(date +%s)

echo "Building the bot and bench/TrustBot.Bench (Release)..."
dotnet build "$bench_dir/TrustBot.Bench/TrustBot.Bench.csproj" -c Release -nologo -v q >/dev/null
[ -d "$root/node_modules/azurite" ] || (cd "$root" && npm ci --ignore-scripts --no-audit --no-fund)
[ -d "$bench_dir/js/node_modules/botbuilder-dialogs" ] || (echo "Installing botbuilder for bench/js..." && cd "$bench_dir/js" && npm ci --ignore-scripts --no-audit --no-fund)

rm -rf "$raw" && mkdir -p "$raw"
machine="$raw/machine.txt"
{
  echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //' || echo unknown), $(nproc) cores"
  echo "- OS: $(uname -sr)"
  echo "- .NET: $(dotnet --version) SDK; Node: $(node --version)"
  echo "- \`uptime\` at the start of run.sh: $(uptime)"
} > "$machine"

if [[ "$skip" != *" inprocess "* ]]; then
  for round in $(seq 1 "$rounds"); do
    echo "Round $round/$rounds: C#"
    dotnet "$bench_dll" --iterations "$iterations" --warmup "$warmup" --json "$raw/csharp-$round.json" || status=1
    echo "Round $round/$rounds: JavaScript"
    node --expose-gc "$bench_dir/js/checkin-bench.js" --iterations "$iterations" --warmup "$warmup" --json "$raw/js-$round.json"
  done
  echo "- \`uptime\` after the in-process rounds: $(uptime)" >> "$machine"
  echo
  node "$bench_dir/compare.js" "$raw" "$rounds" "$bench_dir/results/latest.md" "$machine"
  dotnet "$bench_dll" chart "$raw" "$rounds" "$bench_dir/results/latest.png"
  echo "Report written to bench/results/latest.md (chart: bench/results/latest.png)"
fi

# The same check-in over HTTP: wrk against bare Kestrel, TrustBot (Memory, Azurite with and without the cache) and the JS SDK peer.
[[ "$skip" == *" http "* ]] || "$bench_dir/http.sh" || status=1

if [[ "$skip" != *" scheduler "* ]]; then
  echo "== scheduler: $scheduler_people people, $scheduler_sends due at once for two instances; blocks \"$scheduler_blocks\" of: (a) among them all in one table, (b) alone, (c) among them all in tables split by partition"
  scheduler_work="$(mktemp -d)"
  azport="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  echo "- \`uptime\` before the scheduler: $(uptime)" > "$raw/scheduler-machine.txt"
  (cd "$scheduler_work" && exec "$root/node_modules/.bin/azurite-table" --tablePort "$azport" --inMemoryPersistence --silent --disableTelemetry --skipApiVersionCheck >"$scheduler_work/azurite.log" 2>&1) &
  azurite=$!
  for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$azport/" && break; sleep 0.5; done
  dotnet "$bench_dll" scheduler "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$azport/devstoreaccount1;" \
    --people "$scheduler_people" --sends "$scheduler_sends" --blocks "$scheduler_blocks" --azurite-pid "$azurite" --json "$raw/scheduler.json" || status=1
  echo "- \`uptime\` after the scheduler: $(uptime)" >> "$raw/scheduler-machine.txt"
  kill "$azurite" 2>/dev/null || true
  wait "$azurite" 2>/dev/null || true
  azurite=""
fi

echo "- \`uptime\` at the end of run.sh: $(uptime)" >> "$machine"
echo
node "$bench_dir/targets.js" "$raw" "$bench_dir/results/targets.md" || status=1
echo
echo "bench/run.sh took $(( ($(date +%s) - started) / 60 )) min $(( ($(date +%s) - started) % 60 )) s; results in bench/results/ (targets.md, latest.md, http-latest.md, raw/)"
exit "$status"
