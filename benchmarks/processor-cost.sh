#!/usr/bin/env bash
# What the @Traced processor costs a build: 300 generated classes compiled with the processor
# against the same sources plus the wrappers it generated, compiled without it; 7 interleaved
# rounds, medians. Usage: benchmarks/processor-cost.sh [classes] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests
mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
  -Dmdep.includeScope=compile
# Scope "compile" includes the provided processor, annotations and JavaPoet javac needs here.
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  dev.aotel.benchmarks.ProcessorCost "${1:-300}" "${2:-7}"
