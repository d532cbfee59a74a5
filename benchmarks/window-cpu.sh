#!/usr/bin/env bash
# Where the service's CPU goes inside the measured window (issue 11): for each round and
# configuration a fresh JVM of the hello-world service (as in http-overhead.sh: standard OTEL_*
# settings, OTLP/HTTP to a receiver process of its own), wrk -t1 -c32 for the warm-up, then each
# thread's CPU (/proc/PID/task/*/stat, grouped by thread name: the C2 and C1 compiler threads, the
# request threads, the JDK server's dispatcher, the batch span processor) over the measured wrk
# run only, with that run's requests and p99. Prints a Markdown table of medians (min–max).
# Throughput on these shared 2-core boxes moves by 10-20 % between identical runs; the C2
# thread's CPU in the window says how much of a configuration's gap is the JIT still compiling.
# Usage: benchmarks/window-cpu.sh [rounds] [warmup-s] [measure-s] [configs]
# configs: a comma-separated choice of plain, disabled, noop, recorded, aotel, manual (as in
# http-overhead.sh). WINDOW_JVM_OPTS adds JVM options to every service JVM (a measurement such as
# -XX:CompileCommand=dontinline,...), WINDOW_NO_BUILD=1 measures the jar as built.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"
WARMUP="${2:-3}"
MEASURE="${3:-8}"
CONFIGS="${4:-plain,noop,recorded,aotel}"
OUT=benchmarks/target/window-cpu
read -r -a SERVICE_OPTS <<< "${WINDOW_JVM_OPTS:-}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

[ -n "${WINDOW_NO_BUILD:-}" ] || mvn -B -q install -DskipTests >&2
rm -rf "$OUT" && mkdir -p "$OUT"
. benchmarks/hello-service.sh
start_receiver

# CPU ticks per thread group of process $1: "name ticks" lines (names without their numbers).
threads() {
  for task in /proc/"$1"/task/*; do
    name=$(tr ' ' _ < "$task/comm" | sed -E 's/[-#]?[0-9]+$//')
    echo "$name $(ticks "$task/stat")"
  done | awk '{ticks[$1] += $2} END {for (n in ticks) print n, ticks[n]}' | sort
}

url="http://127.0.0.1:$SERVICE_PORT/hello"
measure_window() {
  wrk -t1 -c32 -d"${WARMUP}s" "$url" > /dev/null
  threads "$service" > "$OUT/before"
  wrk -t1 -c32 -d"${MEASURE}s" --latency "$url" > "$OUT/wrk.txt"
  threads "$service" > "$OUT/after"
  requests=$(awk '/requests in/ {print $1}' "$OUT/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$OUT/wrk.txt")
  join "$OUT/before" "$OUT/after" | awk -v c="$config" -v r="$requests" -v p="$p99" \
    'BEGIN {printf "%s %s %s", c, r, p}
     {ms = ($3 - $2) * 10; if (ms > 0) printf " %s=%d", $1, ms} END {print ""}' \
    >> "$OUT/rounds.txt"
  echo "round $round $config: $(tail -1 "$OUT/rounds.txt")" >&2
}
in_rounds measure_window

python3 - "$OUT/rounds.txt" "$ROUNDS" "$WARMUP" "$MEASURE" <<'PY'
import statistics, sys
from collections import defaultdict

rows = defaultdict(list)
for line in open(sys.argv[1]):
    config, requests, p99, *groups = line.split()
    ms = dict(g.split('=') for g in groups)
    scale = {'us': 0.001, 'ms': 1, 's': 1000}
    unit = next(u for u in ('us', 'ms', 's') if p99.endswith(u))
    p99_ms = float(p99[:-len(unit)]) * scale[unit]
    def group(prefix):
        return sum(int(v) for k, v in ms.items() if k.startswith(prefix))
    rows[config].append([int(requests), p99_ms, group('C2_'), group('C1_'),
                         group('pool'), group('HTTP-Dispatcher'), group('BatchSpanProces')])

def cell(values, fmt):
    return (fmt % statistics.median(values)) + ' (' + fmt % min(values) + '–' + fmt % max(values) + ')'

print(f"{sys.argv[2]} interleaved rounds, wrk -t1 -c32, {sys.argv[3]} s warm-up then {sys.argv[4]} s"
      " measured; CPU in ms over the measured run only. Medians (min–max).\n")
print('| configuration | requests | p99 ms | C2 compiler ms | C1 compiler ms | request threads ms'
      ' | dispatcher ms | batch span processor ms |')
print('|---|---|---|---|---|---|---|---|')
for config, values in rows.items():
    columns = list(zip(*values))
    formats = ['%d', '%.2f', '%d', '%d', '%d', '%d', '%d']
    print(f'| {config} | ' + ' | '.join(cell(c, f) for c, f in zip(columns, formats)) + ' |')
PY
