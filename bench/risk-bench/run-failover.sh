#!/usr/bin/env bash
# Broker failover under order checks (issue 14): stop the leader of the bot's partition on the secured 3-node
# cluster, restart it, repeat; prints the time to the first allowed check and the fail-closed window.
# Usage: bench/risk-bench/run-failover.sh [repetitions=5] [stoppedSeconds=10] [checkThreads=2] [checksPerSecondPerThread=100]
# Set BENCH_SKIP_BUILD=1 to reuse the last build (the same as run-e2e.sh's).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -o -q package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt -pl bench/risk-bench -am
fi
cd bench/risk-bench
echo "uptime before: $(uptime)"
# shellcheck disable=SC2086
java -Xms1g -Xmx1g -XX:+UseParallelGC ${BENCH_JAVA_OPTS:-} -cp "target/classes:$(cat target/classpath.txt)" \
  com.quantumedge.supervisor.bench.risk.FailoverBench "$@"
echo "uptime after: $(uptime)"
