// One bot: its state, the supervisor's alerts firing for it, positions against limits, equity and PnL over time, decisions, events,
// process, limits in force (editable by operators) and, for operators, the control commands.
import { get, post, put, query } from './api.js';
import { age, againstLimit, el, fill, num, stateClass, time } from './dom.js';
import { lineChart } from './chart.js';
import { symbolExposureLimit } from './limits.js';

const POLL_MS = 2000;
const LIVE_SAMPLES = 600;
const OUTCOME_WAIT_MS = 30000;

/** The commands offered, with the argument each needs; names as POST /api/v1/control/{command} takes them. */
const COMMANDS = [
  { name: 'halt', label: 'Halt' },
  { name: 'resume', label: 'Resume' },
  { name: 'reduce-only', label: 'Reduce only' },
  { name: 'pause-entries', label: 'Pause entries' },
  { name: 'resume-entries', label: 'Resume entries' },
  { name: 'set-risk-multiplier', label: 'Set risk multiplier', multiplier: true },
  { name: 'restart', label: 'Restart' },
  { name: 'stop', label: 'Stop' },
  { name: 'start', label: 'Start' },
  { name: 'llm-check', label: 'LLM check' },
];

export function showBot(view, botId, context) {
  const title = el('h1', {}, 'Bot ', el('span', { id: 'bot-id' }, botId), ' ', el('span', { id: 'bot-trading-state', class: stateClass() }, '…'));
  const status = el('p', { class: 'status', id: 'bot-status' }, 'Loading…');
  const summary = el('dl', { id: 'bot-summary', class: 'summary' });
  const alerts = el('table', { id: 'bot-alerts', class: 'grid' });
  const positions = el('table', { id: 'positions', class: 'grid' });
  const equityChart = el('div', { id: 'equity-chart', class: 'chart' });
  const pnlChart = el('div', { id: 'pnl-chart', class: 'chart' });
  const chartSource = el('p', { id: 'chart-source', class: 'note' });
  const decisions = el('div', { id: 'decisions' });
  const events = el('table', { id: 'events', class: 'grid' });
  const limits = el('table', { id: 'limits', class: 'grid' });
  const sections = [
    title, status, summary,
    context.mayControl ? controlsSection(botId, context) : el('p', { class: 'note', id: 'no-controls' }, 'Viewer: read only. Controls and limit changes need an operator token.'),
    el('h2', {}, 'Active alerts'), alerts,
    el('h2', {}, 'Positions'), positions,
    el('h2', {}, 'Equity and PnL'), chartSource, equityChart, pnlChart,
    el('h2', {}, 'Recent decisions by code (last hour)'), decisions,
    el('h2', {}, 'Events'), events,
    el('h2', {}, 'Limits in force'), limits,
    context.mayControl ? limitsForm(botId, () => refreshLimits()) : null,
  ];
  fill(view, sections);
  const equityPlot = lineChart(equityChart, { label: 'Equity' });
  const pnlPlot = lineChart(pnlChart, { label: 'Total PnL', color: '#16a34a' });

  const live = [];
  let bot = null;
  let botLimits = null;
  let history = null;
  let timer = null;
  let stopped = false;
  let polls = 0;

  function renderSummary() {
    const facts = [
      ['Trading state', bot.trading_state + (bot.state_reason ? ` (${bot.state_reason})` : '')],
      ['Heartbeat', `${age(bot.heartbeat_age_ms)} ago (${bot.heartbeat_status}), last ${time(bot.last_heartbeat_time)}`],
      ['Process', `${bot.process_state}${bot.pid ? `, pid ${bot.pid}` : ''}, restarts ${bot.restart_count ?? '—'}, uptime ${bot.uptime_s ?? '—'} s`],
      ['Mode', bot.mode ?? '—'],
      ['Entries paused', String(bot.entries_paused)],
      ['Risk multiplier', num(bot.risk_multiplier)],
      ['Equity', num(bot.equity)],
      ['Realized PnL today', num(bot.realized_pnl_today)],
      ['Unrealized PnL', num(bot.unrealized_pnl)],
      ['Total PnL', num(bot.total_pnl)],
      ['Drawdown %', num(bot.drawdown_pct)],
      ['Gross exposure', num(bot.gross_exposure)],
      ['Open orders', bot.open_orders ?? '—'],
    ];
    fill(summary, facts.map(([k, v]) => [el('dt', {}, k), el('dd', { 'data-fact': k }, v)]));
    const state = document.getElementById('bot-trading-state');
    state.textContent = bot.trading_state;
    state.className = stateClass(bot.trading_state);
  }

  function renderAlerts() {
    const rows = (bot.alerts || []).map((a) => el('tr', { 'data-alert': a.alertname },
      el('td', {}, a.alertname), el('td', {}, a.severity), el('td', {}, time(a.since)), el('td', { class: 'message' }, a.summary)));
    fill(alerts, el('thead', {}, el('tr', {}, ['Alert', 'Severity', 'Since', 'Summary'].map((h) => el('th', {}, h)))),
      el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: 4 }, 'No alerts firing.'))));
  }

  function renderPositions() {
    const rows = (bot.positions || []).map((p) => el('tr', { 'data-symbol': p.symbol },
      el('td', {}, p.symbol), el('td', {}, num(p.qty, 4)), el('td', {}, num(p.avg_price)), el('td', {}, num(p.mark_price)),
      el('td', {}, againstLimit(p.exposure, symbolExposureLimit(botLimits, p.symbol, bot.equity)))));
    fill(positions, el('thead', {}, el('tr', {}, ['Symbol', 'Qty', 'Avg price', 'Mark', 'Exposure / symbol limit'].map((h) => el('th', {}, h)))),
      el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: 5 }, 'No positions.'))));
  }

  function renderChart() {
    if (history && history.length >= 2) {
      chartSource.textContent = 'From ClickHouse history (last hour, 30 s steps).';
      equityPlot.update(history.map((p) => ({ t: p.t, v: p.equity })));
      pnlPlot.update(history.map((p) => ({ t: p.t, v: p.pnl })));
    } else {
      chartSource.textContent = 'From the live view, sampled by this page every 2 s (no ClickHouse history).';
      equityPlot.update(live.map((p) => ({ t: p.t, v: p.equity })));
      pnlPlot.update(live.map((p) => ({ t: p.t, v: p.pnl })));
    }
  }

  function renderEvents(list) {
    const rows = list.map((e) => el('tr', { 'data-correlation': e.correlation_id || '' },
      el('td', {}, time(e.timestamp)), el('td', {}, e.severity), el('td', {}, e.type), el('td', {}, e.symbol || ''),
      el('td', { class: 'message' }, e.message || ''), el('td', { class: 'mono' }, e.correlation_id || '')));
    fill(events, el('thead', {}, el('tr', {}, ['Time', 'Severity', 'Type', 'Symbol', 'Message', 'Correlation id'].map((h) => el('th', {}, h)))),
      el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: 6 }, 'No events.'))));
  }

  function renderLimits() {
    if (!botLimits) return;
    const rows = Object.entries(botLimits.limits).map(([field, l]) => el('tr', { 'data-limit': field },
      el('td', {}, field), el('td', { class: 'value' }, l.value === null ? '—' : String(l.value)), el('td', {}, l.status),
      el('td', {}, `${l.source} v${l.version}`), el('td', {}, l.check || '')));
    fill(limits, el('thead', {}, el('tr', {}, ['Limit', 'Value', 'Status', 'Source', 'Check'].map((h) => el('th', {}, h)))), el('tbody', {}, rows));
  }

  async function refreshLimits() {
    try {
      botLimits = await get(`/api/v1/limits/${encodeURIComponent(botId)}`);
      renderLimits();
    } catch (e) {
      fill(limits, el('tr', {}, el('td', {}, `Limits unavailable: ${e.message}`)));
    }
  }

  async function refreshHistory() {
    const from = new Date(Date.now() - 3600_000).toISOString();
    try {
      const equity = await get(`/api/v1/history/equity${query({ bot_id: botId, from, step: '30s' })}`);
      history = equity.points.map((p) => ({ t: p.tsMs ?? p.ts_ms, equity: p.equity, pnl: (p.realizedPnl ?? p.realized_pnl) + (p.unrealizedPnl ?? p.unrealized_pnl) }));
    } catch {
      history = null;
    }
    try {
      const answer = await get(`/api/v1/history/decisions${query({ bot_id: botId, from, step: '1h' })}`);
      const byCode = new Map();
      for (const c of answer.counts) byCode.set(c.code, (byCode.get(c.code) || 0) + c.count);
      const rows = [...byCode.entries()].sort((a, b) => b[1] - a[1]).map(([code, n]) => el('tr', { 'data-code': code }, el('td', {}, code), el('td', {}, String(n))));
      fill(decisions, el('table', { class: 'grid' }, el('thead', {}, el('tr', {}, el('th', {}, 'Code'), el('th', {}, 'Decisions'))),
        el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: 2 }, 'No decisions stored in the last hour.')))));
    } catch (e) {
      fill(decisions, el('p', { class: 'note' }, e.code === 'TSDB_NOT_CONFIGURED'
        ? 'Decision counts need ClickHouse history, which this gateway does not have.' : `Decision counts unavailable: ${e.message}`));
    }
  }

  async function poll() {
    try {
      if (polls % 5 === 0) await refreshLimits();
      if (polls % 8 === 0) await refreshHistory();
      polls += 1;
      const [b, e] = await Promise.all([
        get(`/api/v1/bots/${encodeURIComponent(botId)}`),
        get(`/api/v1/dashboard/events${query({ bot_id: botId, limit: 30 })}`),
      ]);
      bot = b;
      live.push({ t: Date.now(), equity: b.equity, pnl: b.total_pnl });
      if (live.length > LIVE_SAMPLES) live.shift();
      renderSummary();
      renderAlerts();
      renderPositions();
      renderChart();
      renderEvents(e.events);
      status.textContent = `Updated ${new Date().toLocaleTimeString()}`;
    } catch (err) {
      if (err.status === 401) return context.onUnauthorized();
      status.textContent = err.code === 'UNKNOWN_BOT' ? `No bot ${botId} is known to the gateway.` : `Could not refresh: ${err.message}`;
    }
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  }

  poll();
  return { stop() { stopped = true; clearTimeout(timer); } };
}

/** The controls: each command asks for a reason, is confirmed by typing the bot id, then shows its outcome. */
function controlsSection(botId) {
  const outcome = el('p', { id: 'command-outcome', class: 'outcome', role: 'status' });
  const panel = el('div', { id: 'confirm', class: 'confirm', hidden: true });
  const buttons = COMMANDS.map((c) => el('button', { type: 'button', id: `control-${c.name}`, class: 'control',
    on: { click: () => ask(c) } }, c.label));

  function ask(command) {
    const reason = el('input', { id: 'confirm-reason', type: 'text', maxlength: 500, required: true });
    const multiplier = command.multiplier ? el('input', { id: 'confirm-multiplier', type: 'number', min: 0, max: 10, step: 0.05, value: 1 }) : null;
    const typed = el('input', { id: 'confirm-bot', type: 'text', autocomplete: 'off', spellcheck: 'false' });
    const submit = el('button', { type: 'submit', id: 'confirm-submit', disabled: true }, `Send ${command.name}`);
    const cancel = el('button', { type: 'button', id: 'confirm-cancel', on: { click: () => { panel.hidden = true; } } }, 'Cancel');
    const check = () => { submit.disabled = !(typed.value === botId && reason.value.trim()); };
    typed.addEventListener('input', check);
    reason.addEventListener('input', check);
    const form = el('form', { on: { submit: (event) => { event.preventDefault(); send(command, reason.value.trim(), multiplier && Number(multiplier.value)); } } },
      el('h3', {}, `${command.label}: `, el('span', {}, botId)),
      el('label', { for: 'confirm-reason' }, 'Reason (recorded with your identity)'), reason,
      multiplier ? [el('label', { for: 'confirm-multiplier' }, 'Risk multiplier (0–10)'), multiplier] : null,
      el('label', { for: 'confirm-bot' }, 'Type the bot id to confirm: ', el('code', {}, botId)), typed,
      el('div', { class: 'buttons' }, submit, cancel));
    fill(panel, form);
    panel.hidden = false;
    reason.focus();
  }

  async function send(command, reason, multiplier) {
    panel.hidden = true;
    const body = { bot_id: botId, reason };
    if (command.multiplier) body.multiplier = multiplier;
    outcome.dataset.outcome = 'sending';
    outcome.textContent = `Sending ${command.name}…`;
    let answer;
    try {
      answer = await post(`/api/v1/control/${command.name}`, body);
    } catch (e) {
      outcome.dataset.outcome = 'refused';
      outcome.textContent = `Refused: ${command.name} (${e.code}): ${e.message}`;
      return;
    }
    const id = answer.command_id;
    outcome.dataset.outcome = 'accepted';
    outcome.dataset.commandId = id;
    outcome.textContent = `Accepted ${command.name} as command ${id}; waiting for the event with this correlation id…`;
    const deadline = Date.now() + OUTCOME_WAIT_MS;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      try {
        const { events } = await get(`/api/v1/dashboard/events${query({ bot_id: botId, limit: 200 })}`);
        const event = events.find((e) => e.correlation_id === id);
        if (event) {
          const refused = event.type === 'OPERATOR_COMMAND_REJECTED';
          outcome.dataset.outcome = refused ? 'refused' : 'applied';
          outcome.textContent = `${refused ? 'Refused' : 'Applied'}: ${command.name} — ${event.type}: ${event.message || ''} (correlation id ${id})`;
          return;
        }
      } catch { /* the next round asks again */ }
    }
    outcome.dataset.outcome = 'no-event';
    outcome.textContent = `Accepted ${command.name} as command ${id}, but no event with this correlation id within ${OUTCOME_WAIT_MS / 1000} s `
      + '(process commands are acknowledged by the process agent; check the events below).';
  }

  return el('section', { id: 'controls' }, el('h2', {}, 'Controls'), el('div', { class: 'buttons' }, buttons), panel, outcome);
}

const EDITABLE = ['max_order_qty', 'max_order_notional', 'max_order_notional_pct_equity', 'max_leverage', 'max_symbol_exposure',
  'max_symbol_exposure_x_equity', 'max_gross_exposure', 'max_gross_exposure_x_equity', 'max_open_orders', 'max_submits_per_window',
  'submit_window_ms', 'price_collar_pct', 'max_price_age_ms', 'max_daily_loss', 'max_daily_loss_pct', 'max_drawdown_pct',
  'max_risk_multiplier', 'new_day_lifts_daily_loss_halt'];

/** "5" → 5, "off" → "off", "" → null (inherit), "true"/"false" for settings. */
function limitValue(text) {
  const t = text.trim();
  if (t === '') return null;
  if (t === 'off' || t === 'true' || t === 'false') return t === 'off' ? 'off' : t === 'true';
  const n = Number(t);
  if (!Number.isFinite(n)) throw new Error('a number, "off", true/false, or empty to inherit');
  return n;
}

function limitsForm(botId, refresh) {
  const field = el('select', { id: 'limit-field' }, EDITABLE.map((f) => el('option', { value: f }, f)));
  const value = el('input', { id: 'limit-value', type: 'text', placeholder: 'number, off, or empty to inherit' });
  const reason = el('input', { id: 'limit-reason', type: 'text', maxlength: 500 });
  const outcome = el('p', { id: 'limit-outcome', class: 'outcome', role: 'status' });
  async function change(event) {
    event.preventDefault();
    if (!reason.value.trim()) {
      outcome.dataset.outcome = 'refused';
      outcome.textContent = 'A reason is required.';
      return;
    }
    const body = { reason: reason.value.trim() };
    try {
      body[field.value] = limitValue(value.value);
    } catch (e) {
      outcome.dataset.outcome = 'refused';
      outcome.textContent = `${field.value}: ${e.message}`;
      return;
    }
    try {
      await put(`/api/v1/limits/${encodeURIComponent(botId)}`, body);
      outcome.dataset.outcome = 'applied';
      outcome.textContent = `Changed ${field.value} to ${value.value.trim() || 'inherit'}.`;
      await refresh();
    } catch (e) {
      outcome.dataset.outcome = 'refused';
      outcome.textContent = `Refused (${e.code}): ${e.message}`;
    }
  }
  return el('form', { id: 'limit-form', class: 'inline', on: { submit: change } },
    el('h3', {}, 'Change a limit'),
    el('label', { for: 'limit-field' }, 'Limit'), field,
    el('label', { for: 'limit-value' }, 'Value'), value,
    el('label', { for: 'limit-reason' }, 'Reason'), reason,
    el('button', { type: 'submit', id: 'limit-submit' }, 'Change'), outcome);
}
