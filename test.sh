#!/usr/bin/env bash
# Builds TrustBot and runs every test tier. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

# Node tools from package-lock.json (the storage tests start their own Azurite from node_modules).
if [ ! -x node_modules/.bin/azurite-table ]; then
  npm ci --ignore-scripts --no-audit --no-fund
fi

dotnet build TrustBot.sln -c Release -nologo -v quiet
dotnet test tests/TrustBot.Tests.csproj -c Release --no-build -nologo --logger "console;verbosity=minimal"
