"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_SCRATCH_ROOT = void 0;
exports.createPluginServices = createPluginServices;
exports.withScratchDir = withScratchDir;
exports.quietFitContext = quietFitContext;
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const backend_1 = require("./backend");
const text_encoder_1 = require("./text-encoder");
/** Where fits' scratch folders go unless the host says otherwise. */
exports.DEFAULT_SCRATCH_ROOT = node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-scratch');
/** The services a host lends its plugins (see `PluginServices`), bound to one configuration. */
function createPluginServices(options) {
    return {
        async tensorflow() {
            const { tf, name } = await (0, backend_1.useBackend)(options.backend);
            return { tf, backend: name };
        },
        textEncoder: (id) => (0, text_encoder_1.loadTextEncoder)(id, { modelsDir: options.modelsDir, allowRemote: options.allowRemoteTextEncoders }),
        log: options.log ?? (() => undefined),
    };
}
/**
 * Runs `fn` with a fresh private folder for a fit's temporary files (`FitContext.scratchDir`), removed afterwards
 * whatever happens.
 */
async function withScratchDir(root, fn) {
    node_fs_1.default.mkdirSync(root, { recursive: true });
    const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(root, 'fit-'));
    try {
        return await fn(dir);
    }
    finally {
        node_fs_1.default.rmSync(dir, { recursive: true, force: true });
    }
}
/** A quiet `FitContext` for fits nobody watches (evaluation refits, tests): no progress, no log. */
function quietFitContext(services, seed, scratchDir, signal = new AbortController().signal, purpose = 'training') {
    return { ...services, seed, scratchDir, signal, purpose, progress: () => undefined, log: () => undefined };
}
//# sourceMappingURL=plugin-services.js.map