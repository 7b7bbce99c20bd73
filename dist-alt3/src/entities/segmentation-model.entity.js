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
exports.SegmentationModel = void 0;
const typeorm_1 = require("typeorm");
/** A registered model: a name, a segmenter and its params. Its trained versions are `ModelVersion`s. */
let SegmentationModel = class SegmentationModel {
    id;
    name;
    segmenter;
    /** Validated params with defaults filled in. */
    params;
    /** Explicit opt-in to features derived from protected attributes (gender, age); off by default. */
    allowProtectedAttributes;
    /**
     * The highest version number handed out (committed or not): the counter ModelVersionStore reserves numbers from
     * with one atomic UPDATE. Never read, inserted or updated by the ORM, so that saving a model cannot move it back.
     */
    lastVersionNumber;
    createdAt;
};
exports.SegmentationModel = SegmentationModel;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)(),
    __metadata("design:type", Number)
], SegmentationModel.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Index)({ unique: true }),
    (0, typeorm_1.Column)({ type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], SegmentationModel.prototype, "name", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 64 }),
    __metadata("design:type", String)
], SegmentationModel.prototype, "segmenter", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'simple-json' }),
    __metadata("design:type", Object)
], SegmentationModel.prototype, "params", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'allow_protected_attributes', type: 'boolean', default: false }),
    __metadata("design:type", Boolean)
], SegmentationModel.prototype, "allowProtectedAttributes", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'last_version_number', type: 'integer', default: 0, select: false, insert: false, update: false }),
    __metadata("design:type", Number)
], SegmentationModel.prototype, "lastVersionNumber", void 0);
__decorate([
    (0, typeorm_1.CreateDateColumn)({ name: 'created_at' }),
    __metadata("design:type", Date)
], SegmentationModel.prototype, "createdAt", void 0);
exports.SegmentationModel = SegmentationModel = __decorate([
    (0, typeorm_1.Entity)('segmentation_models')
], SegmentationModel);
//# sourceMappingURL=segmentation-model.entity.js.map