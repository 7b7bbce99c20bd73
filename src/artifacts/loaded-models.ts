import { ModelVersion } from '../entities';
import { AssignContext, Segmenter } from '../registry/segmenter';
import { SegmenterRegistry } from '../registry/segmenter-registry';
import { ArtifactStore } from './artifact-store';

/**
 * Versions' artifacts, read from disk (or the shared store) and deserialised once per process and shared by every service that assigns
 * with them (real-time assignment, evaluation): a transformer's weights are loaded once, not once per caller.
 * Versions are immutable, so nothing ever needs invalidating.
 */
export class LoadedModels {
  private readonly cache = new Map<number, Promise<unknown>>();

  constructor(
    private readonly registry: SegmenterRegistry,
    private readonly artifacts: ArtifactStore,
    /** What plugins get when they assign or embed in this thread (the API thread: wasm or cpu, never native). */
    readonly context: AssignContext,
  ) {}

  async get(version: ModelVersion): Promise<{ segmenter: Segmenter; artifact: unknown; context: AssignContext }> {
    const segmenter = this.registry.get(version.segmenter);
    let artifact = this.cache.get(version.id);
    if (artifact === undefined) {
      // The load itself is cached: callers arriving together share one read and one copy of the weights.
      artifact = this.artifacts
        .readShared(version.artifactPath, { sha256: version.artifactSha256, code: segmenter.code, artifactFormat: segmenter.artifactFormat })
        .then((bytes) => segmenter.deserialize(bytes));
      this.cache.set(version.id, artifact);
      (artifact as Promise<unknown>).catch(() => this.cache.delete(version.id));
    }
    return { segmenter, artifact: await artifact, context: this.context };
  }
}
