#!/usr/bin/env bash
# The HTTP-level benchmark: wrk drives POST /api/messages with one connection per person, each person
# cycling the daily check-in (bench/http/checkin.lua), against
#   bare       a bare Kestrel endpoint that only parses the activity and answers {"activities":[]}
#   memory     TrustBot over Storage:Provider=Memory
#   azurite    TrustBot over Azurite (Table storage) with the state cache, storage calls counted from Azurite's --debug log
#   nocache    TrustBot over Azurite with the cache off (Storage:Cache:MaxPeople=0): every turn reads, as before the cache
#   js         the JavaScript Bot Framework SDK check-in (bench/js) served over HTTP by its CloudAdapter
# With the azurite target also: storage requests per warm turn over WARM_TURNS sequential check-in turns of one
# person (raw/http-storage-per-turn.txt), and ten simultaneous messages of one person (raw/burst.json).
# Targets run one after another on the same machine; compare ratios within one run, not across machines.
# Every target is warmed up the same way before it is measured: WARMUP_SECONDS (default 12) of the same load, then
# more until its throughput stops rising (at most WARMUP_MAX_SECONDS, default 60; see warm_up). A .NET process needs
# 10-30 s of load on two busy cores before its hot code is recompiled optimised (tiered JIT); the earlier 3 s
# warm-up measured that recompilation rather than the steady state.
# Settings: SECONDS_PER_TARGET (default 15), PEOPLE (default "8 32"), TARGETS (default "bare memory azurite nocache js"),
# WARM_TURNS (default 60), WARMUP_SECONDS (default 12), WARMUP_MAX_SECONDS (default 60; = WARMUP_SECONDS for a fixed warm-up). Writes bench/results/http-latest.md and bench/results/raw/http-*.txt.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench_dir")"
seconds="${SECONDS_PER_TARGET:-15}"
people_list="${PEOPLE:-8 32}"
targets="${TARGETS:-bare memory azurite nocache js}"
warm_turns="${WARM_TURNS:-60}"
warmup_seconds="${WARMUP_SECONDS:-12}"
warmup_max_seconds="${WARMUP_MAX_SECONDS:-60}"
raw="$bench_dir/results/raw"
work="$(mktemp -d)"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian package)..."
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y wrk >/dev/null 2>&1 || { $sudo apt-get update >/dev/null && $sudo apt-get install -y wrk >/dev/null; }
fi
command -v node >/dev/null || { echo "Node.js is needed for the JavaScript peer and Azurite" >&2; exit 1; }

echo "Building the bot and bench/TrustBot.Bench (Release)..."
dotnet build "$root/bot/TrustBot.Bot.csproj" -c Release -nologo -v q >/dev/null
dotnet build "$bench_dir/TrustBot.Bench/TrustBot.Bench.csproj" -c Release -nologo -v q >/dev/null
[ -d "$root/node_modules/azurite" ] || (cd "$root" && npm ci --ignore-scripts --no-audit --no-fund)
[ -d "$bench_dir/js/node_modules/botbuilder" ] || (cd "$bench_dir/js" && npm ci --ignore-scripts --no-audit --no-fund)
mkdir -p "$raw"
rm -f "$raw/http-storage-per-turn.txt" "$raw/burst.json" "$raw/http-azurite-requests.txt"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_for() { # url
  for _ in $(seq 1 120); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.5
  done
  echo "Nothing answered at $1" >&2
  return 1
}

stop_last() {
  local pid="${pids[-1]}"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  unset 'pids[-1]'
}

activity() { # person text
  printf '{"type":"message","deliveryMode":"expectReplies","channelId":"emulator","serviceUrl":"http://127.0.0.1:9/","from":{"id":"%s"},"recipient":{"id":"bot"},"conversation":{"id":"%s"},"locale":"en-US","text":"%s"}' "$1" "$1" "$2"
}

onboard() { # url prefix count: each person consents and sets up daily reminders, ending at the menu
  local url="$1" prefix="$2" count="$3" waiting=()
  for n in $(seq 1 "$count"); do
    (
      for text in hi Yes Sam "I was hurt" Dishonesty Yes "Every day" 7pm London "Show me the menu"; do
        curl -s -o /dev/null -H 'Content-Type: application/json' -d "$(activity "$prefix-$n" "$text")" "$url"
      done
    ) &
    waiting+=($!)
  done
  wait "${waiting[@]}"
}

start_bot() { # port storage-provider [connection string] [more VAR=value settings]
  env Storage__Provider="$2" Storage__ConnectionString="${3:-UseDevelopmentStorage=true}" "${@:4}" \
    Storage__TablePrefix="Bench$RANDOM" Proactive__Enabled=false MicrosoftAppId= Logging__LogLevel__Default=Warning \
    dotnet "$root/bot/bin/Release/net10.0/TrustBot.Bot.dll" --contentRoot "$root" --urls "http://127.0.0.1:$1" >"$work/bot.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$1/healthz"
}

requests_in_log() { grep -c 'TableStorageContextMiddleware: RequestMethod=' "$1" || true; }

# Azurite writes its debug log behind the requests it serves; on a loaded machine the lines of a load run can land
# seconds later and be counted in the next window. This waits until the count has stopped growing for a second.
settled_requests_in_log() {
  local last now tries=0
  last="$(requests_in_log "$1")"
  while [ "$tries" -lt 30 ]; do
    sleep 1
    now="$(requests_in_log "$1")"
    [ "$now" = "$last" ] && break
    last="$now"; tries=$((tries + 1))
  done
  echo "$last"
}

# Then, up to WARMUP_MAX_SECONDS in all, 3 s slices of the same load until a slice is no faster than the one before:
# a process with much more code than the bare endpoint (the bot: over 13,000 methods compiled, some regexes' matchers
# 50-70 KB of machine code each) was measured still spending a fifth of its CPU in the tiered JIT after 12 s on
# busy cores, and the 8-people figure, measured first, paid for it while the 32-people one did not. Every target
# gets the same rule, so each is measured once its own code has stopped getting faster.
warm_up() { # url people script prefix
  wrk -t "$2" -c "$2" -d "${warmup_seconds}s" --timeout 10s -s "$bench_dir/http/$3" "$1" -- "$4" >/dev/null
  local waited="$warmup_seconds" last=0 now
  while [ "$waited" -lt "$warmup_max_seconds" ]; do
    now="$(wrk -t "$2" -c "$2" -d 3s --timeout 10s -s "$bench_dir/http/$3" "$1" -- "$4" | sed -nE 's/^RESULT .*"rps":([0-9]+).*/\1/p')"
    waited=$((waited + 3))
    [ -n "$now" ] && [ $((now * 100)) -le $((last * 103)) ] && break
    last="${now:-0}"
  done
  echo "  warmed up $3 for ${waited}s" >&2
}

results="$raw/http-results.txt"
: >"$results"
run_wrk() { # target url people script [prefix]
  local target="$1" url="$2" people="$3" lua="$4" prefix="${5:-$1}"
  warm_up "$url" "$people" "$lua" "$prefix-warm$people"
  local line
  line="$(wrk -t "$people" -c "$people" -d "${seconds}s" --timeout 10s --latency -s "$bench_dir/http/$lua" "$url" -- "$prefix-$people" | grep '^RESULT ')"
  echo "$target $people ${line#RESULT }" | tee -a "$results"
}

{
  echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
  echo "- OS: $(uname -sr); .NET $(dotnet --version) SDK; Node $(node --version); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "- \`uptime\` before: $(uptime)"
} >"$raw/http-machine.txt"

for target in $targets; do
  port="$(free_port)"
  url="http://127.0.0.1:$port/api/messages"
  echo "== $target"
  case "$target" in
    bare)
      dotnet "$bench_dir/TrustBot.Bench/bin/Release/net10.0/TrustBot.Bench.dll" bare "http://127.0.0.1:$port" >"$work/bare.log" 2>&1 &
      pids+=($!)
      wait_for "http://127.0.0.1:$port/"
      for p in $people_list; do run_wrk bare "$url" "$p" bare.lua; done
      stop_last ;;
    memory)
      start_bot "$port" Memory
      for p in $people_list; do
        onboard "$url" "memory-warm$p" "$p"; onboard "$url" "memory-$p" "$p"
        run_wrk memory "$url" "$p" checkin.lua
      done
      stop_last ;;
    azurite|nocache)
      azport="$(free_port)"
      log="$work/azurite-debug-$target.log"
      (cd "$work" && exec "$root/node_modules/.bin/azurite-table" --tablePort "$azport" --inMemoryPersistence --silent --disableTelemetry --skipApiVersionCheck --debug "$log" >"$work/azurite.log" 2>&1) &
      pids+=($!)
      wait_for "http://127.0.0.1:$azport/"
      cache=()
      [ "$target" = nocache ] && cache=(Storage__Cache__MaxPeople=0)
      start_bot "$port" Table "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$azport/devstoreaccount1;" "${cache[@]}"
      for p in $people_list; do
        onboard "$url" "$target-warm$p" "$p"; onboard "$url" "$target-$p" "$p"
        # Only the measured run's requests: the log is read before and after it (the warm-up run comes first).
        warm_up "$url" "$p" checkin.lua "$target-warm$p"
        before="$(settled_requests_in_log "$log")"
        line="$(wrk -t "$p" -c "$p" -d "${seconds}s" --timeout 10s --latency -s "$bench_dir/http/checkin.lua" "$url" -- "$target-$p" | grep '^RESULT ')"
        after="$(settled_requests_in_log "$log")"
        calls=$((after - before))
        turns="$(sed -E 's/.*"requests":([0-9]+).*/\1/' <<<"$line")"
        per_turn="$(awk -v c="$calls" -v t="$turns" 'BEGIN { if (t > 0) printf "%.3f", c / t; else printf "nan" }')"
        echo "$target $p ${line#RESULT } storageRequests=$calls perTurn=$per_turn" | tee -a "$results"
      done
      if [ "$target" = azurite ]; then
        # One onboarded person, check-in after check-in, one message at a time: every turn is a warm turn.
        onboard "$url" "$target-sequential" 1
        say() { curl -s -o /dev/null -H 'Content-Type: application/json' -d "$(activity "$target-sequential-1" "$1")" "$url"; }
        say "check in"; say 7; say Better; say skip; say skip
        before="$(settled_requests_in_log "$log")"
        for n in $(seq 1 "$warm_turns"); do
          case $(( (n - 1) % 5 )) in 0) say "check in" ;; 1) say 7 ;; 2) say Better ;; *) say skip ;; esac
        done
        after="$(settled_requests_in_log "$log")"
        echo "$((after - before)) $warm_turns" >"$raw/http-storage-per-turn.txt"
        echo "storage requests over $warm_turns warm turns of one person: $((after - before))"
        grep 'TableStorageContextMiddleware: RequestMethod=' "$log" | tail -n "$((after - before))" \
          | sed -E 's/.*RequestMethod=([A-Z]+) RequestURL=[^ ]*\/devstoreaccount1\/([^ (?]*).*/\1 \2/' | sed -E 's/T?Bench[0-9]+Journey/{table}/' \
          | sort | uniq -c >"$raw/http-azurite-requests.txt"
        # Ten messages of one person at once on this instance: every one answered, every win stored.
        dotnet "$bench_dir/TrustBot.Bench/bin/Release/net10.0/TrustBot.Bench.dll" burst "$url" --json "$raw/burst.json" || true
      fi
      stop_last
      stop_last ;;
    js)
      node "$bench_dir/js/http-peer.js" "$port" >"$work/js.log" 2>&1 &
      pids+=($!)
      wait_for "http://127.0.0.1:$port/"
      for p in $people_list; do run_wrk js "$url" "$p" checkin.lua; done
      stop_last ;;
  esac
done
echo "- \`uptime\` after: $(uptime)" >>"$raw/http-machine.txt"

node "$bench_dir/http/report.js" "$results" "$raw/http-machine.txt" "$raw/http-azurite-requests.txt" "$bench_dir/results/http-latest.md" "$raw/http-storage-per-turn.txt"
