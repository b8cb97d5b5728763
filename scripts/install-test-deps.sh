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
# docker-compose (v1) validates docker-compose.yml without an engine (DockerComposeConfigTest).
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 || {
      apt-get update -qq
      apt-get install -y -qq "${need[@]}" >/dev/null
    }
    # The package starts its own service on 8123/9000 on some systems; the project never uses it.
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet clickhouse-server 2>/dev/null; then
      systemctl stop clickhouse-server || true
    fi
  else
    echo "install-test-deps: missing ${need[*]} and not root with apt-get" >&2
    exit 1
  fi
fi

# The redocly CLI lints the gateway's OpenAPI document (OpenApiLintTest). Project-local, pinned and
# git-ignored; skipped when that version is already there, so an offline run with it installed
# passes. Installed into a staging folder and moved in whole, so an interrupted install is never
# taken for a finished one. Node 20.19+ and npm come with the machine. Without it, OpenApiLintTest
# fails under CI=true and is skipped elsewhere.
REDOCLY_VERSION=2.77.0
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
redocly="$root/.tools/redocly"
redocly_installed() {
  [ -x "$redocly/node_modules/.bin/redocly" ] \
    && grep -qs "\"version\": \"$REDOCLY_VERSION\"" "$redocly/node_modules/@redocly/cli/package.json"
}
if ! redocly_installed; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "install-test-deps: npm not found; OpenApiLintTest needs @redocly/cli@$REDOCLY_VERSION" >&2
  elif ! timeout 30 npm ping --loglevel=error >/dev/null 2>&1; then
    echo "install-test-deps: the npm registry does not answer; @redocly/cli@$REDOCLY_VERSION not installed" \
      "(OpenApiLintTest fails under CI=true)" >&2
  else
    staging="$redocly.installing"
    rm -rf "$staging"
    if npm install --prefix "$staging" --no-audit --no-fund --no-save --loglevel=error "@redocly/cli@$REDOCLY_VERSION" >/dev/null; then
      rm -rf "$redocly"
      mkdir -p "$(dirname "$redocly")"
      mv "$staging" "$redocly"
    else
      rm -rf "$staging"
      echo "install-test-deps: could not install @redocly/cli@$REDOCLY_VERSION (OpenApiLintTest fails under CI=true)" >&2
    fi
  fi
fi

# chDB embeds a current ClickHouse (26.7 in chdb 3.4.0) in-process: ClickHouseDialectTest runs every
# migration and query on it and compares with the 18.16 server. Same rules as redocly above:
# project-local, pinned, git-ignored, staged, skipped when present. Its native library is ~566 MB.
# Without it, ClickHouseDialectTest fails under CI=true and is skipped elsewhere.
CHDB_VERSION=3.4.0
chdb="$root/.tools/chdb"
chdb_installed() {
  [ -d "$chdb/node_modules/chdb" ] \
    && grep -qs "\"version\": \"$CHDB_VERSION\"" "$chdb/node_modules/chdb/package.json"
}
if ! chdb_installed; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "install-test-deps: npm not found; ClickHouseDialectTest needs chdb@$CHDB_VERSION" >&2
  elif ! timeout 30 npm ping --loglevel=error >/dev/null 2>&1; then
    echo "install-test-deps: the npm registry does not answer; chdb@$CHDB_VERSION not installed" \
      "(ClickHouseDialectTest fails under CI=true)" >&2
  else
    staging="$chdb.installing"
    rm -rf "$staging"
    if npm install --prefix "$staging" --no-audit --no-fund --no-save --loglevel=error "chdb@$CHDB_VERSION" >/dev/null; then
      rm -rf "$chdb"
      mkdir -p "$(dirname "$chdb")"
      mv "$staging" "$chdb"
    else
      rm -rf "$staging"
      echo "install-test-deps: could not install chdb@$CHDB_VERSION (ClickHouseDialectTest fails under CI=true)" >&2
    fi
  fi
fi
