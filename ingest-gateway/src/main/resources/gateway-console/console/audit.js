// Audit: a bot's daily report (markdown, shown as text) and events searched by bot, type and time.
import { get, getText, query } from './api.js';
import { el, fill, time } from './dom.js';

const EVENT_TYPES = ['RISK_BREACH', 'TRADING_STATE_CHANGED', 'POSITION_MISMATCH', 'RISK_LIMITS_CHANGED', 'OPERATOR_COMMAND_APPLIED',
  'OPERATOR_COMMAND_REJECTED', 'HEARTBEAT_STALE', 'HEARTBEAT_RESUMED', 'RESTART_REQUESTED', 'ESCALATED', 'CRASH_LOOP', 'BOT_STARTED',
  'BOT_EXITED', 'BOT_FAILED', 'AGENT_STALE', 'ALERT'];

export function showAudit(view, context) {
  const bots = el('select', { id: 'audit-bot' });
  const date = el('input', { id: 'audit-date', type: 'date', value: new Date().toISOString().slice(0, 10) });
  const report = el('pre', { id: 'audit-report', class: 'report' });
  const reportForm = el('form', { id: 'report-form', class: 'inline', on: { submit: (e) => { e.preventDefault(); showReport(); } } },
    el('label', { for: 'audit-bot' }, 'Bot'), bots, el('label', { for: 'audit-date' }, 'Day (UTC)'), date,
    el('button', { type: 'submit', id: 'report-submit' }, 'Show report'));

  const searchBot = el('select', { id: 'search-bot' }, el('option', { value: '' }, 'every bot'));
  const type = el('select', { id: 'search-type' }, el('option', { value: '' }, 'every type'), EVENT_TYPES.map((t) => el('option', { value: t }, t)));
  const from = el('input', { id: 'search-from', type: 'datetime-local' });
  const to = el('input', { id: 'search-to', type: 'datetime-local' });
  const results = el('table', { id: 'search-results', class: 'grid' });
  const source = el('p', { id: 'search-source', class: 'note' });
  const searchForm = el('form', { id: 'search-form', class: 'inline', on: { submit: (e) => { e.preventDefault(); search(); } } },
    el('label', { for: 'search-bot' }, 'Bot'), searchBot, el('label', { for: 'search-type' }, 'Type'), type,
    el('label', { for: 'search-from' }, 'From (UTC)'), from, el('label', { for: 'search-to' }, 'To (UTC)'), to,
    el('button', { type: 'submit', id: 'search-submit' }, 'Search'));

  fill(view, el('h1', {}, 'Audit'), el('h2', {}, 'Daily report'), reportForm, report,
    el('h2', {}, 'Events'), searchForm, source, results);

  const utc = (input) => (input.value ? new Date(`${input.value}:00Z`).toISOString() : null);

  async function showReport() {
    if (!bots.value) { report.textContent = 'No bot known yet.'; return; }
    report.textContent = 'Loading…';
    try {
      report.textContent = await getText(`/api/v1/history/audit${query({ bot_id: bots.value, date: date.value })}`, 'text/markdown');
    } catch (e) {
      if (e.status === 401) return context.onUnauthorized();
      report.textContent = e.code === 'TSDB_NOT_CONFIGURED'
        ? 'The daily report needs ClickHouse history, which this gateway does not have (start the stack with ClickHouse installed).'
        : `Report unavailable (${e.code}): ${e.message}`;
    }
  }

  function render(rows) {
    fill(results, el('thead', {}, el('tr', {}, ['Time', 'Bot', 'Type', 'Severity', 'Message', 'Correlation id'].map((h) => el('th', {}, h)))),
      el('tbody', {}, rows.length ? rows.map((r) => el('tr', {}, el('td', {}, time(r.time)), el('td', {}, r.bot || ''), el('td', {}, r.type || ''),
        el('td', {}, r.severity || ''), el('td', { class: 'message' }, r.message || ''), el('td', { class: 'mono' }, r.correlation || '')))
        : el('tr', {}, el('td', { colspan: 6 }, 'No matching events.'))));
  }

  /** ClickHouse history when the gateway has it (any time range), else the gateway's recent events. */
  async function search() {
    const fromIso = utc(from);
    const toIso = utc(to);
    try {
      const stored = await get(`/api/v1/history/events${query({ type: 'events', bot_id: searchBot.value, from: fromIso, to: toIso, limit: 1000 })}`);
      source.textContent = 'From ClickHouse history.';
      render(stored.events.filter((r) => !type.value || r.event_type === type.value).slice(0, 200).map((r) => ({
        time: r.ts || r.timestamp || r.ts_ms, bot: r.bot_id, type: r.event_type, severity: r.severity, message: r.message, correlation: r.correlation_id,
      })));
      return;
    } catch (e) {
      if (e.status === 401) return context.onUnauthorized();
      if (e.code !== 'TSDB_NOT_CONFIGURED') {
        source.textContent = `Search failed (${e.code}): ${e.message}`;
        return;
      }
    }
    try {
      const live = await get(`/api/v1/dashboard/events${query({ bot_id: searchBot.value, types: type.value, limit: 1000 })}`);
      source.textContent = 'From the gateway\'s recent events (no ClickHouse history).';
      const lo = fromIso ? Date.parse(fromIso) : -Infinity;
      const hi = toIso ? Date.parse(toIso) : Infinity;
      render(live.events.filter((e) => { const t = Date.parse(e.timestamp); return t >= lo && t <= hi; }).slice(0, 200).map((e) => ({
        time: e.timestamp, bot: e.bot_id, type: e.type, severity: e.severity, message: e.message, correlation: e.correlation_id,
      })));
    } catch (e) {
      source.textContent = `Search failed (${e.code}): ${e.message}`;
    }
  }

  get('/api/v1/dashboard/overview').then((overview) => {
    for (const b of overview.bots) {
      bots.append(el('option', { value: b.bot_id }, b.bot_id));
      searchBot.append(el('option', { value: b.bot_id }, b.bot_id));
    }
    showReport();
    search();
  }).catch((e) => { report.textContent = `Could not list bots: ${e.message}`; });
  return { stop() {} };
}
