"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.BUILT_IN_PLUGIN_MODULES = void 0;
exports.pluginModules = pluginModules;
const node_path_1 = __importDefault(require("node:path"));
/**
 * The built-in segmenters, as module paths (the training worker loads the same modules by path). Third-party plugins
 * are added with SEGMENTQL_PLUGINS: a comma-separated list of module paths (relative to the working directory) or
 * package names, each exporting a segmenter as `default` or as its only export.
 */
exports.BUILT_IN_PLUGIN_MODULES = ['kmeans', 'svd', 'gpt', 'bert', 'clv'].map((code) => node_path_1.default.resolve(__dirname, '../../plugins', code));
function pluginModules(env = process.env) {
    const extra = (env.SEGMENTQL_PLUGINS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((spec) => (spec.startsWith('.') || spec.startsWith('/') ? node_path_1.default.resolve(spec) : spec));
    return [...exports.BUILT_IN_PLUGIN_MODULES, ...extra];
}
//# sourceMappingURL=plugins.js.map