#!/usr/bin/env bash
# End-to-end order-check benchmark (issue 4): HTTP -> gateway -> Kafka -> risk-stream -> gateway, warm.
# Usage: bench/risk-bench/run-e2e.sh [seconds=20] [connections=64] [samples=5000] [maxWarmupSeconds=300] [bots=64]
# BENCH_KAFKA=single (default: one PLAINTEXT broker), secured (3 nodes, SASL_SSL, ACLs, RF 3, min ISR 2) or both
# (single, then secured, in one session, and the secured/single ratios).
# Set BENCH_SKIP_BUILD=1 to reuse the last build; BENCH_JAVA_OPTS adds JVM options (e.g. -Dbench.jfr=target/e2e.jfr).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  # Only what this benchmark needs (schemas, local-kafka, tsdb-sink, ingest-gateway, risk-stream, parents), tests skipped.
  # Packaged in one reactor, nothing installed: the classpath names the modules' own target/*.jar.
  ./mvnw -B -o -q package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt -pl bench/risk-bench -am
fi
command -v wrk >/dev/null || { echo "wrk is required (Debian package wrk)" >&2; exit 1; }
cd bench/risk-bench
run() {
  # shellcheck disable=SC2086
  java -Xms1g -Xmx1g -XX:+UseParallelGC -XX:FlightRecorderOptions=stackdepth=512 -Dbench.kafka="$1" ${BENCH_JAVA_OPTS:-} \
    -cp "target/classes:$(cat target/classpath.txt)" com.quantumedge.supervisor.bench.risk.HttpEndToEndBench "${@:2}"
}
kind="${BENCH_KAFKA:-single}"
if [ "$kind" != both ]; then
  echo "uptime before: $(uptime)"
  run "$kind" "$@"
  echo "uptime after: $(uptime)"
  exit
fi
log_single=$(mktemp) log_secured=$(mktemp)
echo "uptime before single: $(uptime)"
run single "$@" | tee "$log_single"
echo "uptime before secured: $(uptime)"
run secured "$@" | tee "$log_secured"
echo "uptime after: $(uptime)"
# secured/single for every E2E-RESULT field: key=value pairs of both runs, matched by key.
paste -d' ' <(grep '^E2E-RESULT' "$log_single" | tr ' ' '\n' | grep '=') <(grep '^E2E-RESULT' "$log_secured" | tr ' ' '\n' | grep '=') |
  awk -F'[ =]' '$1 == "kafka" { next } { printf "%-22s single %10s  secured %10s  secured/single %.2f\n", $1, $2, $4, ($2 > 0 ? $4 / $2 : 0) }'
rm -f "$log_single" "$log_secured"
