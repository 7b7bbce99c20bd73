"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.testServices = void 0;
exports.testFitContext = testFitContext;
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const plugin_services_1 = require("../../src/ml/plugin-services");
/** What the host lends plugins in tests run in-process: TF.js on the best backend that loads, local encoders only. */
exports.testServices = (0, plugin_services_1.createPluginServices)({ backend: 'auto', modelsDir: node_path_1.default.resolve('models'), allowRemoteTextEncoders: false });
/** A fit context for tests: seed 7 unless given, progress collected into `progress`. */
function testFitContext(overrides = {}, progress = []) {
    return {
        ...exports.testServices,
        seed: 7,
        scratchDir: node_os_1.default.tmpdir(),
        signal: new AbortController().signal,
        log: () => undefined,
        progress: (p) => progress.push(p),
        ...overrides,
    };
}
//# sourceMappingURL=plugin-context.js.map