import { lowerThreadPriority } from '../ml/thread-priority';
import { parentPort, workerData } from 'node:worker_threads';
import { loadSegmenterModule } from '../registry/segmenter-registry';
import { Prediction, Progress, TrainingSet } from '../registry/segmenter';
import path from 'node:path';
import { parseBackendPreference } from '../ml/backend';
import { createPluginServices, withScratchDir } from '../ml/plugin-services';
import { standardise } from './feature-catalogue';
import { computeMetrics } from '../ml/clustering/metrics';
import { Projection2d, pca2d } from '../ml/projection';
import { threadCount } from '../ml/clustering/kmeans';

/**
 * Runs one `fit` in a worker thread, so training never blocks the server's event loop. It reports progress, honours a
 * `cancel` message through the context's AbortSignal, and answers with the serialised artifact, the assignments of
 * the training customers, the segment descriptions and the metrics.
 */
export interface TrainingJob {
  module: string;
  code: string;
  params: Record<string, unknown>;
  seed: number;
  /** `js` for plugins that use no TensorFlow.js; a TensorFlow.js backend preference (`auto`, `wasm`, ...) for the others. */
  backend: string;
  /** The configured MODELS_DIR: local pretrained text encoders, and this run's scratch folder. */
  modelsDir: string;
  allowRemoteTextEncoders: boolean;
  /** Niceness for this thread (Linux): training yields the CPU to the server's event loop. */
  nice?: number;
  customerIds: number[];
  featureNames: string[];
  features: Float64Array;
  sequences?: TrainingSet['sequences'];
  items?: TrainingSet['items'];
  reviews?: TrainingSet['reviews'];
  asOfDay?: number;
  /** Set to 1 by the runner to cancel; read without the event loop, so a CPU-bound fit sees it. */
  cancelFlag: Int32Array;
}

export type WorkerReply =
  | { type: 'progress'; progress: Progress }
  | { type: 'log'; message: string }
  | { type: 'backend'; name: string }
  | {
      type: 'done';
      artifact: Uint8Array;
      labels: Int32Array;
      distances: Float64Array;
      descriptions: unknown[];
      metrics: Record<string, unknown>;
      /** With a predicting plugin: its predictions of the training customers, in row order. */
      predictions?: { horizonDays: number; rows: Prediction[] };
      /** The segment map: a PCA projection of a sample of the customers (row indices) in the segmentation space. */
      map: Projection2d;
    }
  | { type: 'error'; message: string; cancelled: boolean };


async function run(): Promise<void> {
  const job = workerData as TrainingJob;
  lowerThreadPriority(job.nice ?? 0);
  const port = parentPort!;
  const controller = new AbortController();
  port.on('message', (message: { type: string }) => {
    if (message.type === 'cancel') controller.abort(new Error('cancelled'));
  });
  const post = (reply: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);
  try {
    const segmenter = loadSegmenterModule(job.module);
    const data: TrainingSet = {
      customerIds: job.customerIds,
      featureNames: job.featureNames,
      features: job.features,
      sequences: job.sequences,
      items: job.items,
      reviews: job.reviews,
      asOfDay: job.asOfDay,
    };
    const services = createPluginServices({
      backend: segmenter.capabilities.accelerator === 'none' ? 'portable' : parseBackendPreference(job.backend),
      modelsDir: job.modelsDir,
      allowRemoteTextEncoders: job.allowRemoteTextEncoders,
      log: (message) => post({ type: 'log', message }),
    });
    // A TensorFlow.js plugin trains on the backend chosen here, reported before it starts; the others run plain
    // JavaScript (`js`) and never load TensorFlow.js.
    const threads = typeof job.params.threads === 'number' ? threadCount(job.customerIds.length, job.params.threads) : 1;
    const backend = segmenter.capabilities.accelerator === 'none' ? `js (${threads} thread${threads === 1 ? '' : 's'})` : (await services.tensorflow()).backend;
    post({ type: 'backend', name: backend });
    let lastPost = 0;
    let lastFraction = -1;
    const artifact = await withScratchDir(path.join(job.modelsDir, '.scratch'), (scratchDir) => segmenter.fit(data, job.params, {
      ...services,
      seed: job.seed,
      scratchDir,
      signal: controller.signal,
      progress: (progress) => {
        // A synchronous fit never lets the 'cancel' message through, so the shared flag is read here too.
        if (Atomics.load(job.cancelFlag, 0) === 1 && !controller.signal.aborted) controller.abort(new Error('cancelled'));
        // The runner stores a few updates a second; sending every one of thousands would only cost copies.
        const now = Date.now();
        // Epoch summaries (validation loss) always go through.
        if (now - lastPost < 50 && progress.fraction - lastFraction < 0.05 && progress.validationLoss === undefined) return;
        lastPost = now;
        lastFraction = progress.fraction;
        post({ type: 'progress', progress });
      },
    }));
    if (controller.signal.aborted) throw controller.signal.reason;
    const bytes = segmenter.serialize(artifact);
    const assignments = await segmenter.assign(artifact, data, services);
    const n = job.customerIds.length;
    const d = job.featureNames.length;
    const labels = Int32Array.from(assignments, (a) => a.segment);
    const distances = Float64Array.from(assignments, (a) => a.distance);
    const descriptions = segmenter.describe(artifact);
    const k = Math.max(descriptions.length, labels.reduce((m, l) => Math.max(m, l + 1), 0));
    // Internal metrics in the space the plugin segmented (an embedding plugin's own; else the standardised features),
    // and on the standardised features under their own names, whatever the plugin (comparable across plugins).
    const standardised = standardise(job.features, n, d).z;
    const rfm = computeMetrics(standardised, n, d, labels, k, job.seed);
    let own = rfm;
    let space = { z: standardised, width: d };
    if (segmenter.embed) {
      // Another pass of the plugin over every customer (a network's forward pass): said, so that progress never
      // stands still without a word.
      post({ type: 'progress', progress: { fraction: Math.max(lastFraction, 0), message: `metrics in the segmentation space of ${n} customers` } });
      const rows = await segmenter.embed(artifact, data, services);
      const width = rows[0]?.length ?? 0;
      const z = new Float64Array(n * width);
      for (let i = 0; i < n; i++) z.set(rows[i], i * width);
      own = computeMetrics(z, n, width, labels, k, job.seed);
      space = { z, width };
    }
    // The segment map: a 2-D projection of a sample of customers in that same space, stored with the version.
    const map = pca2d(space.z, n, space.width, job.seed);
    const metrics: Record<string, unknown> = {
      ...own,
      metricSpace: segmenter.embed ? 'embedding' : 'features',
      rfmSilhouette: rfm.silhouette,
      rfmDaviesBouldin: rfm.daviesBouldin,
      rfmCalinskiHarabasz: rfm.calinskiHarabasz,
    };
    if (segmenter.summary) metrics.extra = segmenter.summary(artifact);
    let predictions: { horizonDays: number; rows: Prediction[] } | undefined;
    if (segmenter.capabilities.predicts && segmenter.predict && segmenter.horizonDays && segmenter.horizonDays(artifact) > 0) {
      predictions = { horizonDays: segmenter.horizonDays(artifact), rows: await segmenter.predict(artifact, data, services) };
    }
    const artifactBytes = new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    post({ type: 'done', artifact: artifactBytes, labels, distances, descriptions, metrics, predictions, map }, [artifactBytes.buffer as ArrayBuffer, labels.buffer, distances.buffer, map.rows.buffer as ArrayBuffer, map.x.buffer as ArrayBuffer, map.y.buffer as ArrayBuffer]);
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err), cancelled: controller.signal.aborted });
  }
}

void run();
