#!/usr/bin/env bash
# The latency aotel adds at a normal load (issue 11's p99 mark, measured where it means something):
# open-loop requests at a fixed rate below the service's capacity (FixedRateLoad: latency from when
# each request was due, so stalls count), against each configuration in interleaved rounds, a fresh
# JVM each (as in http-overhead.sh: standard OTEL_* settings, OTLP/HTTP to a receiver process of
# its own). wrk's closed loop at saturation, the issue's protocol, measures throughput twice: there
# latency is the connections over the throughput. Prints per configuration the medians (min–max)
# of p50, p99 and p99.9 and of each round's p99 difference to plain in the same round, and how
# long the load generator itself was not run inside the measured seconds (stalls over 1 ms: on a
# machine where it shares the cores with the service, those show as the service's latency).
# Usage: benchmarks/latency-overhead.sh [rounds] [rate/s] [warmup-s] [measure-s] [configs]
# (defaults 5 rounds, 8000 requests/s, 3 s, 8 s, plain,noop,aotel; configs as in
# hello-service.sh. LATENCY_NO_BUILD=1 measures the jar as built.)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-5}"
RATE="${2:-8000}"
WARMUP="${3:-3}"
MEASURE="${4:-8}"
CONFIGS="${5:-plain,noop,aotel}"
OUT=benchmarks/target/latency-overhead

[ -n "${LATENCY_NO_BUILD:-}" ] || mvn -B -q install -DskipTests >&2
rm -rf "$OUT" && mkdir -p "$OUT"
. benchmarks/hello-service.sh
start_receiver
fixed_rate() {
  line=$(java -cp "$JAR" dev.aotel.benchmarks.overhead.FixedRateLoad "$SERVICE_PORT" "$RATE" \
    "$WARMUP" "$MEASURE" 32)
  echo "$round $config $line" >> "$OUT/rounds.txt"
  echo "round $round $config: $line" >&2
}
in_rounds fixed_rate

python3 - "$OUT/rounds.txt" "$ROUNDS" "$RATE" "$WARMUP" "$MEASURE" <<'PY'
import statistics as st, sys
from collections import defaultdict

runs = defaultdict(dict)  # config -> round -> {figure: value}
for line in open(sys.argv[1]):
    parts = line.split()
    figures = dict(zip(parts[2::2], map(int, parts[3::2])))
    runs[parts[1]][parts[0]] = figures
rounds, rate, warmup, measure = sys.argv[2:6]
print(f"{rounds} interleaved rounds, {rate} requests/s open loop (32 connections), {warmup} s "
      f"warm-up then {measure} s measured; latency from when each request was due. "
      "Medians (min–max), ms.\n")
print("| configuration | p50 | p99 | p99.9 | p99 added (each round against plain) | late "
      "| load generator not run, ms (its longest stall) |")
print("|---|---|---|---|---|---|---|")
def cell(values, scale=1000):
    values = sorted(v / scale for v in values)
    return f"{st.median(values):.2f} ({values[0]:.2f}–{values[-1]:.2f})"
for config, by_round in runs.items():
    rows = list(by_round.values())
    added = "–"
    if config != "plain" and "plain" in runs:
        diffs = [by_round[r]["p99"] - runs["plain"][r]["p99"] for r in by_round if r in runs["plain"]]
        diffs.sort()
        added = f"{st.median(diffs) / 1000:+.2f} ({diffs[0] / 1000:+.2f}–{diffs[-1] / 1000:+.2f})"
    print(f"| {config} | {cell(r['p50'] for r in rows)} | {cell(r['p99'] for r in rows)} "
          f"| {cell(r['p99.9'] for r in rows)} | {added} | {sum(r['late'] for r in rows)} "
          f"| {cell(r['stalled'] for r in rows)} ({max(r['longest-stall'] for r in rows) / 1000:.1f}) |")
PY
