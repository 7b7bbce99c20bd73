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
    chrome = await launchChromium();
    context = chrome.browser;
    // Every request of every page: to this origin only (data: and blob: URLs are the page's own).
    context.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url) && !/^ws:\/\/127\.0\.0\.1:\d+\//.test(url)) foreign.push(url);
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

  /** axe-core in the page: no serious or critical violation. */
  async function checkAccessibility(page: Page, name: string): Promise<void> {
    await page.evaluate(axe.source);
    // A string, run in the page (the test compiles without the DOM's types).
    const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as axe.AxeResults;
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect({ page: name, violations: bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`) }).toEqual({ page: name, violations: [] });
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
  }

  test('a wrong key gets a clear message and no console', async () => {
    const page = await context.newPage();
    await signIn(page, 'sq_this-key-does-not-exist');
    await expect(page.getByTestId('sign-in-error').textContent({ timeout: 10_000 })).resolves.toMatch(/not accepted: it is unknown or was revoked/);
    expect(await page.getByTestId('segment-cards').count()).toBe(0);
    await checkAccessibility(page, 'sign-in');
    await screenshot(page, 'sign-in-wrong-key');
    await page.close();
  });

  test('a viewer sees the segment cards and the map, no email anywhere, and no training controls', async () => {
    const page = await context.newPage();
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
    expect(await page.content()).not.toMatch(EMAIL);
    await checkAccessibility(page, 'models (viewer)');
    await screenshot(page, 'models-viewer');
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
    const small: Record<string, string> = { epochs: '1', dModel: '16', heads: '2', layers: '1', maxLen: '16', k: '4', nInit: '1', batchSize: '16' };
    for (const [name, value] of Object.entries(small)) await page.locator(`[data-param="${name}"]`).fill(value);
    await page.getByLabel('Model name').fill('gpt one epoch (browser)');
    await page.getByRole('button', { name: 'Register and train' }).click();
    const monitor = page.getByTestId('run-monitor');
    await page.locator('[data-testid="run-monitor"][data-status="RUNNING"]').waitFor({ timeout: 60_000 });
    // The chart gains points while the run trains (the subscription delivers them).
    const seen: number[] = [];
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline) {
      const status = await monitor.getAttribute('data-status');
      seen.push(Number(await monitor.getAttribute('data-loss-points')));
      if (status !== 'RUNNING' && status !== 'QUEUED') break;
      await page.waitForTimeout(250);
    }
    const growing = seen.filter((n, i) => i > 0 && n > seen[i - 1]).length;
    expect(growing).toBeGreaterThanOrEqual(2);
    await page.getByTestId('loss-chart').waitFor();
    await expect(monitor.getAttribute('data-status')).resolves.toBe('SUCCEEDED');
    await expect(page.getByTestId('run-version').textContent({ timeout: 10_000 })).resolves.toMatch(/Version 1 \(id \d+\) created/);
    await checkAccessibility(page, 'models (analyst, run)');
    await screenshot(page, 'models-run');
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

  test('an export downloads through the export jobs and parses', async () => {
    const page = await context.newPage();
    await signIn(page, t.keys.analyst);
    await page.getByRole('button', { name: /^Customers of / }).first().click();
    await page.getByTestId('customers-table').waitFor();
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: /Export the alias's segments/ }).click();
    const file = await (await download).path();
    const rows = parseCsv(fs.readFileSync(file!, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    const segments = await t.gql(`{ segments(alias: "production") { size } }`);
    expect(rows.length).toBe(segments.data.segments.reduce((s: number, x: { size: number }) => s + x.size, 0));
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['customer_id', 'external_id']));
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
    await expect(page.locator('.graphiql-response').getByText('"analyst"').first().waitFor({ timeout: 30_000 })).resolves.toBeUndefined();
    await screenshot(page, 'graphiql');
    await page.close();
  }, 90_000);

  test('no page made a request outside the server origin', () => {
    expect(foreign).toEqual([]);
  });
});
