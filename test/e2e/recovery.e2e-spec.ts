import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, TEST_KIND, TestDatabase } from '../helpers/database';
import { REPO_ROOT } from '../helpers/paths';
import { EXAMPLE_PLUGIN } from '../helpers/plugins';

// A real server process, killed with SIGKILL mid-run: the run must not stay RUNNING for ever after a restart.
describe(`recovery after a crash on ${TEST_KIND}`, () => {
  let db: TestDatabase;
  let modelsDir: string;
  let child: ChildProcess | null = null;
  const port = 20_000 + (process.pid % 20_000);
  const url = `http://127.0.0.1:${port}/graphql`;

  beforeAll(async () => {
    db = await createTestDatabase();
    modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-models-'));
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await db.drop();
    fs.rmSync(modelsDir, { recursive: true, force: true });
  });

  async function startProcess(): Promise<ChildProcess> {
    const proc = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'src', 'main.js')], {
      env: { ...process.env, PORT: String(port), DATABASE_URL: db.url, SEED_DEMO: 'auto', DEMO_MODEL: 'false', SEGMENTQL_PLUGINS: EXAMPLE_PLUGIN, MODELS_DIR: modelsDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    proc.stderr!.on('data', (d) => (stderr += d));
    for (let i = 0; i < 200; i++) {
      try {
        if ((await fetch(url.replace('/graphql', '/healthz'))).ok) {
          // The first start prints the admin key it made, once.
          adminKey ??= /admin API key: (\S+)/.exec(stderr)?.[1] ?? null;
          return proc;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the server did not start: ${stderr}`);
  }

  let adminKey: string | null = null;

  async function gql(query: string, variables?: Record<string, unknown>): Promise<any> {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` }, body: JSON.stringify({ query, variables }) });
    return res.json();
  }

  it('marks a run left RUNNING by a killed server as FAILED (interrupted), and trains again', async () => {
    child = await startProcess();
    const model = await gql(`mutation { registerModel(input: { name: "slow", segmenter: "quantiles", params: { stepDelayMs: 200, steps: 200 } }) { id } }`);
    const modelId = model.data.registerModel.id;
    const runId = (await gql(`mutation($id: ID!) { startTrainingRun(modelId: $id) { id } }`, { id: modelId })).data.startTrainingRun.id;
    for (;;) {
      const run = (await gql(`query($id: ID!) { trainingRun(id: $id) { status progress } }`, { id: runId })).data.trainingRun;
      if (run.status === 'RUNNING' && run.progress > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    // What a kill between writing an artifact and committing its version leaves: a folder no version points at.
    const orphan = path.join(modelsDir, String(modelId), '7');
    fs.mkdirSync(orphan, { recursive: true });
    fs.writeFileSync(path.join(orphan, 'artifact.bin'), 'orphan');
    // Older than the sweep's grace period (a fresh folder could be another process's, about to be committed).
    const anHourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(orphan, anHourAgo, anHourAgo);

    child = await startProcess();
    expect(fs.existsSync(orphan)).toBe(false);
    const after = (await gql(`query($id: ID!) { trainingRun(id: $id) { status error finishedAt } }`, { id: runId })).data.trainingRun;
    expect(after.status).toBe('FAILED');
    expect(after.error).toMatch(/^interrupted/);
    expect(after.finishedAt).not.toBeNull();

    const again = (await gql(`mutation($id: ID!) { startTrainingRun(modelId: $id, params: { stepDelayMs: 0 }) { id } }`, { id: modelId })).data.startTrainingRun.id;
    for (;;) {
      const run = (await gql(`query($id: ID!) { trainingRun(id: $id) { status modelVersion { number } } }`, { id: again })).data.trainingRun;
      if (run.status !== 'QUEUED' && run.status !== 'RUNNING') {
        expect(run).toEqual({ status: 'SUCCEEDED', modelVersion: { number: 1 } });
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    // The artifact and its manifest are on disk.
    const manifest = JSON.parse(fs.readFileSync(path.join(modelsDir, String(modelId), '1', 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ plugin: { code: 'quantiles', version: '0.1.0' }, artifactFormat: 1, version: 1, featureNames: ['log_monetary'] });
    expect(manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readdirSync(path.join(modelsDir, String(modelId), '1')).sort()).toEqual(['artifact.bin', 'manifest.json']);
  });
});
