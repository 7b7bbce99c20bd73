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
exports.ImportResolver = void 0;
const type_graphql_1 = require("type-graphql");
const query_limits_1 = require("../auth/query-limits");
const customer_type_1 = require("./types/customer.type");
const catalog_type_1 = require("./types/catalog.type");
const enums_1 = require("./types/enums");
/** Batch upserts, idempotent by externalId; at most IMPORT_BATCH_LIMIT (default 1,000) rows per call. */
let ImportResolver = class ImportResolver {
    upsertCustomers(ctx, input, onError) {
        return ctx.services.recordImports.upsert('customers', input, onError);
    }
    upsertProducts(ctx, input, onError) {
        return ctx.services.recordImports.upsert('products', input, onError);
    }
    upsertOrders(ctx, input, onError) {
        return ctx.services.recordImports.upsert('orders', input, onError);
    }
    upsertReviews(ctx, input, onError) {
        return ctx.services.recordImports.upsert('reviews', input, onError);
    }
};
exports.ImportResolver = ImportResolver;
__decorate([
    (0, type_graphql_1.Authorized)('admin'),
    (0, query_limits_1.Expensive)(),
    (0, type_graphql_1.Mutation)(() => catalog_type_1.ImportResultType),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('input', () => [customer_type_1.CustomerInput])),
    __param(2, (0, type_graphql_1.Arg)('onError', () => enums_1.OnErrorEnum, { defaultValue: enums_1.OnErrorEnum.ABORT })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Array, String]),
    __metadata("design:returntype", Promise)
], ImportResolver.prototype, "upsertCustomers", null);
__decorate([
    (0, type_graphql_1.Authorized)('admin'),
    (0, query_limits_1.Expensive)(),
    (0, type_graphql_1.Mutation)(() => catalog_type_1.ImportResultType),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('input', () => [catalog_type_1.ProductInput])),
    __param(2, (0, type_graphql_1.Arg)('onError', () => enums_1.OnErrorEnum, { defaultValue: enums_1.OnErrorEnum.ABORT })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Array, String]),
    __metadata("design:returntype", Promise)
], ImportResolver.prototype, "upsertProducts", null);
__decorate([
    (0, type_graphql_1.Authorized)('admin'),
    (0, query_limits_1.Expensive)(),
    (0, type_graphql_1.Mutation)(() => catalog_type_1.ImportResultType, { description: "Orders with their items; an existing order's items are replaced." }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('input', () => [catalog_type_1.OrderInput])),
    __param(2, (0, type_graphql_1.Arg)('onError', () => enums_1.OnErrorEnum, { defaultValue: enums_1.OnErrorEnum.ABORT })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Array, String]),
    __metadata("design:returntype", Promise)
], ImportResolver.prototype, "upsertOrders", null);
__decorate([
    (0, type_graphql_1.Authorized)('admin'),
    (0, query_limits_1.Expensive)(),
    (0, type_graphql_1.Mutation)(() => catalog_type_1.ImportResultType),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('input', () => [catalog_type_1.ReviewInput])),
    __param(2, (0, type_graphql_1.Arg)('onError', () => enums_1.OnErrorEnum, { defaultValue: enums_1.OnErrorEnum.ABORT })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Array, String]),
    __metadata("design:returntype", Promise)
], ImportResolver.prototype, "upsertReviews", null);
exports.ImportResolver = ImportResolver = __decorate([
    (0, type_graphql_1.Resolver)()
], ImportResolver);
//# sourceMappingURL=import.resolver.js.map