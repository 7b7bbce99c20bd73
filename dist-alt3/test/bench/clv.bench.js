"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * npm run bench:clv — the clv plugin's models at scale: BENCH_CLV_CUSTOMERS (default 1,000,000) customers simulated
 * from the published CDNOW parameters (BG/NBD r 0.243, α 4.414, a 0.793, b 2.426; Gamma-Gamma p 6.25, q 3.74, γ 15.44)
 * as daily data (whole purchase days, a 26 to 39-week calibration, in weeks), fitted by the plugin's BG/NBD and
 * Gamma-Gamma, then by scipy on the same summaries (test/bench/clv_scipy.py with Debian's /usr/bin/python3:
 * Nelder-Mead on vectorised numpy log-likelihoods, as lifetimes fits them, per customer and on the same compressed
 * histories segmentql uses; `ratio_vs_scipy` is against the faster of the two). Reports both times (`ratio_vs_scipy`, goal <= 1),
 * the relative difference of the log-likelihoods (`ll_rel_diff`, goal <= 1e-6) and the time to predict every customer
 * (`predict_seconds`: expected purchases, P(alive), churn probability, spend and value over 90 days); then the
 * fine-tuned predictor's extra time: bench:train's gpt run on Online Retail (wasm, defaults), its fine-tuning seconds
 * against its pretraining epochs' (`finetune_seconds`, `pretrain_seconds`, `finetune_vs_pretrain`, goal <= 1;
 * BENCH_FINETUNE=0 skips it). The last line is one JSON object.
 */
const node_child_process_1 = require("node:child_process");
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const bg_nbd_1 = require("../../plugins/clv/bg-nbd");
const gamma_gamma_1 = require("../../plugins/clv/gamma-gamma");
const simulate_1 = require("../../plugins/clv/simulate");
const paths_1 = require("../helpers/paths");
const N = Number(process.env.BENCH_CLV_CUSTOMERS ?? 1_000_000);
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG = { p: 6.25, q: 3.74, gamma: 15.44 };
function main() {
    let started = Date.now();
    const sim = (0, simulate_1.simulateCustomers)(N, BG, GG, { seed: 1, minT: 26, maxT: 39, wholeDays: true, daysPerUnit: 7 });
    console.log(`simulated ${N} customers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    started = performance.now();
    const bg = (0, bg_nbd_1.fitBgNbd)({ x: sim.x, tx: sim.tx, T: sim.T });
    const gg = (0, gamma_gamma_1.fitGammaGamma)(sim.x, sim.m);
    const fitSeconds = (performance.now() - started) / 1000;
    console.log(`segmentql: BG/NBD ${JSON.stringify(bg.params)} ll ${bg.logLikelihood.toFixed(4)} (${bg.message}, ${bg.distinctHistories} distinct histories); Gamma-Gamma ${JSON.stringify(gg.params)} ll ${gg.logLikelihood.toFixed(4)}; ${fitSeconds.toFixed(2)} s`);
    started = performance.now();
    let total = 0;
    let checksum = 0; // every prediction is used, so none is optimised away
    for (let i = 0; i < N; i++) {
        const purchases = (0, bg_nbd_1.expectedPurchases)(bg.params, sim.x[i], sim.tx[i], sim.T[i], 90 / 7);
        const alive = (0, bg_nbd_1.probabilityAlive)(bg.params, sim.x[i], sim.tx[i], sim.T[i]);
        const churn = 1 - (0, bg_nbd_1.probabilityOfPurchase)(bg.params, sim.x[i], sim.tx[i], sim.T[i], 90 / 7);
        const next = (0, bg_nbd_1.medianTimeToNextPurchase)(bg.params, sim.x[i], sim.tx[i], sim.T[i]);
        total += purchases * (0, gamma_gamma_1.expectedSpendPerPurchase)(gg.params, sim.x[i], sim.m[i]);
        checksum += alive + churn + (next ?? 0);
    }
    const predictSeconds = (performance.now() - started) / 1000;
    console.log(`predicted ${N} customers in ${predictSeconds.toFixed(2)} s (total 90-day value ${total.toFixed(0)}, checksum ${checksum.toFixed(0)})`);
    const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-clv-bench-'));
    let scipy = null;
    try {
        const file = node_path_1.default.join(dir, 'summaries.csv');
        const lines = ['x,tx,T,m'];
        for (let i = 0; i < N; i++)
            lines.push(`${sim.x[i]},${sim.tx[i]},${sim.T[i]},${sim.m[i]}`);
        node_fs_1.default.writeFileSync(file, lines.join('\n'));
        const res = (0, node_child_process_1.spawnSync)(PYTHON, [node_path_1.default.join(paths_1.REPO_ROOT, 'test', 'bench', 'clv_scipy.py'), file], { encoding: 'utf8', maxBuffer: 1 << 20 });
        if (res.status !== 0)
            console.log(`scipy could not run (${PYTHON}): ${res.stderr.trim().split('\n').pop()}; install Debian's python3-scipy`);
        else
            scipy = JSON.parse(res.stdout.trim().split('\n').pop());
    }
    finally {
        node_fs_1.default.rmSync(dir, { recursive: true, force: true });
    }
    const result = {
        customers: N,
        distinct_histories: bg.distinctHistories,
        fit_seconds: Number(fitSeconds.toFixed(3)),
        predict_seconds: Number(predictSeconds.toFixed(3)),
        bgnbd: { ...bg.params, logLikelihood: bg.logLikelihood, iterations: bg.iterations },
        gamma_gamma: { ...gg.params, logLikelihood: gg.logLikelihood, iterations: gg.iterations },
        finetune_seconds: null,
    };
    // The fine-tuning's extra time on Online Retail (wasm): bench:train's gpt run, defaults, without the HTTP part.
    if (process.env.BENCH_FINETUNE !== '0') {
        const train = (0, node_child_process_1.spawnSync)(process.execPath, [node_path_1.default.join(paths_1.REPO_ROOT, 'dist', 'test', 'bench', 'train.bench.js')], {
            env: { ...process.env, BENCH_PLUGINS: 'gpt', BENCH_ASSIGN_CALLS: '0', BENCH_BACKENDS: 'wasm' },
            encoding: 'utf8',
            maxBuffer: 64 << 20,
        });
        if (train.status !== 0)
            console.log(`the fine-tuning run failed: ${(train.stderr || train.stdout).trim().split('\n').slice(-3).join(' ')}`);
        else {
            const t = JSON.parse(train.stdout.trim().split('\n').pop());
            result.finetune_seconds = t.gpt_finetune_seconds;
            result.pretrain_seconds = t.gpt_pretrain_seconds;
            result.finetune_vs_pretrain = t.gpt_finetune_vs_pretrain;
            console.log(`gpt on Online Retail (wasm): pretraining epochs ${t.gpt_pretrain_seconds} s, fine-tuning ${t.gpt_finetune_seconds} s (goal: no more)`);
        }
    }
    if (scipy) {
        // The peer is scipy at its fastest here: BG/NBD on the compressed histories (as segmentql), plus Gamma-Gamma.
        const bgPeer = scipy.bgnbdCompressed.seconds < scipy.bgnbd.seconds ? scipy.bgnbdCompressed : scipy.bgnbd;
        const scipySeconds = bgPeer.seconds + scipy.gammaGamma.seconds;
        console.log(`scipy ${scipy.scipy_version}: BG/NBD ll ${scipy.bgnbd.logLikelihood.toFixed(4)} in ${scipy.bgnbd.seconds.toFixed(2)} s per customer, ll ${scipy.bgnbdCompressed.logLikelihood.toFixed(4)} in ${scipy.bgnbdCompressed.seconds.toFixed(2)} s on the compressed histories; Gamma-Gamma ll ${scipy.gammaGamma.logLikelihood.toFixed(4)} in ${scipy.gammaGamma.seconds.toFixed(2)} s`);
        const rel = (a, b) => Math.abs(a - b) / Math.abs(b);
        Object.assign(result, {
            scipy_seconds: Number(scipySeconds.toFixed(3)),
            ratio_vs_scipy: Number((fitSeconds / scipySeconds).toFixed(3)),
            ratio_vs_scipy_uncompressed: Number((fitSeconds / (scipy.bgnbd.seconds + scipy.gammaGamma.seconds)).toFixed(4)),
            ll_rel_diff: Number(Math.max(rel(bg.logLikelihood, scipy.bgnbd.logLikelihood), rel(bg.logLikelihood, scipy.bgnbdCompressed.logLikelihood), rel(gg.logLikelihood, scipy.gammaGamma.logLikelihood)).toExponential(2)),
            ll_diff_bgnbd: Number((bg.logLikelihood - scipy.bgnbd.logLikelihood).toFixed(6)),
            ll_diff_gamma_gamma: Number((gg.logLikelihood - scipy.gammaGamma.logLikelihood).toFixed(6)),
            scipy,
        });
    }
    console.log(JSON.stringify(result));
}
main();
//# sourceMappingURL=clv.bench.js.map