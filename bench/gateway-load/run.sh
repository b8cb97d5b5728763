#!/usr/bin/env bash
# Heartbeat ingest load benchmark. Usage: bench/gateway-load/run.sh [connections=64] [seconds=20] [maxWarmupSeconds=300]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -o -q install -DskipTests -pl ingest-gateway
./mvnw -B -o -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl bench/gateway-load
cd bench/gateway-load
exec java -Xms1g -Xmx1g -XX:+UseParallelGC -cp "target/classes:$(cat target/classpath.txt)" \
  com.quantumedge.supervisor.bench.gatewayload.GatewayLoadBench "$@"
