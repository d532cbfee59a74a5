#!/usr/bin/env bash
# The side-by-side HTTP benchmark (issue 11): the hello-world HttpHandler plain, with aotel's
# wrapper and nothing attached, with aotel exporting OTLP/HTTP, with the OpenTelemetry Java agent
# 2.33.1 and with OpenTelemetry's library instrumentation 2.23.0-alpha, both exporting to the same
# receiver (a process of its own). Interleaved rounds; throughput, p50/p99, start-up, heap after
# GC, RSS, spans received. Writes the table and chart into benchmarks/README.md.
# Needs wrk (apt-get install wrk).
# Usage: benchmarks/http-overhead.sh [rounds] [warmup-s] [measure-s] [configs]
# configs: a comma-separated choice of plain, disabled, noop (one instrument that does nothing:
# aotel's own layer), recorded (spans recorded and batched, then discarded), sdk-exporter
# (aotel with the SDK's OTLP exporter instead of its own), aotel, manual (a span made by hand
# with aotel's tracer: the floor for any restructuring of aotel's request path), agent,
# library.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-5}"
WARMUP="${2:-3}"
MEASURE="${3:-8}"
CONFIGS="${4:-plain,disabled,aotel,agent,library}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

mvn -B -q install -DskipTests
mvn -B -q -f benchmarks/library-app/pom.xml package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt
mvn -B -q dependency:copy -Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:2.33.1 \
  -DoutputDirectory=benchmarks/target/agent
export AOTEL_BENCH_JAR=benchmarks/target/benchmarks.jar
export AGENT_JAR=benchmarks/target/agent/opentelemetry-javaagent-2.33.1.jar
export LIBRARY_CP="benchmarks/library-app/target/aotel-benchmarks-library-app-0.1.0-SNAPSHOT.jar:$(cat benchmarks/library-app/target/classpath.txt)"
OUT=benchmarks/target/http-overhead
rm -rf "$OUT"

java -cp "$AOTEL_BENCH_JAR" dev.aotel.benchmarks.overhead.HttpOverhead \
  "$OUT" "$ROUNDS" "$WARMUP" "$MEASURE" "$CONFIGS"

# The table and chart go between the markers in benchmarks/README.md, with the machine.
cp "$OUT/http-overhead.svg" benchmarks/http-overhead.svg
{
  echo "Run on $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1)."
  echo
  cat "$OUT/table.md"
  echo
  echo "![Throughput relative to plain](http-overhead.svg)"
} > "$OUT/section.md"
python3 - "$OUT/section.md" benchmarks/README.md <<'PY'
import sys
section, readme = open(sys.argv[1]).read(), sys.argv[2]
text = open(readme).read()
begin, end = '<!-- http-overhead:begin -->', '<!-- http-overhead:end -->'
if begin in text:
    head, rest = text.split(begin, 1)
    text = head + begin + '\n' + section + end + rest.split(end, 1)[1]
else:
    text += '\n' + begin + '\n' + section + end + '\n'
open(readme, 'w').write(text)
PY
echo "written: benchmarks/README.md, benchmarks/http-overhead.svg" >&2
