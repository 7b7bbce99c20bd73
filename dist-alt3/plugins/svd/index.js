"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.svdSegmenter = void 0;
const svd_segmenter_1 = require("./svd.segmenter");
Object.defineProperty(exports, "svdSegmenter", { enumerable: true, get: function () { return svd_segmenter_1.svdSegmenter; } });
exports.default = svd_segmenter_1.svdSegmenter;
//# sourceMappingURL=index.js.map