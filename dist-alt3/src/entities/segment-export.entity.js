"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SegmentExport = exports.EXPORT_STATUSES = void 0;
const typeorm_1 = require("typeorm");
/** EXPIRED: it SUCCEEDED, and its file was removed EXPORT_TTL_HOURS after it finished. */
exports.EXPORT_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'EXPIRED'];
/** A bulk export of a version's segment assignments, written to a file by a job and streamed from GET /exports/<id>. */
let SegmentExport = class SegmentExport {
    /** Random and unguessable (the download is still authorised). */
    id;
    versionId;
    /** The alias it was asked for by, if any (the version is resolved when the export is created). */
    alias;
    format;
    /** JSON array of column names, in file order. */
    columns;
    status;
    rowCount;
    /** Bytes written: the file's size, or what a FAILED export wrote before it stopped (they count against EXPORT_DAILY_BYTES). */
    byteSize;
    /** PII columns are written empty (the creator was a viewer). */
    piiMasked;
    createdByKeyId;
    error;
    createdAt;
    finishedAt;
};
exports.SegmentExport = SegmentExport;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 40 }),
    __metadata("design:type", String)
], SegmentExport.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'version_id', type: 'integer' }),
    __metadata("design:type", Number)
], SegmentExport.prototype, "versionId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 64, nullable: true }),
    __metadata("design:type", Object)
], SegmentExport.prototype, "alias", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 8 }),
    __metadata("design:type", String)
], SegmentExport.prototype, "format", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], SegmentExport.prototype, "columns", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 16 }),
    __metadata("design:type", String)
], SegmentExport.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'row_count', type: 'integer', default: 0 }),
    __metadata("design:type", Number)
], SegmentExport.prototype, "rowCount", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'byte_size', type: 'integer', nullable: true }),
    __metadata("design:type", Object)
], SegmentExport.prototype, "byteSize", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'pii_masked', type: 'boolean', default: false }),
    __metadata("design:type", Boolean)
], SegmentExport.prototype, "piiMasked", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'created_by_key_id', type: 'integer', nullable: true }),
    __metadata("design:type", Object)
], SegmentExport.prototype, "createdByKeyId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], SegmentExport.prototype, "error", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'created_at', type: Date }),
    __metadata("design:type", Date)
], SegmentExport.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'finished_at', type: Date, nullable: true }),
    __metadata("design:type", Object)
], SegmentExport.prototype, "finishedAt", void 0);
exports.SegmentExport = SegmentExport = __decorate([
    (0, typeorm_1.Entity)('segment_exports')
], SegmentExport);
//# sourceMappingURL=segment-export.entity.js.map