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
exports.ModelAlias = void 0;
const typeorm_1 = require("typeorm");
/** A name (`production`, `staging`) pointing at one model version; moved by setModelAlias. */
let ModelAlias = class ModelAlias {
    alias;
    versionId;
    updatedAt;
};
exports.ModelAlias = ModelAlias;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 64 }),
    __metadata("design:type", String)
], ModelAlias.prototype, "alias", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'version_id', type: 'integer' }),
    __metadata("design:type", Number)
], ModelAlias.prototype, "versionId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'updated_at', type: Date }),
    __metadata("design:type", Date)
], ModelAlias.prototype, "updatedAt", void 0);
exports.ModelAlias = ModelAlias = __decorate([
    (0, typeorm_1.Entity)('model_aliases')
], ModelAlias);
//# sourceMappingURL=model-alias.entity.js.map