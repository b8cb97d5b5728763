#!/usr/bin/env bash
# Local ClickHouse for QE Supervisor: a project-local server (own config, data and logs under a
# directory of ours, free loopback ports), never the system service.
#
#   scripts/clickhouse.sh install          install clickhouse-server/-client with apt-get when missing (root)
#   scripts/clickhouse.sh start [DIR]      start on free ports with data under DIR (default .supervisor/clickhouse);
#                                          prints CLICKHOUSE_URL=... and writes it to DIR/clickhouse.env
#   scripts/clickhouse.sh stop [DIR]       stop the server started in DIR
#   scripts/clickhouse.sh status [DIR]     exit 0 and print the URL when the server in DIR answers
#   scripts/clickhouse.sh url [DIR]        print the URL of the server in DIR
#
# Exit codes: 0 ok, 3 ClickHouse cannot be had (not installed and cannot install), 1 other failure.
set -euo pipefail

cmd=${1:-}
dir=${2:-${SUPERVISOR_HOME:-.supervisor}/clickhouse}

server_bin() {
  if command -v clickhouse-server >/dev/null 2>&1; then echo "clickhouse-server"
  elif [ -x /usr/bin/clickhouse ]; then echo "/usr/bin/clickhouse server"
  elif command -v clickhouse >/dev/null 2>&1; then echo "clickhouse server"
  else return 1; fi
}

install() {
  if server_bin >/dev/null; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clickhouse-server clickhouse-client >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clickhouse-server clickhouse-client >/dev/null; }
  fi
  server_bin >/dev/null || { echo "clickhouse: not installed and cannot install it (need root and apt-get)" >&2; exit 3; }
}

free_port() {
  python3 - <<'PY' 2>/dev/null || echo $(( 20000 + RANDOM % 20000 ))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

url() { [ -f "$dir/clickhouse.env" ] && sed -n 's/^CLICKHOUSE_URL=//p' "$dir/clickhouse.env"; }

answers() { local u; u=$(url) && [ -n "$u" ] && curl -fsS --max-time 2 "$u/ping" >/dev/null 2>&1; }

write_config() {
  local http=$1 tcp=$2 abs
  abs=$(cd "$dir" && pwd)
  mkdir -p "$abs/data" "$abs/tmp" "$abs/user_files" "$abs/format_schemas" "$abs/log"
  cat > "$abs/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage><load_balancing>random</load_balancing></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
  cat > "$abs/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$abs/log/server.log</log><errorlog>$abs/log/server.err.log</errorlog><size>50M</size><count>2</count></logger>
  <http_port>$http</http_port>
  <tcp_port>$tcp</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <max_connections>256</max_connections>
  <keep_alive_timeout>3</keep_alive_timeout>
  <max_concurrent_queries>100</max_concurrent_queries>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <mark_cache_size>268435456</mark_cache_size>
  <path>$abs/data/</path>
  <tmp_path>$abs/tmp/</tmp_path>
  <user_files_path>$abs/user_files/</user_files_path>
  <format_schema_path>$abs/format_schemas/</format_schema_path>
  <users_config>$abs/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mlock_executable>false</mlock_executable>
  <builtin_dictionaries_reload_interval>3600</builtin_dictionaries_reload_interval>
  <max_session_timeout>3600</max_session_timeout>
  <default_session_timeout>60</default_session_timeout>
</yandex>
XML
}

start() {
  install
  mkdir -p "$dir"
  if answers; then echo "CLICKHOUSE_URL=$(url)"; return 0; fi
  local http tcp bin abs
  http=$(free_port); tcp=$(free_port)
  while [ "$tcp" = "$http" ]; do tcp=$(free_port); done
  write_config "$http" "$tcp"
  abs=$(cd "$dir" && pwd)
  bin=$(server_bin)
  # setsid: the server outlives this shell; its pid is recorded for stop.
  setsid $bin --config-file="$abs/config.xml" >"$abs/log/stdout.log" 2>&1 < /dev/null &
  echo $! > "$abs/clickhouse.pid"
  echo "CLICKHOUSE_URL=http://127.0.0.1:$http" > "$abs/clickhouse.env"
  for _ in $(seq 1 150); do
    if answers; then echo "CLICKHOUSE_URL=http://127.0.0.1:$http"; return 0; fi
    if ! kill -0 "$(cat "$abs/clickhouse.pid")" 2>/dev/null; then break; fi
    sleep 0.2
  done
  echo "clickhouse: server did not answer on port $http; see $abs/log/" >&2
  tail -5 "$abs/log/server.err.log" >&2 2>/dev/null || true
  exit 1
}

stop() {
  [ -f "$dir/clickhouse.pid" ] || { echo "clickhouse: nothing started in $dir"; return 0; }
  local pid; pid=$(cat "$dir/clickhouse.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" || true
  fi
  rm -f "$dir/clickhouse.pid"
  echo "clickhouse: stopped"
}

case "$cmd" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) if answers; then echo "CLICKHOUSE_URL=$(url)"; else echo "clickhouse: not running in $dir" >&2; exit 1; fi ;;
  url) url ;;
  *) sed -n '2,13p' "$0" >&2; exit 2 ;;
esac
