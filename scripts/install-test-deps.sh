#!/usr/bin/env bash
# Installs what the test suite needs beyond a JDK. Idempotent; safe to run on every test run.
# Maven itself comes through ./mvnw; the Kafka broker runs in-process from Maven artifacts.
set -euo pipefail
need=()
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "install-test-deps: missing ${need[*]} and not root with apt-get" >&2
    exit 1
  fi
fi
