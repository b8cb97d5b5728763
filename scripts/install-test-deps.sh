#!/usr/bin/env bash
# Installs what the test suite needs beyond a JDK. Idempotent; safe to run on every test run.
# Maven itself comes through ./mvnw; the Kafka broker runs in-process from Maven artifacts.
# ClickHouse (Debian's clickhouse-server) runs as a project-local process started by the tests
# and by scripts/clickhouse.sh; the system service is never used.
set -euo pipefail
need=()
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
if ! command -v clickhouse-server >/dev/null 2>&1 && [ ! -x /usr/bin/clickhouse ]; then
  need+=(clickhouse-server clickhouse-client)
fi
# Real Prometheus (with promtool) and Alertmanager for the alerting tests and ./supervisor up.
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
command -v prometheus-alertmanager >/dev/null 2>&1 || command -v alertmanager >/dev/null 2>&1 || need+=(prometheus-alertmanager)
# docker-compose (v1) validates docker-compose.yml without an engine (DockerComposeConfigTest).
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
# The operator console's browser tests (ConsoleBrowserTest) drive Debian's Chromium with playwright-core.
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 || {
      apt-get update -qq
      apt-get install -y -qq "${need[@]}" >/dev/null
    }
    # The packages start their own services (8123/9000, 9090, 9093) on some systems; the project never
    # uses them: it runs its own processes on free ports.
    for unit in clickhouse-server prometheus prometheus-alertmanager prometheus-node-exporter; do
      if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$unit" 2>/dev/null; then
        systemctl stop "$unit" || true
      fi
    done
  else
    echo "install-test-deps: missing ${need[*]} and not root with apt-get" >&2
    exit 1
  fi
fi

# Node tools of the tests, each project-local under .tools/NAME, pinned and git-ignored; skipped when
# that version is already there, so an offline run with them installed passes. Installed into a
# staging folder and moved in whole, so an interrupted install is never taken for a finished one.
# Node 20.19+ and npm come with the machine. A tool that is missing fails its test under CI=true and
# skips it elsewhere.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# npm_tool NAME PACKAGE VERSION TEST: installs PACKAGE@VERSION into .tools/NAME unless it is there.
npm_tool() {
  local name=$1 package=$2 version=$3 test=$4
  local dir="$root/.tools/$name"
  if grep -qs "\"version\": \"$version\"" "$dir/node_modules/$package/package.json"; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "install-test-deps: npm not found; $test needs $package@$version" >&2
  elif ! timeout 30 npm ping --loglevel=error >/dev/null 2>&1; then
    echo "install-test-deps: the npm registry does not answer; $package@$version not installed ($test fails under CI=true)" >&2
  else
    local staging="$dir.installing"
    rm -rf "$staging"
    if npm install --prefix "$staging" --no-audit --no-fund --no-save --loglevel=error "$package@$version" >/dev/null; then
      rm -rf "$dir"
      mkdir -p "$(dirname "$dir")"
      mv "$staging" "$dir"
    else
      rm -rf "$staging"
      echo "install-test-deps: could not install $package@$version ($test fails under CI=true)" >&2
    fi
  fi
}

# The redocly CLI lints the gateway's OpenAPI document.
npm_tool redocly @redocly/cli 2.77.0 OpenApiLintTest
# playwright-core drives Debian's chromium (executablePath) in ConsoleBrowserTest; its own browser
# download is never used (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD said once more for safety).
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_tool playwright playwright-core 1.65.2 ConsoleBrowserTest
# chDB embeds a current ClickHouse (26.7 in chdb 3.4.0) in-process: ClickHouseDialectTest runs every
# migration and query on it and compares with the 18.16 server (so does tsdb-sink's
# RowBinaryOnBothDialectsTest with the sink's rows). Its native library is ~566 MB.
npm_tool chdb chdb 3.4.0 "ClickHouseDialectTest and RowBinaryOnBothDialectsTest"
