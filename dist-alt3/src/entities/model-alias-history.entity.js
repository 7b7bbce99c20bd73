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
exports.ModelAliasHistory = void 0;
const typeorm_1 = require("typeorm");
/** One move of an alias: which version it pointed at before and after, who moved it and when. */
let ModelAliasHistory = class ModelAliasHistory {
    id;
    alias;
    versionId;
    previousVersionId;
    movedBy;
    movedAt;
};
exports.ModelAliasHistory = ModelAliasHistory;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)(),
    __metadata("design:type", Number)
], ModelAliasHistory.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 64 }),
    __metadata("design:type", String)
], ModelAliasHistory.prototype, "alias", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'version_id', type: 'integer' }),
    __metadata("design:type", Number)
], ModelAliasHistory.prototype, "versionId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'previous_version_id', type: 'integer', nullable: true }),
    __metadata("design:type", Object)
], ModelAliasHistory.prototype, "previousVersionId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'moved_by', type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], ModelAliasHistory.prototype, "movedBy", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'moved_at', type: Date }),
    __metadata("design:type", Date)
], ModelAliasHistory.prototype, "movedAt", void 0);
exports.ModelAliasHistory = ModelAliasHistory = __decorate([
    (0, typeorm_1.Entity)('model_alias_history')
], ModelAliasHistory);
//# sourceMappingURL=model-alias-history.entity.js.map