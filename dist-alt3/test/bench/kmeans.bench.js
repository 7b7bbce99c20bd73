"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * npm run bench:kmeans — k-means fit time at equal settings (k = 8, one k-means++ init, tol 1e-4, max 300 iterations)
 * on seeded Gaussian blobs of 100,000 x 16 and 1,000,000 x 16, side by side in one run with scikit-learn's KMeans
 * (Debian's python3-sklearn, /usr/bin/python3; it uses every core) and the npm package ml-kmeans (one thread). Ours
 * runs with its default thread count (every core from 200,000 rows). The last line is one JSON object.
 */
const node_child_process_1 = require("node:child_process");
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const kmeans_1 = require("../../src/ml/clustering/kmeans");
const random_1 = require("../../src/ml/random");
const paths_1 = require("../helpers/paths");
const K = 8;
const D = 16;
const N_INIT = 1;
const TOL = 1e-4;
const MAX_ITER = 300;
const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
/** ml-kmeans holds every row as a JS array; past this size it is measured on a sample and scaled (said in the output). */
const ML_KMEANS_MAX = Number(process.env.BENCH_ML_KMEANS_MAX ?? 1_000_000);
function blobs(n, seed) {
    const rng = new random_1.Random(seed);
    const centers = Array.from({ length: K }, () => Array.from({ length: D }, () => rng.next() * 20 - 10));
    // In shared memory, as the training runner hands it over, so that helper threads read it without a copy.
    const x = new Float64Array(new SharedArrayBuffer(n * D * 8));
    for (let i = 0; i < n; i++) {
        const c = centers[Math.floor(rng.next() * K)];
        for (let f = 0; f < D; f++)
            x[i * D + f] = c[f] + rng.normal(0, 2.5);
    }
    return x;
}
function sklearn(file, n) {
    const out = (0, node_child_process_1.execFileSync)('/usr/bin/python3', [node_path_1.default.join(paths_1.REPO_ROOT, 'test', 'bench', 'sklearn_kmeans.py'), file, String(n), String(D), String(K), String(N_INIT), String(TOL), String(MAX_ITER)], { encoding: 'utf8' });
    return JSON.parse(out.trim().split('\n').pop());
}
async function main() {
    // ml-kmeans is an ES module.
    const { kmeans: mlKmeans } = await import('ml-kmeans');
    const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-kmeans-'));
    const results = [];
    try {
        for (const n of SIZES) {
            const x = blobs(n, 1);
            const file = node_path_1.default.join(dir, `blobs-${n}.f64`);
            node_fs_1.default.writeFileSync(file, new Uint8Array(x.buffer));
            let started = process.hrtime.bigint();
            const ours = (0, kmeans_1.kmeans)(x, n, D, { k: K, nInit: N_INIT, maxIter: MAX_ITER, tol: TOL, seed: 0 });
            const oursSeconds = Number(process.hrtime.bigint() - started) / 1e9;
            const sk = sklearn(file, n);
            const mlN = Math.min(n, ML_KMEANS_MAX);
            const rows = Array.from({ length: mlN }, (_, i) => Array.from(x.subarray(i * D, i * D + D)));
            started = process.hrtime.bigint();
            const ml = mlKmeans(rows, K, { initialization: 'kmeans++', seed: 0, maxIterations: MAX_ITER, tolerance: (0, kmeans_1.absoluteTolerance)(x, n, D, TOL) });
            const mlSeconds = (Number(process.hrtime.bigint() - started) / 1e9) * (n / mlN);
            const mlInertia = (0, kmeans_1.inertiaOf)(x.subarray(0, mlN * D), mlN, D, Float64Array.from(ml.centroids.flat()), Int32Array.from(ml.clusters));
            const row = {
                n,
                d: D,
                k: K,
                ours_seconds: round(oursSeconds),
                ours_threads: (0, kmeans_1.threadCount)(n),
                ours_iterations: ours.iterations,
                ours_inertia: ours.inertia,
                sklearn_seconds: round(sk.seconds),
                sklearn_iterations: sk.iterations,
                sklearn_inertia: sk.inertia,
                ml_kmeans_seconds: round(mlSeconds),
                ml_kmeans_rows_measured: mlN,
                ml_kmeans_iterations: ml.iterations,
                ml_kmeans_inertia_per_row: mlInertia / mlN,
                ratio_vs_sklearn: round(oursSeconds / sk.seconds),
                ratio_vs_ml_kmeans: round(oursSeconds / mlSeconds),
                inertia_rel_diff: round((ours.inertia - sk.inertia) / sk.inertia, 6),
            };
            process.stderr.write(`${JSON.stringify(row)}\n`);
            results.push(row);
        }
        const largest = results[results.length - 1];
        process.stdout.write(JSON.stringify({
            benchmark: 'kmeans',
            sklearn_version: sklearn(node_path_1.default.join(dir, `blobs-${SIZES[0]}.f64`), SIZES[0]).version,
            settings: { k: K, d: D, n_init: N_INIT, tol: TOL, max_iter: MAX_ITER, init: 'k-means++' },
            runs: results,
            n: largest.n,
            ratio_vs_sklearn: largest.ratio_vs_sklearn,
            ratio_vs_ml_kmeans: largest.ratio_vs_ml_kmeans,
            inertia_rel_diff: largest.inertia_rel_diff,
            cpus: node_os_1.default.cpus().length,
        }) + '\n');
    }
    finally {
        node_fs_1.default.rmSync(dir, { recursive: true, force: true });
    }
}
function round(x, places = 3) {
    const f = 10 ** places;
    return Math.round(x * f) / f;
}
main().catch((err) => {
    process.stderr.write(`bench:kmeans failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
});
//# sourceMappingURL=kmeans.bench.js.map