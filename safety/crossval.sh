#!/usr/bin/env bash
# The figures no model saw the messages for: pools every labelled set the shipped model trains on, trains five models
# each without one fifth (folds by a stable hash of the text), and measures the layered detector on out-of-fold scores
# at the shipped thresholds, per file, and over a threshold grid. Thresholds are chosen here. About half an hour on
# two busy cores; TRUSTBOT_EMBEDDING_CACHE=<file> keeps embeddings and TRUSTBOT_FOLDS=<dir> the fold models between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build safety/tool/TrustBot.Safety.Tool.csproj -c Release -nologo -v quiet
dotnet safety/tool/bin/Release/net10.0/TrustBot.Safety.Tool.dll crossval 5 \
  tests/Safety/safety-labelled.tsv tests/Safety/safety-train.tsv tests/Safety/safety-dev.tsv "$@"
