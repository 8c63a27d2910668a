#!/usr/bin/env bash
# Starts TrustBot on http://localhost:3978 with everything it needs on this machine.
set -euo pipefail
cd "$(dirname "$0")"

[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --ignore-scripts --no-audit --no-fund
dotnet build bot/TrustBot.Bot.csproj -c Release -nologo -v quiet
echo "TrustBot: web chat at http://localhost:3978/  (Bot Framework endpoint: http://localhost:3978/api/messages)"
exec dotnet bot/bin/Release/net10.0/TrustBot.Bot.dll --contentRoot "$PWD"
