/**
 * npm run bench:console — the console as a browser meets it, over loopback, against the real server in its own
 * process (`node dist/src/main.js`) on a demo shop of BENCH_CUSTOMERS customers (default 5,200, so the segment map
 * holds its full 5,000 points) with the first-start k-means version aliased `production`:
 * - `js_gzip_kb`: the first page's JavaScript (the entry script and the modules it preloads) gzipped (level 6);
 * - `cards_ms`: from navigation start to the first segment card in the DOM (median of BENCH_RUNS fresh tabs, after
 *   one warm-up), the key already in the tab's sessionStorage, as after signing in;
 * - `map_ms`: from navigation start to the segment map drawn (ECharts' `finished`) with `map_points` points.
 * Goals (issue 15): js_gzip_kb <= 500, cards_ms <= 1000, map_ms <= 1500. The last line is one JSON object.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { loadConfig } from '../../src/config/config';
import { startServer } from '../../src/server';
import { REPO_ROOT } from '../helpers/paths';
import { launchChromium } from '../helpers/browser';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 5200);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const CONSOLE = path.join(REPO_ROOT, 'dist', 'console');

/** The first page's JavaScript: the entry module and every module it preloads, as index.html names them. */
function firstPageJs(): { files: string[]; gzipBytes: number; rawBytes: number } {
  const html = fs.readFileSync(path.join(CONSOLE, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(CONSOLE, file));
    rawBytes += bytes.length;
    gzipBytes += zlib.gzipSync(bytes, { level: 6 }).length;
  }
  return { files, gzipBytes, rawBytes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const js = firstPageJs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-bench-console-'));
  const env = { DATABASE_URL: `sqlite:${path.join(dir, 'bench.sqlite')}`, MODELS_DIR: path.join(dir, 'models'), EXPORTS_DIR: path.join(dir, 'exports'), RATE_LIMIT_PER_MINUTE: '0', SEED_DEMO: 'false' };
  // The shop, its first k-means version (as the first start trains it) and a viewer key, written before the
  // measured server starts.
  const setup = await startServer({ ...loadConfig(env), port: 0 }, { log: () => undefined });
  await setup.services.demo.seed({ customers: CUSTOMERS });
  const versionId = await setup.services.demo.trainFirstModel(setup.services.training, () => undefined, { justSeeded: true });
  if (versionId === null) throw new Error('the demo model did not train');
  const key = (await setup.services.apiKeys.create('viewer', 'bench viewer', 'bench')).secret;
  await setup.close();

  const port = 4300 + (process.pid % 500);
  const server = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'src', 'main.js')], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr.on('data', (d) => (log += d));
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (await fetch(`${origin}/healthz`).then((r) => r.ok, () => false)) break;
    if (i > 300) throw new Error(`the server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const chrome = await launchChromium();
  const cards: number[] = [];
  const maps: number[] = [];
  let points = 0;
  try {
    for (let run = 0; run <= RUNS; run++) {
      const page = await chrome.browser.newPage();
      // Signed in already (the key in this tab's sessionStorage); the moments are taken in the page, from navigation start.
      await page.addInitScript(`
        sessionStorage.setItem('segmentql.apiKey', ${JSON.stringify(key)});
        new MutationObserver(() => {
          if (window.__cardsAt === undefined && document.querySelector('[data-testid="segment-card"]')) window.__cardsAt = performance.now();
          if (window.__mapAt === undefined && document.querySelector('[data-testid="segment-map"][data-drawn="true"]')) window.__mapAt = performance.now();
        }).observe(document, { subtree: true, childList: true, attributes: true });
      `);
      await page.goto(`${origin}/`);
      await page.locator('[data-testid="segment-map"][data-drawn="true"]').waitFor({ timeout: 60_000 });
      const at = (await page.evaluate('({ cards: window.__cardsAt, map: window.__mapAt })')) as { cards: number; map: number };
      points = Number(await page.getByTestId('segment-map').getAttribute('data-points'));
      if (run > 0) {
        cards.push(at.cards);
        maps.push(at.map);
      }
      process.stderr.write(`run ${run}${run === 0 ? ' (warm-up)' : ''}: cards ${at.cards.toFixed(0)} ms, map ${at.map.toFixed(0)} ms (${points} points)\n`);
      await page.close();
    }
  } finally {
    await chrome.close();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const result = {
    bench: 'console',
    customers: CUSTOMERS,
    runs: RUNS,
    js_files: js.files.length,
    js_raw_kb: Math.round(js.rawBytes / 1024),
    js_gzip_kb: Math.round(js.gzipBytes / 1024),
    cards_ms: Math.round(median(cards)),
    cards_ms_max: Math.round(Math.max(...cards)),
    map_ms: Math.round(median(maps)),
    map_ms_max: Math.round(Math.max(...maps)),
    map_points: points,
    goals: { js_gzip_kb: 500, cards_ms: 1000, map_ms: 1500 },
    met: js.gzipBytes / 1024 <= 500 && median(cards) <= 1000 && median(maps) <= 1500,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
