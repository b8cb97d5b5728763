// Building blocks for the console's pages. Every string from the system goes through text nodes
// (textContent); nothing here ever parses HTML, so a bot id, reason or event message is shown as text.

/** An element with attributes (set with setAttribute, handlers under `on`) and children (strings become text). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'on') {
      for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    } else if (key === 'class') {
      node.className = value;
    } else if (key === 'text') {
      node.textContent = String(value);
    } else if (value === true) {
      node.setAttribute(key, '');
    } else {
      node.setAttribute(key, String(value));
    }
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces the children of node. */
export function fill(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

export function num(value, digits = 2) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return Number(value).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function age(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60000)} min`;
}

export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** "used / limit (pct%)" for a figure against its limit, or the figure alone without one. */
export function againstLimit(used, limit, digits = 2) {
  if (used === null || used === undefined) return '—';
  if (limit === null || limit === undefined || !(limit > 0)) return `${num(used, digits)} (no limit)`;
  return `${num(used, digits)} / ${num(limit, digits)} (${Math.round((Math.abs(used) / limit) * 100)}%)`;
}

export function stateClass(state) {
  return `state state-${String(state || 'UNKNOWN').toLowerCase().replace(/[^a-z_]/g, '')}`;
}

/** The page's hash route for one bot; the id is URL-encoded, never interpreted. */
export function botHref(botId) {
  return `#/bot/${encodeURIComponent(botId)}`;
}
