#!/usr/bin/env bash
# Two builds of the hello-world service side by side (issue 11): for one configuration, N
# interleaved pairs of fresh JVMs, one from each jar (the order alternates from pair to pair), each
# loaded as in http-overhead.sh (wrk -t1 -c32, warm-up then measured run, the standard OTEL_*
# settings, the receiver in a process of its own). Prints each run and then the medians: requests
# per second, p99, the service's CPU per request over the measured run and its C2 compiler
# thread's CPU over the whole run, and B's throughput over A's per pair. On these shared 2-core
# boxes one pair moves by ±20 % or more; CPU per request moves less than throughput.
# Usage: benchmarks/ab-pairs.sh <pairs> <config> <jar A> <jar B>
#   config: plain, disabled, noop, recorded or aotel (see hello-service.sh);
#   AB_WARMUP and AB_MEASURE set the wrk seconds (3 and 8), AB_JVM_OPTS adds JVM options to
#   every run, AB_JVM_OPTS_A and AB_JVM_OPTS_B to one side's (the same jar twice with two
#   settings compares the settings: -Dotel.instrumentation.logback-mdc.enabled=false, say).
# Build the jars first, e.g. copy benchmarks/target/benchmarks.jar aside before a change.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 4 ] || { sed -n '2,15p' "$0" >&2; exit 2; }
PAIRS=$1
CONFIG=$2
JAR_A=$3
JAR_B=$4
WARMUP=${AB_WARMUP:-3}
MEASURE=${AB_MEASURE:-8}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
OUT=benchmarks/target/ab-pairs
rm -rf "$OUT"
mkdir -p "$OUT"
source benchmarks/hello-service.sh
JAR=$JAR_A
start_receiver

URL="http://127.0.0.1:$SERVICE_PORT/hello"
TICK=$(getconf CLK_TCK)


# One run of $1 (A or B): "label requests/s p99-ms cpu-us-per-request c2-ms".
run() {
  local label=$1 side_opts
  if [ "$label" = A ]; then JAR=$JAR_A side_opts=${AB_JVM_OPTS_A:-}; else JAR=$JAR_B side_opts=${AB_JVM_OPTS_B:-}; fi
  # shellcheck disable=SC2086
  start_service "$CONFIG" ${AB_JVM_OPTS:-} $side_opts
  wrk -t1 -c32 -d"${WARMUP}s" "$URL" > /dev/null
  local before after c2=0
  before=$(ticks "/proc/$service/stat")
  wrk -t1 -c32 -d"${MEASURE}s" --latency "$URL" > "$OUT/wrk.txt"
  after=$(ticks "/proc/$service/stat")
  for task in /proc/"$service"/task/*; do
    if [[ $(cat "$task/comm") == C2* ]]; then
      c2=$((c2 + $(ticks "$task/stat")))
    fi
  done
  stop_service
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk.txt")
  p99=$(awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub("us", "", v); v /= 1000} else if (v ~ /ms$/) sub("ms", "", v); else if (v ~ /s$/) {sub("s", "", v); v *= 1000}; print v}' "$OUT/wrk.txt")
  echo "$label $rps $p99 $(awk -v t=$((after - before)) -v r="$rps" -v m="$MEASURE" -v k="$TICK" \
    'BEGIN {printf "%.1f", t * 1e6 / k / (r * m)}') $((c2 * 1000 / TICK))"
}

for pair in $(seq "$PAIRS"); do
  if [ $((pair % 2)) = 1 ]; then first=A second=B; else first=B second=A; fi
  for label in $first $second; do
    line=$(run "$label")
    echo "pair $pair $line" | tee -a "$OUT/runs.txt" >&2
    sleep 1
  done
done

python3 - "$OUT/runs.txt" "$CONFIG" <<'PY'
import statistics as st
import sys
runs = [line.split() for line in open(sys.argv[1])]
by = {"A": [], "B": []}
pairs = {}
for _, pair, label, rps, p99, cpu, c2 in runs:
    by[label].append((float(rps), float(p99), float(cpu), float(c2)))
    pairs.setdefault(pair, {})[label] = float(rps)
def med(label, i):
    return st.median(r[i] for r in by[label])
print(f"{sys.argv[2]}, {len(pairs)} interleaved pairs; medians (A | B):")
print(f"  requests/s {med('A', 0):.0f} | {med('B', 0):.0f}")
print(f"  p99 ms {med('A', 1):.2f} | {med('B', 1):.2f}")
print(f"  service CPU µs per request (measured run) {med('A', 2):.1f} | {med('B', 2):.1f}")
print(f"  C2 compiler thread CPU ms (whole run) {med('A', 3):.0f} | {med('B', 3):.0f}")
ratios = sorted(p["B"] / p["A"] for p in pairs.values() if "A" in p and "B" in p)
print(f"  B/A throughput per pair: median {st.median(ratios):.2f}, "
      f"{ratios[0]:.2f}-{ratios[-1]:.2f}")
PY
