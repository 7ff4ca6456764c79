#!/usr/bin/env bash
# The load harness (see docs/performance.md). Publishes the Kestrel sample, starts a loopback OpenAI-compatible stub
# (tests/load/OpenAIStub) and drives the sample with wrk: (a) new visitors, (b) one long conversation per connection,
# (c) streaming; then the same new-visitor load against a stub that answers after 500 ms; then the turn cost at turn 10
# vs turn 1,000; then the cold start of the ReadyToRun self-contained publish. Prints requests/s, p50/p99, the maximum
# resident memory of the sample during the wrk runs, and the load average next to every figure.
#
# Environment: LOAD_OUT (publish folder, default artifacts/load), LOAD_SOURCE (checkout whose sample is published, default
# this one), FLUSH_TO_DISK=false (the file store's durability option off, to show what fsync costs), *_PORT.
# Usage: tests/load/run.sh [-d 10s] [-c 16] [--turns 1000] [--sessions 7] [--runs 5] [--skip-publish] [--only LIST]
#   LIST: comma-separated parts among new,conversation,stream,slow,turns,coldstart (default: all).
# Loopback traffic only; every run is bounded (wrk -d); everything started here is stopped on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DURATION=10s CONNECTIONS=16 TURNS=1000 SESSIONS=7 RUNS=5 PUBLISH=1 ONLY=new,conversation,stream,slow,turns,coldstart
while [ $# -gt 0 ]; do
  case "$1" in
    -d) DURATION=$2; shift 2 ;;
    -c) CONNECTIONS=$2; shift 2 ;;
    --turns) TURNS=$2; shift 2 ;;
    --sessions) SESSIONS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --skip-publish) PUBLISH=0; shift ;;
    --only) ONLY=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
wants() { [[ ",$ONLY," == *",$1,"* ]]; }

# shellcheck source=tests/load/lib.sh
. "$ROOT/tests/load/lib.sh"
OUT=${LOAD_OUT:-$ROOT/artifacts/load}
SOURCE=${LOAD_SOURCE:-$ROOT} # the checkout whose sample is published (another one for before/after comparisons)
work_folder dt-load # $WORK, the ports, $PIDS: removed and stopped on exit

ensure_wrk

if [ "$PUBLISH" = 1 ]; then
  log "publishing the sample (Release), its ReadyToRun self-contained form, the OpenAI stub and the driver to $OUT"
  dotnet publish "$SOURCE/samples/DigitalTwin.Sample.Kestrel" -c Release -o "$OUT/app" --nologo -v q
  dotnet publish "$SOURCE/samples/DigitalTwin.Sample.Kestrel" -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true -o "$OUT/r2r" --nologo -v q
  dotnet publish "$ROOT/tests/load/OpenAIStub" -c Release -o "$OUT/stub" --nologo -v q
  dotnet publish "$ROOT/tests/load/LoadDriver" -c Release -o "$OUT/driver" --nologo -v q
fi

STUB_PID=
start_stub() { # delay-ms
  [ -n "$STUB_PID" ] && { kill "$STUB_PID"; wait "$STUB_PID" 2>/dev/null || true; }
  "$OUT/stub/OpenAIStub" --port "$STUB_PORT" --delay-ms "$1" >"$WORK/stub.log" 2>&1 &
  STUB_PID=$!; PIDS+=("$STUB_PID")
  wait_http "http://127.0.0.1:$STUB_PORT/health"
}

APP_PID=
start_app() { # a fresh memory folder every time (removed on exit: a new-visitor run leaves tens of thousands of files)
  [ -n "$APP_PID" ] && { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; }
  local memory; memory=$(mktemp -d "$WORK/memory.XXXX")
  (cd "$OUT/app" && exec env ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT" OPENAI_BASE_URL="http://127.0.0.1:$STUB_PORT/v1" \
    OPENAI_API_KEY=load-test MEMORY_DIR="$memory" DigitalTwin__FileStore__FlushToDisk="${FLUSH_TO_DISK:-true}" ./DigitalTwin.Sample.Kestrel >"$WORK/app.log" 2>&1) &
  APP_PID=$!; PIDS+=("$APP_PID")
  wait_http "http://127.0.0.1:$APP_PORT/health"
}

RSS_MAX_KB=0
RESULTS=()
run_wrk() { # label script threads connections
  local name=$1 script=$2 threads=$3 conns=$4 seconds=${DURATION%s} file
  file="$WORK/$(echo "$name" | tr -c 'a-z0-9\n' '-').wrk"
  curl -fs -o /dev/null -H 'Content-Type: application/json' -d '{"message":"warm-up"}' "http://127.0.0.1:$APP_PORT/chat"
  wrk -t"$threads" -c"$conns" -d3s -s "$ROOT/tests/load/$script" "http://127.0.0.1:$APP_PORT" >/dev/null # warm-up (JIT, pools)
  local before cpu0; before=$(load); cpu0=$(cpu_ticks "$APP_PID")
  sample_rss "$APP_PID" "$((seconds + 1))" >"$WORK/rss" &
  local sampler=$!
  wrk -t"$threads" -c"$conns" -d"$DURATION" --latency -s "$ROOT/tests/load/$script" "http://127.0.0.1:$APP_PORT" | tee "$file" >&2
  local cpu1; cpu1=$(cpu_ticks "$APP_PID")
  wait "$sampler" || true
  local rss; rss=$(cat "$WORK/rss")
  [ "$rss" -gt "$RSS_MAX_KB" ] && RSS_MAX_KB=$rss
  local rps p50 p99 errors requests cpu_us
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$file")
  p50=$(awk '$1 == "50%" {print $2}' "$file")
  p99=$(awk '$1 == "99%" {print $2}' "$file")
  errors=$(grep -E 'Non-2xx|Socket errors' "$file" | tr -s ' ' | paste -sd';' - || true)
  requests=$(awk '/requests in/ {print $1}' "$file")
  # CPU time of the sample per request (user + system, clock ticks → µs): steadier than req/s on a shared machine.
  cpu_us=$(( (cpu1 - cpu0) * 1000000 / $(getconf CLK_TCK) / (requests > 0 ? requests : 1) ))
  RESULTS+=("$(printf '%-34s %10s req/s  p50 %9s  p99 %9s  CPU %5d us/req  max RSS %4d MB  load %s %s' "$name (-t$threads -c$conns -d$DURATION)" "$rps" "$p50" "$p99" "$cpu_us" $((rss / 1024)) "$before" "$errors")")
}

log "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, kernel $(uname -r), dotnet $(dotnet --version), load $(load)"

if wants new || wants conversation || wants stream; then
  log "instant stub"
  start_stub 0
  start_app
  wants new && run_wrk "a new visitors /chat" new-visitors.lua 2 "$CONNECTIONS"
  # One Lua state per wrk thread: as many threads as connections gives each connection its own session.
  wants conversation && run_wrk "b one conversation per connection" conversation.lua "$CONNECTIONS" "$CONNECTIONS"
  wants stream && run_wrk "c streaming /chat/stream" stream.lua 2 "$CONNECTIONS"
fi

if wants slow; then
  log "stub answering after 500 ms (256 connections: what the host costs while many model calls are in flight)"
  start_stub 500
  start_app
  run_wrk "a new visitors, 500 ms model" new-visitors.lua 2 256
fi

TURN_RESULT= COLD_RESULT=
if wants turns; then
  log "turn cost: $SESSIONS conversations of $TURNS turns (file store, instant stub)"
  start_stub 0
  start_app
  before=$(load)
  "$OUT/driver/LoadDriver" turns --url "http://127.0.0.1:$APP_PORT/" --turns "$TURNS" --sessions "$SESSIONS" | tee "$WORK/turns" >&2
  TURN_RESULT="$(tail -n1 "$WORK/turns")  load $before"
fi

if wants coldstart; then
  log "cold start: ReadyToRun self-contained publish, process start → first /health 200, $RUNS runs"
  start_stub 0
  before=$(load)
  OPENAI_BASE_URL="http://127.0.0.1:$STUB_PORT/v1" OPENAI_API_KEY=load-test MEMORY_DIR="$(mktemp -d "$WORK/memory.XXXX")" \
    "$OUT/driver/LoadDriver" coldstart --exe "$OUT/r2r/DigitalTwin.Sample.Kestrel" --runs "$RUNS" --port "$COLD_PORT" | tee "$WORK/cold" >&2
  COLD_RESULT="$(tail -n1 "$WORK/cold")  load $before"
fi

printf '\n== results (%s cores, kernel %s, dotnet %s)\n' "$(nproc)" "$(uname -r)" "$(dotnet --version)"
for line in "${RESULTS[@]}"; do echo "$line"; done
[ "${#RESULTS[@]}" -gt 0 ] && echo "max RSS over the wrk runs: $((RSS_MAX_KB / 1024)) MB"
[ -n "$TURN_RESULT" ] && echo "turn cost: $TURN_RESULT"
[ -n "$COLD_RESULT" ] && echo "cold start: $COLD_RESULT"
exit 0
