#!/usr/bin/env bash
# Retrains the meaning layer's classifier from every labelled set (training and development) and rewrites
# safety/meaning-weights.json. Deterministic: the same sets give the same weights. Rebuild afterwards: the weights are
# embedded in the assembly. Thresholds are chosen on out-of-fold scores (safety/crossval.sh), since no labelled set is
# left that the model has not seen; the held-out set, when present, is never trained on.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build safety/tool/TrustBot.Safety.Tool.csproj -c Release -nologo -v quiet
dotnet safety/tool/bin/Release/net10.0/TrustBot.Safety.Tool.dll train safety/meaning-weights.json \
  tests/Safety/safety-labelled.tsv tests/Safety/safety-train.tsv tests/Safety/safety-dev.tsv
