import { lowerThreadPriority } from './thread-priority';
import { parentPort } from 'node:worker_threads';
import { createPluginServices } from './plugin-services';
import { loadSegmenterModule } from '../registry/segmenter-registry';
import { Assignment, Prediction, Segmenter, TrainingSet } from '../registry/segmenter';

/** Messages to the scoring thread: load a version's artifact once, then score chunks of customers with it. */
export type ScoringRequest =
  | { type: 'load'; versionId: number; module: string; artifact: Uint8Array; modelsDir: string; allowRemoteTextEncoders: boolean; nice: number }
  | { type: 'score'; id: number; versionId: number; data: TrainingSet; predict: boolean }
  | { type: 'forget'; versionId: number };

export type ScoringReply = { type: 'scored'; id: number; assignments: Assignment[]; predictions: Prediction[] | null } | { type: 'error'; id: number; message: string } | { type: 'log'; message: string };


/**
 * The re-scoring thread: the plugins' `assign` and `predict` (a transformer's forward passes) run here, never on the
 * server's event loop. Artifacts are deserialised once per version and kept.
 */
function serve(): void {
  const port = parentPort!;
  const loaded = new Map<number, { segmenter: Segmenter; artifact: unknown; context: ReturnType<typeof createPluginServices> }>();
  let lowered = false;
  const post = (reply: ScoringReply) => port.postMessage(reply);
  port.on('message', (message: ScoringRequest) => {
    if (message.type === 'load') {
      if (!lowered) {
        lowerThreadPriority(message.nice);
        lowered = true;
      }
      const segmenter = loadSegmenterModule(message.module);
      const artifact = segmenter.deserialize(Buffer.from(message.artifact.buffer, message.artifact.byteOffset, message.artifact.byteLength));
      const context = createPluginServices({ backend: 'portable', modelsDir: message.modelsDir, allowRemoteTextEncoders: message.allowRemoteTextEncoders, log: (line) => post({ type: 'log', message: line }) });
      loaded.set(message.versionId, { segmenter, artifact, context });
      return;
    }
    if (message.type === 'forget') {
      loaded.delete(message.versionId);
      return;
    }
    void (async () => {
      const model = loaded.get(message.versionId);
      if (!model) throw new Error(`version ${message.versionId} is not loaded in the scoring thread`);
      const assignments = await model.segmenter.assign(model.artifact, message.data, model.context);
      const predictions = message.predict && model.segmenter.predict ? await model.segmenter.predict(model.artifact, message.data, model.context) : null;
      post({ type: 'scored', id: message.id, assignments, predictions });
    })().catch((err: unknown) => post({ type: 'error', id: message.id, message: err instanceof Error ? err.message : String(err) }));
  });
}

if (parentPort) serve();
