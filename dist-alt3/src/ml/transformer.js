"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.initWeights = initWeights;
exports.makeBatch = makeBatch;
exports.disposeBatch = disposeBatch;
exports.forward = forward;
exports.itemStates = itemStates;
exports.itemLoss = itemLoss;
exports.nextItemTargets = nextItemTargets;
exports.maskedTargets = maskedTargets;
exports.pool = pool;
const sequences_1 = require("./sequences");
/** Seeded initial weights; `itemInit` (vocabSize x dModel) replaces the random item embedding where given. */
function initWeights(tf, c, seed, itemInit) {
    let s = seed;
    const normal = (shape, std) => tf.randomNormal(shape, 0, std, 'float32', s++);
    const std = 0.02;
    const w = {
        item: itemInit ? tf.tensor2d(itemInit, [c.vocabSize, c.dModel]) : normal([c.vocabSize, c.dModel], std),
        category: normal([c.categories, c.dModel], std),
        gap: normal([sequences_1.GAP_BUCKETS, c.dModel], std),
        quantity: normal([sequences_1.QUANTITY_BUCKETS, c.dModel], std),
        position: normal([c.maxLen, c.dModel], std),
        outBias: tf.zeros([c.vocabSize]),
        finalGain: tf.ones([c.dModel]),
        finalBias: tf.zeros([c.dModel]),
    };
    for (let l = 0; l < c.layers; l++) {
        const p = `l${l}.`;
        Object.assign(w, {
            [`${p}ln1g`]: tf.ones([c.dModel]),
            [`${p}ln1b`]: tf.zeros([c.dModel]),
            [`${p}wq`]: normal([c.dModel, c.dModel], std),
            [`${p}wk`]: normal([c.dModel, c.dModel], std),
            [`${p}wv`]: normal([c.dModel, c.dModel], std),
            [`${p}wo`]: normal([c.dModel, c.dModel], std / Math.sqrt(2 * c.layers)),
            [`${p}ln2g`]: tf.ones([c.dModel]),
            [`${p}ln2b`]: tf.zeros([c.dModel]),
            [`${p}w1`]: normal([c.dModel, c.ffDim], std),
            [`${p}b1`]: tf.zeros([c.ffDim]),
            [`${p}w2`]: normal([c.ffDim, c.dModel], std / Math.sqrt(2 * c.layers)),
            [`${p}b2`]: tf.zeros([c.dModel]),
        });
    }
    // Zeros: training starts where a model without the calendar would, and months it never sees stay neutral.
    if (c.calendar)
        w.month = tf.zeros([13, c.dModel]);
    // Variables in a fixed (sorted) order: the optimizer's state and the saved weights do not depend on insertion order.
    return Object.fromEntries(Object.keys(w).sort().map((name) => [name, tf.variable(w[name], true, `${name}_${seed}_${Math.random().toString(36).slice(2)}`)]));
}
/** The rows `rows` of encoded sequences as tensors (optionally with masked positions replaced by MASK). */
function makeBatch(tf, enc, rows, masked) {
    const L = enc.maxLen;
    const b = rows.length;
    const items = new Int32Array(b * L);
    const categories = new Int32Array(b * L);
    const gaps = new Int32Array(b * L);
    const quantities = new Int32Array(b * L);
    const months = new Int32Array(b * L);
    const valid = new Float32Array(b * L);
    for (let r = 0; r < b; r++) {
        const src = rows[r] * L;
        for (let t = 0; t < L; t++) {
            const i = r * L + t;
            const hide = masked !== undefined && masked[i] === 1;
            items[i] = hide ? sequences_1.MASK : enc.items[src + t];
            categories[i] = hide ? sequences_1.PAD : enc.categories[src + t];
            gaps[i] = enc.gaps[src + t];
            quantities[i] = enc.quantities[src + t];
            months[i] = enc.months[src + t];
            valid[i] = enc.items[src + t] === sequences_1.PAD ? 0 : 1;
        }
    }
    return {
        items: tf.tensor2d(items, [b, L], 'int32'),
        categories: tf.tensor2d(categories, [b, L], 'int32'),
        gaps: tf.tensor2d(gaps, [b, L], 'int32'),
        quantities: tf.tensor2d(quantities, [b, L], 'int32'),
        months: tf.tensor2d(months, [b, L], 'int32'),
        valid: tf.tensor2d(valid, [b, L]),
    };
}
function disposeBatch(batch) {
    for (const t of [batch.items, batch.categories, batch.gaps, batch.quantities, batch.months, batch.valid])
        t.dispose();
}
function layerNorm(tf, x, gain, bias) {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), gain), bias);
}
function embedLookup(tf, table, ids) {
    const [b, l] = ids.shape;
    return tf.reshape(tf.gather(table, tf.reshape(ids, [b * l])), [b, l, table.shape[1]]);
}
/**
 * Hidden states [batch, maxLen, dModel] after the final layer norm. `dropoutSeed` (training only) makes every
 * dropout mask reproducible.
 */
function forward(tf, w, c, batch, training, dropoutSeed = 0) {
    const [b, L] = batch.items.shape;
    const dh = c.dModel / c.heads;
    let seed = dropoutSeed;
    const drop = (x) => (training && c.dropout > 0 ? tf.dropout(x, c.dropout, undefined, seed++) : x);
    const parts = [embedLookup(tf, w.item, batch.items), embedLookup(tf, w.category, batch.categories), embedLookup(tf, w.gap, batch.gaps), embedLookup(tf, w.quantity, batch.quantities)];
    if (c.calendar && w.month)
        parts.push(embedLookup(tf, w.month, batch.months));
    let x = tf.add(tf.addN(parts), tf.reshape(w.position, [1, L, c.dModel]));
    x = drop(x);
    // Attention bias: padding keys are never attended to; causal models see no future positions.
    let bias = tf.reshape(tf.mul(tf.sub(1, batch.valid), -1e9), [b, 1, 1, L]);
    if (c.causal) {
        const future = tf.linalg.bandPart(tf.ones([L, L]), 0, -1).sub(tf.eye(L)); // 1 above the diagonal
        bias = tf.add(bias, tf.reshape(tf.mul(future, -1e9), [1, 1, L, L]));
    }
    const split = (t) => tf.transpose(tf.reshape(t, [b, L, c.heads, dh]), [0, 2, 1, 3]);
    for (let l = 0; l < c.layers; l++) {
        const p = `l${l}.`;
        const h = tf.reshape(layerNorm(tf, x, w[`${p}ln1g`], w[`${p}ln1b`]), [b * L, c.dModel]);
        const q = split(tf.matMul(h, w[`${p}wq`]));
        const k = split(tf.matMul(h, w[`${p}wk`]));
        const v = split(tf.matMul(h, w[`${p}wv`]));
        const scores = tf.add(tf.div(tf.matMul(q, k, false, true), Math.sqrt(dh)), bias);
        const attended = tf.matMul(drop(tf.softmax(scores)), v);
        const merged = tf.reshape(tf.transpose(attended, [0, 2, 1, 3]), [b * L, c.dModel]);
        x = tf.add(x, tf.reshape(drop(tf.matMul(merged, w[`${p}wo`])), [b, L, c.dModel]));
        const h2 = tf.reshape(layerNorm(tf, x, w[`${p}ln2g`], w[`${p}ln2b`]), [b * L, c.dModel]);
        const ff = tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(h2, w[`${p}w1`]), w[`${p}b1`])), w[`${p}w2`]), w[`${p}b2`]);
        x = tf.add(x, tf.reshape(drop(ff), [b, L, c.dModel]));
    }
    return layerNorm(tf, x, w.finalGain, w.finalBias);
}
/** The learned embedding of each event's product and category, [batch, maxLen, dModel] (no position, no context). */
function itemStates(tf, w, batch) {
    return tf.add(embedLookup(tf, w.item, batch.items), embedLookup(tf, w.category, batch.categories));
}
/**
 * Mean cross-entropy of predicting `targets` (item tokens) from the hidden rows `positions` of `hidden` (flattened
 * [batch * maxLen, dModel]), with the output layer tied to the item embedding.
 */
function itemLoss(tf, w, hidden, positions, targets, vocabSize) {
    const [b, L, d] = hidden.shape;
    const rows = tf.gather(tf.reshape(hidden, [b * L, d]), tf.tensor1d(positions, 'int32'));
    const logits = tf.add(tf.matMul(rows, w.item, false, true), w.outBias);
    const logp = tf.logSoftmax(logits);
    const picked = tf.sum(tf.mul(logp, tf.oneHot(tf.tensor1d(targets, 'int32'), vocabSize)), -1);
    return tf.neg(tf.mean(picked));
}
/** Next-item targets for a causal model: every real position whose next position is real. */
function nextItemTargets(enc, rows) {
    const L = enc.maxLen;
    const positions = [];
    const targets = [];
    for (let r = 0; r < rows.length; r++) {
        const src = rows[r] * L;
        for (let t = 0; t < L - 1; t++) {
            if (enc.items[src + t] !== sequences_1.PAD && enc.items[src + t + 1] !== sequences_1.PAD) {
                positions.push(r * L + t);
                targets.push(enc.items[src + t + 1]);
            }
        }
    }
    return { positions: Int32Array.from(positions), targets: Int32Array.from(targets) };
}
/**
 * Masked-item targets (BERT4Rec): each real position is masked with probability `rate` (at least one per sequence,
 * and always the last one in a share of sequences, as at inference the newest item matters most).
 */
function maskedTargets(enc, rows, rate, random) {
    const L = enc.maxLen;
    const masked = new Uint8Array(rows.length * L);
    const positions = [];
    const targets = [];
    for (let r = 0; r < rows.length; r++) {
        const src = rows[r] * L;
        const len = enc.lengths[rows[r]];
        if (len === 0)
            continue;
        let any = false;
        for (let t = L - len; t < L; t++) {
            if (random() < rate) {
                masked[r * L + t] = 1;
                any = true;
            }
        }
        if (!any)
            masked[r * L + L - 1 - Math.floor(random() * len)] = 1;
        for (let t = L - len; t < L; t++) {
            if (masked[r * L + t]) {
                positions.push(r * L + t);
                targets.push(enc.items[src + t]);
            }
        }
    }
    return { masked, positions: Int32Array.from(positions), targets: Int32Array.from(targets) };
}
/** Mean of the hidden states over each row's real positions, or the last position's state: [batch, dModel]. */
function pool(tf, hidden, valid, mode) {
    const [b, L, d] = hidden.shape;
    if (mode === 'last')
        return tf.reshape(tf.slice(hidden, [0, L - 1, 0], [b, 1, d]), [b, d]);
    const m = tf.reshape(valid, [b, L, 1]);
    return tf.div(tf.sum(tf.mul(hidden, m), 1), tf.maximum(tf.sum(m, 1), 1));
}
//# sourceMappingURL=transformer.js.map