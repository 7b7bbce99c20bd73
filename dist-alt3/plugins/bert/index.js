"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.bertSegmenter = void 0;
const sdk_1 = require("../../src/sdk");
/**
 * BERT-style segmenter: a bidirectional transformer pretrained with masked-item modelling (BERT4Rec) over each
 * customer's purchase history; the pooled embedding is joined with the pretrained text encoder's vector of what the
 * customer bought and wrote, and with standardised RFM, then clustered.
 */
exports.bertSegmenter = (0, sdk_1.createSequenceSegmenter)({
    code: 'bert',
    version: '1.0.0',
    description: "BERT-style bidirectional transformer pretrained with masked-item modelling (BERT4Rec); k-means on the pooled embedding joined with the text encoder's vector of the customer's purchases and reviews, and RFM.",
    objective: 'masked',
    textBlock: true,
});
exports.default = exports.bertSegmenter;
//# sourceMappingURL=index.js.map