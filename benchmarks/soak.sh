#!/usr/bin/env bash
# Sustained load (issue 11, item 6): the traced HelloService exporting OTLP/HTTP to the span-
# counting receiver (a process of its own), under wrk -t1 -c32 for N minutes, as fast as the box
# goes. Prints the heap after a full GC at minute 1 and at the end, RSS, requests, errors, and the
# spans the receiver got, so that drops show. Needs wrk. Usage: benchmarks/soak.sh [minutes]
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES="${1:-5}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
mvn -B -q install -DskipTests
JAR=benchmarks/target/benchmarks.jar
OUT=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT

wait_for() { # file, text
  for _ in $(seq 1 300); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out waiting for $2 in $1" >&2; cat "$1" >&2; return 1
}
# Live objects after a full GC: the class histogram collects first and counts in the same stop,
# while "GC.run, then GC.heap_info" also counts what the load allocates in between (MBs a second).
heap_after_gc_mb() { # pid
  jcmd "$1" GC.class_histogram | awk '$1 == "Total" {printf "%.1f", $3 / 1048576}'
}

java -cp "$JAR" dev.aotel.benchmarks.overhead.SpanCountingReceiver 14318 > "$OUT/receiver.log" 2>&1 &
wait_for "$OUT/receiver.log" ready
OTEL_SERVICE_NAME=hello OTEL_TRACES_EXPORTER=otlp OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf \
  OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:14318 OTEL_METRICS_EXPORTER=none \
  OTEL_LOGS_EXPORTER=none \
  java -Dsun.net.httpserver.nodelay=true -cp "$JAR" dev.aotel.benchmarks.HelloService 18080 \
  > "$OUT/app.log" 2>&1 &
APP=$!
wait_for "$OUT/app.log" "ready "

wrk -t1 -c32 -d"${MINUTES}m" --latency http://127.0.0.1:18080/hello > "$OUT/wrk.txt" &
WRK=$!
sleep 60
HEAP1=$(heap_after_gc_mb $APP)
sleep $(( MINUTES * 60 - 70 ))
HEAP_END=$(heap_after_gc_mb $APP)
RSS=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$APP/status)
wait $WRK
kill $APP; wait $APP || true # SIGTERM: the shutdown hook flushes the exporter
SPANS=$(curl -s http://127.0.0.1:14318/spans)

REQUESTS=$(grep -o '[0-9]* requests in' "$OUT/wrk.txt" | cut -d' ' -f1)
RPS=$(grep 'Requests/sec' "$OUT/wrk.txt" | awk '{printf "%.0f", $2}')
P99=$(awk '$1 == "99%" {print $2}' "$OUT/wrk.txt")
ERRORS=$(grep -o 'Non-2xx or 3xx responses: [0-9]*' "$OUT/wrk.txt" | tr -dc '0-9' || true)
SOCKET=$(grep 'Socket errors' "$OUT/wrk.txt" || true)
DROPPED=$({ grep -o 'dropped [0-9]* span' "$OUT/app.log" || true; } | awk '{s += $2} END {print s + 0}')
echo "| minutes | requests/s | p99 | requests | errors | spans received | dropped (SDK's reports) | heap after GC, minute 1 | heap after GC, end | RSS, end |"
echo "|---|---|---|---|---|---|---|---|---|---|"
echo "| $MINUTES | $RPS | $P99 | $REQUESTS | ${ERRORS:-0}${SOCKET:+ ($SOCKET)} | $SPANS | $DROPPED | $HEAP1 MB | $HEAP_END MB | $RSS MB |"
