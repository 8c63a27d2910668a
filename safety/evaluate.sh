#!/usr/bin/env bash
# Prints precision and recall per category and overall for the phrase layer, the meaning layer and their combination,
# and how often ordinary messages get the full message or the gentle check.
#   safety/evaluate.sh                      the development set
#   safety/evaluate.sh holdout              the held-out set (report only: never tune on it)
#   safety/evaluate.sh dev --heightened     with safety-mode thresholds; --details lists misses and false alarms
set -euo pipefail
cd "$(dirname "$0")/.."
set_name="${1:-dev}"; shift || true
dotnet build safety/tool/TrustBot.Safety.Tool.csproj -c Release -nologo -v quiet
dotnet safety/tool/bin/Release/net10.0/TrustBot.Safety.Tool.dll evaluate "tests/Safety/safety-${set_name}.tsv" "$@"
