#!/usr/bin/env bash
# Builds TrustBot and runs every test tier. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

dotnet build TrustBot.sln -c Release -nologo -v quiet
dotnet test tests/TrustBot.Tests.csproj -c Release --no-build -nologo --logger "console;verbosity=minimal"
