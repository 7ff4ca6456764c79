#!/usr/bin/env bash
# Replays every recorded Lambda event in ../shared/events through the Lambda host's event mapper, and checks the
# response fixtures against its serializer. Exits non-zero when a check fails.
#   .ci/lambda-events-replay.sh [EVENTS_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
events="${1:-$root/../shared/events}"
dotnet run --project "$root/tests/DigitalTwin.LambdaReplay/DigitalTwin.LambdaReplay.csproj" -c Release -- "$events"
