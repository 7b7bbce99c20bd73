"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.clvSegmenter = void 0;
const clv_segmenter_1 = require("./clv.segmenter");
Object.defineProperty(exports, "clvSegmenter", { enumerable: true, get: function () { return clv_segmenter_1.clvSegmenter; } });
exports.default = clv_segmenter_1.clvSegmenter;
//# sourceMappingURL=index.js.map