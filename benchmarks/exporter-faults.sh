#!/usr/bin/env bash
# Request latency while the collector misbehaves (issue 12): the traced HelloService exporting
# OTLP/HTTP to a collector process that is healthy, refuses connections, never answers, answers
# 503 or 429 (Retry-After), or answers after 2 s. wrk -t1 -c16, 3 s warm-up, 8 s measured, 3
# interleaved rounds; prints a Markdown table of medians (p50, p99, requests/s, errors).
# Needs wrk (apt-get install wrk). Usage: benchmarks/exporter-faults.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"
mvn -B -q install -DskipTests
mvn -B -q -pl sdk dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
  -Dmdep.includeScope=test
COLLECTOR_CP="sdk/target/test-classes:sdk/target/classes:$(cat sdk/target/test-classpath.txt)"
APP_PORT=18080
COLLECTOR_PORT=14318
OUT=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT

wait_for() { # file, text
  for _ in $(seq 1 100); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out waiting for $2 in $1" >&2; cat "$1" >&2; return 1
}

run() { # mode round
  local mode=$1 round=$2 collector=""
  if [ "$mode" != refused ]; then
    java -cp "$COLLECTOR_CP" dev.aotel.sdk.FaultyCollector "$mode" $COLLECTOR_PORT \
      > "$OUT/collector.log" 2>&1 &
    collector=$!
    wait_for "$OUT/collector.log" ready
  fi
  OTEL_SERVICE_NAME=hello OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$COLLECTOR_PORT \
    OTEL_EXPORTER_OTLP_TIMEOUT=1000 OTEL_METRICS_EXPORTER=none OTEL_LOGS_EXPORTER=none \
    java -Dsun.net.httpserver.nodelay=true -cp benchmarks/target/benchmarks.jar \
    dev.aotel.benchmarks.HelloService $APP_PORT > "$OUT/app.log" 2>&1 &
  local app=$!
  wait_for "$OUT/app.log" ready
  wrk -t1 -c16 -d3s http://127.0.0.1:$APP_PORT/hello > /dev/null
  wrk -t1 -c16 -d8s --latency http://127.0.0.1:$APP_PORT/hello > "$OUT/wrk-$mode-$round.txt"
  kill $app; wait $app 2>/dev/null || true
  if [ -n "$collector" ]; then kill $collector; wait $collector 2>/dev/null || true; fi
}

MODES="ok refused blackhole 503 429 slow"
for round in $(seq 1 "$ROUNDS"); do
  for mode in $MODES; do run "$mode" "$round"; done
done

python3 - "$OUT" "$ROUNDS" $MODES <<'PY'
import re, statistics, sys
out, rounds, modes = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def ms(v):
    n, unit = float(re.match(r'([\d.]+)', v).group(1)), re.sub(r'[\d.]', '', v)
    return n * {'us': 0.001, 'ms': 1, 's': 1000}[unit]
print('| collector | p50 ms | p99 ms | requests/s | errors |')
print('|---|---|---|---|---|')
for mode in modes:
    p50, p99, rps, errors = [], [], [], 0
    for r in range(1, rounds + 1):
        text = open(f'{out}/wrk-{mode}-{r}.txt').read()
        p50.append(ms(re.search(r'^\s+50%\s+(\S+)', text, re.M).group(1)))
        p99.append(ms(re.search(r'^\s+99%\s+(\S+)', text, re.M).group(1)))
        rps.append(float(re.search(r'Requests/sec:\s+([\d.]+)', text).group(1)))
        m = re.search(r'Non-2xx or 3xx responses: (\d+)', text)
        errors += int(m.group(1)) if m else 0
        m = re.search(r'Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)', text)
        errors += sum(map(int, m.groups())) if m else 0
    f = lambda xs: f'{statistics.median(xs):.2f} ({min(xs):.2f}–{max(xs):.2f})'
    print(f'| {mode} | {f(p50)} | {f(p99)} | {statistics.median(rps):.0f} ({min(rps):.0f}–{max(rps):.0f}) | {errors} |')
PY
