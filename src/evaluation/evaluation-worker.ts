import { lowerThreadPriority } from '../ml/thread-priority';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { parseBackendPreference } from '../ml/backend';
import { createPluginServices } from '../ml/plugin-services';
import { loadSegmenterModule } from '../registry/segmenter-registry';
import { TrainingSet } from '../registry/segmenter';
import { DatabaseConfig } from '../config/config';
import { openWorkerConnection, queryCounter } from '../db/database';
import { EvaluationInput, EvaluationMetrics, Outcomes, evaluateVersion } from './evaluate';
import { EvaluationData, evaluationDataServices, loadEvaluationData } from './evaluation-data';

/**
 * Evaluates one version in a worker thread, so that reading the data, assigning, embedding and the bootstrap refits
 * never block the server's event loop: it reads the data on a connection of its own (`load`), loads the plugin module
 * by path, deserialises the artifact bytes the runner read, and answers with the metrics. Progress is reported per step and per bootstrap; a `cancel` message or the shared flag
 * stops it between steps (and aborts a refit through its signal).
 */
export interface EvaluationJob {
  module: string;
  code: string;
  /** The artifact file's bytes (transferred). */
  artifact: Uint8Array;
  /** A TensorFlow.js backend preference for plugins that use an accelerator; ignored by the others. */
  backend: string;
  modelsDir: string;
  allowRemoteTextEncoders: boolean;
  nice?: number;
  versionId: number;
  params: Record<string, unknown>;
  versionAsOf: number;
  asOf: number;
  horizonDays: number;
  bootstraps: number;
  /** The data, read by the runner (an in-memory SQLite database, which only its connection sees)... */
  data?: TrainingSet;
  outcome?: Outcomes;
  truth?: Int32Array;
  /** ...or read here, on a connection of this thread's own. */
  load?: { database: DatabaseConfig; featureNames: string[] };
  /** Set to 1 by the runner to cancel; read without the event loop. */
  cancelFlag: Int32Array;
}

export type EvaluationWorkerReply =
  | { type: 'progress'; fraction: number; message: string }
  | { type: 'log'; message: string }
  /** Statements sent on this thread's own connection (counted as the server's). */
  | { type: 'statements'; count: number }
  | { type: 'done'; metrics: EvaluationMetrics }
  | { type: 'error'; message: string; cancelled: boolean };


async function run(): Promise<void> {
  const job = workerData as EvaluationJob;
  lowerThreadPriority(job.nice ?? 0);
  const port = parentPort!;
  const controller = new AbortController();
  port.on('message', (message: { type: string }) => {
    if (message.type === 'cancel') controller.abort(new Error('cancelled'));
  });
  const post = (reply: EvaluationWorkerReply) => port.postMessage(reply);
  const cancelled = () => {
    if (Atomics.load(job.cancelFlag, 0) === 1 && !controller.signal.aborted) controller.abort(new Error('cancelled'));
    return controller.signal.aborted;
  };
  try {
    const segmenter = loadSegmenterModule(job.module);
    const services = createPluginServices({
      backend: segmenter.capabilities.accelerator === 'none' ? 'portable' : parseBackendPreference(job.backend),
      modelsDir: job.modelsDir,
      allowRemoteTextEncoders: job.allowRemoteTextEncoders,
      log: (message) => post({ type: 'log', message }),
    });
    const artifact = segmenter.deserialize(Buffer.from(job.artifact.buffer, job.artifact.byteOffset, job.artifact.byteLength));
    const loaded = job.load ? await readData(job, segmenter, cancelled, post) : ({ data: job.data!, outcome: job.outcome!, truth: job.truth! } satisfies EvaluationData);
    post({ type: 'progress', fraction: 0.01, message: `evaluating ${loaded.data.customerIds.length} customers` });
    const input: EvaluationInput = {
      versionId: job.versionId,
      params: job.params,
      versionAsOf: job.versionAsOf,
      asOf: job.asOf,
      horizonDays: job.horizonDays,
      bootstraps: job.bootstraps,
      ...loaded,
    };
    let lastPost = 0;
    const metrics = await evaluateVersion(segmenter, artifact, services, input, {
      scratchRoot: path.join(job.modelsDir, '.scratch'),
      signal: controller.signal,
      cancelled,
      progress: (fraction, message) => {
        // Steps are few (a handful plus one per bootstrap), but a fast plugin could still report in a burst.
        const now = Date.now();
        if (now - lastPost < 20 && fraction < 1) return;
        lastPost = now;
        post({ type: 'progress', fraction, message });
      },
    });
    post({ type: 'done', metrics });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err), cancelled: controller.signal.aborted || (err as { cancelled?: boolean })?.cancelled === true });
  }
}

/** The evaluation's data, on a connection of this thread's own (closed before the evaluation computes). */
async function readData(job: EvaluationJob, segmenter: ReturnType<typeof loadSegmenterModule>, cancelled: () => boolean, post: (reply: EvaluationWorkerReply) => void): Promise<EvaluationData> {
  const dataSource = await openWorkerConnection(job.load!.database);
  // The data's statements, not the connection's own set-up (as the export threads count).
  const before = queryCounter(dataSource).total;
  try {
    return await loadEvaluationData(dataSource, evaluationDataServices(dataSource), {
      segmenter,
      featureNames: job.load!.featureNames,
      asOf: new Date(job.asOf),
      horizonDays: job.horizonDays,
      cancelled,
      progress: (fraction, message) => post({ type: 'progress', fraction, message }),
    });
  } finally {
    post({ type: 'statements', count: queryCounter(dataSource).total - before });
    await dataSource.destroy();
  }
}

// Only as a worker thread (the runner imports nothing but this module's types).
if (parentPort) void run();
