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
exports.Segment = void 0;
const typeorm_1 = require("typeorm");
/** One segment of a model version: its size, centre and feature profile. */
let Segment = class Segment {
    id;
    versionId;
    index;
    /** A placeholder until segments are named from their profiles. */
    name;
    size;
    centroid;
    /** Mean of each training feature (original units) over the segment's customers. */
    profile;
};
exports.Segment = Segment;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)(),
    __metadata("design:type", Number)
], Segment.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'version_id', type: 'integer' }),
    __metadata("design:type", Number)
], Segment.prototype, "versionId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'segment_index', type: 'integer' }),
    __metadata("design:type", Number)
], Segment.prototype, "index", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], Segment.prototype, "name", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer' }),
    __metadata("design:type", Number)
], Segment.prototype, "size", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'simple-json', nullable: true }),
    __metadata("design:type", Object)
], Segment.prototype, "centroid", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'simple-json' }),
    __metadata("design:type", Object)
], Segment.prototype, "profile", void 0);
exports.Segment = Segment = __decorate([
    (0, typeorm_1.Entity)('segments'),
    (0, typeorm_1.Index)('uq_segments_version_index', ['versionId', 'index'], { unique: true })
], Segment);
//# sourceMappingURL=segment.entity.js.map