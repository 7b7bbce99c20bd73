"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.kmeansSegmenter = void 0;
const kmeans_segmenter_1 = require("./kmeans.segmenter");
Object.defineProperty(exports, "kmeansSegmenter", { enumerable: true, get: function () { return kmeans_segmenter_1.kmeansSegmenter; } });
exports.default = kmeans_segmenter_1.kmeansSegmenter;
//# sourceMappingURL=index.js.map