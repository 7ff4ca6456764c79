#!/usr/bin/env bash
# Throughput of two published apps measured in back-to-back pairs (A, B, A, B, …), each run a fresh process with a 3 s
# warm-up and a measured wrk run, against the instant OpenAI stub and the file store with fsync; prints every run, the
# A/B ratio of each pair and the median ratio. On a shared machine or disk one run's ratio varies by ±20%; the median of
# pairs is steadier (docs/performance.md, Targets). Run tests/load/perf-table.sh first: it publishes into artifacts/perf.
#
# Usage: tests/load/pairs.sh [--pairs 5] [-d 8s] [--script new-visitors.lua] [-t 2] A_EXE B_EXE
# Example: tests/load/pairs.sh artifacts/perf/kestrel-native/DigitalTwin.Sample.Kestrel artifacts/perf/baseline-native/BareBaseline
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/load/lib.sh
. "$ROOT/tests/load/lib.sh"
PAIRS=5 DURATION=8s SCRIPT=new-visitors.lua THREADS=2
while [ $# -gt 2 ]; do
  case "$1" in
    --pairs) PAIRS=$2; shift 2 ;;
    -d) DURATION=$2; shift 2 ;;
    --script) SCRIPT=$2; shift 2 ;;
    -t) THREADS=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ $# -eq 2 ] || { echo "usage: $0 [--pairs N] [-d 8s] [--script new-visitors.lua] [-t 2] A_EXE B_EXE" >&2; exit 2; }
A=$(realpath "$1") B=$(realpath "$2")
OUT=${PERF_OUT:-$ROOT/artifacts/perf}
work_folder dt-pairs
ensure_wrk
"$OUT/stub/OpenAIStub" --port "$STUB_PORT" >"$WORK/stub.log" 2>&1 &
PIDS+=("$!")
wait_http "http://127.0.0.1:$STUB_PORT/health"
export OPENAI_BASE_URL="http://127.0.0.1:$STUB_PORT/v1" OPENAI_API_KEY=load-test DOTNET_hostBuilder__reloadConfigOnChange=false
(cd "$(dirname "$A")" && "$A" --print-prompt >"$WORK/prompt.txt" 2>/dev/null) || true
export BASELINE_PROMPT_FILE="$WORK/prompt.txt"

run() { # exe → req/s of one measured run in a fresh process
  local memory pid rps
  memory=$(mktemp -d "$WORK/memory.XXXX")
  (cd "$(dirname "$1")" && exec env ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT" MEMORY_DIR="$memory" "$1" >"$WORK/app.log" 2>&1) &
  pid=$!
  wait_http "http://127.0.0.1:$APP_PORT/health"
  wrk -t"$THREADS" -c16 -d3s -s "$ROOT/tests/load/$SCRIPT" "http://127.0.0.1:$APP_PORT" >/dev/null
  rps=$(wrk -t"$THREADS" -c16 -d"$DURATION" -s "$ROOT/tests/load/$SCRIPT" "http://127.0.0.1:$APP_PORT" | awk '/^Requests\/sec:/ {printf "%.0f", $2}')
  kill "$pid" && wait "$pid" 2>/dev/null || true
  rm -rf "$memory"
  echo "$rps"
}

log "$PAIRS pairs of $SCRIPT (-t$THREADS -c16 -d$DURATION): A=$A B=$B, load $(load)"
ratios=()
for i in $(seq 1 "$PAIRS"); do
  a=$(run "$A") b=$(run "$B")
  ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')
  ratios+=("$ratio")
  echo "pair $i: A $a req/s, B $b req/s, A/B $ratio @$(cut -d' ' -f1 /proc/loadavg)"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{r[NR]=$1} END {print "median A/B over " NR " pairs: " r[int((NR+1)/2)]}'
