#!/usr/bin/env bash
# Throughput and p99 per half second from the moment the service is ready (issue 11: where the
# enabled path's gap to plain sits in time). For each round and configuration a fresh JVM of the
# hello-world service (as in http-overhead.sh: standard OTEL_* settings, OTLP/HTTP to a receiver
# process of its own), then WarmUpTimeline's closed-loop load (32 connections), every request
# timed. Prints a Markdown table of medians over the rounds.
# Usage: benchmarks/warmup-timeline.sh [rounds] [seconds] [configs]
# configs: a comma-separated choice of plain, noop, recorded, aotel (as in http-overhead.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"
SECONDS_LOADED="${2:-11}"
CONFIGS="${3:-plain,noop,recorded,aotel}"
JAR=benchmarks/target/benchmarks.jar
OUT=benchmarks/target/warmup-timeline
RECEIVER_PORT=14318
SERVICE_PORT=18080

mvn -B -q install -DskipTests >&2
rm -rf "$OUT" && mkdir -p "$OUT"
java -cp "$JAR" dev.aotel.benchmarks.overhead.SpanCountingReceiver "$RECEIVER_PORT" \
  > "$OUT/receiver.log" 2>&1 &
receiver=$!
trap 'kill $receiver 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q ready "$OUT/receiver.log" && break; sleep 0.1; done

export OTEL_SERVICE_NAME=hello OTEL_TRACES_EXPORTER=otlp OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf \
  OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$RECEIVER_PORT" OTEL_METRICS_EXPORTER=none \
  OTEL_LOGS_EXPORTER=none
for round in $(seq 1 "$ROUNDS"); do
  for config in ${CONFIGS//,/ }; do
    opts=(); mode=$config
    case $config in
      recorded) mode=aotel; opts=(-Dotel.traces.exporter=discard) ;;
      plain|noop|aotel) ;;
      *) echo "unknown configuration: $config (plain, noop, recorded, aotel)" >&2; exit 2 ;;
    esac
    java -Dsun.net.httpserver.nodelay=true "${opts[@]}" -cp "$JAR" \
      dev.aotel.benchmarks.HelloService "$SERVICE_PORT" "$mode" > "$OUT/service.log" 2>&1 &
    service=$!
    for _ in $(seq 1 200); do grep -q '^ready' "$OUT/service.log" && break; sleep 0.05; done
    grep -q '^ready' "$OUT/service.log" || { echo "$config did not start" >&2; exit 1; }
    java -cp "$JAR" dev.aotel.benchmarks.overhead.WarmUpTimeline load "$SERVICE_PORT" 32 \
      "$SECONDS_LOADED" 500 > "$OUT/$config-$round.txt"
    kill "$service"; wait "$service" 2>/dev/null || true
    echo "round $round $config done" >&2
  done
done
files=()
for config in ${CONFIGS//,/ }; do files+=("$OUT/$config"-*.txt); done
java -cp "$JAR" dev.aotel.benchmarks.overhead.WarmUpTimeline table "${files[@]}"
