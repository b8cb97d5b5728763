// Fleet: every bot at a glance, polled every 2 s, sortable by any column.
import { get } from './api.js';
import { age, againstLimit, botHref, el, fill, num, stateClass } from './dom.js';
import { drawdownLimitPct, grossExposureLimit } from './limits.js';

const POLL_MS = 2000;
const LIMITS_EVERY = 5; // polls

const COLUMNS = [
  { key: 'bot_id', label: 'Bot', value: (b) => b.bot_id },
  { key: 'trading_state', label: 'Trading', value: (b) => b.trading_state },
  { key: 'heartbeat_age_ms', label: 'Heartbeat age', value: (b) => b.heartbeat_age_ms },
  { key: 'process_state', label: 'Process', value: (b) => b.process_state },
  { key: 'realized_pnl_today', label: 'Realized PnL', value: (b) => b.realized_pnl_today },
  { key: 'unrealized_pnl', label: 'Unrealized PnL', value: (b) => b.unrealized_pnl },
  { key: 'equity', label: 'Equity', value: (b) => b.equity },
  { key: 'drawdown_pct', label: 'Drawdown % / limit', value: (b) => b.drawdown_pct },
  { key: 'gross_exposure', label: 'Gross exposure / limit', value: (b) => b.gross_exposure },
  { key: 'open_orders', label: 'Open orders', value: (b) => b.open_orders },
  { key: 'alerts', label: 'Active alerts', value: (b) => b.alerts.length },
];

export function showFleet(view, context) {
  const status = el('p', { class: 'status', id: 'fleet-status' }, 'Loading…');
  const table = el('table', { id: 'fleet', class: 'grid' });
  fill(view, el('h1', {}, 'Fleet'), status, table);
  let sort = { key: 'bot_id', descending: false };
  let bots = [];
  let limitsByBot = new Map();
  let polls = 0;
  let timer = null;
  let stopped = false;

  function cell(bot, column) {
    switch (column.key) {
      case 'bot_id': return el('a', { href: botHref(bot.bot_id), class: 'bot-link' }, bot.bot_id);
      case 'trading_state': return el('span', { class: stateClass(bot.trading_state) }, bot.trading_state);
      case 'heartbeat_age_ms': return `${age(bot.heartbeat_age_ms)} (${bot.heartbeat_status})`;
      case 'drawdown_pct': return againstLimit(bot.drawdown_pct, drawdownLimitPct(limitsByBot.get(bot.bot_id)));
      case 'gross_exposure': return againstLimit(bot.gross_exposure, grossExposureLimit(limitsByBot.get(bot.bot_id), bot.equity));
      case 'open_orders': return bot.open_orders ?? '—';
      case 'alerts': return bot.alerts.length
        ? el('span', { class: 'alerts', title: bot.alerts.map((a) => `${a.alertname}: ${a.summary}`).join('\n') },
          bot.alerts.map((a) => `${a.alertname} (${a.severity.toLowerCase()})`).join(', '))
        : 'none';
      case 'process_state': return bot.process_state;
      default: return num(column.value(bot));
    }
  }

  function render() {
    const column = COLUMNS.find((c) => c.key === sort.key);
    const sorted = [...bots].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      const order = x === y ? 0 : x === null || x === undefined ? 1 : y === null || y === undefined ? -1 : x < y ? -1 : 1;
      return sort.descending ? -order : order;
    });
    const head = el('tr', {}, COLUMNS.map((c) => el('th', {
      'data-key': c.key,
      'aria-sort': c.key === sort.key ? (sort.descending ? 'descending' : 'ascending') : 'none',
    }, el('button', { type: 'button', class: 'sort', on: { click: () => sortBy(c.key) } },
      c.label, c.key === sort.key ? (sort.descending ? ' ▼' : ' ▲') : ''))));
    const rows = sorted.map((b) => el('tr', { 'data-bot': b.bot_id },
      COLUMNS.map((c) => el('td', { 'data-key': c.key }, cell(b, c)))));
    fill(table, el('thead', {}, head), el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: COLUMNS.length }, 'No bots known yet.'))));
  }

  function sortBy(key) {
    sort = { key, descending: sort.key === key ? !sort.descending : false };
    render();
  }

  async function poll() {
    try {
      if (polls % LIMITS_EVERY === 0) {
        const limits = await get('/api/v1/limits').catch(() => null);
        if (limits) limitsByBot = new Map(limits.bots.map((l) => [l.bot_id, l]));
      }
      polls += 1;
      const overview = await get('/api/v1/dashboard/overview');
      bots = overview.bots.map((b) => ({ ...b, alerts: b.alerts || [] }));
      status.textContent = `${bots.length} bot(s); total PnL ${num(overview.total_pnl)}; updated ${new Date().toLocaleTimeString()}`;
      render();
    } catch (e) {
      if (e.status === 401) return context.onUnauthorized();
      status.textContent = `Could not refresh: ${e.message}`;
    }
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  }

  poll();
  return { stop() { stopped = true; clearTimeout(timer); } };
}
