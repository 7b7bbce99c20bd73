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
exports.SegmentAssignment = void 0;
const typeorm_1 = require("typeorm");
/** Which segment of a version a customer is in, and how far from its centre. */
let SegmentAssignment = class SegmentAssignment {
    versionId;
    customerId;
    segmentId;
    distance;
};
exports.SegmentAssignment = SegmentAssignment;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ name: 'version_id', type: 'integer' }),
    __metadata("design:type", Number)
], SegmentAssignment.prototype, "versionId", void 0);
__decorate([
    (0, typeorm_1.PrimaryColumn)({ name: 'customer_id', type: 'integer' }),
    __metadata("design:type", Number)
], SegmentAssignment.prototype, "customerId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'segment_id', type: 'integer' }),
    __metadata("design:type", Number)
], SegmentAssignment.prototype, "segmentId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'float' }),
    __metadata("design:type", Number)
], SegmentAssignment.prototype, "distance", void 0);
exports.SegmentAssignment = SegmentAssignment = __decorate([
    (0, typeorm_1.Entity)('segment_assignments'),
    (0, typeorm_1.Index)('idx_segment_assignments_segment', ['segmentId', 'customerId'])
], SegmentAssignment);
//# sourceMappingURL=segment-assignment.entity.js.map