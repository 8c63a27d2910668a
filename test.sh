#!/usr/bin/env bash
# Builds TrustBot and runs every test tier, or one: ./test.sh [unit|integration|browser]. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

tier="${1:-all}"
case "$tier" in
  all) filter="" ;;
  unit) filter="Tier!=Integration&Tier!=Browser" ;;   # in process: engine, dialogs, conversations, HTTP
  integration) filter="Tier=Integration" ;;           # Azurite, two instances, run.sh's storage
  browser) filter="Tier=Browser" ;;                   # Web Chat in chromium, the Direct Line JS client, Agents Playground
  *) echo "usage: ./test.sh [unit|integration|browser]" >&2; exit 2 ;;
esac

# Node tools (Web Chat bundle, Direct Line client, Azurite) and Debian's chromium for the browser tests. On a clean
# clone npm ci mostly waits on the disk and the .NET build mostly on the CPU, so they run side by side.
npm_pid=""
if ! [ node_modules/.package-lock.json -nt package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund &
  npm_pid=$!
fi
if [ "$tier" = all ] || [ "$tier" = browser ]; then
  command -v chromium >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)
fi
dotnet build TrustBot.sln -c Release -nologo -v quiet
[ -z "$npm_pid" ] || wait "$npm_pid" || { echo "npm ci failed: the browser and Azurite tests need node_modules" >&2; exit 1; }
dotnet test tests/TrustBot.Tests.csproj -c Release --no-build -nologo --logger "console;verbosity=minimal" ${filter:+--filter "$filter"}
