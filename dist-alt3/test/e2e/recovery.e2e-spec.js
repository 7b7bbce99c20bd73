"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_child_process_1 = require("node:child_process");
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const database_1 = require("../helpers/database");
const paths_1 = require("../helpers/paths");
const plugins_1 = require("../helpers/plugins");
// A real server process, killed with SIGKILL mid-run: the run must not stay RUNNING for ever after a restart.
describe(`recovery after a crash on ${database_1.TEST_KIND}`, () => {
    let db;
    let modelsDir;
    let child = null;
    const port = 20_000 + (process.pid % 20_000);
    const url = `http://127.0.0.1:${port}/graphql`;
    beforeAll(async () => {
        db = await (0, database_1.createTestDatabase)();
        modelsDir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-models-'));
    });
    afterAll(async () => {
        child?.kill('SIGKILL');
        await db.drop();
        node_fs_1.default.rmSync(modelsDir, { recursive: true, force: true });
    });
    async function startProcess() {
        const proc = (0, node_child_process_1.spawn)(process.execPath, [node_path_1.default.join(paths_1.REPO_ROOT, 'dist', 'src', 'main.js')], {
            env: { ...process.env, PORT: String(port), DATABASE_URL: db.url, SEED_DEMO: 'auto', SEGMENTQL_PLUGINS: plugins_1.EXAMPLE_PLUGIN, MODELS_DIR: modelsDir },
            stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        proc.stderr.on('data', (d) => (stderr += d));
        for (let i = 0; i < 200; i++) {
            try {
                if ((await fetch(url.replace('/graphql', '/healthz'))).ok) {
                    // The first start prints the admin key it made, once.
                    adminKey ??= /admin API key: (\S+)/.exec(stderr)?.[1] ?? null;
                    return proc;
                }
            }
            catch {
                // not listening yet
            }
            await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`the server did not start: ${stderr}`);
    }
    let adminKey = null;
    async function gql(query, variables) {
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
            if (run.status === 'RUNNING' && run.progress > 0)
                break;
            await new Promise((r) => setTimeout(r, 50));
        }
        child.kill('SIGKILL');
        await new Promise((resolve) => child.once('exit', resolve));
        // What a kill between writing an artifact and committing its version leaves: a folder no version points at.
        const orphan = node_path_1.default.join(modelsDir, String(modelId), '7');
        node_fs_1.default.mkdirSync(orphan, { recursive: true });
        node_fs_1.default.writeFileSync(node_path_1.default.join(orphan, 'artifact.bin'), 'orphan');
        // Older than the sweep's grace period (a fresh folder could be another process's, about to be committed).
        const anHourAgo = new Date(Date.now() - 3_600_000);
        node_fs_1.default.utimesSync(orphan, anHourAgo, anHourAgo);
        child = await startProcess();
        expect(node_fs_1.default.existsSync(orphan)).toBe(false);
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
        const manifest = JSON.parse(node_fs_1.default.readFileSync(node_path_1.default.join(modelsDir, String(modelId), '1', 'manifest.json'), 'utf8'));
        expect(manifest).toMatchObject({ plugin: { code: 'quantiles', version: '0.1.0' }, artifactFormat: 1, version: 1, featureNames: ['log_monetary'] });
        expect(manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(node_fs_1.default.readdirSync(node_path_1.default.join(modelsDir, String(modelId), '1')).sort()).toEqual(['artifact.bin', 'manifest.json']);
    });
});
//# sourceMappingURL=recovery.e2e-spec.js.map