import { Assignment, DEFAULT_FEATURES, kRangeProblems, FitContext, Segmenter, SegmentDescription, SequenceSet, TrainingSet, clusterRows, nearest } from '../../src/sdk';
import { CsrMatrix, randomizedSvd } from './randomized-svd';

/**
 * The classical taste baseline a data scientist tries first: the customer x product matrix (how often each customer
 * bought each product, log- or tf-idf-weighted, rows of unit length), a truncated SVD (randomized, seeded), each
 * customer's factors normalised to unit length, then k-means (the shared clustering code). Customers are grouped by
 * what they buy, not by how much or how recently.
 */
export interface SvdArtifact {
  readonly format: 1;
  readonly weighting: 'log' | 'tfidf';
  /** The products with a column, most bought first. */
  readonly productIds: readonly number[];
  /** Per column, the inverse document frequency (1 with `log` weighting). */
  readonly idf: readonly number[];
  readonly rank: number;
  readonly singularValues: readonly number[];
  /** Right singular vectors, products x rank, row-major. */
  readonly components: readonly number[];
  /** Share of the matrix's squared norm the factors keep. */
  readonly explainedShare: number;
  readonly k: number;
  readonly centroids: readonly number[];
  readonly kSearch: ReadonlyArray<{ k: number; daviesBouldin: number; silhouette: number }>;
}

const ARTIFACT_FORMAT = 1;

function requireSequences(data: TrainingSet): SequenceSet {
  if (!data.sequences) throw new Error('svd reads purchase sequences; the training set has none');
  return data.sequences;
}

/** Each customer's history before the cut-off as a weighted, unit-length row over the artifact's products. */
function matrixOf(seq: SequenceSet, n: number, column: Map<number, number>, idf: readonly number[], asOfDay: number | undefined): CsrMatrix {
  const rowPtr = new Int32Array(n + 1);
  const cols: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const counts = new Map<number, number>();
    for (let e = seq.offsets[i]; e < seq.offsets[i + 1]; e++) {
      if (asOfDay !== undefined && seq.days[e] >= asOfDay) continue;
      const c = column.get(seq.productIds[e]);
      if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const entries = [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([c, count]) => [c, Math.log1p(count) * idf[c]] as const);
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
function factorsOf(x: CsrMatrix, components: ArrayLike<number>, rank: number): Float64Array {
  const out = new Float64Array(x.rows * rank);
  for (let i = 0; i < x.rows; i++) {
    for (let e = x.rowPtr[i]; e < x.rowPtr[i + 1]; e++) {
      const v = x.values[e];
      const at = x.colIdx[e] * rank;
      for (let j = 0; j < rank; j++) out[i * rank + j] += v * components[at + j];
    }
    let norm = 0;
    for (let j = 0; j < rank; j++) norm += out[i * rank + j] ** 2;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let j = 0; j < rank; j++) out[i * rank + j] /= norm;
  }
  return out;
}

function space(artifact: SvdArtifact, data: TrainingSet): Float64Array {
  const seq = requireSequences(data);
  const column = new Map(artifact.productIds.map((id, c) => [id, c]));
  return factorsOf(matrixOf(seq, data.customerIds.length, column, artifact.idf, data.asOfDay), artifact.components, artifact.rank);
}

export const svdSegmenter: Segmenter<SvdArtifact> = {
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
  featureNames: () => [...DEFAULT_FEATURES],
  validate: kRangeProblems,

  async fit(data: TrainingSet, p: Record<string, unknown>, ctx: FitContext): Promise<SvdArtifact> {
    const seq = requireSequences(data);
    const n = data.customerIds.length;
    ctx.progress({ fraction: 0, message: `building the ${n}-customer product matrix` });
    // Columns: the products bought by the most customers (document frequency), ties by id.
    const df = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const seen = new Set<number>();
      for (let e = seq.offsets[i]; e < seq.offsets[i + 1]; e++) if (data.asOfDay === undefined || seq.days[e] < data.asOfDay) seen.add(seq.productIds[e]);
      for (const id of seen) df.set(id, (df.get(id) ?? 0) + 1);
    }
    const productIds = [...df.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, p.vocabSize as number).map(([id]) => id);
    if (productIds.length < 2) throw new Error('svd needs customers who bought at least two different products');
    const weighting = p.weighting as 'log' | 'tfidf';
    // Smooth idf, as scikit-learn's TfidfTransformer: ln((1 + n) / (1 + df)) + 1.
    const idf = productIds.map((id) => (weighting === 'tfidf' ? Math.log((1 + n) / (1 + df.get(id)!)) + 1 : 1));
    const column = new Map(productIds.map((id, c) => [id, c]));
    const x = matrixOf(seq, n, column, idf, data.asOfDay);
    if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('cancelled');
    ctx.progress({ fraction: 0.1, message: `randomized SVD of ${n} x ${productIds.length} (${x.values.length} non-zeros), rank ${p.rank}` });
    const svd = randomizedSvd(x, p.rank as number, { oversample: p.oversample as number, powerIterations: p.powerIterations as number, seed: ctx.seed });
    let total = 0;
    for (const v of x.values) total += v * v;
    const kept = svd.singularValues.reduce((s, v) => s + v * v, 0);
    ctx.log(`svd: rank ${svd.rank} keeps ${((100 * kept) / Math.max(total, 1e-12)).toFixed(1)}% of the matrix`);
    const z = factorsOf(x, svd.components, svd.rank);
    const clusters = clusterRows(z, n, svd.rank, {
      k: p.k as number,
      kMin: p.kMin as number,
      kMax: p.kMax as number,
      nInit: p.nInit as number,
      maxIter: 300,
      tol: 1e-4,
      threads: 1,
      seed: ctx.seed,
      minShare: p.minShare as number,
      log: (m) => ctx.log(m),
      checkpoint: (fraction, message) => {
        if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('cancelled');
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
    }) as SvdArtifact;
  },

  embed(artifact, data) {
    const z = space(artifact, data);
    return Array.from({ length: data.customerIds.length }, (_, i) => z.slice(i * artifact.rank, (i + 1) * artifact.rank));
  },

  assign(artifact: SvdArtifact, data: TrainingSet): Assignment[] {
    const z = space(artifact, data);
    const { labels, distances } = nearest(z, data.customerIds.length, artifact.rank, Float64Array.from(artifact.centroids), artifact.k);
    return Array.from(labels, (segment, i) => ({ segment, distance: distances[i] }));
  },

  describe(artifact: SvdArtifact): SegmentDescription[] {
    // Per segment, the products whose columns its centre points at most (the centre mapped back through V).
    return Array.from({ length: artifact.k }, (_, c) => {
      const scores = artifact.productIds.map((id, m) => {
        let s = 0;
        for (let j = 0; j < artifact.rank; j++) s += artifact.components[m * artifact.rank + j] * artifact.centroids[c * artifact.rank + j];
        return { id, s };
      });
      scores.sort((a, b) => b.s - a.s || a.id - b.id);
      return { index: c, basis: 'taste', signatureProductIds: scores.slice(0, 5).map((x) => x.id) };
    });
  },

  summary: (artifact) => ({ k: artifact.k, rank: artifact.rank, weighting: artifact.weighting, products: artifact.productIds.length, explainedShare: artifact.explainedShare, kSearch: artifact.kSearch }),

  serialize: (artifact) => Buffer.from(JSON.stringify(artifact)),

  deserialize(bytes: Buffer): SvdArtifact {
    const artifact = JSON.parse(bytes.toString('utf8')) as SvdArtifact;
    if (artifact.format !== ARTIFACT_FORMAT) throw new Error(`svd artifact format ${artifact.format} cannot be loaded by format ${ARTIFACT_FORMAT}`);
    return Object.freeze(artifact);
  },
};
