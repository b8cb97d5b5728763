#!/usr/bin/env bash
# CPU and allocation of one order check in risk-stream's processor (OrderCheckBenchmark, JMH -prof gc):
# the working tree against a baseline revision, in the same session, alternating baseline/current.
# Usage: bench/risk-bench/run-order-check.sh [baselineRev=HEAD] [rounds=2] [forks=2]
# BENCH_SKIP_BUILD=1 reuses the last build (and baseline jar); JMH_OPTS adds JMH options (e.g. "-wi 2 -i 2").
set -euo pipefail
cd "$(dirname "$0")/../.."
BASE_REV=${1:-HEAD}
ROUNDS=${2:-2}
FORKS=${3:-2}
BENCH=bench/risk-bench
BASE_JAR="$BENCH/target/baseline/risk-stream-$(git rev-parse --short "$BASE_REV").jar"

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  # risk-stream from the working tree and this module in one reactor; other modules (ingest-gateway,
  # local-kafka, schemas) come from the local repository as installed.
  ./mvnw -B -o -q package dependency:build-classpath -DskipTests -Dspring-boot.repackage.skip=true \
    -Dmdep.outputFile=target/classpath.txt -pl risk-stream,$BENCH
  # The baseline: risk-stream as committed at BASE_REV, built from `git archive` (read-only) in a temp dir.
  src=$(mktemp -d)
  git archive "$BASE_REV" | tar -x -C "$src"
  (cd "$src" && ./mvnw -B -o -q package -DskipTests -Dspring-boot.repackage.skip=true -pl risk-stream)
  mkdir -p "$(dirname "$BASE_JAR")"
  cp "$src"/risk-stream/target/risk-stream-*-SNAPSHOT.jar "$BASE_JAR"
  rm -rf "$src"
fi

# Everything but risk-stream, which each run puts first.
REST=$(tr ':' '\n' < $BENCH/target/classpath.txt | grep -v 'risk-stream' | paste -sd: -)
cp_of() { echo "$BENCH/target/classes:$1:$REST"; }
CURRENT=risk-stream/target/classes

OUT=$BENCH/target/jmh
rm -rf "$OUT" && mkdir -p "$OUT"

echo "== outputs: the same seeded inputs must give the same bytes (ids included) with both builds"
java -Xmx1g -cp "$(cp_of "$BASE_JAR")" com.quantumedge.supervisor.bench.risk.OrderCheckOutputDigest > "$OUT/digest-baseline.txt"
java -Xmx1g -cp "$(cp_of "$CURRENT")" com.quantumedge.supervisor.bench.risk.OrderCheckOutputDigest > "$OUT/digest-current.txt"
grep -E 'by code|digest of all' "$OUT/digest-current.txt"
if ! diff <(grep 'digest of all' "$OUT/digest-baseline.txt") <(grep 'digest of all' "$OUT/digest-current.txt"); then
  echo "OUTPUTS DIFFER between $BASE_REV and the working tree (per-topic digests in $OUT)" >&2
  exit 1
fi
echo "outputs identical"

run() { # variant round risk-stream-classes
  local load json
  load=$(uptime | sed 's/.*load average: //')
  json=$OUT/$1-$2.json
  # shellcheck disable=SC2086
  java -cp "$(cp_of "$3")" org.openjdk.jmh.Main OrderCheckBenchmark -f "$FORKS" -prof gc -rf json -rff "$json" ${JMH_OPTS:-} \
    > "${json%.json}.log"
  printf '%-9s round %d  %8.0f ± %5.0f ns/op  %6.0f B/op  load before: %s, after: %s\n' "$1" "$2" \
    "$(jq '.[0].primaryMetric.score' "$json")" "$(jq '.[0].primaryMetric.scoreError' "$json")" \
    "$(jq '.[0].secondaryMetrics["gc.alloc.rate.norm"].score' "$json")" "$load" "$(uptime | sed 's/.*load average: //')"
}
echo "== OrderCheckBenchmark, $ROUNDS rounds of baseline ($BASE_REV) then current, $FORKS forks each"
for round in $(seq 1 "$ROUNDS"); do
  run baseline "$round" "$BASE_JAR"
  run current "$round" "$CURRENT"
done
median() {
  jq -s "map(.[0].$1) | sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end" \
    "$OUT/$2"-*.json
}
b_ns=$(median primaryMetric.score baseline); c_ns=$(median primaryMetric.score current)
b_b=$(median 'secondaryMetrics["gc.alloc.rate.norm"].score' baseline)
c_b=$(median 'secondaryMetrics["gc.alloc.rate.norm"].score' current)
awk -v bn="$b_ns" -v bb="$b_b" -v cn="$c_ns" -v cb="$c_b" 'BEGIN { printf "median: baseline %.0f ns/op %.0f B/op; current %.0f ns/op %.0f B/op; current/baseline: time %.2f, bytes %.2f\n", bn, bb, cn, cb, cn / bn, cb / bb }'
