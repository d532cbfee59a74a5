#!/usr/bin/env bash
# The work a request path executes, without the JIT (issue 11): the hello-world service run with
# -Xint (interpreter only), loaded as in http-overhead.sh but lightly (wrk -t1 -c8, 2 s warm-up, 5 s
# measured), and its CPU per request over the measured run. What the interpreter spends is set by
# the bytecode executed per request, so it moves by a few percent between runs (up to 10 % in a
# busy hour) where throughput under the JIT moves by 20 %: fit to compare two builds' request paths (a change that removes
# work shows here even when the 3 s protocol cannot resolve it), not to predict throughput.
# Usage: benchmarks/interpreted-cost.sh [rounds] [configs] [jars]
#   rounds: interleaved rounds (3); configs: comma-separated, as in hello-service.sh
#   (plain,noop,recorded,aotel); jars: comma-separated builds of benchmarks.jar to compare (the
#   one in benchmarks/target). Build first (mvn -B -q install -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
IFS=, read -r -a CONFIGS <<< "${2:-plain,noop,recorded,aotel}"
IFS=, read -r -a JARS <<< "${3:-benchmarks/target/benchmarks.jar}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
OUT=benchmarks/target/interpreted-cost
rm -rf "$OUT" && mkdir -p "$OUT"
source benchmarks/hello-service.sh
JAR=${JARS[0]}
start_receiver
URL="http://127.0.0.1:$SERVICE_PORT/hello"
TICK=$(getconf CLK_TCK)

for _ in $(seq "$ROUNDS"); do
  for jar in "${JARS[@]}"; do
    for config in "${CONFIGS[@]}"; do
      JAR=$jar
      start_service "$config" -Xint
      wrk -t1 -c8 -d2s "$URL" > /dev/null
      before=$(ticks "/proc/$service/stat")
      rps=$(wrk -t1 -c8 -d5s "$URL" | awk '/Requests\/sec/ {print $2}')
      after=$(ticks "/proc/$service/stat")
      stop_service
      awk -v j="$jar" -v c="$config" -v t=$((after - before)) -v r="$rps" -v k="$TICK" \
        'BEGIN {printf "%s %s %.0f %.0f\n", j, c, r, t * 1e6 / k / (r * 5)}' | tee -a "$OUT/runs.txt"
    done
  done
done
echo "medians of $ROUNDS rounds (interpreter only): requests/s, CPU µs per request"
median() { sort -n | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
awk '{print $1, $2}' "$OUT/runs.txt" | awk '!seen[$0]++' | while read -r jar config; do
  rows=$(awk -v j="$jar" -v c="$config" '$1 == j && $2 == c' "$OUT/runs.txt")
  printf "  %-50s %-8s %8s %8s\n" "$jar" "$config" "$(awk '{print $3}' <<< "$rows" | median)" \
    "$(awk '{print $4}' <<< "$rows" | median)"
done
