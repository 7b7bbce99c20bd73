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
exports.CustomerResolver = void 0;
const type_graphql_1 = require("type-graphql");
const roles_1 = require("../auth/roles");
const entities_1 = require("../entities");
const errors_1 = require("../errors");
const connection_type_1 = require("./types/connection.type");
const ids_1 = require("./ids");
const catalog_type_1 = require("./types/catalog.type");
const customer_type_1 = require("./types/customer.type");
const scalars_1 = require("./types/scalars");
let CustomerResolver = class CustomerResolver {
    customers(ctx, page, filter, orderBy) {
        // Filtering on personal data would reveal it: viewers may not.
        if (filter?.city || filter?.gender)
            (0, roles_1.requireRole)(ctx.principal, 'analyst', 'filtering customers by city or gender');
        return ctx.services.customers.list(customerFilter(filter), orderBy ?? undefined, page);
    }
    async customer(ctx, id) {
        return (await ctx.loaders.customer.load((0, ids_1.parseId)(id))) ?? Promise.reject((0, errors_1.notFound)('customer', id));
    }
    orders(customer, ctx, page) {
        return ctx.loaders.customerOrders.load({ parentId: customer.id, ...page });
    }
    reviews(customer, ctx, page) {
        return ctx.loaders.customerReviews.load({ parentId: customer.id, ...page });
    }
    async features(customer, ctx, asOf) {
        return (await ctx.loaders.features.load({ customerId: customer.id, asOf })) ?? Promise.reject((0, errors_1.notFound)('customer', customer.id));
    }
};
exports.CustomerResolver = CustomerResolver;
__decorate([
    (0, type_graphql_1.Query)(() => customer_type_1.CustomerConnection, { complexity: connection_type_1.connectionComplexity, description: 'Customers, a page at a time (first: 1..100).' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Args)()),
    __param(2, (0, type_graphql_1.Arg)('filter', () => customer_type_1.CustomerFilter, { nullable: true })),
    __param(3, (0, type_graphql_1.Arg)('orderBy', () => customer_type_1.CustomerOrder, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, connection_type_1.ConnectionArgs, Object, Object]),
    __metadata("design:returntype", Promise)
], CustomerResolver.prototype, "customers", null);
__decorate([
    (0, type_graphql_1.Query)(() => customer_type_1.CustomerType, { nullable: true, description: 'One customer; NOT_FOUND when the id does not exist.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], CustomerResolver.prototype, "customer", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => catalog_type_1.OrderConnection, { complexity: connection_type_1.connectionComplexity, description: 'Orders, newest first.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Args)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Customer, Object, connection_type_1.ConnectionArgs]),
    __metadata("design:returntype", void 0)
], CustomerResolver.prototype, "orders", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => catalog_type_1.ReviewConnection, { complexity: connection_type_1.connectionComplexity, description: 'Reviews, newest first.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Args)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Customer, Object, connection_type_1.ConnectionArgs]),
    __metadata("design:returntype", void 0)
], CustomerResolver.prototype, "reviews", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => customer_type_1.CustomerFeaturesType, { description: 'Features as of a date (default: just after the latest order in the data).' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Arg)('asOf', () => scalars_1.DateTimeScalar, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Customer, Object, Object]),
    __metadata("design:returntype", Promise)
], CustomerResolver.prototype, "features", null);
exports.CustomerResolver = CustomerResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => customer_type_1.CustomerType)
], CustomerResolver);
function customerFilter(filter) {
    if (!filter)
        return {};
    return { ...filter, segmentId: filter.segmentId ? (0, ids_1.parseId)(filter.segmentId, 'segmentId') : null };
}
//# sourceMappingURL=customer.resolver.js.map