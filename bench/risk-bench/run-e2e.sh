#!/usr/bin/env bash
# End-to-end order-check benchmark (issue 4): HTTP -> gateway -> Kafka -> risk-stream -> gateway, warm.
# Usage: bench/risk-bench/run-e2e.sh [seconds=20] [connections=64] [samples=5000] [maxWarmupSeconds=300] [bots=64]
# Set BENCH_SKIP_BUILD=1 to reuse the last build; BENCH_JAVA_OPTS adds JVM options (e.g. -Dbench.jfr=target/e2e.jfr).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  # Only what this benchmark needs (schemas, local-kafka, tsdb-sink, ingest-gateway, risk-stream, parents), tests skipped.
  ./mvnw -B -o -q install -DskipTests -pl bench/risk-bench -am
  ./mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl bench/risk-bench
fi
command -v wrk >/dev/null || { echo "wrk is required (Debian package wrk)" >&2; exit 1; }
cd bench/risk-bench
# shellcheck disable=SC2086
exec java -Xms1g -Xmx1g -XX:+UseParallelGC -XX:FlightRecorderOptions=stackdepth=512 ${BENCH_JAVA_OPTS:-} \
  -cp "target/classes:$(cat target/classpath.txt)" com.quantumedge.supervisor.bench.risk.HttpEndToEndBench "$@"
