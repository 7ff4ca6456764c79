# Shared by the load scripts (run.sh, perf-table.sh): logging, the load average, waiting for a port, memory and CPU of a
# process. Source it; it defines functions only.
log() { printf '\n== %s\n' "$*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }   # 1/5/15-minute load average
load1() { cut -d' ' -f1 /proc/loadavg; }    # 1-minute load average

ensure_wrk() {
  command -v wrk >/dev/null && return 0
  log "installing wrk (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
}

wait_http() { # url: polls for a 2xx for up to 30 s
  for _ in $(seq 1 300); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "no answer from $1" >&2; return 1
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

sample_rss() { # pid seconds → max VmRSS (kB) while it runs, every 100 ms
  local max=0 end=$((SECONDS + $2)) kb
  while [ $SECONDS -le "$end" ] && [ -r "/proc/$1/status" ]; do
    kb=$(rss_kb "$1")
    [ "${kb:-0}" -gt "$max" ] && max=$kb
    sleep 0.1
  done
  echo "$max"
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system time of a process, in clock ticks

work_folder() { # prefix: a temporary folder $WORK, the default ports, and $PIDS, all stopped and removed on exit
  WORK=$(mktemp -d "/tmp/$1.XXXXXX")
  STUB_PORT=${STUB_PORT:-5199} APP_PORT=${APP_PORT:-5080} COLD_PORT=${COLD_PORT:-5081}
  PIDS=()
  trap stop_started EXIT
}

stop_started() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
