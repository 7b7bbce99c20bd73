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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SegmentExportResolver = exports.SegmentStatsResolver = exports.ApiKeyResolver = void 0;
const type_graphql_1 = require("type-graphql");
const entities_1 = require("../entities");
const errors_1 = require("../errors");
const segment_export_service_1 = require("../services/segment-export.service");
const training_service_1 = require("../services/training.service");
const ids_1 = require("./ids");
const connection_type_1 = require("./types/connection.type");
const delivery_type_1 = require("./types/delivery.type");
const training_type_1 = require("./types/training.type");
const scalars_1 = require("./types/scalars");
const query_limits_1 = require("../auth/query-limits");
/** API keys (admin) and who is asking (anyone). */
let ApiKeyResolver = class ApiKeyResolver {
    whoami(ctx) {
        return { name: ctx.principal.name, role: ctx.principal.role };
    }
    apiKeys(ctx, page) {
        return ctx.services.apiKeys.list(page);
    }
    createApiKey(ctx, role, name) {
        return ctx.services.apiKeys.create(role, name, ctx.principal.name);
    }
    revokeApiKey(ctx, id) {
        return ctx.services.apiKeys.revoke((0, ids_1.parseId)(id));
    }
};
exports.ApiKeyResolver = ApiKeyResolver;
__decorate([
    (0, type_graphql_1.Query)(() => delivery_type_1.PrincipalType, { description: 'The key this request is authenticated with.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", delivery_type_1.PrincipalType)
], ApiKeyResolver.prototype, "whoami", null);
__decorate([
    (0, type_graphql_1.Authorized)('admin'),
    (0, type_graphql_1.Query)(() => delivery_type_1.ApiKeyConnection, { complexity: connection_type_1.connectionComplexity, description: 'Every key, oldest first (secrets are never shown).' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Args)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, connection_type_1.ConnectionArgs]),
    __metadata("design:returntype", void 0)
], ApiKeyResolver.prototype, "apiKeys", null);
__decorate([
    (0, type_graphql_1.Authorized)('admin'),
    (0, type_graphql_1.Mutation)(() => delivery_type_1.NewApiKeyType, { description: 'Creates a key; its secret is in the answer and nowhere else.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('role', () => delivery_type_1.RoleEnum)),
    __param(2, (0, type_graphql_1.Arg)('name')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, String]),
    __metadata("design:returntype", void 0)
], ApiKeyResolver.prototype, "createApiKey", null);
__decorate([
    (0, type_graphql_1.Authorized)('admin'),
    (0, type_graphql_1.Mutation)(() => delivery_type_1.ApiKeyType, { description: 'Revokes a key at once.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], ApiKeyResolver.prototype, "revokeApiKey", null);
exports.ApiKeyResolver = ApiKeyResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => delivery_type_1.ApiKeyType)
], ApiKeyResolver);
/** Aggregates and bulk exports for BI tools. */
let SegmentStatsResolver = class SegmentStatsResolver {
    async segmentStats(ctx, modelVersionId, alias, groupBy) {
        const versionId = await ctx.services.training.resolveVersion(modelVersionId ? (0, ids_1.parseId)(modelVersionId, 'modelVersionId') : null, alias ?? null);
        return ctx.services.segmentStats.stats(versionId, groupBy ?? []);
    }
    async segment(row, ctx) {
        return (await ctx.loaders.segment.load(row.segmentId));
    }
};
exports.SegmentStatsResolver = SegmentStatsResolver;
__decorate([
    (0, type_graphql_1.Query)(() => [delivery_type_1.SegmentStatsRowType], {
        complexity: 50,
        description: 'Customers, purchases, net spend and recency per segment of a version (by id, or by alias: default production), optionally per country, order month and first-purchase cohort.',
    }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('modelVersionId', () => type_graphql_1.ID, { nullable: true })),
    __param(2, (0, type_graphql_1.Arg)('alias', () => String, { nullable: true })),
    __param(3, (0, type_graphql_1.Arg)('groupBy', () => [delivery_type_1.StatsDimensionEnum], { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Object, Object]),
    __metadata("design:returntype", Promise)
], SegmentStatsResolver.prototype, "segmentStats", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => training_type_1.SegmentType),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], SegmentStatsResolver.prototype, "segment", null);
exports.SegmentStatsResolver = SegmentStatsResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => delivery_type_1.SegmentStatsRowType)
], SegmentStatsResolver);
let SegmentExportResolver = class SegmentExportResolver {
    async createSegmentExport(ctx, format, modelVersionId, alias, columns) {
        if (modelVersionId && alias)
            throw (0, errors_1.badUserInput)('pass modelVersionId or alias, not both', { argument: 'alias' });
        const versionId = await ctx.services.training.resolveVersion(modelVersionId ? (0, ids_1.parseId)(modelVersionId, 'modelVersionId') : null, alias ?? null);
        return ctx.services.exports.create(versionId, modelVersionId ? null : (alias ?? training_service_1.DEFAULT_ALIAS), format, columns, ctx.principal);
    }
    segmentExport(ctx, id) {
        return ctx.services.exports.get(id, ctx.principal);
    }
    segmentExports(ctx, page) {
        return ctx.services.exports.list(page, ctx.principal);
    }
    deleteSegmentExport(ctx, id) {
        return ctx.services.exports.delete(id, ctx.principal);
    }
    expiresAt(row, ctx) {
        return ctx.services.exports.expiresAt(row);
    }
    url(row) {
        return `/exports/${row.id}`;
    }
};
exports.SegmentExportResolver = SegmentExportResolver;
__decorate([
    (0, query_limits_1.Expensive)(),
    (0, type_graphql_1.Mutation)(() => delivery_type_1.SegmentExportType, {
        description: `Starts a bulk export of a version's assignments (by id, or by alias: default production), one row per assigned customer; poll \`segmentExport\` and download from \`url\`. Columns: ${segment_export_service_1.EXPORT_COLUMNS.join(', ')}. Per key: EXPORT_CONCURRENT_LIMIT exports queued or running, EXPORT_DAILY_LIMIT exports and EXPORT_DAILY_BYTES bytes in 24 hours (RATE_LIMITED beyond, with extensions.quota).`,
    }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('format', () => delivery_type_1.ExportFormatEnum)),
    __param(2, (0, type_graphql_1.Arg)('modelVersionId', () => type_graphql_1.ID, { nullable: true })),
    __param(3, (0, type_graphql_1.Arg)('alias', () => String, { nullable: true })),
    __param(4, (0, type_graphql_1.Arg)('columns', () => [String], { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Object, Object, Object]),
    __metadata("design:returntype", Promise)
], SegmentExportResolver.prototype, "createSegmentExport", null);
__decorate([
    (0, type_graphql_1.Query)(() => delivery_type_1.SegmentExportType, { nullable: true, description: "An export made with this key (an admin: any key's); another key's is NOT_FOUND." }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], SegmentExportResolver.prototype, "segmentExport", null);
__decorate([
    (0, type_graphql_1.Query)(() => delivery_type_1.SegmentExportConnection, { complexity: connection_type_1.connectionComplexity, description: "The exports made with this key (an admin: every key's), newest first." }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Args)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, connection_type_1.ConnectionArgs]),
    __metadata("design:returntype", void 0)
], SegmentExportResolver.prototype, "segmentExports", null);
__decorate([
    (0, type_graphql_1.Mutation)(() => type_graphql_1.ID, {
        description: "Deletes an export made with this key (an admin: any key's): its file and its record; one still running stops. Answers its id. It still counts against the key's daily quotas.",
    }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], SegmentExportResolver.prototype, "deleteSegmentExport", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => scalars_1.DateTimeScalar, { nullable: true, description: 'When the file is (or was) removed: EXPORT_TTL_HOURS after the export finished; null until it has succeeded.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.SegmentExport, Object]),
    __metadata("design:returntype", Object)
], SegmentExportResolver.prototype, "expiresAt", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => String, { description: 'Where to GET the file (with the same Authorization header).' }),
    __param(0, (0, type_graphql_1.Root)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.SegmentExport]),
    __metadata("design:returntype", String)
], SegmentExportResolver.prototype, "url", null);
exports.SegmentExportResolver = SegmentExportResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => delivery_type_1.SegmentExportType)
], SegmentExportResolver);
//# sourceMappingURL=delivery.resolver.js.map