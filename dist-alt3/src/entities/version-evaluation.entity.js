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
exports.VersionEvaluation = void 0;
const typeorm_1 = require("typeorm");
/** A version's metrics on one time split (features before `asOf`, outcomes in the following `horizonDays`). */
let VersionEvaluation = class VersionEvaluation {
    id;
    versionId;
    asOf;
    horizonDays;
    metrics;
    createdAt;
};
exports.VersionEvaluation = VersionEvaluation;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)(),
    __metadata("design:type", Number)
], VersionEvaluation.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'version_id', type: 'integer' }),
    __metadata("design:type", Number)
], VersionEvaluation.prototype, "versionId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'as_of', type: Date }),
    __metadata("design:type", Date)
], VersionEvaluation.prototype, "asOf", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'horizon_days', type: 'integer' }),
    __metadata("design:type", Number)
], VersionEvaluation.prototype, "horizonDays", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'simple-json' }),
    __metadata("design:type", Object)
], VersionEvaluation.prototype, "metrics", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'created_at', type: Date }),
    __metadata("design:type", Date)
], VersionEvaluation.prototype, "createdAt", void 0);
exports.VersionEvaluation = VersionEvaluation = __decorate([
    (0, typeorm_1.Entity)('version_evaluations')
], VersionEvaluation);
//# sourceMappingURL=version-evaluation.entity.js.map