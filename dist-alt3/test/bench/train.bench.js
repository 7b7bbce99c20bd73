"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * npm run bench:train — trains `gpt` and `bert` with default parameters on the full UCI Online Retail data
 * (ONLINE_RETAIL_CSV, default ../shared/datasets/online-retail/online_retail.csv.gz) through the real path: import
 * into a fresh SQLite database, the training runner (worker thread), artifacts on disk. BENCH_BACKENDS lists the
 * TensorFlow.js backends to train on (default `auto`: the best available; e.g. `wasm,cpu`); figures are keyed by
 * plugin and, when more than one backend is listed, by backend too. Prints per plugin the backend, sequences/s,
 * seconds per epoch, total time and final validation loss, the fine-tuning's seconds against the pretraining's
 * (`<plugin>_finetune_seconds`, `<plugin>_finetune_vs_pretrain`), then `assignCustomers` latency per customer as a frontend
 * sees it: the GraphQL mutation over HTTP, one customer per call, BENCH_ASSIGN_CALLS calls (default 1,000) per
 * plugin, against the server in its own process (`node dist/src/main.js` on the same database, reading the artifact
 * from disk), p50 and p99. BENCH_PLUGINS (default gpt,bert) and BENCH_PARAMS (JSON, e.g. '{"epochs":1}') make a
 * short run. The last line is one JSON object.
 */
const node_child_process_1 = require("node:child_process");
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const database_1 = require("../../src/db/database");
const source_spec_1 = require("../../src/import/source-spec");
const services_1 = require("../../src/services");
const config_1 = require("../../src/config/config");
const backend_1 = require("../../src/ml/backend");
const paths_1 = require("../helpers/paths");
const DATA = process.env.ONLINE_RETAIL_CSV ?? node_path_1.default.join(paths_1.REPO_ROOT, '..', 'shared', 'datasets', 'online-retail', 'online_retail.csv.gz');
const PLUGINS = (process.env.BENCH_PLUGINS ?? 'gpt,bert').split(',');
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'auto').split(',').map((b) => (0, backend_1.parseBackendPreference)(b));
const ASSIGN_CALLS = Number(process.env.BENCH_ASSIGN_CALLS ?? 1000);
const PARAMS = JSON.parse(process.env.BENCH_PARAMS ?? '{}');
function percentile(values, p) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
async function main() {
    if (!node_fs_1.default.existsSync(DATA))
        throw new Error(`Online Retail data not found at ${DATA} (set ONLINE_RETAIL_CSV)`);
    const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-train-bench-'));
    const base = { ...(0, config_1.loadConfig)({ ...process.env, DATABASE_URL: `sqlite:${node_path_1.default.join(dir, 'bench.sqlite')}`, MODELS_DIR: node_path_1.default.join(dir, 'models') }) };
    const dataSource = await (0, database_1.openDatabase)(base.database);
    const logs = [];
    const result = { data: node_path_1.default.basename(DATA), backends: BACKENDS };
    const runners = [];
    const aliases = [];
    try {
        const imported = await (0, services_1.createServices)(dataSource, base).imports.importSource((0, source_spec_1.createSource)({ format: 'online-retail', path: DATA }), { onError: 'skip' });
        console.log(`imported ${imported.rowsImported} lines in ${(imported.durationMs / 1000).toFixed(1)} s`);
        for (const backend of BACKENDS)
            for (const plugin of PLUGINS) {
                const config = { ...base, trainingBackend: backend };
                const services = (0, services_1.createServices)(dataSource, config, (line) => logs.push(line));
                runners.push(services.runner);
                const code = BACKENDS.length > 1 ? `${plugin}_${backend}` : plugin;
                const model = await services.training.registerModel({ name: `bench ${code}`, segmenter: plugin, params: PARAMS });
                const started = Date.now();
                const run = await services.training.startRun(model.id, {}, { seed: 42 });
                const lastMessage = setInterval(() => void services.training.getRun(run.id).then((r) => process.stdout.write(`\r${code}: ${r.message ?? ''}`.slice(0, 160).padEnd(160))), 2000);
                await services.runner.idle();
                clearInterval(lastMessage);
                const done = await services.training.getRun(run.id);
                const totalSeconds = (Date.now() - started) / 1000;
                if (done.status !== 'SUCCEEDED')
                    throw new Error(`${code} run ended ${done.status}: ${done.error}`);
                const version = await services.training.getVersion(done.modelVersionId);
                const extra = version.metrics.extra ?? {};
                const epochs = logs.filter((l) => l.startsWith(`run ${run.id}: epoch`)).map((l) => /, (\d+) sequences\/s, ([\d.]+) s$/.exec(l)).filter((m) => m !== null);
                const history = extra.history ?? [];
                result[`${code}_backend`] = done.backend;
                result[`${code}_epochs`] = epochs.length;
                result[`${code}_sequences_per_s`] = Math.round(epochs.reduce((s, m) => s + Number(m[1]), 0) / Math.max(epochs.length, 1));
                result[`${code}_seconds_per_epoch`] = Number((epochs.reduce((s, m) => s + Number(m[2]), 0) / Math.max(epochs.length, 1)).toFixed(2));
                result[`${code}_total_s`] = Number(totalSeconds.toFixed(1));
                // The fine-tuning's extra time (its goal: no more than the pretraining's epochs took).
                const pretrainSeconds = epochs.reduce((s, m) => s + Number(m[2]), 0);
                const tuned = logs.map((l) => new RegExp(`^run ${run.id}: fine-tuned predictor: .*fine-tuned in ([\\d.]+) s$`).exec(l)).find((m) => m !== null);
                result[`${code}_pretrain_seconds`] = Number(pretrainSeconds.toFixed(1));
                result[`${code}_finetune_seconds`] = tuned ? Number(tuned[1]) : null;
                result[`${code}_finetune_vs_pretrain`] = tuned ? Number((Number(tuned[1]) / pretrainSeconds).toFixed(3)) : null;
                result[`${code}_final_validation_loss`] = history.length ? Number(history[history.length - 1].validationLoss.toFixed(4)) : null;
                result[`${code}_segments`] = (await services.training.segmentsOf([version.id]))[0].length;
                console.log(`\n${code}: ${done.backend}, ${epochs.length} epochs, ${result[`${code}_sequences_per_s`]} sequences/s, ${result[`${code}_seconds_per_epoch`]} s/epoch, total ${totalSeconds.toFixed(1)} s`);
                await services.training.setAlias(version.id, `bench-${code}`);
                aliases.push(code);
            }
        // BENCH_ASSIGN_CALLS=0 skips it (bench:clv runs this bench for the fine-tuning's time only).
        if (ASSIGN_CALLS > 0) {
            // Real-time assignment as a frontend asks: the assignCustomers mutation over HTTP, one customer per call, against
            // the server in its own process, which reads the artifacts from disk.
            const fresh = (0, services_1.createServices)(dataSource, base);
            const key = (await fresh.apiKeys.create('analyst', 'bench assign', 'bench')).secret;
            await fresh.runner.close();
            const ids = await dataSource.query('SELECT id FROM customers ORDER BY id');
            const port = 45000 + Math.floor(Math.random() * 3000);
            const url = `http://127.0.0.1:${port}/graphql`;
            const server = (0, node_child_process_1.spawn)(process.execPath, [node_path_1.default.join(paths_1.REPO_ROOT, 'dist', 'src', 'main.js')], {
                env: { ...process.env, DATABASE_URL: `sqlite:${node_path_1.default.join(dir, 'bench.sqlite')}`, MODELS_DIR: node_path_1.default.join(dir, 'models'), EXPORTS_DIR: node_path_1.default.join(dir, 'exports'), PORT: String(port), RATE_LIMIT_PER_MINUTE: '0', SEED_DEMO: 'false' },
                stdio: ['ignore', 'ignore', 'inherit'],
            });
            try {
                for (let i = 0; i < 600; i++) {
                    if (await fetch(url.replace('/graphql', '/healthz')).then((r) => r.ok, () => false))
                        break;
                    await new Promise((r) => setTimeout(r, 100));
                }
                const assign = async (id, alias) => {
                    const res = await fetch(url, {
                        method: 'POST',
                        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
                        body: JSON.stringify({ query: 'mutation($ids: [ID!]!, $alias: String!) { assignCustomers(ids: $ids, alias: $alias) { distance segment { id } } }', variables: { ids: [String(id)], alias } }),
                    });
                    const body = (await res.json());
                    if (body.errors || body.data?.assignCustomers.length !== 1)
                        throw new Error(`assignCustomers ${id} (${alias}): ${JSON.stringify(body)}`);
                };
                const latencies = [];
                for (const code of aliases) {
                    await assign(ids[0].id, `bench-${code}`); // loads the artifact and the model
                    for (let i = 0; i < ASSIGN_CALLS; i++) {
                        const id = ids[Math.floor((i * 7919) % ids.length)].id;
                        const t = process.hrtime.bigint();
                        await assign(id, `bench-${code}`);
                        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
                    }
                    result[`${code}_assign_http_p50_ms`] = Number(percentile(latencies.slice(-ASSIGN_CALLS), 50).toFixed(2));
                    result[`${code}_assign_http_p99_ms`] = Number(percentile(latencies.slice(-ASSIGN_CALLS), 99).toFixed(2));
                    console.log(`${code}: assignCustomers over HTTP, ${ASSIGN_CALLS} calls: p50 ${result[`${code}_assign_http_p50_ms`]} ms, p99 ${result[`${code}_assign_http_p99_ms`]} ms`);
                }
                result.assign_calls = ASSIGN_CALLS;
                result.assign_http_p99_ms = Number(percentile(latencies, 99).toFixed(2));
            }
            finally {
                server.kill('SIGTERM');
                await new Promise((r) => server.once('exit', r));
            }
        }
    }
    finally {
        for (const runner of runners)
            await runner.close();
        await dataSource.destroy();
        node_fs_1.default.rmSync(dir, { recursive: true, force: true });
    }
    console.log(JSON.stringify(result));
}
main().then(() => process.exit(0), (err) => {
    console.error(err);
    process.exit(1);
});
//# sourceMappingURL=train.bench.js.map