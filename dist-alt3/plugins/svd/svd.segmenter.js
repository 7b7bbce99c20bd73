"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.svdSegmenter = void 0;
const sdk_1 = require("../../src/sdk");
const randomized_svd_1 = require("./randomized-svd");
const ARTIFACT_FORMAT = 1;
function requireSequences(data) {
    if (!data.sequences)
        throw new Error('svd reads purchase sequences; the training set has none');
    return data.sequences;
}
/** Each customer's history before the cut-off as a weighted, unit-length row over the artifact's products. */
function matrixOf(seq, n, column, idf, asOfDay) {
    const rowPtr = new Int32Array(n + 1);
    const cols = [];
    const values = [];
    for (let i = 0; i < n; i++) {
        const counts = new Map();
        for (let e = seq.offsets[i]; e < seq.offsets[i + 1]; e++) {
            if (asOfDay !== undefined && seq.days[e] >= asOfDay)
                continue;
            const c = column.get(seq.productIds[e]);
            if (c !== undefined)
                counts.set(c, (counts.get(c) ?? 0) + 1);
        }
        const entries = [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([c, count]) => [c, Math.log1p(count) * idf[c]]);
        const norm = Math.sqrt(entries.reduce((s, [, v]) => s + v * v, 0)) || 1;
        for (const [c, v] of entries) {
            cols.push(c);
            values.push(v / norm);
        }
        rowPtr[i + 1] = cols.length;
    }
    return { rows: n, cols: idf.length, rowPtr, colIdx: Int32Array.from(cols), values: Float64Array.from(values) };
}
/** Factors (X · V), each row scaled to unit length: n x rank. */
function factorsOf(x, components, rank) {
    const out = new Float64Array(x.rows * rank);
    for (let i = 0; i < x.rows; i++) {
        for (let e = x.rowPtr[i]; e < x.rowPtr[i + 1]; e++) {
            const v = x.values[e];
            const at = x.colIdx[e] * rank;
            for (let j = 0; j < rank; j++)
                out[i * rank + j] += v * components[at + j];
        }
        let norm = 0;
        for (let j = 0; j < rank; j++)
            norm += out[i * rank + j] ** 2;
        norm = Math.sqrt(norm);
        if (norm > 0)
            for (let j = 0; j < rank; j++)
                out[i * rank + j] /= norm;
    }
    return out;
}
function space(artifact, data) {
    const seq = requireSequences(data);
    const column = new Map(artifact.productIds.map((id, c) => [id, c]));
    return factorsOf(matrixOf(seq, data.customerIds.length, column, artifact.idf, data.asOfDay), artifact.components, artifact.rank);
}
exports.svdSegmenter = {
    code: 'svd',
    version: '1.0.0',
    description: 'Taste baseline: truncated SVD (randomized, seeded) of the log- or tf-idf-weighted customer x product matrix, row-normalised factors, k-means.',
    artifactFormat: ARTIFACT_FORMAT,
    params: [
        { name: 'k', type: 'int', default: 0, min: 0, max: 50, description: 'Number of segments; 0 chooses k in [kMin, kMax] by the lowest Davies-Bouldin index.' },
        { name: 'kMin', type: 'int', default: 3, min: 2, max: 50, description: 'Smallest k tried when k = 0.' },
        { name: 'kMax', type: 'int', default: 8, min: 2, max: 50, description: 'Largest k tried when k = 0.' },
        { name: 'nInit', type: 'int', default: 4, min: 1, max: 100, description: 'k-means++ restarts on the factors.' },
        { name: 'rank', type: 'int', default: 32, min: 2, max: 256, description: 'Singular vectors kept.' },
        { name: 'weighting', type: 'string', default: 'tfidf', choices: ['log', 'tfidf'], description: 'log(1 + times bought), times the inverse document frequency with tfidf.' },
        { name: 'vocabSize', type: 'int', default: 5000, min: 10, max: 200_000, description: 'Products with a column (the most bought by distinct customers); the rest are left out.' },
        { name: 'oversample', type: 'int', default: 10, min: 0, max: 100, description: 'Extra random directions of the range finder.' },
        { name: 'powerIterations', type: 'int', default: 4, min: 0, max: 20, description: 'Power iterations of the range finder (more: more exact for slowly decaying spectra).' },
        { name: 'minShare', type: 'float', default: 0.01, min: 0, max: 0.2, description: 'Segments under this share of the customers are folded into their neighbours.' },
    ],
    capabilities: { inputs: ['sequence'], embeds: true, deterministicWithSeed: true, accelerator: 'none' },
    checkParams: { rank: 8, nInit: 2 },
    // Not read by the model: the host's RFM-space metrics and profiles are computed on these.
    featureNames: () => [...sdk_1.DEFAULT_FEATURES],
    validate: (p) => (p.k === 0 && p.kMin > p.kMax ? [`kMin (${p.kMin}) must not be above kMax (${p.kMax})`] : []),
    async fit(data, p, ctx) {
        const seq = requireSequences(data);
        const n = data.customerIds.length;
        ctx.progress({ fraction: 0, message: `building the ${n}-customer product matrix` });
        // Columns: the products bought by the most customers (document frequency), ties by id.
        const df = new Map();
        for (let i = 0; i < n; i++) {
            const seen = new Set();
            for (let e = seq.offsets[i]; e < seq.offsets[i + 1]; e++)
                if (data.asOfDay === undefined || seq.days[e] < data.asOfDay)
                    seen.add(seq.productIds[e]);
            for (const id of seen)
                df.set(id, (df.get(id) ?? 0) + 1);
        }
        const productIds = [...df.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, p.vocabSize).map(([id]) => id);
        if (productIds.length < 2)
            throw new Error('svd needs customers who bought at least two different products');
        const weighting = p.weighting;
        // Smooth idf, as scikit-learn's TfidfTransformer: ln((1 + n) / (1 + df)) + 1.
        const idf = productIds.map((id) => (weighting === 'tfidf' ? Math.log((1 + n) / (1 + df.get(id))) + 1 : 1));
        const column = new Map(productIds.map((id, c) => [id, c]));
        const x = matrixOf(seq, n, column, idf, data.asOfDay);
        if (ctx.signal.aborted)
            throw ctx.signal.reason ?? new Error('cancelled');
        ctx.progress({ fraction: 0.1, message: `randomized SVD of ${n} x ${productIds.length} (${x.values.length} non-zeros), rank ${p.rank}` });
        const svd = (0, randomized_svd_1.randomizedSvd)(x, p.rank, { oversample: p.oversample, powerIterations: p.powerIterations, seed: ctx.seed });
        let total = 0;
        for (const v of x.values)
            total += v * v;
        const kept = svd.singularValues.reduce((s, v) => s + v * v, 0);
        ctx.log(`svd: rank ${svd.rank} keeps ${((100 * kept) / Math.max(total, 1e-12)).toFixed(1)}% of the matrix`);
        const z = factorsOf(x, svd.components, svd.rank);
        const clusters = (0, sdk_1.clusterRows)(z, n, svd.rank, {
            k: p.k,
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
                if (ctx.signal.aborted)
                    throw ctx.signal.reason ?? new Error('cancelled');
                ctx.progress({ fraction: 0.5 + 0.5 * fraction, message });
            },
        });
        return Object.freeze({
            format: ARTIFACT_FORMAT,
            weighting,
            productIds,
            idf,
            rank: svd.rank,
            singularValues: svd.singularValues,
            components: Array.from(svd.components),
            explainedShare: kept / Math.max(total, 1e-12),
            k: clusters.k,
            centroids: Array.from(clusters.centroids),
            kSearch: clusters.kSearch,
        });
    },
    embed(artifact, data) {
        const z = space(artifact, data);
        return Array.from({ length: data.customerIds.length }, (_, i) => z.slice(i * artifact.rank, (i + 1) * artifact.rank));
    },
    assign(artifact, data) {
        const z = space(artifact, data);
        const { labels, distances } = (0, sdk_1.nearest)(z, data.customerIds.length, artifact.rank, Float64Array.from(artifact.centroids), artifact.k);
        return Array.from(labels, (segment, i) => ({ segment, distance: distances[i] }));
    },
    describe(artifact) {
        // Per segment, the products whose columns its centre points at most (the centre mapped back through V).
        return Array.from({ length: artifact.k }, (_, c) => {
            const scores = artifact.productIds.map((id, m) => {
                let s = 0;
                for (let j = 0; j < artifact.rank; j++)
                    s += artifact.components[m * artifact.rank + j] * artifact.centroids[c * artifact.rank + j];
                return { id, s };
            });
            scores.sort((a, b) => b.s - a.s || a.id - b.id);
            return { index: c, basis: 'taste', signatureProductIds: scores.slice(0, 5).map((x) => x.id) };
        });
    },
    summary: (artifact) => ({ k: artifact.k, rank: artifact.rank, weighting: artifact.weighting, products: artifact.productIds.length, explainedShare: artifact.explainedShare, kSearch: artifact.kSearch }),
    serialize: (artifact) => Buffer.from(JSON.stringify(artifact)),
    deserialize(bytes) {
        const artifact = JSON.parse(bytes.toString('utf8'));
        if (artifact.format !== ARTIFACT_FORMAT)
            throw new Error(`svd artifact format ${artifact.format} cannot be loaded by format ${ARTIFACT_FORMAT}`);
        return Object.freeze(artifact);
    },
};
//# sourceMappingURL=svd.segmenter.js.map