#!/usr/bin/env bash
# Builds TrustBot and runs every test tier. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

# Node tools (Web Chat bundle, Direct Line client) and Debian's chromium for the browser tests.
[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --ignore-scripts --no-audit --no-fund
command -v chromium >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)
dotnet build TrustBot.sln -c Release -nologo -v quiet
dotnet test tests/TrustBot.Tests.csproj -c Release --no-build -nologo --logger "console;verbosity=minimal"
