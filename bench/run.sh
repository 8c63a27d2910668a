#!/usr/bin/env bash
# Builds and runs the check-in benchmark on TrustBot (C#) and on the JavaScript Bot Framework SDK, alternating the two
# for ROUNDS rounds, then prints the comparison and writes bench/results/latest.md.
# Settings: ITERATIONS (measured check-ins per run, default 3000), WARMUP (default 6000), ROUNDS (default 3).
# Exits non-zero when a reply is wrong or TrustBot exceeds 2 reads / 1 write in a turn. Then runs bench/http.sh.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench_dir")"
iterations="${ITERATIONS:-3000}"
warmup="${WARMUP:-6000}"
rounds="${ROUNDS:-3}"
raw="$bench_dir/results/raw"

command -v dotnet >/dev/null || { echo "dotnet (SDK 10) is needed: https://dot.net" >&2; exit 1; }
command -v node >/dev/null || { echo "Node.js is needed for the JavaScript side: https://nodejs.org" >&2; exit 1; }

echo "Building bench/TrustBot.Bench (Release)..."
dotnet build "$bench_dir/TrustBot.Bench/TrustBot.Bench.csproj" -c Release -nologo -v q
if [ ! -d "$bench_dir/js/node_modules/botbuilder-dialogs" ]; then
  echo "Installing botbuilder for bench/js..."
  (cd "$bench_dir/js" && npm ci --ignore-scripts --no-audit --no-fund)
fi

rm -rf "$raw" && mkdir -p "$raw"
machine="$raw/machine.txt"
{
  echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //' || echo unknown), $(nproc) cores"
  echo "- OS: $(uname -sr)"
  echo "- .NET: $(dotnet --version) SDK; Node: $(node --version)"
  echo "- \`uptime\` before: $(uptime)"
} > "$machine"

for round in $(seq 1 "$rounds"); do
  echo "Round $round/$rounds: C#"
  dotnet "$bench_dir/TrustBot.Bench/bin/Release/net10.0/TrustBot.Bench.dll" \
    --iterations "$iterations" --warmup "$warmup" --json "$raw/csharp-$round.json"
  echo "Round $round/$rounds: JavaScript"
  node --expose-gc "$bench_dir/js/checkin-bench.js" \
    --iterations "$iterations" --warmup "$warmup" --json "$raw/js-$round.json"
done

echo "- \`uptime\` after: $(uptime)" >> "$machine"
echo
node "$bench_dir/compare.js" "$raw" "$rounds" "$bench_dir/results/latest.md" "$machine"
dotnet "$bench_dir/TrustBot.Bench/bin/Release/net10.0/TrustBot.Bench.dll" chart "$raw" "$rounds" "$bench_dir/results/latest.png"
echo
echo "Report written to bench/results/latest.md (chart: bench/results/latest.png)"

# The same check-in over HTTP: wrk against bare Kestrel, TrustBot (Memory, Azurite) and the JS SDK peer.
"$bench_dir/http.sh"
