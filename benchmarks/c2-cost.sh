#!/usr/bin/env bash
# The JIT work of aotel's request path (issue 11): JMH forks of one benchmark, each with HotSpot's
# -XX:+LogCompilation, then what C2 compiled in them (dev.aotel.benchmarks.jit.C2Cost): compiles,
# time, machine code, bytecode parsed and how much of it is aotel's and OpenTelemetry's, medians,
# and the methods inlined most. One request path repeated by one thread, so the JIT's choices
# repeat within about 10 % from fork to fork: fit to compare two builds, where throughput runs on
# shared cores cannot tell them apart.
# Usage: benchmarks/c2-cost.sh [forks] [benchmark] [JMH options...]
# (defaults: 3 forks of EnabledRequestBenchmark.started with -p ownSpans=true; C2COST_NO_BUILD=1
# measures the jar as built, without the Maven install first)
set -euo pipefail
cd "$(dirname "$0")/.."
FORKS="${1:-3}"
BENCH="${2:-EnabledRequestBenchmark.started}"
shift $(( $# < 2 ? $# : 2 ))
if [ $# -eq 0 ] && [ "$BENCH" = "EnabledRequestBenchmark.started" ]; then
  set -- -p ownSpans=true # one parameter value: JMH would fork once per value, each fork one log
fi

[ -n "${C2COST_NO_BUILD:-}" ] || mvn -B -q install -DskipTests
OUT=benchmarks/target/c2-cost
rm -rf "$OUT"
mkdir -p "$OUT"
for i in $(seq "$FORKS"); do
  java -jar benchmarks/target/benchmarks.jar "$BENCH" -f 1 -wi 4 -w 1 -i 2 -r 1 "$@" \
    -jvmArgsAppend "-XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=$OUT/fork-$i.xml" \
    > "$OUT/fork-$i.txt" 2>&1
done
java -cp benchmarks/target/benchmarks.jar dev.aotel.benchmarks.jit.C2Cost "$OUT"/fork-*.xml
