#!/usr/bin/env bash
# Throughput and p99 per half second from the moment the service is ready (issue 11: where the
# enabled path's gap to plain sits in time). For each round and configuration a fresh JVM of the
# hello-world service (as in http-overhead.sh: standard OTEL_* settings, OTLP/HTTP to a receiver
# process of its own), then WarmUpTimeline's closed-loop load (32 connections), every request
# timed. Prints a Markdown table of medians over the rounds.
# Usage: benchmarks/warmup-timeline.sh [rounds] [seconds] [configs]
# configs: a comma-separated choice of plain, disabled, noop, recorded, aotel, manual (as in
# http-overhead.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"
SECONDS_LOADED="${2:-11}"
CONFIGS="${3:-plain,noop,recorded,aotel}"
OUT=benchmarks/target/warmup-timeline

mvn -B -q install -DskipTests >&2
rm -rf "$OUT" && mkdir -p "$OUT"
. benchmarks/hello-service.sh
start_receiver
timeline() {
  java -cp "$JAR" dev.aotel.benchmarks.overhead.WarmUpTimeline load "$SERVICE_PORT" 32 \
    "$SECONDS_LOADED" 500 > "$OUT/$config-$round.txt"
  echo "round $round $config done" >&2
}
in_rounds timeline
files=()
for config in ${CONFIGS//,/ }; do files+=("$OUT/$config"-*.txt); done
java -cp "$JAR" dev.aotel.benchmarks.overhead.WarmUpTimeline table "${files[@]}"
