"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.clvSegmenter = exports.TIERS = void 0;
const sdk_1 = require("../../src/sdk");
const bg_nbd_1 = require("./bg-nbd");
const gamma_gamma_1 = require("./gamma-gamma");
const summaries_1 = require("./summaries");
const ARTIFACT_FORMAT = 1;
exports.TIERS = ['high', 'mid', 'low', 'lapsed'];
const DAYS_PER = { day: 1, week: 7 };
const TIER_NAMES = ['High value', 'Mid value', 'Low value', 'Lapsed'];
function tierCount(artifact) {
    return artifact.lapsedBelow > 0 ? 4 : 3;
}
function summariesOf(data) {
    if (!data.sequences || data.asOfDay === undefined)
        throw new Error('clv needs the customers\' purchase sequences and asOf (inputs: sequence)');
    return (0, summaries_1.summarise)(data.sequences, data.asOfDay);
}
/** The predictions for every row, from the summaries and the fitted parameters. */
function predictAll(bg, gg, unit, horizonDays, s) {
    const per = DAYS_PER[unit];
    const t = horizonDays / per;
    const out = [];
    for (let i = 0; i < s.x.length; i++) {
        const x = s.x[i];
        const tx = s.txDays[i] / per;
        const T = s.TDays[i] / per;
        const purchases = (0, bg_nbd_1.expectedPurchases)(bg, x, tx, T, t);
        const spendPer = (0, gamma_gamma_1.expectedSpendPerPurchase)(gg, x, s.meanRepeatValue[i]);
        const next = (0, bg_nbd_1.medianTimeToNextPurchase)(bg, x, tx, T);
        out.push({
            expectedPurchases: purchases,
            pAlive: (0, bg_nbd_1.probabilityAlive)(bg, x, tx, T),
            churnProbability: 1 - (0, bg_nbd_1.probabilityOfPurchase)(bg, x, tx, T, t),
            expectedSpendPerPurchase: spendPer,
            clv: purchases * spendPer,
            daysToNextPurchase: next === null ? null : next * per,
        });
    }
    return out;
}
function tierOf(artifact, p) {
    if (artifact.lapsedBelow > 0 && p.pAlive !== null && p.pAlive < artifact.lapsedBelow)
        return 3;
    return p.clv >= artifact.highFrom ? 0 : p.clv >= artifact.midFrom ? 1 : 2;
}
exports.clvSegmenter = {
    code: 'clv',
    version: '1.0.0',
    description: 'Probabilistic baseline: BG/NBD (repeat purchases, P(alive)) and Gamma-Gamma (spend per purchase) fitted by maximum likelihood; segments are value tiers by predicted spend over the horizon.',
    artifactFormat: ARTIFACT_FORMAT,
    params: [
        { name: 'timeUnit', type: 'string', default: 'week', choices: ['week', 'day'], description: 'The unit t_x, T and the fitted α are in (the papers use weeks).' },
        { name: 'horizonDays', type: 'int', default: 90, min: 1, max: 730, description: 'Days after asOf the predictions (and the value tiers) are for.' },
        { name: 'highShare', type: 'float', default: 0.2, min: 0.01, max: 0.98, description: 'Share of the training customers with the highest predicted value that form the `high` tier.' },
        { name: 'midShare', type: 'float', default: 0.3, min: 0.01, max: 0.98, description: 'Share of the training customers, after `high`, that form the `mid` tier; the rest are `low`.' },
        {
            name: 'lapsedBelow',
            type: 'float',
            default: 0,
            min: 0,
            max: 1,
            description: 'P(alive) below which a customer is `lapsed` whatever their value (a fourth tier); 0 keeps three tiers.',
        },
    ],
    capabilities: { inputs: ['sequence'], embeds: false, deterministicWithSeed: true, accelerator: 'none', predicts: true },
    checkParams: { timeUnit: 'week' },
    featureNames: () => ['log_recency', 'log_frequency', 'log_monetary'],
    validate: (params) => params.highShare + params.midShare >= 1 ? [`highShare (${params.highShare}) + midShare (${params.midShare}) must be below 1: the rest is the low tier`] : [],
    async fit(data, params, ctx) {
        const unit = params.timeUnit;
        const per = DAYS_PER[unit];
        const s = summariesOf(data);
        const rows = [...s.hasHistory.keys()].filter((i) => s.hasHistory[i] === 1);
        if (rows.length < 2)
            throw new Error(`clv needs at least 2 customers with a purchase before asOf, got ${rows.length}`);
        ctx.progress({ fraction: 0.05, message: `BG/NBD on ${rows.length} customers` });
        const bg = (0, bg_nbd_1.fitBgNbd)({
            x: rows.map((i) => s.x[i]),
            tx: rows.map((i) => s.txDays[i] / per),
            T: rows.map((i) => s.TDays[i] / per),
        });
        ctx.log(`BG/NBD: r ${bg.params.r.toFixed(4)}, α ${bg.params.alpha.toFixed(4)}, a ${bg.params.a.toFixed(4)}, b ${bg.params.b.toFixed(4)}; log-likelihood ${bg.logLikelihood.toFixed(2)} (${bg.message})`);
        if (ctx.signal.aborted)
            throw ctx.signal.reason ?? new Error('cancelled');
        ctx.progress({ fraction: 0.6, message: 'Gamma-Gamma on the repeat customers' });
        const gg = (0, gamma_gamma_1.fitGammaGamma)(rows.map((i) => s.x[i]), rows.map((i) => s.meanRepeatValue[i]));
        ctx.log(`Gamma-Gamma: p ${gg.params.p.toFixed(4)}, q ${gg.params.q.toFixed(4)}, γ ${gg.params.gamma.toFixed(4)}; log-likelihood ${gg.logLikelihood.toFixed(2)} on ${gg.customers} customers (${gg.message})`);
        if (gg.params.q <= 1)
            throw new Error(`Gamma-Gamma fitted q = ${gg.params.q.toFixed(3)} <= 1: the expected spend is infinite; the data does not suit the model`);
        const horizonDays = params.horizonDays;
        const predictions = predictAll(bg.params, gg.params, unit, horizonDays, s);
        const lapsedBelow = params.lapsedBelow;
        const ranked = Float64Array.from(rows.filter((i) => !(lapsedBelow > 0 && (predictions[i].pAlive ?? 1) < lapsedBelow)).map((i) => predictions[i].clv)).sort();
        const cuts = { ...(0, sdk_1.valueTierCuts)(ranked, params.highShare, params.midShare), lapsedBelow };
        const sizes = new Array(tierCount(cuts)).fill(0);
        for (const p of predictions)
            sizes[tierOf(cuts, p)]++;
        ctx.progress({ fraction: 1, message: `value tiers: ${sizes.join(' / ')}` });
        return Object.freeze({
            format: ARTIFACT_FORMAT,
            timeUnit: unit,
            horizonDays,
            bgnbd: { ...bg.params, logLikelihood: bg.logLikelihood, converged: bg.converged, iterations: bg.iterations, distinctHistories: bg.distinctHistories },
            gammaGamma: { ...gg.params, logLikelihood: gg.logLikelihood, converged: gg.converged, iterations: gg.iterations, customers: gg.customers },
            ...cuts,
            sizes: Object.freeze(sizes),
        });
    },
    assign(artifact, data) {
        const predictions = predictAll(artifact.bgnbd, artifact.gammaGamma, artifact.timeUnit, artifact.horizonDays, summariesOf(data));
        // Distance: how far below its tier's upper cut a customer's value lies, relative to it (0 at the top).
        return predictions.map((p) => {
            const segment = tierOf(artifact, p);
            const top = segment === 1 ? artifact.highFrom : segment === 2 ? artifact.midFrom : Infinity;
            return { segment, distance: Number.isFinite(top) && top > 0 ? Math.max(0, (top - p.clv) / top) : 0 };
        });
    },
    predict(artifact, data, _ctx, options = {}) {
        const horizonDays = options.horizonDays ?? artifact.horizonDays;
        const predictions = predictAll(artifact.bgnbd, artifact.gammaGamma, artifact.timeUnit, horizonDays, summariesOf(data));
        // Tiers are cut on the model's own horizon: only then are they the version's segments.
        return horizonDays === artifact.horizonDays ? predictions.map((p) => ({ ...p, valueTier: exports.TIERS[tierOf(artifact, p)] })) : predictions;
    },
    horizonDays: (artifact) => artifact.horizonDays,
    describe(artifact) {
        return Array.from({ length: tierCount(artifact) }, (_, index) => ({
            index,
            name: TIER_NAMES[index],
            tier: exports.TIERS[index],
            valueFrom: index === 0 ? artifact.highFrom : index === 1 ? artifact.midFrom : null,
            trainingCustomers: artifact.sizes[index],
        }));
    },
    summary: (artifact) => ({
        timeUnit: artifact.timeUnit,
        horizonDays: artifact.horizonDays,
        bgnbd: artifact.bgnbd,
        gammaGamma: artifact.gammaGamma,
        tiers: { highFrom: artifact.highFrom, midFrom: artifact.midFrom, lapsedBelow: artifact.lapsedBelow, sizes: artifact.sizes },
    }),
    serialize: (artifact) => Buffer.from(JSON.stringify(artifact)),
    deserialize(bytes) {
        const artifact = JSON.parse(bytes.toString('utf8'));
        if (artifact.format !== ARTIFACT_FORMAT)
            throw new Error(`clv artifact format ${artifact.format} cannot be loaded by format ${ARTIFACT_FORMAT}`);
        return Object.freeze(artifact);
    },
};
//# sourceMappingURL=clv.segmenter.js.map