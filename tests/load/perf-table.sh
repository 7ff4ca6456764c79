#!/usr/bin/env bash
# The performance table of docs/performance.md, measured in one run: the Kestrel sample and the bare baseline
# (tests/load/BareBaseline) published on the JIT, ReadyToRun and Native AOT, and the Lambda sample the same three ways.
# For each: cold start (Kestrel: process start → first GET /health 200; Lambda: process start → first invocation answered
# through a loopback fake Runtime API), resident memory idle and under 16 connections, new-visitor and one-conversation
# throughput with p50/p99 (wrk, instant OpenAI stub, file store with fsync), binary size and Lambda zip size; our
# throughput as a ratio to the baseline's in the same build mode, and native as a ratio to the JIT.
# Every figure is printed with the 1-minute load average when its measurement started.
#
# Usage: tests/load/perf-table.sh [--skip-publish] [--runs 7] [-d 10s] [-c 16] [--builds jit,r2r,native]
# Environment: PERF_OUT (publish folder, default artifacts/perf), STUB_PORT, APP_PORT, COLD_PORT.
# Needs: the .NET 10 SDK, clang and zlib1g-dev (Native AOT), wrk, curl, python3. Loopback only; everything started here is
# stopped on exit. About 10–25 minutes on 2 idle cores with publishing (three native publishes), 5 minutes without.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/load/lib.sh
. "$ROOT/tests/load/lib.sh"
DURATION=10s CONNECTIONS=16 RUNS=7 PUBLISH=1 BUILDS=jit,r2r,native
while [ $# -gt 0 ]; do
  case "$1" in
    -d) DURATION=$2; shift 2 ;;
    -c) CONNECTIONS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --builds) BUILDS=$2; shift 2 ;;
    --skip-publish) PUBLISH=0; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
IFS=, read -r -a MODES <<<"$BUILDS"
OUT=${PERF_OUT:-$ROOT/artifacts/perf}
work_folder dt-perf # $WORK, the ports, $PIDS: removed and stopped on exit
ensure_wrk

publish_mode() { # project mode output: the JIT (framework-dependent), ReadyToRun (self-contained) or Native AOT
  local args=(-c Release -o "$3" --nologo -v q -p:GenerateDocumentationFile=false)
  case "$2" in
    jit) ;;
    r2r) args+=(-r linux-x64 --self-contained -p:PublishReadyToRun=true) ;;
    native) args+=(-r linux-x64 -p:PublishAot=true -p:StripSymbols=true) ;;
  esac
  local started=$SECONDS
  dotnet publish "$1" "${args[@]}"
  log "published $(basename "$1") ($2) in $((SECONDS - started)) s"
}

if [ "$PUBLISH" = 1 ]; then
  log "publishing to $OUT: the stub and the driver, then the Kestrel sample, the bare baseline and the Lambda sample ($BUILDS)"
  rm -rf "$OUT" && mkdir -p "$OUT"
  dotnet publish "$ROOT/tests/load/OpenAIStub" -c Release -o "$OUT/stub" --nologo -v q
  dotnet publish "$ROOT/tests/load/LoadDriver" -c Release -o "$OUT/driver" --nologo -v q
  for mode in "${MODES[@]}"; do
    publish_mode "$ROOT/samples/DigitalTwin.Sample.Kestrel" "$mode" "$OUT/kestrel-$mode"
    publish_mode "$ROOT/tests/load/BareBaseline" "$mode" "$OUT/baseline-$mode"
    if [ "$mode" = jit ]; then
      publish_mode "$ROOT/samples/DigitalTwin.Sample.Lambda" jit "$OUT/lambda-jit"
    else # what is deployed: build.sh's publish and zip (symbols, docs and unused native libraries left out)
      "$ROOT/samples/DigitalTwin.Sample.Lambda/build.sh" --mode "$mode" --output "$OUT/lambda-$mode" --zip "$OUT/lambda-$mode.zip" >"$WORK/build.log" 2>&1 \
        || { cat "$WORK/build.log" >&2; exit 1; }
      tail -n1 "$WORK/build.log" >&2
    fi
  done
fi

"$OUT/stub/OpenAIStub" --port "$STUB_PORT" >"$WORK/stub.log" 2>&1 &
PIDS+=("$!")
wait_http "http://127.0.0.1:$STUB_PORT/health"
export OPENAI_BASE_URL="http://127.0.0.1:$STUB_PORT/v1" OPENAI_API_KEY=load-test DOTNET_hostBuilder__reloadConfigOnChange=false

# The baseline sends the sample's own system prompt, so both send the same bytes to the model.
for mode in "${MODES[@]}"; do
  [ -x "$OUT/kestrel-$mode/DigitalTwin.Sample.Kestrel" ] || continue
  (cd "$OUT/kestrel-$mode" && ./DigitalTwin.Sample.Kestrel --print-prompt >"$WORK/prompt.txt" 2>/dev/null) && break
done
export BASELINE_PROMPT_FILE="$WORK/prompt.txt"

declare -A FIG # "app/mode/figure" → printed value

wrk_run() { # app mode label script threads pid: a 3 s warm-up, then the measured run with the app's max RSS
  local app=$1 mode=$2 label=$3 script=$4 threads=$5 pid=$6 file="$WORK/$1-$2-$3.wrk" before sampler
  wrk -t"$threads" -c"$CONNECTIONS" -d3s -s "$ROOT/tests/load/$script" "http://127.0.0.1:$APP_PORT" >/dev/null
  before=$(load1)
  sample_rss "$pid" "$((${DURATION%s} + 1))" >"$WORK/rss" &
  sampler=$!
  wrk -t"$threads" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$ROOT/tests/load/$script" "http://127.0.0.1:$APP_PORT" >"$file"
  wait "$sampler" || true
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$file")
  p50=$(awk '$1 == "50%" {print $2}' "$file")
  p99=$(awk '$1 == "99%" {print $2}' "$file")
  errors=$(grep -E 'Non-2xx|Socket errors' "$file" | tr -s ' ' | paste -sd';' - || true)
  FIG[$app/$mode/$label]=$rps
  FIG[$app/$mode/$label-cell]="$rps req/s, p50 $p50, p99 $p99${errors:+ ($errors)} @$before"
  FIG[$app/$mode/$label-rss]=$(cat "$WORK/rss")
  echo "$app $mode $label: ${FIG[$app/$mode/$label-cell]}" >&2
}

measure_cold() { # app mode exe
  local app=$1 mode=$2 exe=$3 before
  [ -x "$exe" ] || { log "skipped $app $mode: $exe not published"; return 0; }
  log "$app ($mode): cold start, $RUNS runs"
  before=$(load1)
  MEMORY_DIR="$(mktemp -d "$WORK/memory.XXXX")" "$OUT/driver/LoadDriver" coldstart --exe "$exe" --runs "$RUNS" --port "$COLD_PORT" >"$WORK/cold" \
    || { cat "$WORK/cold" >&2; return 1; }
  FIG[$app/$mode/cold]="$(sed -n 's/^median cold start: \([0-9]*\) ms (CPU \([0-9]*\) ms).*/\1 ms (CPU \2 ms)/p' "$WORK/cold") @$before"
  echo "$app $mode cold start: ${FIG[$app/$mode/cold]}" >&2
}

measure_load() { # app mode exe: RSS idle and under load, both wrk runs
  local app=$1 mode=$2 exe=$3 memory pid
  [ -x "$exe" ] || return 0
  memory=$(mktemp -d "$WORK/memory.XXXX")
  (cd "$(dirname "$exe")" && exec env ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT" MEMORY_DIR="$memory" "$exe" >"$WORK/app.log" 2>&1) &
  pid=$!
  PIDS+=("$pid")
  wait_http "http://127.0.0.1:$APP_PORT/health"
  curl -fs -o /dev/null -H 'Content-Type: application/json' -d '{"message":"warm-up"}' "http://127.0.0.1:$APP_PORT/chat"
  sleep 2
  FIG[$app/$mode/idle]="$(( $(rss_kb "$pid") / 1024 )) MB @$(load1)"
  wrk_run "$app" "$mode" new new-visitors.lua 2 "$pid"
  # One Lua state per wrk thread: as many threads as connections gives each connection its own session.
  wrk_run "$app" "$mode" conversation conversation.lua "$CONNECTIONS" "$pid"
  local max=${FIG[$app/$mode/new-rss]}
  [ "${FIG[$app/$mode/conversation-rss]}" -gt "$max" ] && max=${FIG[$app/$mode/conversation-rss]}
  FIG[$app/$mode/loaded]="$((max / 1024)) MB"
  kill "$pid" && wait "$pid" 2>/dev/null || true
  rm -rf "$memory"
}

measure_lambda() { # mode
  local dir="$OUT/lambda-$1" before
  [ -x "$dir/bootstrap" ] || { log "skipped lambda $1: not published"; return 0; }
  log "Lambda sample ($1): first invoke through a fake Runtime API, $RUNS runs"
  before=$(load1)
  python3 "$ROOT/samples/DigitalTwin.Sample.Lambda/cold-start.py" "$dir" "$RUNS" >"$WORK/lambda" || { cat "$WORK/lambda" >&2; return 1; }
  FIG[lambda/$1/cold]="$(sed -n 's/.*median \([0-9]*\) ms.*/\1 ms/p' "$WORK/lambda") @$before"
  echo "lambda $1 first invoke: ${FIG[lambda/$1/cold]}" >&2
}

size_of() { # path → MB (a file's size, or a folder's total)
  [ -e "$1" ] || { echo "—"; return; }
  awk -v b="$(du -sbL "$1" | cut -f1)" 'BEGIN { printf "%.1f MB", b / 1e6 }'
}

ratio() { # a b → a/b with two decimals, or — when either is missing
  [ -n "${1:-}" ] && [ -n "${2:-}" ] && [ "$2" != 0 ] || { echo "—"; return; }
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}

log "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, kernel $(uname -r), dotnet $(dotnet --version), load $(load)"
# Every cold start first, on the machine as quiet as it gets, then the throughput runs (which leave the load average high).
for mode in "${MODES[@]}"; do
  measure_cold twin "$mode" "$OUT/kestrel-$mode/DigitalTwin.Sample.Kestrel"
  measure_cold baseline "$mode" "$OUT/baseline-$mode/BareBaseline"
  measure_lambda "$mode"
done
for mode in "${MODES[@]}"; do
  measure_load twin "$mode" "$OUT/kestrel-$mode/DigitalTwin.Sample.Kestrel"
  measure_load baseline "$mode" "$OUT/baseline-$mode/BareBaseline"
done

name() { case "$1" in jit) echo "JIT" ;; r2r) echo "ReadyToRun" ;; native) echo "Native AOT" ;; esac; }
header="| figure |" rule="| --- |"
for mode in "${MODES[@]}"; do header+=" twin, $(name "$mode") | baseline, $(name "$mode") |"; rule+=" ---: | ---: |"; done
row() { # label key-suffix: one figure for every build
  local line="| $1 |"
  for mode in "${MODES[@]}"; do line+=" ${FIG[twin/$mode/$2]:-—} | ${FIG[baseline/$mode/$2]:-—} |"; done
  echo "$line"
}
printf '\n== results: %s cores, %s GiB, kernel %s, dotnet %s, %s; "@x" = 1-minute load average when that figure was taken\n\n' \
  "$(nproc)" "$(free -g | awk '/^Mem:/ {print $2}')" "$(uname -r)" "$(dotnet --version)" "$(date -u '+%Y-%m-%d %H:%M UTC')"
echo "$header"
echo "$rule"
row "Kestrel cold start: start → first \`/health\` 200 (median of $RUNS)" cold
line="| Lambda cold start: start → first invoke answered, fake Runtime API (median of $RUNS) |"
for mode in "${MODES[@]}"; do line+=" ${FIG[lambda/$mode/cold]:-—} | — |"; done
echo "$line"
row "RSS idle (after start and one \`/chat\`)" idle
row "RSS max under $CONNECTIONS connections" loaded
row "new visitors, \`-t2 -c$CONNECTIONS\`" new-cell
row "one conversation per connection, \`-t$CONNECTIONS -c$CONNECTIONS\`" conversation-cell
for figure in new conversation; do
  line="| $( [ $figure = new ] && echo "new visitors" || echo "one conversation") ÷ baseline (same build) |"
  for mode in "${MODES[@]}"; do
    line+=" $(ratio "${FIG[twin/$mode/$figure]:-}" "${FIG[baseline/$mode/$figure]:-}") | $(ratio "${FIG[baseline/$mode/$figure]:-}" "${FIG[baseline/$mode/$figure]:-}") |"
  done
  echo "$line"
done
line="| throughput ÷ JIT (new / conversation) |"
for mode in "${MODES[@]}"; do
  for app in twin baseline; do
    line+=" $(ratio "${FIG[$app/$mode/new]:-}" "${FIG[$app/jit/new]:-}") / $(ratio "${FIG[$app/$mode/conversation]:-}" "${FIG[$app/jit/conversation]:-}") |"
  done
done
echo "$line"
line="| size: executable (native) or publish folder |"
for mode in "${MODES[@]}"; do
  if [ "$mode" = native ]; then
    line+=" $(size_of "$OUT/kestrel-native/DigitalTwin.Sample.Kestrel") | $(size_of "$OUT/baseline-native/BareBaseline") |"
  else
    line+=" $(size_of "$OUT/kestrel-$mode") | $(size_of "$OUT/baseline-$mode") |"
  fi
done
echo "$line"
line="| Lambda deployment zip (\`build.sh\`) |"
for mode in "${MODES[@]}"; do line+=" $(size_of "$OUT/lambda-$mode.zip") | — |"; done
echo "$line"
