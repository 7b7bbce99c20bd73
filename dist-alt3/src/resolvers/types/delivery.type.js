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
exports.SegmentExportConnection = exports.SegmentExportType = exports.SegmentStatsRowType = exports.PrincipalType = exports.NewApiKeyType = exports.ApiKeyConnection = exports.ApiKeyType = exports.ExportStatusEnum = exports.ExportFormatEnum = exports.StatsDimensionEnum = exports.RoleEnum = void 0;
const type_graphql_1 = require("type-graphql");
const connection_type_1 = require("./connection.type");
const scalars_1 = require("./scalars");
var RoleEnum;
(function (RoleEnum) {
    RoleEnum["VIEWER"] = "viewer";
    RoleEnum["ANALYST"] = "analyst";
    RoleEnum["ADMIN"] = "admin";
})(RoleEnum || (exports.RoleEnum = RoleEnum = {}));
(0, type_graphql_1.registerEnumType)(RoleEnum, {
    name: 'Role',
    description: 'VIEWER: segments, aggregates, customers without personal data. ANALYST: plus personal data, training, comparison. ADMIN: plus imports, aliases, keys.',
});
var StatsDimensionEnum;
(function (StatsDimensionEnum) {
    StatsDimensionEnum["COUNTRY"] = "COUNTRY";
    StatsDimensionEnum["MONTH"] = "MONTH";
    StatsDimensionEnum["COHORT"] = "COHORT";
})(StatsDimensionEnum || (exports.StatsDimensionEnum = StatsDimensionEnum = {}));
(0, type_graphql_1.registerEnumType)(StatsDimensionEnum, {
    name: 'StatsDimension',
    description: "COUNTRY: the customer's country. MONTH: the month of the orders counted. COHORT: the month of the customer's first purchase.",
});
var ExportFormatEnum;
(function (ExportFormatEnum) {
    ExportFormatEnum["CSV"] = "CSV";
    ExportFormatEnum["NDJSON"] = "NDJSON";
})(ExportFormatEnum || (exports.ExportFormatEnum = ExportFormatEnum = {}));
(0, type_graphql_1.registerEnumType)(ExportFormatEnum, { name: 'ExportFormat' });
var ExportStatusEnum;
(function (ExportStatusEnum) {
    ExportStatusEnum["QUEUED"] = "QUEUED";
    ExportStatusEnum["RUNNING"] = "RUNNING";
    ExportStatusEnum["SUCCEEDED"] = "SUCCEEDED";
    ExportStatusEnum["FAILED"] = "FAILED";
    ExportStatusEnum["EXPIRED"] = "EXPIRED";
})(ExportStatusEnum || (exports.ExportStatusEnum = ExportStatusEnum = {}));
(0, type_graphql_1.registerEnumType)(ExportStatusEnum, {
    name: 'ExportStatus',
    description: 'EXPIRED: it succeeded, and its file was removed EXPORT_TTL_HOURS after it finished (the download answers 410).',
});
let ApiKeyType = class ApiKeyType {
    id;
    name;
    role;
    prefix;
    createdAt;
    createdBy;
    revokedAt;
};
exports.ApiKeyType = ApiKeyType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", Number)
], ApiKeyType.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], ApiKeyType.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => RoleEnum),
    __metadata("design:type", String)
], ApiKeyType.prototype, "role", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'The first characters of the secret, to recognise it.' }),
    __metadata("design:type", String)
], ApiKeyType.prototype, "prefix", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar),
    __metadata("design:type", Date)
], ApiKeyType.prototype, "createdAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], ApiKeyType.prototype, "createdBy", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar, { nullable: true }),
    __metadata("design:type", Object)
], ApiKeyType.prototype, "revokedAt", void 0);
exports.ApiKeyType = ApiKeyType = __decorate([
    (0, type_graphql_1.ObjectType)('ApiKey', { description: 'An API key; its secret is never shown again after creation.' })
], ApiKeyType);
exports.ApiKeyConnection = (0, connection_type_1.ConnectionType)('ApiKey', ApiKeyType);
let NewApiKeyType = class NewApiKeyType {
    key;
    secret;
};
exports.NewApiKeyType = NewApiKeyType;
__decorate([
    (0, type_graphql_1.Field)(() => ApiKeyType),
    __metadata("design:type", ApiKeyType)
], NewApiKeyType.prototype, "key", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'Send as `Authorization: Bearer <secret>`. Shown only this once; only its hash is stored.' }),
    __metadata("design:type", String)
], NewApiKeyType.prototype, "secret", void 0);
exports.NewApiKeyType = NewApiKeyType = __decorate([
    (0, type_graphql_1.ObjectType)('NewApiKey')
], NewApiKeyType);
let PrincipalType = class PrincipalType {
    name;
    role;
};
exports.PrincipalType = PrincipalType;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], PrincipalType.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => RoleEnum),
    __metadata("design:type", String)
], PrincipalType.prototype, "role", void 0);
exports.PrincipalType = PrincipalType = __decorate([
    (0, type_graphql_1.ObjectType)('Principal', { description: 'Who the request is authenticated as.' })
], PrincipalType);
let SegmentStatsRowType = class SegmentStatsRowType {
    segmentId;
    country;
    month;
    cohort;
    customers;
    orders;
    spend;
    averageSpend;
    averageOrders;
    averageOrderValue;
    averageRecencyDays;
    predictedValue;
    averageChurnProbability;
};
exports.SegmentStatsRowType = SegmentStatsRowType;
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], SegmentStatsRowType.prototype, "country", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'YYYY-MM of the orders counted (groupBy MONTH).' }),
    __metadata("design:type", Object)
], SegmentStatsRowType.prototype, "month", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: "YYYY-MM of the customers' first purchase (groupBy COHORT)." }),
    __metadata("design:type", Object)
], SegmentStatsRowType.prototype, "cohort", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], SegmentStatsRowType.prototype, "customers", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], SegmentStatsRowType.prototype, "orders", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], SegmentStatsRowType.prototype, "spend", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], SegmentStatsRowType.prototype, "averageSpend", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], SegmentStatsRowType.prototype, "averageOrders", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true }),
    __metadata("design:type", Object)
], SegmentStatsRowType.prototype, "averageOrderValue", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: "Mean days since the last purchase, counted from the data's latest order." }),
    __metadata("design:type", Object)
], SegmentStatsRowType.prototype, "averageRecencyDays", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: "Sum of the customers' predicted value over the version's horizon (`Customer.predictions.clv`); null when the version does not predict." }),
    __metadata("design:type", Object)
], SegmentStatsRowType.prototype, "predictedValue", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: "Mean predicted probability of no purchase in the version's horizon; null when the version does not predict." }),
    __metadata("design:type", Object)
], SegmentStatsRowType.prototype, "averageChurnProbability", void 0);
exports.SegmentStatsRowType = SegmentStatsRowType = __decorate([
    (0, type_graphql_1.ObjectType)('SegmentStatsRow', { description: 'Aggregates of one segment (and group): spend is net of returns, in the currency unit.' })
], SegmentStatsRowType);
let SegmentExportType = class SegmentExportType {
    id;
    status;
    format;
    versionId;
    alias;
    rowCount;
    byteSize;
    piiMasked;
    error;
    createdAt;
    finishedAt;
};
exports.SegmentExportType = SegmentExportType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", String)
], SegmentExportType.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => ExportStatusEnum),
    __metadata("design:type", String)
], SegmentExportType.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => ExportFormatEnum),
    __metadata("design:type", String)
], SegmentExportType.prototype, "format", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", Number)
], SegmentExportType.prototype, "versionId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], SegmentExportType.prototype, "alias", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Rows written (one per assigned customer), header excluded.' }),
    __metadata("design:type", Number)
], SegmentExportType.prototype, "rowCount", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: "The file's size; for a FAILED export, the bytes written before it stopped (they count against the daily quota)." }),
    __metadata("design:type", Object)
], SegmentExportType.prototype, "byteSize", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'email, name and city are empty: the export was made with a viewer key.' }),
    __metadata("design:type", Boolean)
], SegmentExportType.prototype, "piiMasked", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], SegmentExportType.prototype, "error", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar),
    __metadata("design:type", Date)
], SegmentExportType.prototype, "createdAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar, { nullable: true }),
    __metadata("design:type", Object)
], SegmentExportType.prototype, "finishedAt", void 0);
exports.SegmentExportType = SegmentExportType = __decorate([
    (0, type_graphql_1.ObjectType)('SegmentExport', {
        description: 'A bulk export of segment assignments; download it from `url` when SUCCEEDED, before `expiresAt`. Only the key that created it (and admins) can see, download or delete it.',
    })
], SegmentExportType);
exports.SegmentExportConnection = (0, connection_type_1.ConnectionType)('SegmentExport', SegmentExportType);
//# sourceMappingURL=delivery.type.js.map