/**
 * The console in a real browser (Debian's Chromium driven by playwright-core) against a real server on the demo
 * shop, as its users would use it: a viewer, an analyst training and comparing, an export downloaded and parsed,
 * GraphiQL, a wrong key. Every page is checked with axe-core (no serious or critical violation) and every request
 * the pages make must go to the server's own origin. Screenshots of each page land in test-artifacts/console/.
 */
import fs from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';
import { parse as parseCsv } from 'csv-parse/sync';
import { ARTIFACTS_DIR, browserAvailable, launchChromium } from '../helpers/browser';
import { TestServer, startTestServer } from '../helpers/server';

const describeBrowser = browserAvailable() ? describe : describe.skip;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

describeBrowser('the console in Chromium', () => {
  let t: TestServer;
  let chrome: Awaited<ReturnType<typeof launchChromium>>;
  let context: BrowserContext;
  let origin: string;
  const foreign: string[] = [];
  /** The servers' host:port (HTTP and graphql-ws share it). */
  const servers = new Set<string>();
  let requests = 0;
  let sockets = 0;
  let kmeansVersion: string;
  let secondVersion: string;

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    // The first start on the demo shop trains k-means and aliases it production, as `npm start` does.
    t = await startTestServer({ seedDemo: true, env: { DEMO_MODEL: 'true' } });
    kmeansVersion = String(await t.server.demoModel);
    expect(Number(kmeansVersion)).toBeGreaterThan(0);
    // A second k-means version (k = 3) to compare with.
    const model = await t.gql(`mutation { registerModel(input: { name: "k-means k=3", segmenter: "kmeans", params: { k: 3 } }) { id } }`);
    const run = await t.gql(`mutation($m: ID!) { startTrainingRun(modelId: $m) { id } }`, { m: model.data.registerModel.id });
    for (;;) {
      const r = await t.gql(`query($id: ID!) { trainingRun(id: $id) { status modelVersion { id } } }`, { id: run.data.startTrainingRun.id });
      if (r.data.trainingRun.status === 'SUCCEEDED') {
        secondVersion = r.data.trainingRun.modelVersion.id;
        break;
      }
      expect(['QUEUED', 'RUNNING']).toContain(r.data.trainingRun.status);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    origin = `http://127.0.0.1:${t.server.port}`;
    servers.add(`127.0.0.1:${t.server.port}`);
    chrome = await launchChromium();
    context = chrome.browser;
    // Every request of every page: to this origin only (data: and blob: URLs are the page's own).
    // WebSockets are not requests to Playwright: each page's sockets are checked too.
    context.on('page', (page) =>
      page.on('websocket', (socket) => {
        sockets++;
        const { protocol, host } = new URL(socket.url());
        if (protocol !== 'ws:' || !servers.has(host)) foreign.push(socket.url());
      }),
    );
    // What the Content-Security-Policy blocked never becomes a request: the page reports it, and it counts as foreign.
    await context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.blockedURI + ' (' + e.violatedDirective + ')'))`);
    context.on('console', (message) => {
      if (message.text().startsWith('CSP violation: ')) foreign.push(message.text());
    });
    context.on('request', (request) => {
      const url = request.url();
      requests++;
      if (/^(data|blob):/.test(url)) return;
      const { protocol, host } = new URL(url);
      if (!['http:', 'ws:'].includes(protocol) || !servers.has(host)) foreign.push(url);
    });
  }, 180_000);

  afterAll(async () => {
    await chrome?.close();
    await t?.close();
  });

  async function signIn(page: Page, key: string): Promise<void> {
    await page.goto(`${origin}/`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  /**
   * axe-core in the page: no serious or critical violation. `upstream` names rules a bundled third-party page is
   * known to break (GraphiQL 5's own tabs): they are listed in the README, not hidden.
   */
  async function checkAccessibility(page: Page, name: string, upstream: string[] = []): Promise<void> {
    await page.evaluate(axe.source);
    // A string, run in the page (the test compiles without the DOM's types).
    const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as axe.AxeResults;
    const bad = result.violations.filter((v) => (v.impact === 'serious' || v.impact === 'critical') && !upstream.includes(v.id));
    expect({ page: name, violations: bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`) }).toEqual({ page: name, violations: [] });
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
  }

  test('a wrong key gets a clear message and no console', async () => {
    const page = await context.newPage();
    // A first visit, with no key yet: the form, and no complaint about a key nobody gave.
    await page.goto(`${origin}/`);
    await page.getByLabel('API key').waitFor();
    expect(await page.getByTestId('sign-in-error').count()).toBe(0);
    await signIn(page, 'sq_this-key-does-not-exist');
    await expect(page.getByTestId('sign-in-error').textContent({ timeout: 10_000 })).resolves.toMatch(/not accepted: it is unknown or was revoked/);
    expect(await page.getByTestId('segment-cards').count()).toBe(0);
    await checkAccessibility(page, 'sign-in');
    await screenshot(page, 'sign-in-wrong-key');
    await page.close();
  });

  test('a viewer sees the segment cards and the map, no email anywhere, and no training controls', async () => {
    const page = await context.newPage();
    // Every answer the viewer's pages get from the server: no email in any of them either.
    const answers: Array<Promise<string>> = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/graphql')) answers.push(response.text().catch(() => ''));
    });
    await signIn(page, t.keys.viewer);
    await page.getByTestId('segment-card').first().waitFor();
    const cards = await page.getByTestId('segment-card').count();
    const segments = await t.gql(`{ segments(alias: "production") { id } }`);
    expect(cards).toBe(segments.data.segments.length);
    await page.locator('[data-testid="segment-map"][data-drawn="true"]').waitFor({ timeout: 20_000 });
    expect(Number(await page.getByTestId('segment-map').getAttribute('data-points'))).toBeGreaterThan(1000);
    // A segment's customers: a table, still without personal data.
    await page.getByRole('button', { name: /^Customers of / }).first().click();
    await page.getByTestId('customers-table').locator('tbody tr').first().waitFor();
    expect(await page.getByTestId('customers-table').locator('tbody tr').count()).toBe(25);
    expect(await page.getByRole('columnheader', { name: 'Email' }).count()).toBe(0);
    expect(await page.content()).not.toMatch(EMAIL);
    expect(await page.locator('body').innerText()).not.toMatch(EMAIL);
    await checkAccessibility(page, 'segments (viewer)');
    await screenshot(page, 'segments-viewer');
    // No training for a viewer: the form is not offered.
    await page.getByRole('link', { name: 'Models and runs' }).click();
    await page.getByTestId('models-table').waitFor();
    expect(await page.getByRole('button', { name: 'Register and train' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^run \d+/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Train again' }).count()).toBe(0);
    // Comparisons need the analyst role: not offered.
    expect(await page.getByRole('link', { name: 'Compare' }).count()).toBe(0);
    expect(await page.content()).not.toMatch(EMAIL);
    await checkAccessibility(page, 'models (viewer)');
    await screenshot(page, 'models-viewer');
    // A customer looked up by a viewer: segment and features, no email.
    const someone = (await t.gql(`{ customers(first: 1) { edges { node { externalId email } } } }`)).data.customers.edges[0].node;
    expect(someone.email).toMatch(EMAIL);
    await page.getByRole('link', { name: 'Customer' }).click();
    await page.getByLabel('External id').fill(someone.externalId);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByTestId('customer-segment').waitFor();
    expect(await page.content()).not.toMatch(EMAIL);
    const bodies = await Promise.all(answers);
    expect(bodies.length).toBeGreaterThanOrEqual(5);
    for (const body of bodies) expect(body).not.toMatch(EMAIL);
    await page.close();
  });

  test('an analyst trains a one-epoch gpt and watches the loss chart grow, then sees the new version', async () => {
    const page = await context.newPage();
    await signIn(page, t.keys.analyst);
    await page.getByTestId('segment-card').first().waitFor();
    await page.getByRole('link', { name: 'Models and runs' }).click();
    await page.getByLabel('Segmenter').selectOption('gpt');
    // Checked before submit: the problem is shown next to its field, and nothing is registered.
    await page.locator('[data-param="epochs"]').fill('0');
    await page.getByRole('button', { name: 'Register and train' }).click();
    await expect(page.getByTestId('param-error-epochs').textContent()).resolves.toMatch(/at least 1/);
    const small: Record<string, string> = { epochs: '1', dModel: '16', heads: '3', layers: '1', maxLen: '16', k: '4', nInit: '1', batchSize: '16' };
    for (const [name, value] of Object.entries(small)) await page.locator(`[data-param="${name}"]`).fill(value);
    // A cross-parameter check only the server makes: its problem is shown next to the field it names.
    await page.getByRole('button', { name: 'Register and train' }).click();
    await expect(page.getByTestId('param-error-dModel').textContent()).resolves.toMatch(/must be a multiple of heads \(3\)/);
    expect((await t.gql(`{ models(first: 50) { totalCount } }`)).data.models.totalCount).toBe(2);
    await page.locator('[data-param="heads"]').fill('2');
    await page.getByLabel('Model name').fill('gpt one epoch (browser)');
    await page.getByRole('button', { name: 'Register and train' }).click();
    const monitor = page.getByTestId('run-monitor');
    await page.locator('[data-testid="run-monitor"][data-status="RUNNING"]').waitFor({ timeout: 60_000 });
    // The chart gains points while the run trains (the subscription delivers them).
    const seen: number[] = [];
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline) {
      const status = await monitor.getAttribute('data-status');
      seen.push(Number(await monitor.getAttribute('data-drawn-points')));
      if (status !== 'RUNNING' && status !== 'QUEUED') break;
      await page.waitForTimeout(250);
    }
    // Points drawn on the chart (ECharts' `finished`), seen growing at least twice while the run was RUNNING.
    const growing = seen.filter((n, i) => i > 0 && n > seen[i - 1]).length;
    expect(growing).toBeGreaterThanOrEqual(2);
    expect(seen[seen.length - 1]).toBeGreaterThan(seen[0]);
    await page.getByTestId('loss-chart').waitFor();
    await expect(monitor.getAttribute('data-status')).resolves.toBe('SUCCEEDED');
    await expect(page.getByTestId('run-version').textContent({ timeout: 10_000 })).resolves.toMatch(/Version 1 \(id \d+\) created/);
    await checkAccessibility(page, 'models (analyst, run)');
    await screenshot(page, 'models-run');
    // A new version of an existing model, with its own params.
    await page.getByRole('row', { name: /k-means k=3/ }).getByRole('button', { name: 'Train again' }).click();
    await page.getByTestId('run-version').getByText(/Version 2 \(id \d+\) created/).waitFor({ timeout: 60_000 });
    // A long run, cancelled from its monitor.
    await page.locator('[data-param="epochs"]').fill('500');
    await page.getByLabel('Model name').fill('gpt cancelled (browser)');
    await page.getByRole('button', { name: 'Register and train' }).click();
    await page.locator('[data-testid="run-monitor"][data-status="RUNNING"]').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Cancel run' }).click();
    await page.locator('[data-testid="run-monitor"][data-status="CANCELLED"]').waitFor({ timeout: 60_000 });
    const cancelled = await t.gql(`{ trainingRuns(first: 1) { edges { node { status model { name } } } } }`);
    expect(cancelled.data.trainingRuns.edges[0].node).toEqual({ status: 'CANCELLED', model: { name: 'gpt cancelled (browser)' } });
    await page.close();
  }, 300_000);

  test('comparing two versions shows the table with the best marked, the charts and the Sankey', async () => {
    const page = await context.newPage();
    await signIn(page, t.keys.admin);
    await page.getByTestId('segment-card').first().waitFor();
    await page.getByRole('link', { name: 'Compare' }).click();
    const boxes = page.locator('input[type="checkbox"][data-version]');
    await boxes.first().waitFor();
    for (const box of await boxes.all()) {
      const id = await box.getAttribute('data-version');
      if ((id === kmeansVersion || id === secondVersion) !== (await box.isChecked())) await box.click();
    }
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByTestId('comparison-table').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('comparison-table').locator('tbody tr').count()).toBe(2);
    expect(await page.locator('td[data-best="true"]').count()).toBeGreaterThan(0);
    await page.getByTestId('comparison-chart').waitFor();
    await page.getByTestId('sankey').waitFor({ timeout: 20_000 });
    await expect(page.getByRole('heading', { name: /Where customers moved \(1,\d{3} in both versions\)/ }).count()).resolves.toBe(1);
    expect(await page.getByTestId('leaderboard').locator('li').count()).toBeGreaterThanOrEqual(2);
    await checkAccessibility(page, 'compare');
    await screenshot(page, 'compare');
    // An admin points an alias at a version from here.
    await page.getByLabel('Alias', { exact: true }).fill('staging');
    await page.getByLabel('Version', { exact: true }).selectOption(secondVersion);
    await page.getByRole('button', { name: 'Move alias' }).click();
    await expect(page.getByText(`Alias “staging” now points at version #${secondVersion}.`).waitFor()).resolves.toBeUndefined();
    const staging = await t.gql(`{ segments(alias: "staging") { version { id } } }`);
    expect(staging.data.segments[0].version.id).toBe(secondVersion);
    await page.close();
  }, 180_000);

  test("a segment's customers sort on the server across pages, and its export downloads through the export jobs and parses", async () => {
    const page = await context.newPage();
    await signIn(page, t.keys.analyst);
    const first = (await t.gql(`{ segments(alias: "production") { id name size } }`)).data.segments[0];
    await page.getByRole('button', { name: `Customers of ${first.name}` }).click();
    const table = page.getByTestId('customers-table');
    await table.locator('tbody tr').first().waitFor();
    // The same check that finds no email for a viewer finds them for an analyst (it can fail).
    expect(await table.innerText()).toMatch(EMAIL);
    // Sorted by net spend, largest first, by the server: the first row is the segment's largest spender.
    await page.getByRole('button', { name: 'Net spend' }).click();
    await page.locator('[data-testid="customers-table"][data-sort="SPEND:asc"]').waitFor();
    await page.getByRole('button', { name: 'Net spend' }).click();
    await page.locator('[data-testid="customers-table"][data-sort="SPEND:desc"]').waitFor();
    const top = await t.gql(`query($s: ID!) { customers(first: 1, filter: { segmentId: $s }, orderBy: { field: SPEND, direction: DESC }) { edges { node { externalId } } } }`, { s: first.id });
    await expect(table.locator('tbody tr').first().locator('td').first().textContent()).resolves.toBe(top.data.customers.edges[0].node.externalId);
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Export this segment (CSV)' }).click();
    const file = await (await download).path();
    const rows = parseCsv(fs.readFileSync(file!, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    // Every customer of the segment, and only them.
    expect(rows.length).toBe(first.size);
    expect(new Set(rows.map((r) => r.segment_name))).toEqual(new Set([first.name]));
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['customer_id', 'external_id', 'distance']));
    await expect(page.getByTestId('export-state').textContent()).resolves.toMatch(`Downloaded ${rows.length.toLocaleString('en')} rows.`);
    await screenshot(page, 'segments-export');
    // The customer page: one customer by external id, with a segment and its distance.
    await page.getByRole('link', { name: 'Customer' }).click();
    await page.getByLabel('External id').fill(rows[0].external_id);
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect(page.getByTestId('customer-segment').textContent()).resolves.toMatch(/distance \d+\.\d{3}/);
    await checkAccessibility(page, 'customer');
    await screenshot(page, 'customer');
    await page.close();
  }, 120_000);

  test('GraphiQL runs { whoami { role } } with the tab key preset', async () => {
    const page = await context.newPage();
    await signIn(page, t.keys.analyst);
    await page.getByTestId('segment-card').first().waitFor();
    await page.getByRole('link', { name: 'GraphiQL' }).click();
    await page.waitForURL(`${origin}/graphiql`);
    const run = page.locator('.graphiql-execute-button');
    await run.waitFor({ timeout: 30_000 });
    // The first tab holds `{ whoami { role } }`; the key rides in the preset header.
    await page.locator('.graphiql-query-editor').getByText('whoami').first().waitFor({ timeout: 30_000 });
    await run.click();
    await expect(page.locator('.graphiql-response').getByText('"ANALYST"', { exact: false }).first().waitFor({ timeout: 30_000 })).resolves.toBeUndefined();
    // GraphiQL 5's tab bar nests its close buttons in the tabs and draws inactive tabs' titles in low contrast.
    await checkAccessibility(page, 'graphiql', ['nested-interactive', 'color-contrast']);
    await screenshot(page, 'graphiql');
    await page.close();
  }, 90_000);

  test('with AUTH=off the console opens without a key', async () => {
    const open = await startTestServer({ env: { AUTH: 'off' } });
    servers.add(`127.0.0.1:${open.server.port}`);
    try {
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${open.server.port}/`);
      await expect(page.getByTestId('whoami').textContent({ timeout: 10_000 })).resolves.toMatch(/admin$/);
      expect(await page.getByLabel('API key').count()).toBe(0);
      await page.getByText('No segments under alias “production”.', { exact: false }).waitFor();
      await checkAccessibility(page, 'segments (AUTH=off, empty)');
      await page.close();
    } finally {
      await open.close();
    }
  });

  test('no page made a request outside the server origin', () => {
    // Every page's requests were seen (documents, scripts, styles, workers, GraphQL, sockets, downloads).
    expect(requests).toBeGreaterThan(50);
    expect(sockets).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
  });
});
