"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LoadedModels = void 0;
/**
 * Versions' artifacts, read from disk and deserialised once per process and shared by every service that assigns
 * with them (real-time assignment, evaluation): a transformer's weights are loaded once, not once per caller.
 * Versions are immutable, so nothing ever needs invalidating.
 */
class LoadedModels {
    registry;
    artifacts;
    context;
    cache = new Map();
    constructor(registry, artifacts, 
    /** What plugins get when they assign or embed in this thread (the API thread: wasm or cpu, never native). */
    context) {
        this.registry = registry;
        this.artifacts = artifacts;
        this.context = context;
    }
    get(version) {
        const segmenter = this.registry.get(version.segmenter);
        let artifact = this.cache.get(version.id);
        if (artifact === undefined) {
            artifact = segmenter.deserialize(this.artifacts.read(version.artifactPath, { sha256: version.artifactSha256, code: segmenter.code, artifactFormat: segmenter.artifactFormat }));
            this.cache.set(version.id, artifact);
        }
        return { segmenter, artifact, context: this.context };
    }
}
exports.LoadedModels = LoadedModels;
//# sourceMappingURL=loaded-models.js.map