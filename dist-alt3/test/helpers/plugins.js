"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.README_QUANTILES_PLUGIN = exports.README_SEQUENCE_PLUGIN = exports.EXAMPLE_PLUGIN = void 0;
const node_path_1 = __importDefault(require("node:path"));
/** The example third-party plugin, compiled (what SEGMENTQL_PLUGINS names in the tests). */
exports.EXAMPLE_PLUGIN = node_path_1.default.resolve(__dirname, '../fixtures/plugins/example-segmenter.js');
/** The README's sequence (transformer) plugin, written against the SDK alone (README, "Writing a segmenter"). */
exports.README_SEQUENCE_PLUGIN = node_path_1.default.resolve(__dirname, '../fixtures/plugins/readme-sequence-segmenter.js');
/** The README's numeric plugin. */
exports.README_QUANTILES_PLUGIN = node_path_1.default.resolve(__dirname, '../fixtures/plugins/readme-quantiles-segmenter.js');
//# sourceMappingURL=plugins.js.map