import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Browser, BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium (`.ci/run` installs it); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether browser tests can run here; where REQUIRE_BROWSER=1 (`.ci/run`) a missing Chromium is a failure, not a skip. */
export function browserAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  process.stderr.write(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)\n`);
  return false;
}

/** Where screenshots go (test artefacts; git-ignored). */
export const ARTIFACTS_DIR = path.resolve(
  process.env.TEST_ARTIFACTS_DIR ?? path.join(__dirname, '../../../test-artifacts'),
  // One folder per database pass (.ci/run runs the suite on SQLite, then on PostgreSQL).
  `console-${process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite'}`,
);

/**
 * Headless Chromium as the machine allows: no sandbox (root), no GPU, and none of the background networking that a
 * closed network refuses; a fresh user-data dir each time.
 */
export async function launchChromium(): Promise<{ browser: BrowserContext; close(): Promise<void> }> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-chromium-'));
  const browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1360, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  return {
    browser,
    async close() {
      await browser.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export type { Browser };
