"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HEAD_PREFIX = exports.SUMMARY_NAMES = void 0;
exports.labelWindowStarts = labelWindowStarts;
exports.windowLabels = windowLabels;
exports.historySummaries = historySummaries;
exports.tunedConfig = tunedConfig;
exports.predictorWeights = predictorWeights;
exports.finetunePredictor = finetunePredictor;
exports.predictFrom = predictFrom;
const feature_catalogue_1 = require("../training/feature-catalogue");
const random_1 = require("./random");
const sequences_1 = require("./sequences");
const transformer_1 = require("./transformer");
/**
 * The fine-tuned predictor of the transformer segmenters: a copy of the pretrained backbone plus three heads on the
 * pooled customer state — will the customer buy in the next `horizonDays` (its complement is churn), how many
 * purchase days, and how much spend per purchase day — trained end to end on labels the model builds from its own
 * training data. The examples are cut at `asOf - horizonDays - j·strideDays` (j = 0..cuts-1): the history before the
 * cut is the input, the `horizonDays` after it the label window, so no label ever reaches past `asOf`. At prediction
 * time the whole history before the cut-off is the input. The copy also embeds each event's calendar month beside
 * its gap bucket, and the heads learn an offset per month a window starts in (a month no window started in gets
 * their mean), so seasons can be learnt where the windows cover them.
 */
/** What the heads read beside the pooled state: the history's shape at the cut, in days and currency (log1p). */
exports.SUMMARY_NAMES = ['recency_days', 'tenure_days', 'repeat_days', 'days_in_last_horizon', 'spend_per_day', 'spend_in_last_horizon'];
const S = exports.SUMMARY_NAMES.length;
const HIDDEN = 32;
/** Log-outputs are clipped here: exp stays finite, so masked terms stay 0 and a bad batch cannot make NaN. */
const LOG_CLIP = 30;
/** Label columns: bought, purchase days, spend per purchase day (scaled), and the loss's constant (so it is a deviance, >= 0). */
const LABELS = 4;
/**
 * Head outputs: buy logit, log expected purchase days, log expected spend per purchase day (in units of
 * `spendScale`). Value is their product, as BG/NBD x Gamma-Gamma compose it: the count and the order size are
 * learnt apart, the order size from the buyers only, on a relative (Gamma) loss that a few wholesale orders do not
 * rule.
 */
const OUTPUTS = 3;
exports.HEAD_PREFIX = 'ft.';
/** The starts of the label windows: the last ends at asOf, each earlier one `strideDays` before. */
function labelWindowStarts(asOfDay, horizonDays, cuts, strideDays) {
    return Array.from({ length: cuts }, (_, j) => asOfDay - horizonDays - j * strideDays);
}
/** Per customer of `seq`: bought in [fromDay, toDay) or not, distinct purchase days, spend. */
function windowLabels(seq, fromDay, toDay) {
    const n = seq.offsets.length - 1;
    const bought = new Float32Array(n);
    const purchases = new Float32Array(n);
    const spend = new Float32Array(n);
    for (let i = 0; i < n; i++) {
        let lastDay = NaN;
        for (let e = seq.offsets[i]; e < seq.offsets[i + 1]; e++) {
            const day = seq.days[e];
            if (day < fromDay || day >= toDay)
                continue;
            spend[i] += seq.amounts[e];
            const whole = Math.floor(day);
            if (whole !== lastDay)
                purchases[i]++;
            lastDay = whole;
        }
        bought[i] = purchases[i] > 0 ? 1 : 0;
    }
    return { bought, purchases, spend };
}
/** The summaries of each row's history (all events before its cut), `SUMMARY_NAMES` order, log1p. */
function historySummaries(seq, cutDays, horizonDays) {
    const n = seq.offsets.length - 1;
    const out = new Float64Array(n * S);
    for (let i = 0; i < n; i++) {
        const start = seq.offsets[i];
        const end = seq.offsets[i + 1];
        if (end === start)
            continue;
        const cut = cutDays[i];
        let days = 0;
        let recent = 0;
        let spend = 0;
        let recentSpend = 0;
        let last = NaN;
        for (let e = start; e < end; e++) {
            const whole = Math.floor(seq.days[e]);
            const inLast = seq.days[e] >= cut - horizonDays;
            if (whole !== last) {
                days++;
                if (inLast)
                    recent++;
            }
            last = whole;
            spend += seq.amounts[e];
            if (inLast)
                recentSpend += seq.amounts[e];
        }
        const row = [cut - seq.days[end - 1], cut - seq.days[start], days - 1, recent, spend / days, recentSpend];
        for (let j = 0; j < S; j++)
            out[i * S + j] = Math.log1p(Math.max(0, row[j]));
    }
    return out;
}
/** Seeded head weights; the output bias starts at the base rates so that training starts from a sensible forecast. */
function initHead(tf, inputs, seed, base) {
    return {
        [`${exports.HEAD_PREFIX}head.w1`]: tf.randomNormal([inputs, HIDDEN], 0, Math.sqrt(2 / inputs), 'float32', seed),
        [`${exports.HEAD_PREFIX}head.b1`]: tf.zeros([HIDDEN]),
        [`${exports.HEAD_PREFIX}head.w2`]: tf.randomNormal([HIDDEN, OUTPUTS], 0, 0.01, 'float32', seed + 1),
        [`${exports.HEAD_PREFIX}head.b2`]: tf.tensor1d(base),
        // A linear path from the summaries straight to the outputs (a GLM on recency, frequency and value), zeros at
        // first: the main effects are learnt in few steps, the network on the pooled state learns what they miss.
        [`${exports.HEAD_PREFIX}head.linear`]: tf.zeros([S, OUTPUTS]),
        // Per calendar month the label window starts in (0 unused), zeros at first; a month no window started in is
        // given the mean of the others when predicting (predictionMonthTable).
        [`${exports.HEAD_PREFIX}head.month`]: tf.zeros([13, OUTPUTS]),
    };
}
/**
 * The fine-tuned model reads each event's calendar month too (the segmentation's pretrained model does not: the
 * segments stay what they were). Its config is the pretrained one with the calendar on.
 */
function tunedConfig(config) {
    return { ...config, calendar: true };
}
/** The weights of the fine-tuned model under their backbone names (the `ft.` prefix removed). */
function predictorWeights(all) {
    return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith(exports.HEAD_PREFIX)).map(([k, v]) => [k.slice(exports.HEAD_PREFIX.length), v]));
}
/** Head outputs [b, 3] for a batch of rows of `enc`, their summaries (standardised) and window months. */
function headOutputs(tf, w, config, enc, rows, summaries, months, training, dropoutSeed, monthTable) {
    const batch = (0, transformer_1.makeBatch)(tf, enc, rows);
    const b = rows.length;
    const d = config.dModel;
    const s = tf.tensor2d(Float32Array.from({ length: b * S }, (_, k) => summaries[rows[Math.floor(k / S)] * S + (k % S)]), [b, S]);
    const m = tf.tensor1d(Int32Array.from(rows, (r) => months[r]), 'int32');
    const out = tf.tidy(() => {
        const hidden = (0, transformer_1.forward)(tf, w, config, batch, training, dropoutSeed);
        const mean = (0, transformer_1.pool)(tf, hidden, batch.valid, 'mean');
        const last = tf.reshape(tf.slice(hidden, [0, config.maxLen - 1, 0], [b, 1, d]), [b, d]);
        const x = tf.concat([mean, last, s], 1);
        const h = tf.relu(tf.add(tf.matMul(x, w['head.w1']), w['head.b1']));
        const network = tf.add(tf.matMul(h, w['head.w2']), w['head.b2']);
        const out = tf.addN([network, tf.matMul(s, w['head.linear']), tf.gather(monthTable ?? w['head.month'], m)]);
        return tf.clipByValue(out, -LOG_CLIP, LOG_CLIP);
    });
    return {
        out,
        dispose: () => {
            (0, transformer_1.disposeBatch)(batch);
            s.dispose();
            m.dispose();
        },
    };
}
/**
 * Binary cross-entropy of buying, the Poisson loss of purchase days, and for buyers the Gamma loss (v/μ + log μ,
 * mean-calibrated and relative) of spend per purchase day; plus each example's constant (label column 3), which
 * makes the sum a deviance: 0 for a perfect forecast, never below.
 */
function headLoss(tf, out, labels) {
    const [b] = out.shape;
    const col = (t, j) => tf.reshape(tf.slice(t, [0, j], [b, 1]), [b]);
    const z = col(out, 0);
    const y = col(labels, 0);
    // log(1 + e^z) - y z, written to stay finite for large |z|.
    const bce = tf.sub(tf.add(tf.relu(z), tf.log1p(tf.exp(tf.neg(tf.abs(z))))), tf.mul(y, z));
    const poisson = tf.sub(tf.exp(col(out, 1)), tf.mul(col(labels, 1), col(out, 1)));
    const gamma = tf.mul(y, tf.add(tf.mul(col(labels, 2), tf.exp(tf.neg(col(out, 2)))), col(out, 2)));
    return tf.mean(tf.addN([bce, poisson, gamma, col(labels, 3)]));
}
/**
 * Fine-tunes the backbone with the heads; returns the best weights (named `ft.*`) and the predictor's state, or null
 * (with the reason logged) when the history before the label windows is too short to learn from.
 */
function finetunePredictor(input) {
    const { tf, horizonDays: H } = input;
    const config = tunedConfig(input.config);
    const started = Date.now();
    const n = input.sequences.offsets.length - 1;
    const all = Array.from({ length: n }, (_, i) => i);
    // One example per (cut, customer with a history before the cut); the label window ends at or before asOf.
    const parts = [];
    for (const cut of labelWindowStarts(input.asOfDay, H, input.cuts, input.strideDays)) {
        const before = (0, sequences_1.historyBefore)(input.sequences, all, cut);
        const customers = all.filter((i) => before.offsets[i + 1] > before.offsets[i]);
        if (customers.length === 0)
            break;
        const labels = windowLabels(input.sequences, cut, cut + H);
        parts.push({ seq: (0, sequences_1.historyBefore)(input.sequences, customers, cut), customers, cut, labels });
    }
    const examples = parts.reduce((s, p) => s + p.customers.length, 0);
    if (examples < 10) {
        input.log(`no predictor: ${examples} customers bought before the label window (${H} days before asOf); at least 10 are needed — lower horizonDays or train on more history`);
        return null;
    }
    const encs = parts.map((p) => (0, sequences_1.encodeSequences)((0, sequences_1.capPerOrder)(p.seq, input.itemsPerOrder), input.items, input.vocab, config.maxLen));
    const enc = concatEncoded(encs, config.maxLen);
    const cutDays = Float64Array.from(parts.flatMap((p) => p.customers.map(() => p.cut)));
    const raw = new Float64Array(examples * S);
    {
        let at = 0;
        for (const p of parts) {
            raw.set(historySummaries(p.seq, new Float64Array(p.customers.length).fill(p.cut), H), at);
            at += p.customers.length * S;
        }
    }
    const { means, stds, z } = (0, feature_catalogue_1.standardise)(raw, examples, S);
    const summaries = Float32Array.from(z);
    const months = Int32Array.from(cutDays, (d) => (0, sequences_1.monthOf)(d));
    const customerOf = Int32Array.from(parts.flatMap((p) => p.customers));
    const bought = Float32Array.from(parts.flatMap((p) => p.customers.map((i) => p.labels.bought[i])));
    const purchases = Float32Array.from(parts.flatMap((p) => p.customers.map((i) => p.labels.purchases[i])));
    // Spend per purchase day of the buyers, in units of its mean: 0 for non-buyers (their loss term is masked).
    const perDay = Float64Array.from(parts.flatMap((p) => p.customers.map((i) => (p.labels.purchases[i] > 0 ? Math.max(p.labels.spend[i], 0) / p.labels.purchases[i] : 0))));
    const buyers = perDay.filter((_, e) => bought[e] === 1);
    const spendScale = buyers.reduce((a, b) => a + b, 0) / Math.max(buyers.length, 1) || 1;
    const spend = Float32Array.from(perDay, (v) => Math.max(v / spendScale, 1e-3));
    const labels = new Float32Array(examples * LABELS);
    const xlogx = (x) => (x > 0 ? x * Math.log(x) : 0);
    for (let e = 0; e < examples; e++) {
        const constant = xlogx(purchases[e]) - purchases[e] + (bought[e] ? -Math.log(spend[e]) - 1 : 0);
        labels.set([bought[e], purchases[e], spend[e], constant], e * LABELS);
    }
    const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
    const pBuy = Math.min(Math.max(mean(bought), 1e-3), 1 - 1e-3);
    const base = [Math.log(pBuy / (1 - pBuy)), Math.log(Math.max(mean(purchases), 1e-3)), 0];
    // Held-out customers (all their cuts) for early stopping.
    const rng = new random_1.Random(input.seed + 7_919);
    const heldOut = new Set(rng.shuffled(all).slice(0, Math.max(1, Math.round(n * input.validationShare))));
    const validation = [];
    const train = [];
    for (let e = 0; e < examples; e++)
        (heldOut.has(customerOf[e]) ? validation : train).push(e);
    if (train.length === 0 || validation.length === 0) {
        input.log('no predictor: too few customers to hold some out while fine-tuning');
        return null;
    }
    input.log(`fine-tuning on ${examples} examples (${parts.length} label windows of ${H} days before asOf; ${train.length} train, ${validation.length} held out)`);
    const variables = {};
    // The output bias belongs to the item-prediction task only: the fine-tuned copy has no use for it.
    for (const [name, t] of Object.entries(input.backbone).filter(([name]) => name !== 'outBias'))
        variables[exports.HEAD_PREFIX + name] = tf.variable(t.clone(), true, `ft_${name}_${Math.random().toString(36).slice(2)}`);
    // The calendar month of each event: zeros at first, so fine-tuning starts from the pretrained model exactly.
    if (!variables[`${exports.HEAD_PREFIX}month`])
        variables[`${exports.HEAD_PREFIX}month`] = tf.variable(tf.zeros([13, config.dModel]), true, `ft_month_${Math.random().toString(36).slice(2)}`);
    for (const [name, t] of Object.entries(initHead(tf, 2 * config.dModel + S, input.seed + 31, base)))
        variables[name] = tf.variable(t, true, `${name}_${Math.random().toString(36).slice(2)}`);
    const view = () => predictorWeights(variables);
    const headNames = Object.keys(variables).filter((k) => k.startsWith(`${exports.HEAD_PREFIX}head.`));
    const backboneNames = Object.keys(variables).filter((k) => !headNames.includes(k));
    const headOptimizer = tf.train.adam(input.learningRate);
    const backboneOptimizer = tf.train.adam(input.learningRate * input.backboneRate);
    const disposeAll = () => {
        headOptimizer.dispose();
        backboneOptimizer.dispose();
        for (const v of Object.values(variables))
            v.dispose();
    };
    const labelsOf = (rows) => tf.tensor2d(Float32Array.from({ length: rows.length * LABELS }, (_, k) => labels[rows[Math.floor(k / LABELS)] * LABELS + (k % LABELS)]), [rows.length, LABELS]);
    const validationLoss = () => {
        let total = 0;
        for (let start = 0; start < validation.length; start += 256) {
            const rows = validation.slice(start, start + 256);
            const { out, dispose } = headOutputs(tf, view(), config, enc, rows, summaries, months, false, 0);
            const y = labelsOf(rows);
            const loss = tf.tidy(() => headLoss(tf, out, y));
            total += loss.dataSync()[0] * rows.length;
            loss.dispose();
            out.dispose();
            y.dispose();
            dispose();
        }
        return total / validation.length;
    };
    const history = [];
    // Epoch 0 (base rates only) is recorded but never kept: the heads must learn something.
    let best = { loss: Infinity, epoch: 0, values: snapshot(variables) };
    history.push({ epoch: 0, loss: NaN, validationLoss: validationLoss() });
    const batches = Math.ceil(train.length / input.batchSize);
    let step = 0;
    for (let epoch = 1; epoch <= input.epochs; epoch++) {
        const shuffled = rng.shuffled(train);
        let epochLoss = 0;
        for (let b = 0; b < batches; b++) {
            if (input.signal.aborted) {
                disposeAll();
                throw input.signal.reason ?? new Error('cancelled');
            }
            const rows = shuffled.slice(b * input.batchSize, (b + 1) * input.batchSize);
            const y = labelsOf(rows);
            let release = null;
            const cost = tf.tidy(() => {
                const { value, grads } = tf.variableGrads(() => {
                    const { out, dispose } = headOutputs(tf, view(), config, enc, rows, summaries, months, true, input.seed * 7_001 + step * 13);
                    release = dispose;
                    return headLoss(tf, out, y);
                }, (input.backboneRate > 0 ? Object.keys(variables) : headNames).map((k) => variables[k]));
                const pick = (names) => names.map((k) => ({ name: variables[k].name, tensor: grads[variables[k].name] }));
                headOptimizer.applyGradients(pick(headNames));
                if (input.backboneRate > 0)
                    backboneOptimizer.applyGradients(pick(backboneNames));
                return value;
            });
            release?.();
            epochLoss += cost.dataSync()[0] * rows.length;
            cost.dispose();
            y.dispose();
            step++;
            input.progress((epoch - 1 + (b + 1) / batches) / input.epochs, `fine-tuning epoch ${epoch}/${input.epochs}, batch ${b + 1}/${batches}: loss ${(epochLoss / Math.min(train.length, (b + 1) * input.batchSize)).toFixed(4)}`);
        }
        const val = validationLoss();
        history.push({ epoch, loss: epochLoss / train.length, validationLoss: val });
        input.progress(epoch / input.epochs, `fine-tuning epoch ${epoch}/${input.epochs}: loss ${(epochLoss / train.length).toFixed(4)}, validation loss ${val.toFixed(4)}`);
        input.log(`fine-tuning epoch ${epoch}: loss ${(epochLoss / train.length).toFixed(4)}, validation ${val.toFixed(4)}`);
        if (!Number.isFinite(val)) {
            input.log(`fine-tuning: validation loss ${val} at epoch ${epoch}, stopping`);
            break;
        }
        if (val < best.loss)
            best = { loss: val, epoch, values: snapshot(variables) };
        else if (epoch - best.epoch >= input.patience) {
            input.log(`fine-tuning: early stop, no better validation loss since epoch ${best.epoch}`);
            break;
        }
    }
    const weights = Object.fromEntries(Object.keys(variables).map((k) => [k, { shape: variables[k].shape, values: best.values[k] }]));
    disposeAll();
    if (best.epoch === 0) {
        input.log('no predictor: fine-tuning never reached a finite validation loss');
        return null;
    }
    const counts = new Map();
    for (const m of months)
        counts.set(m, (counts.get(m) ?? 0) + 1);
    const windowMonths = [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([month, count]) => ({ month, examples: count }));
    return {
        weights,
        // No timings in the state: the same seed must give the same bytes.
        state: { horizonDays: H, cuts: parts.length, examples, summaryMeans: means, summaryStds: stds, spendScale, history, bestEpoch: best.epoch, windowMonths },
        seconds: (Date.now() - started) / 1000,
    };
}
function snapshot(variables) {
    return Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, Float32Array.from(v.dataSync())]));
}
/** Encoded sequence sets stacked row-wise. */
function concatEncoded(parts, maxLen) {
    const n = parts.reduce((s, p) => s + p.n, 0);
    const out = { n, maxLen, items: new Int32Array(n * maxLen), categories: new Int32Array(n * maxLen), gaps: new Int32Array(n * maxLen), quantities: new Int32Array(n * maxLen), months: new Int32Array(n * maxLen), lengths: new Int32Array(n) };
    let at = 0;
    for (const p of parts) {
        for (const key of ['items', 'categories', 'gaps', 'quantities', 'months'])
            out[key].set(p[key], at * maxLen);
        out.lengths.set(p.lengths, at);
        at += p.n;
    }
    return out;
}
/**
 * The head's month offsets as used for prediction: a month some label window started in keeps its own; any other
 * gets the mean of the learnt ones weighted by their examples (the model knows nothing about that month).
 */
function predictionMonthTable(tf, w, state) {
    const table = w['head.month'].arraySync();
    const seen = new Map(state.windowMonths.map((m) => [m.month, m.examples]));
    const total = [...seen.values()].reduce((a, b) => a + b, 0) || 1;
    const mean = table[0].map((_, j) => state.windowMonths.reduce((s, m) => s + (table[m.month][j] * m.examples) / total, 0));
    return tf.tensor2d(table.map((row, month) => (seen.has(month) ? row : mean)));
}
/**
 * Predictions from `cutDay` for every customer of `sequences` (their whole history before it; the model reads
 * `itemsPerOrder` lines per order, the summaries every line), over `horizonDays` (the model's own horizon, or another
 * one under a constant-rate assumption within the window). A customer with no history before the cut gets none:
 * 0 purchases and spend, churn probability 1.
 */
function predictFrom(tf, weights, config, state, sequences, itemsPerOrder, items, vocab, cutDay, horizonDays = state.horizonDays) {
    config = tunedConfig(config);
    const n = sequences.offsets.length - 1;
    const rowsAll = Array.from({ length: n }, (_, i) => i);
    const history = (0, sequences_1.historyBefore)(sequences, rowsAll, cutDay);
    const enc = (0, sequences_1.encodeSequences)((0, sequences_1.capPerOrder)(history, itemsPerOrder), items, vocab, config.maxLen);
    const summaries = Float32Array.from((0, feature_catalogue_1.standardise)(historySummaries(history, new Float64Array(n).fill(cutDay), state.horizonDays), n, S, { means: [...state.summaryMeans], stds: [...state.summaryStds] }).z);
    const months = new Int32Array(n).fill((0, sequences_1.monthOf)(cutDay));
    const monthTable = predictionMonthTable(tf, weights, state);
    const ratio = horizonDays / state.horizonDays;
    const out = new Array(n);
    const withHistory = rowsAll.filter((i) => enc.lengths[i] > 0);
    for (const i of rowsAll)
        if (enc.lengths[i] === 0)
            out[i] = { expectedPurchases: 0, pAlive: null, churnProbability: 1, expectedSpendPerPurchase: null, clv: 0, daysToNextPurchase: null };
    for (let start = 0; start < withHistory.length; start += 256) {
        const rows = withHistory.slice(start, start + 256);
        const { out: o, dispose } = headOutputs(tf, weights, config, enc, rows, summaries, months, false, 0, monthTable);
        const values = o.dataSync();
        o.dispose();
        dispose();
        rows.forEach((i, r) => {
            const pBuy = 1 / (1 + Math.exp(-values[r * OUTPUTS]));
            // At least one purchase whenever the customer buys: the count never falls below the chance of buying.
            const purchases = Math.max(Math.exp(values[r * OUTPUTS + 1]), pBuy) * ratio;
            const perPurchase = Math.exp(values[r * OUTPUTS + 2]) * state.spendScale;
            const p = 1 - (1 - pBuy) ** ratio;
            // Constant hazard within the window: a purchase becomes more likely than not after ln 2 / rate days; beyond
            // the model's own horizon it does not say.
            const rate = -Math.log(Math.max(1 - pBuy, 1e-12)) / state.horizonDays;
            const next = rate > 0 ? Math.LN2 / rate : Infinity;
            out[i] = {
                expectedPurchases: purchases,
                pAlive: null,
                churnProbability: 1 - p,
                expectedSpendPerPurchase: perPurchase,
                clv: purchases * perPurchase,
                daysToNextPurchase: next <= state.horizonDays ? next : null,
            };
        });
    }
    monthTable.dispose();
    return out;
}
//# sourceMappingURL=sequence-predictor.js.map