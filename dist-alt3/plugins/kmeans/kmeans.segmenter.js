"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.kmeansSegmenter = void 0;
const sdk_1 = require("../../src/sdk");
const ARTIFACT_FORMAT = 1;
/** Standardised (and, for cosine, unit-length) rows. */
function prepare(x, n, d, distance, stats) {
    const s = (0, sdk_1.standardise)(x, n, d, stats);
    if (distance === 'cosine') {
        for (let i = 0; i < n; i++) {
            let norm = 0;
            for (let f = 0; f < d; f++)
                norm += s.z[i * d + f] ** 2;
            norm = Math.sqrt(norm) || 1;
            for (let f = 0; f < d; f++)
                s.z[i * d + f] /= norm;
        }
    }
    return s;
}
exports.kmeansSegmenter = {
    code: 'kmeans',
    version: '1.0.0',
    description: 'k-means on standardised, log-scaled RFM features (k-means++ restarts; k chosen by Davies-Bouldin when k = 0).',
    artifactFormat: ARTIFACT_FORMAT,
    params: [
        { name: 'k', type: 'int', default: 0, min: 0, max: 50, description: 'Number of segments; 0 chooses k in [kMin, kMax] by the lowest Davies-Bouldin index.' },
        { name: 'kMin', type: 'int', default: 3, min: 2, max: 50, description: 'Smallest k tried when k = 0.' },
        { name: 'kMax', type: 'int', default: 8, min: 2, max: 50, description: 'Largest k tried when k = 0.' },
        { name: 'nInit', type: 'int', default: 4, min: 1, max: 100, description: 'k-means++ restarts; the lowest inertia wins.' },
        { name: 'maxIter', type: 'int', default: 300, min: 1, max: 10_000, description: 'Most Lloyd iterations per restart.' },
        { name: 'tol', type: 'float', default: 1e-4, min: 0, max: 1, description: 'Converged when centres move less than tol x the mean feature variance.' },
        { name: 'distance', type: 'string', default: 'euclidean', choices: ['euclidean', 'cosine'], description: 'Euclidean, or cosine (spherical k-means on unit-length rows).' },
        {
            name: 'threads',
            type: 'int',
            default: 0,
            min: 0,
            max: 8,
            description: 'Threads for the passes over the rows; 0 = every core from 200,000 customers, else one. Set 1 to keep a core free for the API.',
        },
        { name: 'features', type: 'string[]', default: sdk_1.DEFAULT_FEATURES, choices: sdk_1.FEATURE_NAMES, description: 'Features to cluster on (standardised).' },
    ],
    capabilities: { inputs: ['numeric'], embeds: false, deterministicWithSeed: true, accelerator: 'none' },
    featureNames: (params) => params.features,
    validate: (params) => (params.k === 0 && params.kMin > params.kMax ? [`kMin (${params.kMin}) must not be above kMax (${params.kMax})`] : []),
    async fit(data, params, ctx) {
        const n = data.customerIds.length;
        const d = data.featureNames.length;
        const distance = params.distance;
        const { z, means, stds } = prepare(data.features, n, d, distance);
        const result = (0, sdk_1.clusterRows)(z, n, d, {
            k: params.k,
            kMin: params.kMin,
            kMax: params.kMax,
            nInit: params.nInit,
            maxIter: params.maxIter,
            tol: params.tol,
            threads: params.threads,
            seed: ctx.seed,
            log: (message) => ctx.log(message),
            checkpoint: (fraction, message) => {
                if (ctx.signal.aborted)
                    throw ctx.signal.reason ?? new Error('cancelled');
                ctx.progress({ fraction, message });
            },
        });
        return Object.freeze({
            format: ARTIFACT_FORMAT,
            featureNames: Object.freeze([...data.featureNames]),
            means: Object.freeze(means),
            stds: Object.freeze(stds),
            distance,
            k: result.k,
            centroids: Object.freeze(Array.from(result.centroids)),
            inertia: result.inertia,
            iterations: result.iterations,
            kSearch: Object.freeze(result.kSearch),
        });
    },
    assign(artifact, data) {
        const n = data.customerIds.length;
        const d = artifact.featureNames.length;
        if (data.featureNames.join() !== artifact.featureNames.join()) {
            throw new Error(`this model was fitted on features ${artifact.featureNames.join(', ')}, got ${data.featureNames.join(', ')}`);
        }
        const { z } = prepare(data.features, n, d, artifact.distance, { means: [...artifact.means], stds: [...artifact.stds] });
        const { labels, distances } = (0, sdk_1.nearest)(z, n, d, Float64Array.from(artifact.centroids), artifact.k);
        return Array.from(labels, (segment, i) => ({ segment, distance: distances[i] }));
    },
    describe(artifact) {
        const d = artifact.featureNames.length;
        return Array.from({ length: artifact.k }, (_, c) => ({
            index: c,
            centroid: Object.fromEntries(artifact.featureNames.map((name, f) => [name, artifact.centroids[c * d + f] * artifact.stds[f] + artifact.means[f]])),
        }));
    },
    summary: (artifact) => ({ k: artifact.k, iterations: artifact.iterations, distance: artifact.distance, kSearch: artifact.kSearch }),
    serialize: (artifact) => Buffer.from(JSON.stringify(artifact)),
    deserialize(bytes) {
        const artifact = JSON.parse(bytes.toString('utf8'));
        if (artifact.format !== ARTIFACT_FORMAT)
            throw new Error(`kmeans artifact format ${artifact.format} cannot be loaded by format ${ARTIFACT_FORMAT}`);
        return Object.freeze(artifact);
    },
};
//# sourceMappingURL=kmeans.segmenter.js.map