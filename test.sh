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

# Node tools (Web Chat bundle, Direct Line client, Azurite) and Debian's chromium for the browser tests.
[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --ignore-scripts --no-audit --no-fund
if [ "$tier" = all ] || [ "$tier" = browser ]; then
  command -v chromium >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)
fi
dotnet build TrustBot.sln -c Release -nologo -v quiet
dotnet test tests/TrustBot.Tests.csproj -c Release --no-build -nologo --logger "console;verbosity=minimal" ${filter:+--filter "$filter"}
