// The operator console in a real browser (Debian's Chromium driven by playwright-core) against a
// running stack with the demo bot. Run by ConsoleBrowserTest, which passes everything by environment:
//   GATEWAY_URL, BOT_ID, BOT_TOKEN, VIEWER_TOKEN, OPERATOR_TOKEN  the stack
//   PLAYWRIGHT_DIR   where playwright-core is installed (.tools/playwright)
//   CHROMIUM         the browser (default /usr/bin/chromium)
//   SCREENSHOTS_DIR  where each page's screenshot goes
//   USER_DATA_DIR    a fresh, empty browser profile
// Prints "PASS <scenario>" per scenario and exits non-zero on the first failure.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const gateway = env('GATEWAY_URL');
const bot = env('BOT_ID');
const screenshots = env('SCREENSHOTS_DIR');
const require = createRequire(join(env('PLAYWRIGHT_DIR'), 'package.json'));
const { chromium } = require('playwright-core');
const XSS = '<img src=x onerror=alert(1)>';
const WAIT = 30_000;

mkdirSync(screenshots, { recursive: true });
const dialogs = [];
const policyViolations = [];
const context = await chromium.launchPersistentContext(env('USER_DATA_DIR'), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1400, height: 1000 },
});
context.setDefaultTimeout(WAIT);
const requestedUrls = [];
context.on('request', (r) => requestedUrls.push(r.url()));

async function newPage() {
  const page = await context.newPage();
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.text().includes('Content Security Policy')) policyViolations.push(m.text()); });
  return page;
}

async function signIn(page, token) {
  await page.goto(gateway);
  await page.locator('#signin-token').fill(token);
  await page.locator('#signin-submit').click();
}

async function shot(page, name) {
  const text = await page.evaluate(() => document.body.innerText);
  assert.ok(!text.includes('[object ') && !text.includes('undefined') && !text.includes('NaN'), `${name} renders every value: ${text}`);
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/** An order check as the demo bot makes it, over HTTP with its token. */
async function orderCheck() {
  const response = await fetch(`${gateway}/api/v1/risk/evaluate`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${env('BOT_TOKEN')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ symbol: 'ETHUSDT', side: 'BUY', order_type: 'LIMIT', quantity: 0.01, price: 3000 }),
  });
  assert.equal(response.status, 200);
  return response.json();
}

async function api(path) {
  const response = await fetch(`${gateway}${path}`, { headers: { Authorization: `Bearer ${env('OPERATOR_TOKEN')}` } });
  assert.equal(response.status, 200, path);
  return response.json();
}

async function command(page, name, reason) {
  await page.locator(`#control-${name}`).click();
  await page.locator('#confirm-reason').fill(reason);
  assert.ok(await page.locator('#confirm-submit').isDisabled(), 'not sent before the bot id is typed');
  await page.locator('#confirm-bot').fill(bot);
  await page.locator('#confirm-submit').click();
  await page.locator('#command-outcome[data-outcome="applied"]').waitFor();
  const outcome = await page.locator('#command-outcome').textContent();
  const id = await page.locator('#command-outcome').getAttribute('data-command-id');
  assert.ok(outcome.includes(`correlation id ${id}`), outcome);
  return outcome;
}

let failed = false;
async function scenario(name, body) {
  const started = Date.now();
  try {
    await body();
    console.log(`PASS ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed = true;
    console.log(`FAIL ${name}: ${e.stack || e}`);
  }
}

await scenario('a wrong token is refused with a clear message', async () => {
  const page = await newPage();
  await page.goto(gateway);
  await page.locator('#signin-token').waitFor();
  await shot(page, '0-sign-in');
  await signIn(page, 'not-a-token-of-this-gateway');
  await page.getByText('the gateway does not know this token').waitFor();
  assert.ok(await page.locator('#signin').isVisible());
  assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'a refused token is not kept');
  await shot(page, '0-sign-in-refused');
  await page.close();
});

await scenario('as viewer the fleet shows the demo bot moving and no control is offered', async () => {
  const page = await newPage();
  await signIn(page, env('VIEWER_TOKEN'));
  const row = page.locator(`#fleet tr[data-bot="${bot}"]`);
  await row.waitFor();
  const reading = async () => [await row.locator('td[data-key="heartbeat_age_ms"]').textContent(),
    await row.locator('td[data-key="unrealized_pnl"]').textContent(), await row.locator('td[data-key="equity"]').textContent()].join(' | ');
  const first = await reading();
  let later = first;
  for (let i = 0; i < 20 && later === first; i++) {
    await page.waitForTimeout(1000);
    later = await reading();
  }
  assert.notEqual(later, first, 'heartbeat age, PnL or equity changes between polls');
  assert.equal(await page.locator('#who').textContent(), 'dev-viewer (viewer)');
  await page.locator('th[data-key="equity"] button').click();
  assert.equal(await page.locator('th[data-key="equity"]').getAttribute('aria-sort'), 'ascending');
  await shot(page, '1-fleet-viewer');
  await row.locator('a.bot-link').click();
  await page.locator('#bot-trading-state', { hasText: /ACTIVE|REDUCING|HALTED/ }).waitFor();
  await page.locator('#no-controls').waitFor();
  assert.equal(await page.locator('#controls, button.control, #limit-form').count(), 0, 'no control offered to a viewer');
  await page.locator('#positions tbody tr[data-symbol]').first().waitFor();
  for (const chart of ['#equity-chart', '#pnl-chart']) {
    // uPlot draws once two points are known (ClickHouse history, or two live samples 2 s apart).
    await page.locator(`${chart} .uplot canvas`).waitFor();
    assert.ok(Number(await page.locator(chart).getAttribute('data-points')) >= 2, `${chart} is drawn from at least two points`);
  }
  await shot(page, '2-bot-viewer');
  assert.ok(!page.url().includes(env('VIEWER_TOKEN')), 'the token is never in the URL');
  await page.close();
});

const operator = await newPage();
await scenario('as operator, halt from the page: HALTED, and an order check is denied TRADING_HALTED', async () => {
  await signIn(operator, env('OPERATOR_TOKEN'));
  await operator.locator(`#fleet tr[data-bot="${bot}"] a.bot-link`).click();
  await operator.locator('#bot-trading-state', { hasText: 'ACTIVE' }).waitFor();
  const outcome = await command(operator, 'halt', XSS);
  console.log(`  halt: ${outcome}`);
  await operator.locator('#bot-trading-state', { hasText: 'HALTED' }).waitFor();
  const decision = await orderCheck();
  assert.equal(decision.allowed, false, JSON.stringify(decision));
  assert.equal(decision.code, 'TRADING_HALTED', JSON.stringify(decision));
  await shot(operator, '3-bot-operator-halted');
});

await scenario('an operator reason with HTML is shown as text and no script runs', async () => {
  await operator.getByText(XSS).first().waitFor();
  assert.equal(await operator.locator('img').count(), 0, 'no element made from the reason');
  assert.deepEqual(dialogs, [], 'no alert ran');
  assert.equal(await operator.evaluate(() => document.body.textContent.includes('<img src=x onerror=alert(1)>')), true);
});

await scenario('after the halt the bot page and the fleet show the supervisor\'s BotHalted alert', async () => {
  const alert = operator.locator('#bot-alerts tr[data-alert="BotHalted"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /CRITICAL/);
  assert.ok((await alert.textContent()).includes(`Trading of ${bot} is HALTED`), await alert.textContent());
  await shot(operator, '3-bot-operator-alert');
  await operator.locator('#nav-fleet').click();
  await operator.locator(`#fleet tr[data-bot="${bot}"] td[data-key="alerts"]`, { hasText: 'BotHalted (critical)' }).waitFor();
  await shot(operator, '3-fleet-operator-alert');
  await operator.locator(`#fleet tr[data-bot="${bot}"] a.bot-link`).click();
  await operator.locator('#bot-trading-state', { hasText: 'HALTED' }).waitFor();
});

await scenario('resume from the page: ACTIVE, and the BotHalted alert leaves the page', async () => {
  await command(operator, 'resume', 'browser test resumes');
  await operator.locator('#bot-trading-state', { hasText: 'ACTIVE' }).waitFor();
  await operator.locator('#bot-alerts tr[data-alert="BotHalted"]').waitFor({ state: 'detached' });
  const decision = await orderCheck();
  assert.notEqual(decision.code, 'TRADING_HALTED', JSON.stringify(decision));
});

await scenario('change a limit from the page: the limits API shows it', async () => {
  await operator.locator('#limit-field').selectOption('max_open_orders');
  await operator.locator('#limit-value').fill('37');
  await operator.locator('#limit-reason').fill('browser test narrows open orders');
  await operator.locator('#limit-submit').click();
  await operator.locator('#limit-outcome[data-outcome="applied"]').waitFor();
  const limits = await api(`/api/v1/limits/${encodeURIComponent(bot)}`);
  assert.equal(limits.limits.max_open_orders.value, 37, JSON.stringify(limits.limits.max_open_orders));
  assert.equal(limits.limits.max_open_orders.source, 'bot');
  await operator.locator('#limits tr[data-limit="max_open_orders"] td.value', { hasText: '37' }).waitFor();
  await shot(operator, '4-bot-operator-limits');
});

await scenario('audit: the daily report and the events search render', async () => {
  await operator.locator('#nav-audit').click();
  await operator.locator('#audit-report').filter({ hasNotText: 'Loading…' }).filter({ hasText: /\S/ }).waitFor();
  await operator.locator('#search-results tbody tr').first().waitFor();
  await operator.locator('#search-type').selectOption('OPERATOR_COMMAND_APPLIED');
  await operator.locator('#search-submit').click();
  await operator.locator('#search-results tbody tr td', { hasText: 'OPERATOR_COMMAND_APPLIED' }).first().waitFor();
  console.log(`  audit report: ${(await operator.locator('#audit-report').textContent()).split('\n')[0]}`);
  console.log(`  events from: ${await operator.locator('#search-source').textContent()}`);
  await shot(operator, '5-audit');
  await operator.locator('#sign-out').click();
  await operator.locator('#signin').waitFor();
  assert.equal(await operator.evaluate(() => sessionStorage.length), 0, 'sign out forgets the token');
});

const foreign = requestedUrls.filter((u) => !u.startsWith(gateway) && !u.startsWith('data:') && !u.startsWith('about:'));
await scenario('the page asked nothing of another origin', async () => assert.deepEqual(foreign, []));
await scenario('no dialog ever opened and nothing broke the Content-Security-Policy', async () => {
  assert.deepEqual(dialogs, []);
  assert.deepEqual(policyViolations, []);
});
await context.close();
console.log(failed ? 'CONSOLE BROWSER TEST FAILED' : 'CONSOLE BROWSER TEST PASSED');
process.exit(failed ? 1 : 0);
