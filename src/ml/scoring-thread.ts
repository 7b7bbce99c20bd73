import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ArtifactStore } from '../artifacts/artifact-store';
import { ModelVersion } from '../entities';
import { Assignment, Prediction, TrainingSet } from '../registry/segmenter';
import { SegmenterRegistry } from '../registry/segmenter-registry';
import type { ScoringReply, ScoringRequest } from './scoring-worker';

export interface ScoringThreadOptions {
  modelsDir: string;
  allowRemoteTextEncoders: boolean;
  /** The thread's niceness (TRAINING_NICE). */
  nice: number;
  log: (line: string) => void;
}

/** Versions whose artifacts the thread keeps (the aliased ones, usually a handful). */
const KEPT_VERSIONS = 8;

/**
 * One worker thread per process that assigns (and predicts) for re-scoring jobs, started on first use: the event loop
 * only reads features and writes results. Each version's artifact bytes are sent once; the thread keeps the
 * deserialised artifacts of the last KEPT_VERSIONS versions.
 */
export class ScoringThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: { assignments: Assignment[]; predictions: Prediction[] | null }) => void; reject: (err: Error) => void }>();
  private readonly loaded: number[] = [];

  constructor(
    private readonly registry: SegmenterRegistry,
    private readonly artifacts: ArtifactStore,
    private readonly options: ScoringThreadOptions,
  ) {}

  async score(version: ModelVersion, data: TrainingSet, predict: boolean): Promise<{ assignments: Assignment[]; predictions: Prediction[] | null }> {
    const worker = this.start();
    if (!this.loaded.includes(version.id)) {
      const segmenter = this.registry.get(version.segmenter);
      const bytes = await this.artifacts.readShared(version.artifactPath, { sha256: version.artifactSha256, code: segmenter.code, artifactFormat: segmenter.artifactFormat });
      if (!this.loaded.includes(version.id)) {
        const artifact = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        this.send(worker, { type: 'load', versionId: version.id, module: this.registry.moduleOf(segmenter.code), artifact, modelsDir: this.options.modelsDir, allowRemoteTextEncoders: this.options.allowRemoteTextEncoders, nice: this.options.nice });
        this.loaded.push(version.id);
        if (this.loaded.length > KEPT_VERSIONS) this.send(worker, { type: 'forget', versionId: this.loaded.shift()! });
      }
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send(worker, { type: 'score', id, versionId: version.id, data, predict });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private send(worker: Worker, message: ScoringRequest): void {
    worker.postMessage(message);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(path.join(__dirname, 'scoring-worker.js'));
    worker.unref();
    worker.on('message', (reply: ScoringReply) => {
      if (reply.type === 'log') return this.options.log(`scoring thread: ${reply.message}`);
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.type === 'scored') waiting.resolve({ assignments: reply.assignments, predictions: reply.predictions });
      else waiting.reject(new Error(reply.message));
    });
    // A thread that dies fails what it had; the next call starts a new one (and loads the versions again).
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      this.loaded.length = 0;
      for (const [, waiting] of this.pending) waiting.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the scoring thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}
