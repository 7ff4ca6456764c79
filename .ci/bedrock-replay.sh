#!/usr/bin/env bash
# Replays the shared Bedrock corpus (../shared/bedrock: captured ConverseStream bodies, the official event-stream codec
# vectors, SigV4 suites, recorded Converse answers and errors) through the Bedrock provider. Run from the repository
# root; exits non-zero on any mismatch or when the corpus is missing.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
corpus="${1:-../shared/bedrock}"
if [[ ! -d "$corpus" ]]; then
  echo "bedrock-replay: the shared corpus was not found at $corpus" >&2
  exit 2
fi

dotnet run --project tests/DigitalTwin.SharedReplay/DigitalTwin.SharedReplay.csproj --configuration Release -- "$corpus"
