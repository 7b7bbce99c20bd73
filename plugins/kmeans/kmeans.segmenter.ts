import { Assignment, DEFAULT_FEATURES, kRangeProblems, FEATURE_NAMES, FitContext, Segmenter, SegmentDescription, TrainingSet, clusterRows, nearest, standardise } from '../../src/sdk';

/** What a fitted k-means model is: the scaler, the centres (in standardised units) and how k was chosen. */
export interface KMeansArtifact {
  readonly format: 1;
  readonly featureNames: readonly string[];
  readonly means: readonly number[];
  readonly stds: readonly number[];
  readonly distance: 'euclidean' | 'cosine';
  readonly k: number;
  readonly centroids: readonly number[];
  readonly inertia: number;
  readonly iterations: number;
  /** Davies-Bouldin and silhouette per k tried, when k was chosen automatically. */
  readonly kSearch: ReadonlyArray<{ k: number; daviesBouldin: number; silhouette: number }>;
}

const ARTIFACT_FORMAT = 1;

/** Standardised (and, for cosine, unit-length) rows. */
function prepare(x: Float64Array, n: number, d: number, distance: string, stats?: { means: number[]; stds: number[] }) {
  const s = standardise(x, n, d, stats);
  if (distance === 'cosine') {
    for (let i = 0; i < n; i++) {
      let norm = 0;
      for (let f = 0; f < d; f++) norm += s.z[i * d + f] ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let f = 0; f < d; f++) s.z[i * d + f] /= norm;
    }
  }
  return s;
}

export const kmeansSegmenter: Segmenter<KMeansArtifact> = {
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
    { name: 'features', type: 'string[]', default: DEFAULT_FEATURES, choices: FEATURE_NAMES, description: 'Features to cluster on (standardised).' },
  ],
  capabilities: { inputs: ['numeric'], embeds: false, deterministicWithSeed: true, accelerator: 'none' },

  featureNames: (params) => params.features as string[],
  validate: kRangeProblems,

  async fit(data: TrainingSet, params: Record<string, unknown>, ctx: FitContext): Promise<KMeansArtifact> {
    const n = data.customerIds.length;
    const d = data.featureNames.length;
    const distance = params.distance as 'euclidean' | 'cosine';
    const { z, means, stds } = prepare(data.features, n, d, distance);
    const result = clusterRows(z, n, d, {
      k: params.k as number,
      kMin: params.kMin as number,
      kMax: params.kMax as number,
      nInit: params.nInit as number,
      maxIter: params.maxIter as number,
      tol: params.tol as number,
      threads: params.threads as number,
      seed: ctx.seed,
      log: (message) => ctx.log(message),
      checkpoint: (fraction, message) => {
        if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('cancelled');
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
    }) as KMeansArtifact;
  },

  assign(artifact: KMeansArtifact, data: TrainingSet): Assignment[] {
    const n = data.customerIds.length;
    const d = artifact.featureNames.length;
    if (data.featureNames.join() !== artifact.featureNames.join()) {
      throw new Error(`this model was fitted on features ${artifact.featureNames.join(', ')}, got ${data.featureNames.join(', ')}`);
    }
    const { z } = prepare(data.features, n, d, artifact.distance, { means: [...artifact.means], stds: [...artifact.stds] });
    const { labels, distances } = nearest(z, n, d, Float64Array.from(artifact.centroids), artifact.k);
    return Array.from(labels, (segment, i) => ({ segment, distance: distances[i] }));
  },

  describe(artifact: KMeansArtifact): SegmentDescription[] {
    const d = artifact.featureNames.length;
    return Array.from({ length: artifact.k }, (_, c) => ({
      index: c,
      centroid: Object.fromEntries(artifact.featureNames.map((name, f) => [name, artifact.centroids[c * d + f] * artifact.stds[f] + artifact.means[f]])),
    }));
  },

  summary: (artifact) => ({ k: artifact.k, iterations: artifact.iterations, distance: artifact.distance, kSearch: artifact.kSearch }),

  serialize: (artifact) => Buffer.from(JSON.stringify(artifact)),

  deserialize(bytes: Buffer): KMeansArtifact {
    const artifact = JSON.parse(bytes.toString('utf8')) as KMeansArtifact;
    if (artifact.format !== ARTIFACT_FORMAT) throw new Error(`kmeans artifact format ${artifact.format} cannot be loaded by format ${ARTIFACT_FORMAT}`);
    return Object.freeze(artifact);
  },
};
