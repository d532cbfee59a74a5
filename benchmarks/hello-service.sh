# Sourced by the benchmark scripts that load one hello-world service at a time (warmup-timeline.sh,
# window-cpu.sh, ab-pairs.sh, interpreted-cost.sh, c2-timeline.sh, latency-overhead.sh): the
# span-counting receiver in a process of its own, the standard OTEL_* settings of
# http-overhead.sh, the service started for one configuration (plain, disabled, noop, recorded,
# aotel, manual) and stopped again, and interleaved rounds of that. Expects OUT, the directory for
# their logs.

JAR=benchmarks/target/benchmarks.jar
RECEIVER_PORT=14318
SERVICE_PORT=18080

# Starts the receiver ($receiver) and waits until it is ready; stopped when the script exits.
start_receiver() {
  java -cp "$JAR" dev.aotel.benchmarks.overhead.SpanCountingReceiver "$RECEIVER_PORT" \
    > "$OUT/receiver.log" 2>&1 &
  receiver=$!
  service=
  trap 'kill $receiver $service 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do grep -q ready "$OUT/receiver.log" && break; sleep 0.1; done
  export OTEL_SERVICE_NAME=hello OTEL_TRACES_EXPORTER=otlp \
    OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf \
    OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$RECEIVER_PORT" OTEL_METRICS_EXPORTER=none \
    OTEL_LOGS_EXPORTER=none
}

# Starts configuration $1 ($service), with any further arguments as JVM options, and waits until
# it serves.
start_service() {
  local config=$1 mode=$1
  shift
  local opts=("$@")
  case $config in
    recorded) mode=aotel; opts+=(-Dotel.traces.exporter=discard) ;;
    plain|disabled|noop|aotel|manual) ;;
    *) echo "unknown configuration: $config (plain, disabled, noop, recorded, aotel, manual)" >&2; exit 2 ;;
  esac
  java -Dsun.net.httpserver.nodelay=true "${opts[@]}" -cp "$JAR" \
    dev.aotel.benchmarks.HelloService "$SERVICE_PORT" "$mode" > "$OUT/service.log" 2>&1 &
  service=$!
  for _ in $(seq 1 200); do grep -q '^ready' "$OUT/service.log" && break; sleep 0.05; done
  grep -q '^ready' "$OUT/service.log" || { echo "$config did not start" >&2; cat "$OUT/service.log" >&2; exit 1; }
}

stop_service() {
  kill "$service"
  wait "$service" 2>/dev/null || true
  service=
}

# Interleaved rounds, so that the machine's drift hits every configuration alike: for each of
# $ROUNDS rounds and each configuration in $CONFIGS (comma-separated), starts the service with the
# JVM options in the array SERVICE_OPTS (if set), runs the command given with $round and $config
# set, and stops the service again.
in_rounds() {
  for round in $(seq 1 "$ROUNDS"); do
    for config in ${CONFIGS//,/ }; do
      start_service "$config" ${SERVICE_OPTS[@]+"${SERVICE_OPTS[@]}"}
      "$@"
      stop_service
    done
  done
}

# CPU ticks, user and system, in the stat file $1 of a process or one of its threads.
ticks() { awk '{print $14 + $15}' "$1"; }
