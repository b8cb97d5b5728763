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

# The redocly CLI lints the gateway's OpenAPI document (OpenApiLintTest). Project-local, pinned and
# git-ignored; skipped when that version is already there, so an offline run with it installed
# passes. Installed into a staging folder and moved in whole, so an interrupted install is never
# taken for a finished one. Node 20.19+ and npm come with the machine. Without it, OpenApiLintTest
# fails under CI=true and is skipped elsewhere.
REDOCLY_VERSION=2.77.0
# playwright-core drives Debian's chromium (executablePath) in ConsoleBrowserTest; its own browser
# download is never used. Same rules as redocly: pinned, project-local, staged, git-ignored.
PLAYWRIGHT_VERSION=1.65.2
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

playwright="$root/.tools/playwright"
playwright_installed() {
  grep -qs "\"version\": \"$PLAYWRIGHT_VERSION\"" "$playwright/node_modules/playwright-core/package.json"
}
if ! playwright_installed; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "install-test-deps: npm not found; ConsoleBrowserTest needs playwright-core@$PLAYWRIGHT_VERSION" >&2
  elif ! timeout 30 npm ping --loglevel=error >/dev/null 2>&1; then
    echo "install-test-deps: the npm registry does not answer; playwright-core@$PLAYWRIGHT_VERSION not installed" \
      "(ConsoleBrowserTest fails under CI=true)" >&2
  else
    staging="$playwright.installing"
    rm -rf "$staging"
    # PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: playwright-core downloads nothing itself, said once more for safety.
    if PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$staging" --no-audit --no-fund --no-save --loglevel=error \
        "playwright-core@$PLAYWRIGHT_VERSION" >/dev/null; then
      rm -rf "$playwright"
      mkdir -p "$(dirname "$playwright")"
      mv "$staging" "$playwright"
    else
      rm -rf "$staging"
      echo "install-test-deps: could not install playwright-core@$PLAYWRIGHT_VERSION (ConsoleBrowserTest fails under CI=true)" >&2
    fi
  fi
fi
