#!/usr/bin/env bash
# Retrains the meaning layer's classifier from the training sets and rewrites safety/meaning-weights.json.
# Deterministic: the same sets give the same weights. Rebuild afterwards: the weights are embedded in the assembly.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build safety/tool/TrustBot.Safety.Tool.csproj -c Release -nologo -v quiet
dotnet safety/tool/bin/Release/net10.0/TrustBot.Safety.Tool.dll train safety/meaning-weights.json \
  tests/Safety/safety-labelled.tsv tests/Safety/safety-train.tsv
