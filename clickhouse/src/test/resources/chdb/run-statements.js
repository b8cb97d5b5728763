// Runs SQL statements on chDB (an embedded current ClickHouse) for ClickHouseDialectTest.
// Usage: node run-statements.js DATA_DIR  (NODE_PATH must reach the chdb package)
// stdin: one JSON object per line, {"sql": "...", "format": "TabSeparated"}
// stdout: one JSON object per line, {"ok": true, "text": "..."} or {"ok": false, "error": "..."}
'use strict';
const { Session } = require('chdb');
const readline = require('readline');

const session = new Session(process.argv[2]);
const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on('line', (line) => {
  if (!line.trim()) {
    return;
  }
  let reply;
  try {
    const request = JSON.parse(line);
    reply = { ok: true, text: session.query(request.sql, request.format || 'TabSeparated') || '' };
  } catch (e) {
    reply = { ok: false, error: String(e && e.message ? e.message : e) };
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
});
lines.on('close', () => session.close());
