"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.IMPORT_FORMATS = void 0;
exports.isImportFormat = isImportFormat;
exports.createSource = createSource;
const cdnow_source_1 = require("./sources/cdnow.source");
const online_retail_source_1 = require("./sources/online-retail.source");
const segmentql_source_1 = require("./sources/segmentql.source");
exports.IMPORT_FORMATS = ['online-retail', 'cdnow', 'segmentql'];
function isImportFormat(format) {
    return exports.IMPORT_FORMATS.includes(format);
}
function createSource(spec) {
    switch (spec.format) {
        case 'online-retail':
            return new online_retail_source_1.OnlineRetailSource(spec.path, spec.timeZone);
        case 'cdnow':
            return new cdnow_source_1.CdnowSource(spec.path);
        case 'segmentql':
            return new segmentql_source_1.SegmentqlSource(spec.path);
    }
}
//# sourceMappingURL=source-spec.js.map