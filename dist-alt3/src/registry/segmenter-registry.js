"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SegmenterRegistry = void 0;
exports.loadSegmenterModule = loadSegmenterModule;
const errors_1 = require("../errors");
/**
 * The segmenters this server offers: an explicit list, checked once at start-up. Duplicate codes are refused; an
 * unknown code is BAD_USER_INPUT naming the known ones.
 */
class SegmenterRegistry {
    modules;
    byCode = new Map();
    constructor(segmenters, 
    /** The module each segmenter came from, so a worker thread can load the same one. */
    modules = new Map()) {
        this.modules = modules;
        for (const segmenter of segmenters) {
            checkShape(segmenter);
            if (this.byCode.has(segmenter.code))
                throw new Error(`two segmenter plugins use the code "${segmenter.code}"`);
            this.byCode.set(segmenter.code, segmenter);
        }
    }
    /** Loads the plugins from module paths or package names (see `pluginModules`). */
    static load(modules) {
        const segmenters = [];
        const origin = new Map();
        for (const spec of modules) {
            const segmenter = loadSegmenterModule(spec);
            if (origin.has(segmenter.code))
                throw new Error(`two segmenter plugins use the code "${segmenter.code}": ${origin.get(segmenter.code)} and ${spec}`);
            origin.set(segmenter.code, spec);
            segmenters.push(segmenter);
        }
        return new SegmenterRegistry(segmenters, origin);
    }
    list() {
        return [...this.byCode.values()];
    }
    get(code) {
        const segmenter = this.byCode.get(code);
        if (!segmenter)
            throw (0, errors_1.badUserInput)(`unknown segmenter "${code}"; known: ${[...this.byCode.keys()].join(', ')}`, { known: [...this.byCode.keys()] });
        return segmenter;
    }
    moduleOf(code) {
        const spec = this.modules.get(code);
        if (!spec)
            throw new Error(`segmenter "${code}" was not loaded from a module, so it cannot run in a worker`);
        return spec;
    }
}
exports.SegmenterRegistry = SegmenterRegistry;
/** Requires a plugin module and finds its segmenter (default export, `segmenter` export, or the only export). */
function loadSegmenterModule(spec) {
    let loaded;
    try {
        // Plugins are named at run time (SEGMENTQL_PLUGINS): loaded by path or package name.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        loaded = require(spec);
    }
    catch (err) {
        throw new Error(`cannot load segmenter plugin ${spec}: ${err.message}`, { cause: err });
    }
    const candidates = [loaded.default, loaded.segmenter, ...Object.values(loaded)].filter((v) => v && typeof v === 'object' && 'code' in v);
    if (candidates.length === 0)
        throw new Error(`${spec} exports no segmenter (an object with code, fit, assign, ...)`);
    return candidates[0];
}
function checkShape(s) {
    const missing = ['code', 'version', 'description', 'artifactFormat', 'params', 'capabilities', 'featureNames', 'fit', 'assign', 'describe', 'serialize', 'deserialize'].filter((key) => s[key] === undefined);
    if (missing.length > 0)
        throw new Error(`segmenter plugin ${s.code ?? '(no code)'} lacks ${missing.join(', ')}`);
    if (!/^[a-z][a-z0-9-]*$/.test(s.code))
        throw new Error(`segmenter code "${s.code}" must be lower-case letters, digits and dashes`);
}
//# sourceMappingURL=segmenter-registry.js.map