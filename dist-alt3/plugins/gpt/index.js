"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.gptSegmenter = void 0;
const sdk_1 = require("../../src/sdk");
/**
 * GPT-style segmenter: a causal transformer pretrained on next-item prediction over each customer's purchase
 * history; the customer's embedding pools the final layer's hidden states and is clustered with standardised RFM.
 */
exports.gptSegmenter = (0, sdk_1.createSequenceSegmenter)({
    code: 'gpt',
    version: '1.0.0',
    description: 'GPT-style causal transformer pretrained on next-item prediction over purchase sequences; k-means on the pooled hidden states joined with RFM.',
    objective: 'causal',
    textBlock: false,
    // Measured on the demo personas (test/integration/transformer-quality.spec.ts): gpt scores ARI 0.991 at transition
    // weight 1 and 0.782 at 2; bert keeps 2, at which it tells early adopters from nesters.
    defaults: { transitionWeight: 1 },
});
exports.default = exports.gptSegmenter;
//# sourceMappingURL=index.js.map