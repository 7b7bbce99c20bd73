"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SELECTION_HIT_RATE_TOLERANCE = exports.MIN_SELECTION_STABILITY = void 0;
exports.checkSequenceParams = checkSequenceParams;
exports.crossCells = crossCells;
exports.createSequenceSegmenter = createSequenceSegmenter;
exports.serializeArtifact = serializeArtifact;
exports.deserializeArtifact = deserializeArtifact;
const random_1 = require("./random");
const feature_catalogue_1 = require("../training/feature-catalogue");
const value_tiers_1 = require("./value-tiers");
const cluster_1 = require("./clustering/cluster");
const kmeans_1 = require("./clustering/kmeans");
const metrics_1 = require("./clustering/metrics");
const kernels_1 = require("./kernels");
const sequences_1 = require("./sequences");
const text_encoder_1 = require("./text-encoder");
const taste_1 = require("./taste");
const sequence_predictor_1 = require("./sequence-predictor");
const transformer_1 = require("./transformer");
const ARTIFACT_FORMAT = 1;
function params(spec) {
    const list = [
        { name: 'k', type: 'int', default: 0, min: 0, max: 50, description: 'Number of segments; 0 chooses k in [kMin, kMax] by the lowest Davies-Bouldin index.' },
        { name: 'kMin', type: 'int', default: 3, min: 2, max: 50, description: 'Smallest k tried when k = 0.' },
        { name: 'kMax', type: 'int', default: 8, min: 2, max: 50, description: 'Largest k tried when k = 0.' },
        { name: 'nInit', type: 'int', default: 4, min: 1, max: 100, description: 'k-means++ restarts on the embeddings.' },
        { name: 'maxLen', type: 'int', default: 32, min: 4, max: 256, description: 'Events kept per customer (the most recent).' },
        { name: 'itemsPerOrder', type: 'int', default: 8, min: 1, max: 1000, description: 'Lines kept per order (the largest by amount).' },
        { name: 'vocabSize', type: 'int', default: 2000, min: 10, max: 100_000, description: 'Products with their own token (the most bought); the rest share one.' },
        { name: 'layers', type: 'int', default: 2, min: 1, max: 12, description: 'Transformer blocks.' },
        { name: 'dModel', type: 'int', default: 64, min: 8, max: 1024, description: 'Hidden size (a multiple of heads).' },
        { name: 'heads', type: 'int', default: 4, min: 1, max: 16, description: 'Attention heads.' },
        { name: 'dropout', type: 'float', default: 0.1, min: 0, max: 0.9, description: 'Dropout on embeddings, attention and residual branches while training.' },
        { name: 'epochs', type: 'int', default: 10, min: 1, max: 1000, description: 'Most passes over the training customers.' },
        { name: 'patience', type: 'int', default: 2, min: 1, max: 100, description: 'Stop after this many epochs without a better validation loss (the best weights are kept).' },
        { name: 'batchSize', type: 'int', default: 64, min: 1, max: 4096, description: 'Sequences per step.' },
        { name: 'learningRate', type: 'float', default: 0.002, min: 1e-6, max: 1, description: 'Adam learning rate.' },
        { name: 'validationShare', type: 'float', default: 0.1, min: 0.01, max: 0.5, description: 'Share of customers held out for early stopping.' },
        { name: 'textInit', type: 'boolean', default: true, description: "Initialise item embeddings from the text encoder's vectors of each product's title and description." },
        {
            name: 'textEncoder',
            type: 'string',
            default: text_encoder_1.DEFAULT_TEXT_ENCODER,
            description: 'Pretrained text encoder: use-lite, or transformers:<model-id> read from MODELS_DIR/pretrained/<model-id>.',
            validate: (v) => {
                try {
                    (0, text_encoder_1.validateTextEncoderId)(v);
                    return null;
                }
                catch (err) {
                    return err.message;
                }
            },
        },
        { name: 'rfmWeight', type: 'float', default: 1, min: 0, max: 10, description: 'Weight of the standardised RFM features joined to the embedding (0 leaves them out).' },
        { name: 'features', type: 'string[]', default: feature_catalogue_1.DEFAULT_FEATURES, choices: feature_catalogue_1.FEATURE_NAMES, description: 'RFM features joined to the embedding.' },
    ];
    list.push({
        name: 'pooling',
        type: 'string',
        default: 'mean+transitions',
        choices: ['mean', 'last', 'mean+transitions'],
        description: "Customer embedding from the final layer's states: their mean, the last position's, or the mean plus the mean outer product of consecutive states (order-aware).",
    });
    list.push({ name: 'transitionRank', type: 'int', default: 8, min: 2, max: 32, description: 'Dimensions the states are projected to (by PCA) before their outer products.' });
    list.push({ name: 'transitionWeight', type: 'float', default: 2, min: 0, max: 10, description: 'Weight of the transition block joined to the embedding.' });
    list.push({ name: 'sequenceWeight', type: 'float', default: 1, min: 0, max: 10, description: "Weight of the pooled hidden states' block (mean or last state)." });
    list.push({ name: 'tasteWeight', type: 'float', default: 1, min: 0, max: 10, description: 'Weight of the taste block: the idf-weighted mean of the learned item embeddings of everything the customer bought (whole history), unit length. 0 leaves it out.' });
    list.push({
        name: 'select',
        type: 'string',
        default: 'daviesBouldin',
        choices: ['daviesBouldin', 'validation'],
        description: 'How k is chosen when k = 0: the lowest Davies-Bouldin index, or `validation`: k and the sequence and transition blocks\' weights (x 0, 0.5, 1) chosen by HitRate@10 on an inner window (the last horizonDays before asOf; segments from the history before it). Needs rfmWeight 0 (and textWeight 0): features as of the inner cut are not known.',
    });
    list.push({ name: 'minShare', type: 'float', default: 0.01, min: 0, max: 0.2, description: 'Segments under this share of the customers are folded into their neighbours.' });
    list.push({ name: 'valueTiers', type: 'boolean', default: false, description: "Value x taste: segments cross the fine-tuned predictor's value tiers (high, mid, low) with the clusters; small cells fold into their tier." });
    list.push({ name: 'maxSegments', type: 'int', default: 12, min: 3, max: 60, description: 'Value x taste: most segments; the smallest cells beyond fold into their tier.' });
    list.push({ name: 'minCellShare', type: 'float', default: 0.02, min: 0, max: 0.5, description: 'Value x taste: a (tier, taste) cell under this share of the customers folds into its tier.' });
    list.push({ name: 'horizonDays', type: 'int', default: 90, min: 7, max: 365, description: "Days the fine-tuned predictor forecasts after asOf; it learns from the last horizonDays before asOf (labels) and the history before them (input)." });
    list.push({ name: 'finetuneEpochs', type: 'int', default: 3, min: 1, max: 100, description: 'Most passes of fine-tuning the pretrained transformer with the prediction heads (early stopping with `patience`).' });
    list.push({ name: 'finetuneCuts', type: 'int', default: 3, min: 1, max: 24, description: 'Label windows the fine-tuning learns from, the last ending at asOf and each earlier one finetuneStrideDays before it (more windows: more examples, more seasons seen).' });
    list.push({ name: 'finetuneStrideDays', type: 'int', default: 30, min: 1, max: 365, description: 'Days between the starts of consecutive label windows.' });
    list.push({ name: 'finetuneLearningRate', type: 'float', default: 0.001, min: 1e-6, max: 1, description: 'Adam learning rate of the prediction heads while fine-tuning.' });
    list.push({ name: 'finetuneBackboneRate', type: 'float', default: 0.1, min: 0, max: 10, description: "The pretrained transformer's learning rate while fine-tuning, as a multiple of finetuneLearningRate (0 freezes it)." });
    list.push({ name: 'highShare', type: 'float', default: 0.2, min: 0.01, max: 0.98, description: 'Share of the training customers with the highest predicted value that form the `high` value tier.' });
    list.push({ name: 'midShare', type: 'float', default: 0.3, min: 0.01, max: 0.98, description: 'Share of the training customers, after `high`, that form the `mid` value tier; the rest are `low`.' });
    if (spec.objective === 'masked') {
        list.push({ name: 'maskRate', type: 'float', default: 0.2, min: 0.01, max: 0.9, description: 'Share of events masked per sequence in masked-item training.' });
    }
    if (spec.textBlock) {
        list.push({ name: 'textWeight', type: 'float', default: 1, min: 0, max: 10, description: "Weight of the customer's text vector (products bought, reviews written) joined to the embedding." });
    }
    for (const [name, value] of Object.entries(spec.defaults ?? {})) {
        const at = list.findIndex((p) => p.name === name);
        if (at < 0)
            throw new Error(`${spec.code}: default for unknown param ${name}`);
        list[at] = { ...list[at], default: value };
    }
    return list;
}
/** Cross-parameter checks, run before a run is queued: the hidden size splits evenly across heads; kMin <= kMax. */
function checkSequenceParams(p) {
    const problems = [];
    if (p.dModel % p.heads !== 0)
        problems.push(`dModel (${p.dModel}) must be a multiple of heads (${p.heads})`);
    if (p.k === 0 && p.kMin > p.kMax)
        problems.push(`kMin (${p.kMin}) must not be above kMax (${p.kMax})`);
    if (p.highShare !== undefined && p.highShare + p.midShare >= 1)
        problems.push(`highShare (${p.highShare}) + midShare (${p.midShare}) must be below 1: the rest is the low tier`);
    if (p.select === 'validation' && (p.rfmWeight > 0 || (p.textWeight ?? 0) > 0)) {
        problems.push(`select: validation needs rfmWeight 0${p.textWeight !== undefined ? ' and textWeight 0' : ''}: the features and texts as of the inner window's cut are not known`);
    }
    if (p.select === 'validation' && p.sequenceWeight === 0 && p.tasteWeight === 0)
        problems.push('select: validation needs sequenceWeight or tasteWeight above 0');
    return problems;
}
function requireSequences(data) {
    if (!data.sequences || !data.items)
        throw new Error('this segmenter reads purchase sequences; the training set has none');
}
function throwIfAborted(signal) {
    if (signal.aborted)
        throw signal.reason ?? new Error('cancelled');
}
/** The latest event's day (0 without events). */
function lastDayOf(sequences) {
    let last = 0;
    for (const d of sequences.days)
        if (d > last)
            last = d;
    return Math.floor(last);
}
/** Centres a block (n x d) and scales it to total variance `weight`²; returns the stats used. */
function blockStats(x, n, d, weight) {
    const means = new Array(d).fill(0);
    for (let i = 0; i < n; i++)
        for (let j = 0; j < d; j++)
            means[j] += x[i * d + j] / n;
    let total = 0;
    for (let i = 0; i < n; i++)
        for (let j = 0; j < d; j++)
            total += (x[i * d + j] - means[j]) ** 2 / n;
    return { means, scale: Math.sqrt(total) || 1, weight };
}
function applyBlock(x, n, d, s, out, width, offset) {
    for (let i = 0; i < n; i++)
        for (let j = 0; j < d; j++)
            out[i * width + offset + j] = ((x[i * d + j] - s.means[j]) / s.scale) * s.weight;
}
/** Weight tensors of an artifact, built once per artifact (and never disposed: artifacts are cached per version). */
const weightTensors = new WeakMap();
function tensorsOf(tf, artifact) {
    let w = weightTensors.get(artifact);
    if (!w) {
        w = Object.fromEntries(Object.entries(artifact.weights).map(([name, t]) => [name, tf.tensor(t.values, t.shape)]));
        weightTensors.set(artifact, w);
    }
    return w;
}
/**
 * Pooled hidden states of every encoded sequence ([n, dModel]) and, given a projection, the mean outer product of
 * consecutive projected states ([n, rank²]).
 */
function embedAll(tf, w, config, enc, pooling, projection, onBatch) {
    const d = config.dModel;
    const pooled = new Float64Array(enc.n * d);
    const r = projection?.rank ?? 0;
    const transitions = projection ? new Float64Array(enc.n * r * r) : null;
    const P = projection ? tf.tensor2d(projection.projection, [d, r]) : null;
    const C = projection ? tf.tensor1d(projection.center) : null;
    const step = 256;
    for (let start = 0; start < enc.n; start += step) {
        const rows = Array.from({ length: Math.min(step, enc.n - start) }, (_, i) => start + i);
        const batch = (0, transformer_1.makeBatch)(tf, enc, rows);
        const [p, t] = tf.tidy(() => {
            const hidden = (0, transformer_1.forward)(tf, w, config, batch, false);
            const out = (0, transformer_1.pool)(tf, hidden, batch.valid, pooling === 'last' ? 'last' : 'mean');
            if (!P || !C)
                return [out];
            const [b, L] = batch.items.shape;
            const u = tf.reshape(tf.matMul(tf.reshape(tf.sub((0, transformer_1.itemStates)(tf, w, batch), C), [b * L, d]), P), [b, L, r]);
            const m = tf.reshape(tf.mul(tf.slice(batch.valid, [0, 0], [b, L - 1]), tf.slice(batch.valid, [0, 1], [b, L - 1])), [b, L - 1, 1]);
            const prev = tf.mul(tf.slice(u, [0, 0, 0], [b, L - 1, r]), m);
            const next = tf.slice(u, [0, 1, 0], [b, L - 1, r]);
            // Only the antisymmetric part: A→B minus B→A. The symmetric part says which items go together, which the mean
            // already carries; the antisymmetric part is the direction of travel, whatever is bought.
            const forwardPairs = tf.matMul(prev, next, true, false); // [b, r, r]
            const outer = tf.sub(forwardPairs, tf.transpose(forwardPairs, [0, 2, 1]));
            const pairs = tf.maximum(tf.sum(m, [1, 2]), 1);
            return [out, tf.reshape(tf.div(outer, tf.reshape(pairs, [b, 1, 1])), [b, r * r])];
        });
        (0, transformer_1.disposeBatch)(batch);
        pooled.set(p.dataSync(), start * d);
        p.dispose();
        if (t && transitions) {
            transitions.set(t.dataSync(), start * r * r);
            t.dispose();
        }
        onBatch?.(start + rows.length);
    }
    P?.dispose();
    C?.dispose();
    return { pooled, transitions };
}
/** The top `rank` principal directions of the hidden states of (up to 512) customers: [dModel x rank], and the mean. */
function hiddenPca(tf, w, config, enc, rank) {
    const d = config.dModel;
    const rows = Array.from({ length: Math.min(enc.n, 512) }, (_, i) => Math.floor((i * enc.n) / Math.min(enc.n, 512)));
    const batch = (0, transformer_1.makeBatch)(tf, enc, rows);
    const hidden = tf.tidy(() => (0, transformer_1.itemStates)(tf, w, batch));
    const h = hidden.dataSync();
    const valid = batch.valid.dataSync();
    hidden.dispose();
    (0, transformer_1.disposeBatch)(batch);
    const center = new Array(d).fill(0);
    let count = 0;
    for (let i = 0; i < valid.length; i++)
        if (valid[i]) {
            count++;
            for (let j = 0; j < d; j++)
                center[j] += h[i * d + j];
        }
    for (let j = 0; j < d; j++)
        center[j] /= Math.max(count, 1);
    const cov = new Float64Array(d * d);
    for (let i = 0; i < valid.length; i++) {
        if (!valid[i])
            continue;
        for (let a = 0; a < d; a++) {
            const xa = h[i * d + a] - center[a];
            for (let b = 0; b < d; b++)
                cov[a * d + b] += xa * (h[i * d + b] - center[b]);
        }
    }
    rank = Math.min(rank, d);
    // Orthogonal iteration from a fixed start: deterministic.
    let q = Float64Array.from({ length: d * rank }, (_, i) => (Math.floor(i / rank) === i % rank ? 1 : 0) + 1e-3 * Math.sin(i + 1));
    for (let iter = 0; iter < 200; iter++) {
        const z = new Float64Array(d * rank);
        for (let a = 0; a < d; a++)
            for (let b = 0; b < d; b++) {
                const c = cov[a * d + b];
                if (c !== 0)
                    for (let k = 0; k < rank; k++)
                        z[a * rank + k] += c * q[b * rank + k];
            }
        for (let k = 0; k < rank; k++) {
            for (let prev = 0; prev < k; prev++) {
                let dot = 0;
                for (let a = 0; a < d; a++)
                    dot += z[a * rank + k] * z[a * rank + prev];
                for (let a = 0; a < d; a++)
                    z[a * rank + k] -= dot * z[a * rank + prev];
            }
            let norm = 0;
            for (let a = 0; a < d; a++)
                norm += z[a * rank + k] ** 2;
            norm = Math.sqrt(norm) || 1;
            for (let a = 0; a < d; a++)
                z[a * rank + k] /= norm;
        }
        q = z;
    }
    return { center, projection: Array.from(q), rank };
}
/** The customer's text vector: normalised mean of the products bought (per event) plus that of the reviews written. */
function customerTextVectors(data, vectorOf, reviewVectors, dim) {
    const n = data.customerIds.length;
    const out = new Float64Array(n * dim);
    const seq = data.sequences;
    const part = new Float64Array(dim);
    const addNormalised = (i) => {
        const norm = Math.hypot(...part) || 1;
        for (let j = 0; j < dim; j++)
            out[i * dim + j] += part[j] / norm;
    };
    for (let i = 0; i < n; i++) {
        part.fill(0);
        for (let e = seq.offsets[i]; e < seq.offsets[i + 1]; e++) {
            const v = vectorOf(seq.productIds[e]);
            if (v)
                for (let j = 0; j < dim; j++)
                    part[j] += v[j];
        }
        addNormalised(i);
        part.fill(0);
        for (const v of reviewVectors[i] ?? [])
            for (let j = 0; j < dim; j++)
                part[j] += v[j];
        if (reviewVectors[i]?.length)
            addNormalised(i);
    }
    return out;
}
async function reviewVectorsOf(services, encoderId, reviews, n, onProgress) {
    if (!reviews || reviews.every((r) => r.length === 0))
        return Array.from({ length: n }, () => []);
    const encoder = await services.textEncoder(encoderId);
    const flat = reviews.flat();
    // In chunks, so that progress moves through a phase that takes tens of seconds on a few thousand reviews.
    const vectors = [];
    for (let start = 0; start < flat.length; start += 256) {
        vectors.push(...(await encoder.encode(flat.slice(start, start + 256))));
        onProgress?.(Math.min(flat.length, start + 256), flat.length);
    }
    let at = 0;
    return reviews.map((r) => vectors.slice(at, (at += r.length)));
}
function productTexts(data) {
    const items = data.items;
    return new Map(items.productIds.map((id, i) => [id, items.texts[i]]));
}
/** Joins the blocks of an assignment or a fit into one matrix [n, width]. */
function joinBlocks(artifact, n, embeddings, features, text) {
    const d = artifact.config.dModel;
    const f = artifact.featureNames.length;
    const useRfm = artifact.rfm.weight > 0 && f > 0;
    const r2 = artifact.transitions ? artifact.transitions.rank ** 2 : 0;
    const t = artifact.textBlock?.dimension ?? 0;
    const tasteAt = d + r2 + (useRfm ? f : 0) + t;
    const width = tasteAt + (artifact.taste && embeddings.taste ? d : 0);
    const z = new Float64Array(n * width);
    applyBlock(embeddings.pooled, n, d, artifact.sequenceBlock, z, width, 0);
    if (artifact.transitions && embeddings.transitions)
        applyBlock(embeddings.transitions, n, r2, artifact.transitions, z, width, d);
    if (useRfm) {
        const { z: rz } = (0, feature_catalogue_1.standardise)(features, n, f, { means: artifact.rfm.means, stds: artifact.rfm.stds });
        const s = artifact.rfm.weight / Math.sqrt(f);
        for (let i = 0; i < n; i++)
            for (let j = 0; j < f; j++)
                z[i * width + d + r2 + j] = rz[i * f + j] * s;
    }
    if (artifact.textBlock && text)
        applyBlock(text, n, t, artifact.textBlock, z, width, d + r2 + (useRfm ? f : 0));
    if (artifact.taste && embeddings.taste)
        applyBlock(embeddings.taste, n, d, artifact.taste, z, width, tasteAt);
    return { z, width };
}
function embeddingsOf(tf, artifact, data) {
    const sequences = (0, sequences_1.capPerOrder)(data.sequences, artifact.itemsPerOrder);
    const enc = (0, sequences_1.encodeSequences)(sequences, data.items, artifact.vocab, artifact.config.maxLen);
    const out = embedAll(tf, tensorsOf(tf, artifact), artifact.config, enc, artifact.pooling, artifact.transitions);
    if (artifact.taste) {
        // Every line of the whole history before the cut-off (not capped per order or to maxLen).
        const n = data.customerIds.length;
        const history = data.asOfDay === undefined ? data.sequences : (0, sequences_1.historyBefore)(data.sequences, Array.from({ length: n }, (_, i) => i), data.asOfDay);
        out.taste = (0, taste_1.tasteVectors)(history, artifact.vocab, artifact.taste.idf, artifact.weights.item.values, artifact.config.dModel);
    }
    return out;
}
/** Embeds the customers' histories with the saved weights and joins the blocks as at fit time. */
async function segmentationSpace(artifact, data, ctx) {
    requireSequences(data);
    const n = data.customerIds.length;
    if (data.featureNames.join() !== artifact.featureNames.join()) {
        throw new Error(`this model was fitted on features ${artifact.featureNames.join(', ')}, got ${data.featureNames.join(', ')}`);
    }
    const { tf } = await ctx.tensorflow();
    const embeddings = embeddingsOf(tf, artifact, data);
    let text = null;
    if (artifact.textBlock) {
        const tb = artifact.textBlock;
        const stored = new Map(tb.productIds.map((id, i) => [id, tb.vectors.subarray(i * tb.dimension, (i + 1) * tb.dimension)]));
        const texts = productTexts(data);
        const missing = [...new Set(data.sequences.productIds)].filter((id) => !stored.has(id) && texts.has(id));
        if (missing.length > 0) {
            const vectors = await (await ctx.textEncoder(artifact.textEncoder)).encode(missing.map((id) => texts.get(id)));
            missing.forEach((id, i) => stored.set(id, vectors[i]));
        }
        text = customerTextVectors(data, (id) => stored.get(id), await reviewVectorsOf(ctx, artifact.textEncoder, data.reviews, n), tb.dimension);
    }
    return joinBlocks(artifact, n, embeddings, data.features, text);
}
/** The stability a chosen segmentation must show on the inner window (when any candidate does). */
exports.MIN_SELECTION_STABILITY = 0.8;
/** HitRate@10 differences below this are noise between k-means runs: the fewer segments win. */
exports.SELECTION_HIT_RATE_TOLERANCE = 0.005;
const TIERS = ['high', 'mid', 'low'];
/**
 * Crosses value tiers with taste clusters. Cells under `minCellShare` fold into their tier's remainder cell; beyond
 * `maxSegments`, the smallest cells fold too; a remainder under `minShare` joins its tier's largest cell.
 */
function crossCells(tiers, tastes, tasteK, o) {
    const n = tiers.length;
    const size = (t, c) => counts.get(`${t}:${c}`) ?? 0;
    const counts = new Map();
    for (let i = 0; i < n; i++)
        counts.set(`${tiers[i]}:${tastes[i]}`, (counts.get(`${tiers[i]}:${tastes[i]}`) ?? 0) + 1);
    let kept = TIERS.flatMap((tier) => Array.from({ length: tasteK }, (_, taste) => ({ tier, taste }))).filter((c) => size(c.tier, c.taste) >= Math.max(1, o.minCellShare * n));
    const remainders = (list) => TIERS.filter((t) => Array.from({ length: tasteK }, (_, c) => c).some((c) => size(t, c) > 0 && !list.some((k) => k.tier === t && k.taste === c)));
    kept.sort((a, b) => size(b.tier, b.taste) - size(a.tier, a.taste) || TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier) || a.taste - b.taste);
    while (kept.length > 1 && kept.length + remainders(kept).length > o.maxSegments)
        kept = kept.slice(0, -1);
    const cells = [];
    const cellOf = { high: [], mid: [], low: [] };
    const pending = [];
    const cellSize = (c) => (c.taste >= 0 ? size(c.tier, c.taste) : 0);
    for (const tier of TIERS) {
        const mine = kept.filter((c) => c.tier === tier).sort((a, b) => a.taste - b.taste);
        for (const c of mine) {
            cellOf[tier][c.taste] = cells.length;
            cells.push(c);
        }
        const folded = Array.from({ length: tasteK }, (_, c) => c).filter((c) => cellOf[tier][c] === undefined);
        const rest = folded.reduce((a, c) => a + size(tier, c), 0);
        if (folded.length === 0)
            continue;
        if ((rest < o.minShare * n || rest === 0) && mine.length > 0) {
            // Too small to stand alone: the tier's other tastes join its largest cell.
            const largest = mine.reduce((a, b) => (size(b.tier, b.taste) > size(a.tier, a.taste) ? b : a));
            for (const c of folded)
                cellOf[tier][c] = cellOf[tier][largest.taste];
        }
        else if (rest > 0) {
            for (const c of folded)
                cellOf[tier][c] = cells.length;
            cells.push({ tier, taste: -1 });
        }
        else {
            // A tier nobody is in has no segment; should a new customer land there, they join the largest segment.
            pending.push(tier);
        }
    }
    for (const tier of pending) {
        const largest = cells.reduce((a, c, i) => (cellSize(c) > cellSize(cells[a]) ? i : a), 0);
        cellOf[tier] = Array.from({ length: tasteK }, () => largest);
    }
    return { tasteK, cells, cellOf };
}
/**
 * Chooses k and the weights of the sequence and transition blocks by HitRate@10 on the inner window: the customers'
 * history before `asOf - horizonDays` is embedded with the same network and clustered with each candidate, and each
 * segmentation's top products are scored on what those customers bought in the window. The evaluation's horizon
 * (after asOf) is never read. Null when too few customers have history before the window.
 */
function selectOnInnerWindow(tf, w, partial, o) {
    const cut = o.asOfDay - o.horizonDays;
    const n = o.before.offsets.length - 1;
    const rows = [];
    for (let i = 0; i < n; i++)
        if (o.before.offsets[i + 1] > o.before.offsets[i] && o.before.days[o.before.offsets[i]] < cut)
            rows.push(i);
    const kMax = o.p.k > 0 ? o.p.k : o.p.kMax;
    if (rows.length < Math.max(50, 10 * kMax)) {
        o.log(`inner window: only ${rows.length} customers bought before it; k chosen by Davies-Bouldin`);
        return null;
    }
    const past = (0, sequences_1.historyBefore)(o.before, rows, cut);
    const future = (0, taste_1.historyBetween)((0, sequences_1.sliceSequences)(o.before, rows), cut, o.asOfDay);
    const enc = (0, sequences_1.encodeSequences)((0, sequences_1.capPerOrder)(past, o.itemsPerOrder), o.items, o.vocab, partial.config.maxLen);
    const embeddings = embedAll(tf, w, partial.config, enc, o.pooling, o.projection);
    if (partial.taste)
        embeddings.taste = (0, taste_1.tasteVectors)(past, o.vocab, partial.taste.idf, w.item.dataSync(), partial.config.dModel);
    const m = rows.length;
    const sw = partial.sequenceBlock.weight;
    const tw = partial.transitions?.weight ?? 0;
    const configs = [
        { sequenceWeight: 0, transitionWeight: 0 },
        { sequenceWeight: sw / 2, transitionWeight: 0 },
        { sequenceWeight: sw, transitionWeight: 0 },
        ...(partial.transitions ? [{ sequenceWeight: sw / 2, transitionWeight: tw / 2 }, { sequenceWeight: sw, transitionWeight: tw }] : []),
    ].filter((c) => partial.taste || c.sequenceWeight > 0);
    const ks = o.p.k > 0 ? [o.p.k] : Array.from({ length: o.p.kMax - o.p.kMin + 1 }, (_, i) => o.p.kMin + i);
    const tried = [];
    const rng = new random_1.Random(o.seed + 31);
    for (const c of configs) {
        const { z, width } = joinBlocks({ ...partial, sequenceBlock: { ...partial.sequenceBlock, weight: c.sequenceWeight }, transitions: partial.transitions && { ...partial.transitions, weight: c.transitionWeight } }, m, embeddings, new Float64Array(m * partial.featureNames.length), null);
        for (const k of ks) {
            const options = { k, kMin: k, kMax: k, nInit: 2, maxIter: 100, tol: 1e-4, threads: 1, seed: o.seed, minShare: o.p.minShare };
            const fit = (0, cluster_1.clusterRows)(z, m, width, options);
            // Re-clustered on resamples: a segmentation that changes with the sample is no segmentation to act on.
            let ari = 0;
            for (let b = 0; b < 3; b++) {
                const rows = Int32Array.from({ length: m }, () => Math.floor(rng.next() * m));
                const sample = new Float64Array(m * width);
                for (let i = 0; i < m; i++)
                    sample.set(z.subarray(rows[i] * width, (rows[i] + 1) * width), i * width);
                const again = (0, cluster_1.clusterRows)(sample, m, width, { ...options, seed: o.seed + b + 1 });
                ari += (0, metrics_1.adjustedRandIndex)(fit.labels, (0, kmeans_1.nearest)(z, m, width, again.centroids, again.k).labels) / 3;
            }
            tried.push({ ...c, k, segments: fit.k, hitRate: (0, taste_1.windowHitRate)(past, future, fit.labels, fit.k), stability: ari });
        }
    }
    // The best HitRate@10 among the stable candidates (all when none is); within the tolerance, fewer segments.
    const stable = tried.filter((t) => t.stability >= exports.MIN_SELECTION_STABILITY);
    const pool = stable.length > 0 ? stable : tried;
    const best = pool.reduce((a, b) => Math.max(a, b.hitRate), 0);
    const chosen = pool.filter((t) => t.hitRate >= best - exports.SELECTION_HIT_RATE_TOLERANCE).reduce((a, b) => (b.segments < a.segments || (b.segments === a.segments && b.hitRate > a.hitRate) ? b : a));
    o.log(`inner window (${m} customers, the ${o.horizonDays} days before asOf): HitRate@10 ${chosen.hitRate.toFixed(4)} (best ${best.toFixed(4)}), stability ${chosen.stability.toFixed(3)} with k = ${chosen.k}, sequence weight ${chosen.sequenceWeight}, transition weight ${chosen.transitionWeight}${stable.length === 0 ? ' (no candidate reached stability ' + exports.MIN_SELECTION_STABILITY + ')' : ''}`);
    return { on: 'hitRateAt10', cutDay: cut, tried, chosen };
}
function createSequenceSegmenter(spec) {
    const segmenter = {
        code: spec.code,
        version: spec.version,
        description: spec.description,
        artifactFormat: ARTIFACT_FORMAT,
        params: params(spec),
        capabilities: { inputs: spec.textBlock ? ['numeric', 'sequence', 'text'] : ['numeric', 'sequence'], embeds: true, deterministicWithSeed: true, accelerator: 'optional', predicts: true },
        checkParams: { epochs: 2, dModel: 16, heads: 2, layers: 1, maxLen: 12, k: 3, nInit: 1, batchSize: 32, finetuneEpochs: 1 },
        featureNames: (p) => p.features,
        validate: checkSequenceParams,
        async fit(data, p, ctx) {
            requireSequences(data);
            const problems = checkSequenceParams(p);
            if (problems.length > 0)
                throw new Error(problems.join('; '));
            throwIfAborted(ctx.signal);
            const { tf, backend } = await ctx.tensorflow();
            ctx.log(`TensorFlow.js backend: ${backend}`);
            const n = data.customerIds.length;
            const f = data.featureNames.length;
            // Nothing at or after asOf may reach training, whatever the host handed over.
            const asOfDay = data.asOfDay ?? lastDayOf(data.sequences) + 1;
            const before = (0, sequences_1.historyBefore)(data.sequences, Array.from({ length: n }, (_, i) => i), asOfDay);
            const sequences = (0, sequences_1.capPerOrder)(before, p.itemsPerOrder);
            const vocab = (0, sequences_1.buildVocabulary)(sequences, data.items, p.vocabSize);
            const config = {
                vocabSize: sequences_1.FIRST_ITEM + vocab.productIds.length,
                categories: 2 + vocab.categories.length,
                maxLen: p.maxLen,
                dModel: p.dModel,
                heads: p.heads,
                layers: p.layers,
                ffDim: 4 * p.dModel,
                dropout: p.dropout,
                causal: spec.objective === 'causal',
            };
            const enc = (0, sequences_1.encodeSequences)(sequences, data.items, vocab, config.maxLen);
            const encoderId = p.textEncoder;
            const texts = productTexts(data);
            // Item embeddings from the text encoder: a seeded random projection of each product's text vector.
            let itemInit;
            const needText = p.textInit || spec.textBlock;
            const encoder = needText ? await ctx.textEncoder(encoderId) : null;
            ctx.progress({ fraction: 0, message: needText ? `encoding ${data.items.productIds.length} product texts with ${encoderId}` : 'preparing sequences' });
            const productVectors = new Map();
            if (encoder) {
                const ids = spec.textBlock ? data.items.productIds : vocab.productIds;
                const vectors = await encoder.encode(ids.map((id) => texts.get(id) ?? ''));
                ids.forEach((id, i) => productVectors.set(id, vectors[i]));
                throwIfAborted(ctx.signal);
            }
            // The text encoder bundles its own TensorFlow.js, which re-registers the stock wasm kernels over ours.
            if (encoder)
                (0, kernels_1.registerFastKernels)(tf);
            const rng = new random_1.Random(ctx.seed);
            if (encoder && p.textInit) {
                const dim = encoder.dimension;
                const projection = Float64Array.from({ length: dim * config.dModel }, () => rng.normal(0, 1 / Math.sqrt(dim)));
                itemInit = new Float32Array(config.vocabSize * config.dModel);
                for (let t = 0; t < config.vocabSize; t++)
                    for (let j = 0; j < config.dModel; j++)
                        itemInit[t * config.dModel + j] = rng.normal(0, 0.02);
                vocab.productIds.forEach((id, i) => {
                    const v = productVectors.get(id);
                    for (let j = 0; j < config.dModel; j++) {
                        let s = 0;
                        for (let k = 0; k < dim; k++)
                            s += v[k] * projection[k * config.dModel + j];
                        itemInit[(sequences_1.FIRST_ITEM + i) * config.dModel + j] = s * 0.5;
                    }
                });
            }
            // Held-out customers for early stopping (those with something to predict).
            const usable = Array.from({ length: n }, (_, i) => i).filter((i) => enc.lengths[i] >= (spec.objective === 'causal' ? 2 : 1));
            if (usable.length < 2)
                throw new Error('too few customers with a purchase history to train on');
            const order = rng.shuffled(usable);
            const valCount = Math.max(1, Math.round(order.length * p.validationShare));
            const validation = order.slice(0, valCount);
            const train = order.slice(valCount);
            const batchSize = p.batchSize;
            const batches = Math.ceil(train.length / batchSize);
            const epochs = p.epochs;
            const maskRate = p.maskRate ?? 0.2;
            const variables = (0, transformer_1.initWeights)(tf, config, ctx.seed, itemInit);
            const optimizer = tf.train.adam(p.learningRate);
            const lossOf = (w, rows, training, random, dropoutSeed) => {
                const batch = spec.objective === 'causal'
                    ? { ...(0, transformer_1.makeBatch)(tf, enc, rows), ...(0, transformer_1.nextItemTargets)(enc, rows) }
                    : (() => {
                        const m = (0, transformer_1.maskedTargets)(enc, rows, maskRate, random);
                        return { ...(0, transformer_1.makeBatch)(tf, enc, rows, m.masked), positions: m.positions, targets: m.targets };
                    })();
                return { batch, loss: () => (0, transformer_1.itemLoss)(tf, w, (0, transformer_1.forward)(tf, w, config, batch, training, dropoutSeed), batch.positions, batch.targets, config.vocabSize) };
            };
            const validationLoss = () => {
                const valRandom = new random_1.Random(ctx.seed + 99_991);
                let total = 0;
                let count = 0;
                for (let start = 0; start < validation.length; start += 256) {
                    const rows = validation.slice(start, start + 256);
                    const { batch, loss } = lossOf(variables, rows, false, () => valRandom.next(), 0);
                    if (batch.positions.length > 0) {
                        total += tf.tidy(loss).dataSync()[0] * batch.positions.length;
                        count += batch.positions.length;
                    }
                    (0, transformer_1.disposeBatch)(batch);
                }
                return count > 0 ? total / count : NaN;
            };
            const history = [];
            let best = { loss: Infinity, epoch: 0, values: null };
            const started = Date.now();
            let sequencesSeen = 0;
            let step = 0;
            // Progress: pretraining to 0.75, fine-tuning to 0.9, then embedding and clustering.
            const trainShare = 0.75;
            for (let epoch = 1; epoch <= epochs; epoch++) {
                const shuffled = rng.shuffled(train);
                let epochLoss = 0;
                let epochTargets = 0;
                const epochStart = Date.now();
                for (let b = 0; b < batches; b++) {
                    throwIfAborted(ctx.signal);
                    const rows = shuffled.slice(b * batchSize, (b + 1) * batchSize);
                    const { batch, loss } = lossOf(variables, rows, true, () => rng.next(), ctx.seed * 1_000_003 + step * 97);
                    step++;
                    if (batch.positions.length > 0) {
                        const cost = tf.tidy(() => optimizer.minimize(loss, true));
                        const value = cost.dataSync()[0];
                        cost.dispose();
                        epochLoss += value * batch.positions.length;
                        epochTargets += batch.positions.length;
                    }
                    (0, transformer_1.disposeBatch)(batch);
                    sequencesSeen += rows.length;
                    const elapsed = (Date.now() - started) / 1000;
                    const fraction = (trainShare * ((epoch - 1) * batches + b + 1)) / (epochs * batches);
                    const rate = sequencesSeen / Math.max(elapsed, 1e-3);
                    ctx.progress({
                        fraction,
                        epoch,
                        step,
                        totalSteps: epochs * batches,
                        loss: epochTargets > 0 ? epochLoss / epochTargets : undefined,
                        sequencesPerSecond: rate,
                        message: `epoch ${epoch}/${epochs}, batch ${b + 1}/${batches}: loss ${(epochTargets > 0 ? epochLoss / epochTargets : NaN).toFixed(4)}, ${rate.toFixed(0)} sequences/s, ETA ${Math.round((elapsed * (trainShare - fraction)) / Math.max(fraction, 1e-6))} s`,
                    });
                }
                const val = validationLoss();
                const seconds = (Date.now() - epochStart) / 1000;
                history.push({ epoch, loss: epochTargets > 0 ? epochLoss / epochTargets : NaN, validationLoss: val });
                ctx.progress({ fraction: (trainShare * epoch) / epochs, epoch, loss: history[history.length - 1].loss, validationLoss: Number.isFinite(val) ? val : undefined, message: `epoch ${epoch}/${epochs}: loss ${history[history.length - 1].loss.toFixed(4)}, validation loss ${val.toFixed(4)}, ${seconds.toFixed(1)} s` });
                ctx.log(`epoch ${epoch}: loss ${history[history.length - 1].loss.toFixed(4)}, validation ${val.toFixed(4)}, ${(train.length / Math.max(seconds, 1e-3)).toFixed(0)} sequences/s, ${seconds.toFixed(1)} s`);
                if (!(val >= best.loss)) {
                    best = { loss: val, epoch, values: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, v.dataSync()])) };
                }
                else if (epoch - best.epoch >= p.patience) {
                    ctx.log(`early stop: no better validation loss since epoch ${best.epoch}`);
                    break;
                }
            }
            optimizer.dispose();
            const weights = Object.fromEntries(Object.keys(variables).map((k) => [k, { shape: variables[k].shape, values: Float32Array.from(best.values[k]) }]));
            for (const v of Object.values(variables))
                v.dispose();
            const draft = { format: ARTIFACT_FORMAT, config, weights };
            // Fine-tuning: a copy of the pretrained backbone with the prediction heads, on labels from before asOf.
            const finetune = {
                tf,
                config,
                backbone: tensorsOf(tf, draft),
                sequences: before,
                itemsPerOrder: p.itemsPerOrder,
                items: data.items,
                vocab,
                asOfDay,
                horizonDays: p.horizonDays,
                cuts: p.finetuneCuts,
                strideDays: p.finetuneStrideDays,
                backboneRate: p.finetuneBackboneRate,
                epochs: p.finetuneEpochs,
                patience: p.patience,
                batchSize,
                learningRate: p.finetuneLearningRate,
                validationShare: p.validationShare,
                seed: ctx.seed,
                signal: ctx.signal,
                // The run's loss curves stay the pretraining's; the fine-tuning's losses are in the message and the summary.
                progress: (fraction, message) => ctx.progress({ fraction: trainShare + 0.15 * fraction, message }),
                log: (m) => ctx.log(m),
            };
            // A stability refit only assigns: its predictor is needed only when the segments cross value tiers.
            const tuned = ctx.purpose !== 'stability' || p.valueTiers ? (0, sequence_predictor_1.finetunePredictor)(finetune) : null;
            let predictor;
            let tiersAtAsOf = null;
            if (tuned) {
                const tunedTensors = Object.fromEntries(Object.entries(tuned.weights).map(([name, t]) => [name, tf.tensor(t.values, t.shape)]));
                const draftState = { ...tuned.state, highFrom: 0, midFrom: 0 };
                const atAsOf = (0, sequence_predictor_1.predictFrom)(tf, (0, sequence_predictor_1.predictorWeights)(tunedTensors), config, draftState, before, p.itemsPerOrder, data.items, vocab, asOfDay);
                for (const t of Object.values(tunedTensors))
                    t.dispose();
                const ranked = Float64Array.from(atAsOf.map((x) => x.clv)).sort();
                predictor = { ...tuned.state, ...(0, value_tiers_1.valueTierCuts)(ranked, p.highShare, p.midShare) };
                const cuts = predictor;
                tiersAtAsOf = atAsOf.map((x) => (x.clv >= cuts.highFrom ? 'high' : x.clv >= cuts.midFrom ? 'mid' : 'low'));
                ctx.log(`fine-tuned predictor: ${tuned.state.examples} examples, best epoch ${tuned.state.bestEpoch}, fine-tuned in ${tuned.seconds.toFixed(1)} s`);
                Object.assign(weights, tuned.weights);
            }
            // Embeddings of every customer with the best pretrained weights, then the blocks and k-means.
            const pooling = p.pooling;
            const projection = pooling === 'mean+transitions' ? hiddenPca(tf, tensorsOf(tf, draft), config, enc, p.transitionRank) : null;
            const embeddings = embedAll(tf, tensorsOf(tf, draft), config, enc, pooling, projection, (done) => ctx.progress({ fraction: 0.9 + (0.03 * done) / n, message: `embedding customers ${done}/${n}` }));
            const tasteWeight = p.tasteWeight;
            const idf = tasteWeight > 0 ? (0, taste_1.tokenIdf)(before, vocab) : null;
            if (idf)
                embeddings.taste = (0, taste_1.tasteVectors)(before, vocab, idf, weights.item.values, config.dModel);
            const sequenceBlock = blockStats(embeddings.pooled, n, config.dModel, p.sequenceWeight);
            const transitions = projection ? { ...projection, ...blockStats(embeddings.transitions, n, projection.rank ** 2, p.transitionWeight) } : null;
            const taste = idf ? { ...blockStats(embeddings.taste, n, config.dModel, tasteWeight), idf } : null;
            const rfm = (0, feature_catalogue_1.standardise)(data.features, n, f);
            let textBlock = null;
            let text = null;
            // A text block of weight 0 would change nothing: it is left out (and no review is encoded).
            if (spec.textBlock && encoder && p.textWeight > 0) {
                const reviewVectors = await reviewVectorsOf(ctx, encoderId, data.reviews, n, (done, total) => ctx.progress({ fraction: 0.93 + (0.01 * done) / total, message: `encoding reviews ${done}/${total}` }));
                text = customerTextVectors(data, (id) => productVectors.get(id), reviewVectors, encoder.dimension);
                const stats = blockStats(text, n, encoder.dimension, p.textWeight);
                // Every product seen in training keeps its vector: assignment then encodes only products new since.
                const stored = [...productVectors.keys()].sort((a, b) => a - b);
                const vectors = new Float32Array(stored.length * encoder.dimension);
                stored.forEach((id, i) => vectors.set(productVectors.get(id), i * encoder.dimension));
                textBlock = { ...stats, productIds: stored, vectors, dimension: encoder.dimension };
            }
            let partial = { sequenceBlock, transitions, rfm: { means: rfm.means, stds: rfm.stds, weight: p.rfmWeight }, textBlock, taste, config, featureNames: [...data.featureNames] };
            let k = p.k;
            let selection = null;
            if (p.select === 'validation') {
                ctx.progress({ fraction: 0.94, message: 'choosing k and block weights on the inner window' });
                selection = selectOnInnerWindow(tf, tensorsOf(tf, draft), partial, { before, vocab, items: data.items, itemsPerOrder: p.itemsPerOrder, pooling, projection, asOfDay, horizonDays: p.horizonDays, p, seed: ctx.seed, log: (m) => ctx.log(m) });
                if (selection) {
                    partial = { ...partial, sequenceBlock: { ...sequenceBlock, weight: selection.chosen.sequenceWeight }, transitions: transitions && { ...transitions, weight: selection.chosen.transitionWeight } };
                    k = selection.chosen.k;
                }
            }
            for (const t of Object.values(tensorsOf(tf, draft)))
                t.dispose();
            const { z, width } = joinBlocks(partial, n, embeddings, data.features, text);
            const clusters = (0, cluster_1.clusterRows)(z, n, width, {
                k,
                kMin: p.kMin,
                kMax: p.kMax,
                nInit: p.nInit,
                maxIter: 300,
                tol: 1e-4,
                threads: 1,
                seed: ctx.seed,
                minShare: p.minShare,
                log: (m) => ctx.log(m),
                checkpoint: (fraction, message) => {
                    throwIfAborted(ctx.signal);
                    ctx.progress({ fraction: 0.95 + 0.05 * fraction, message });
                },
            });
            let cross = null;
            if (p.valueTiers) {
                if (!tiersAtAsOf)
                    throw new Error('valueTiers needs the fine-tuned predictor, and the history before asOf is too short to fine-tune one');
                cross = crossCells(tiersAtAsOf, clusters.labels, clusters.k, { minCellShare: p.minCellShare, minShare: p.minShare, maxSegments: p.maxSegments });
                ctx.log(`value x taste: ${cross.cells.length} segments from 3 tiers x ${clusters.k} tastes`);
            }
            return Object.freeze({
                format: ARTIFACT_FORMAT,
                code: spec.code,
                objective: spec.objective,
                vocab,
                itemsPerOrder: p.itemsPerOrder,
                pooling,
                textEncoder: encoderId,
                weights,
                ...partial,
                k: cross ? cross.cells.length : clusters.k,
                centroids: Array.from(clusters.centroids),
                selection,
                cross,
                history,
                bestEpoch: best.epoch,
                backend,
                kSearch: clusters.kSearch,
                predictor,
            });
        },
        /**
         * The space the segments live in: the joined, weighted blocks (what k-means clustered); for value x taste, the
         * value tier joined as a one-hot block three times the taste space's spread, so that tiers lie apart as cells do.
         */
        async embed(artifact, data, ctx) {
            const { z, width } = await segmentationSpace(artifact, data, ctx);
            const n = data.customerIds.length;
            if (!artifact.cross)
                return Array.from({ length: n }, (_, i) => z.slice(i * width, (i + 1) * width));
            const tiers = (await segmenter.predict(artifact, data, ctx)).map((r) => (r.valueTier ?? 'low'));
            let spread = 0;
            for (let i = 0; i < z.length; i++)
                spread += z[i] ** 2 / Math.max(n, 1);
            const scale = 3 * Math.sqrt(spread);
            return Array.from({ length: n }, (_, i) => {
                const row = new Float64Array(width + TIERS.length);
                row.set(z.subarray(i * width, (i + 1) * width));
                row[width + TIERS.indexOf(tiers[i])] = scale;
                return row;
            });
        },
        /** A refit fixes what this fit chose: the taste k (not the number of value x taste cells) and the selected weights. */
        refitParams(artifact, params) {
            const chosen = artifact.selection?.chosen;
            const k = params.k > 0 ? params.k : chosen ? chosen.k : artifact.cross ? artifact.cross.tasteK : artifact.k;
            return { ...params, k, ...(chosen ? { select: 'daviesBouldin', sequenceWeight: chosen.sequenceWeight, transitionWeight: chosen.transitionWeight } : {}) };
        },
        async assign(artifact, data, ctx) {
            const { z, width } = await segmentationSpace(artifact, data, ctx);
            const cross = artifact.cross;
            const { labels, distances } = (0, kmeans_1.nearest)(z, data.customerIds.length, width, Float64Array.from(artifact.centroids), cross ? cross.tasteK : artifact.k);
            if (!cross)
                return Array.from(labels, (segment, i) => ({ segment, distance: distances[i] }));
            // Value x taste: the taste cluster crossed with the predictor's value tier on its own horizon.
            const tiers = (await segmenter.predict(artifact, data, ctx)).map((r) => (r.valueTier ?? 'low'));
            return Array.from(labels, (taste, i) => ({ segment: cross.cellOf[tiers[i]][taste], distance: distances[i] }));
        },
        /**
         * The fine-tuned predictor's forecast from `data.asOfDay` over its horizon (or another one, at the same rate);
         * value tiers by the cuts learnt on the training customers, on its own horizon only.
         */
        async predict(artifact, data, ctx, options = {}) {
            requireSequences(data);
            const state = artifact.predictor;
            if (!state)
                throw new Error(`this ${artifact.code} version has no fine-tuned predictor (trained before they existed, or on too short a history): train a new version`);
            const { tf } = await ctx.tensorflow();
            const horizonDays = options.horizonDays ?? state.horizonDays;
            const rows = (0, sequence_predictor_1.predictFrom)(tf, (0, sequence_predictor_1.predictorWeights)(tensorsOf(tf, artifact)), artifact.config, state, data.sequences, artifact.itemsPerOrder, data.items, artifact.vocab, data.asOfDay ?? lastDayOf(data.sequences) + 1, horizonDays);
            if (horizonDays !== state.horizonDays)
                return rows;
            return rows.map((r) => ({ ...r, valueTier: r.clv >= state.highFrom ? 'high' : r.clv >= state.midFrom ? 'mid' : 'low' }));
        },
        /** 0 when the version has no predictor: the host then stores and evaluates no predictions for it. */
        horizonDays: (artifact) => artifact.predictor?.horizonDays ?? 0,
        describe(artifact) {
            if (artifact.cross)
                return artifact.cross.cells.map((cell, index) => ({ index, basis: 'taste', valueTier: cell.tier, taste: cell.taste }));
            // Without the RFM block the segments group customers by what (and in which order) they buy: named by taste.
            return Array.from({ length: artifact.k }, (_, c) => ({ index: c, basis: artifact.rfm.weight > 0 ? 'rfm' : 'taste' }));
        },
        summary: (artifact) => ({
            k: artifact.k,
            backend: artifact.backend,
            bestEpoch: artifact.bestEpoch,
            history: artifact.history,
            vocabulary: artifact.vocab.productIds.length,
            textEncoder: artifact.textEncoder,
            kSearch: artifact.kSearch,
            selection: artifact.selection ? { on: artifact.selection.on, chosen: artifact.selection.chosen, tried: artifact.selection.tried } : null,
            valueByTaste: artifact.cross ? { tastes: artifact.cross.tasteK, cells: artifact.cross.cells } : null,
            predictor: artifact.predictor
                ? { horizonDays: artifact.predictor.horizonDays, examples: artifact.predictor.examples, labelWindows: artifact.predictor.cuts, bestEpoch: artifact.predictor.bestEpoch, history: artifact.predictor.history, highFrom: artifact.predictor.highFrom, midFrom: artifact.predictor.midFrom }
                : null,
        }),
        serialize: (artifact) => serializeArtifact(artifact),
        deserialize: (bytes) => deserializeArtifact(bytes),
    };
    return segmenter;
}
/**
 * The artifact as one buffer: a JSON header line, then the weights in TensorFlow.js's weights-manifest layout (the
 * header's `weightSpecs` name, shape and dtype of each tensor; their float32 data follow back to back, as
 * `tf.io.decodeWeights` reads them), then the stored product text vectors.
 */
function serializeArtifact(artifact) {
    const names = Object.keys(artifact.weights).sort();
    const weightSpecs = names.map((name) => ({ name, shape: artifact.weights[name].shape, dtype: 'float32' }));
    const { weights: _w, textBlock, ...rest } = artifact;
    const header = { ...rest, weightSpecs, textBlock: textBlock ? { ...textBlock, vectors: textBlock.vectors.length } : null };
    const parts = [Buffer.from(JSON.stringify(header) + '\n', 'utf8')];
    for (const name of names) {
        const v = artifact.weights[name].values;
        parts.push(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    }
    if (textBlock)
        parts.push(new Uint8Array(textBlock.vectors.buffer, textBlock.vectors.byteOffset, textBlock.vectors.byteLength));
    return Buffer.concat(parts);
}
function deserializeArtifact(bytes) {
    const newline = bytes.indexOf(0x0a);
    if (newline < 0)
        throw new Error('not a transformer segmenter artifact');
    const header = JSON.parse(bytes.subarray(0, newline).toString('utf8'));
    if (header.format !== ARTIFACT_FORMAT)
        throw new Error(`transformer artifact format ${header.format} cannot be loaded by format ${ARTIFACT_FORMAT}`);
    // Copy into an aligned buffer so that Float32Array views are valid.
    const body = new Uint8Array(bytes.subarray(newline + 1));
    let at = 0;
    const floats = (count) => {
        const out = new Float32Array(body.buffer.slice(at, at + count * 4));
        at += count * 4;
        return out;
    };
    const weights = {};
    for (const spec of header.weightSpecs) {
        weights[spec.name] = { shape: spec.shape, values: floats(spec.shape.reduce((a, b) => a * b, 1)) };
    }
    const { weightSpecs: _s, ...rest } = header;
    const textBlock = header.textBlock ? { ...header.textBlock, vectors: floats(header.textBlock.vectors) } : null;
    if (at !== body.length)
        throw new Error(`transformer artifact is ${body.length - at} bytes longer than its header says`);
    return Object.freeze({ ...rest, weights, textBlock });
}
//# sourceMappingURL=sequence-segmenter.js.map