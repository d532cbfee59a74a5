#!/usr/bin/env bash
# When C2 gets to the request path in the protocol's window (issue 11): one fresh JVM of the
# hello-world service per configuration (as in http-overhead.sh: standard OTEL_* settings,
# OTLP/HTTP to a receiver process of its own) with HotSpot's -XX:+LogCompilation, wrk -t1 -c32
# for the warm-up and the measured seconds, then dev.aotel.benchmarks.jit.C2Timeline on its log:
# the C2 queue's length second by second, the C2 compile time inside the window, and when each
# C2 compile of the JDK server's doFilter and of aotel's request path was queued and done.
# Usage: benchmarks/c2-timeline.sh [configs] [warmup-s] [measure-s]
# (configs: a comma-separated choice of plain, disabled, noop, recorded, aotel, manual; default
# plain,aotel. C2TIMELINE_NO_BUILD=1 measures the jar as built.)
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIGS="${1:-plain,aotel}"
WARMUP="${2:-3}"
MEASURE="${3:-8}"
OUT=benchmarks/target/c2-timeline
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

[ -n "${C2TIMELINE_NO_BUILD:-}" ] || mvn -B -q install -DskipTests >&2
rm -rf "$OUT" && mkdir -p "$OUT"
. benchmarks/hello-service.sh
start_receiver
url="http://127.0.0.1:$SERVICE_PORT/hello"
for config in ${CONFIGS//,/ }; do
  start_service "$config" -XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation \
    "-XX:LogFile=$OUT/$config.xml"
  ready=$(awk '/^ready/ {print $2 / 1000; exit}' "$OUT/service.log")
  wrk -t1 -c32 -d"${WARMUP}s" "$url" > /dev/null
  wrk -t1 -c32 -d"${MEASURE}s" "$url" | awk '/Requests\/sec/ {print "requests/s", $2}' \
    > "$OUT/$config.wrk"
  stop_service
  # The window in JVM uptime: from the end of the warm-up to the end of the measured run, the
  # service having printed ready at $ready s (wrk starts within a few ms of it).
  from=$(awk -v r="$ready" -v w="$WARMUP" 'BEGIN {print r + w}')
  to=$(awk -v f="$from" -v m="$MEASURE" 'BEGIN {print f + m}')
  echo "== $config ($(cat "$OUT/$config.wrk"), ready at ${ready} s)"
  java -cp "$JAR" dev.aotel.benchmarks.jit.C2Timeline "$OUT/$config.xml" "$from" "$to" \
    dev.aotel.runtime.internal.Operation dev.aotel.runtime.internal.HttpServerCall \
    dev.aotel.runtime.otel dev.aotel.sdk.internal
done
