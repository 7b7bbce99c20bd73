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
exports.CustomerFeaturesResolver = exports.ReviewResolver = exports.OrderItemResolver = exports.OrderResolver = exports.ProductResolver = void 0;
const type_graphql_1 = require("type-graphql");
const money_1 = require("../db/money");
const entities_1 = require("../entities");
const errors_1 = require("../errors");
const connection_type_1 = require("./types/connection.type");
const ids_1 = require("./ids");
const catalog_type_1 = require("./types/catalog.type");
const customer_type_1 = require("./types/customer.type");
let ProductResolver = class ProductResolver {
    products(ctx, page, filter) {
        return ctx.services.products.list(filter ?? {}, page);
    }
    async product(ctx, id) {
        return (await ctx.loaders.product.load((0, ids_1.parseId)(id))) ?? Promise.reject((0, errors_1.notFound)('product', id));
    }
    price(product) {
        return product.priceE4 === null ? null : (0, money_1.moneyFromE4)(product.priceE4);
    }
};
exports.ProductResolver = ProductResolver;
__decorate([
    (0, type_graphql_1.Query)(() => catalog_type_1.ProductConnection, { complexity: connection_type_1.connectionComplexity, description: 'Products by id, a page at a time (first: 1..100).' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Args)()),
    __param(2, (0, type_graphql_1.Arg)('filter', () => catalog_type_1.ProductFilter, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, connection_type_1.ConnectionArgs, Object]),
    __metadata("design:returntype", Promise)
], ProductResolver.prototype, "products", null);
__decorate([
    (0, type_graphql_1.Query)(() => catalog_type_1.ProductType, { nullable: true, description: 'One product; NOT_FOUND when the id does not exist.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], ProductResolver.prototype, "product", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => type_graphql_1.Float, { nullable: true, description: 'List price.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Product]),
    __metadata("design:returntype", Object)
], ProductResolver.prototype, "price", null);
exports.ProductResolver = ProductResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => catalog_type_1.ProductType)
], ProductResolver);
let OrderResolver = class OrderResolver {
    async customer(order, ctx) {
        return (await ctx.loaders.customer.load(order.customerId));
    }
    items(order, ctx) {
        return ctx.loaders.orderItems.load(order.id);
    }
    async total(order, ctx) {
        const items = await ctx.loaders.orderItems.load(order.id);
        return (0, money_1.moneyFromE4)(items.reduce((sum, item) => sum + item.amountE4, 0));
    }
};
exports.OrderResolver = OrderResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => customer_type_1.CustomerType),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Order, Object]),
    __metadata("design:returntype", Promise)
], OrderResolver.prototype, "customer", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => [catalog_type_1.OrderItemType], { description: 'Lines in line order.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Order, Object]),
    __metadata("design:returntype", Promise)
], OrderResolver.prototype, "items", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => type_graphql_1.Float, { description: 'Sum of the line amounts (negative for returns).' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Order, Object]),
    __metadata("design:returntype", Promise)
], OrderResolver.prototype, "total", null);
exports.OrderResolver = OrderResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => catalog_type_1.OrderType)
], OrderResolver);
let OrderItemResolver = class OrderItemResolver {
    product(item, ctx) {
        return item.productId === null ? null : ctx.loaders.product.load(item.productId);
    }
    unitPrice(item) {
        return (0, money_1.moneyFromE4)(item.unitPriceE4);
    }
    amount(item) {
        return (0, money_1.moneyFromE4)(item.amountE4);
    }
};
exports.OrderItemResolver = OrderItemResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => catalog_type_1.ProductType, { nullable: true, description: 'Null for charge lines.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.OrderItem, Object]),
    __metadata("design:returntype", Object)
], OrderItemResolver.prototype, "product", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => type_graphql_1.Float),
    __param(0, (0, type_graphql_1.Root)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.OrderItem]),
    __metadata("design:returntype", Number)
], OrderItemResolver.prototype, "unitPrice", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => type_graphql_1.Float, { description: 'What the line is worth (negative for returns).' }),
    __param(0, (0, type_graphql_1.Root)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.OrderItem]),
    __metadata("design:returntype", Number)
], OrderItemResolver.prototype, "amount", null);
exports.OrderItemResolver = OrderItemResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => catalog_type_1.OrderItemType)
], OrderItemResolver);
let ReviewResolver = class ReviewResolver {
    async product(review, ctx) {
        return (await ctx.loaders.product.load(review.productId));
    }
    async customer(review, ctx) {
        return (await ctx.loaders.customer.load(review.customerId));
    }
};
exports.ReviewResolver = ReviewResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => catalog_type_1.ProductType),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Review, Object]),
    __metadata("design:returntype", Promise)
], ReviewResolver.prototype, "product", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => customer_type_1.CustomerType),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Review, Object]),
    __metadata("design:returntype", Promise)
], ReviewResolver.prototype, "customer", null);
exports.ReviewResolver = ReviewResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => catalog_type_1.ReviewType)
], ReviewResolver);
let CustomerFeaturesResolver = class CustomerFeaturesResolver {
    categoryShares(features) {
        return customer_type_1.CategoryShareType.list(features.categoryShares);
    }
    textProfile(features, ctx) {
        return ctx.loaders.textProfile.load({ customerId: features.customerId, asOf: features.asOf });
    }
};
exports.CustomerFeaturesResolver = CustomerFeaturesResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => [customer_type_1.CategoryShareType], { description: 'Share of gross spend per top category ("Other" for the rest), largest first.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Array)
], CustomerFeaturesResolver.prototype, "categoryShares", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => customer_type_1.TextProfileType, { description: 'Titles of products bought and review texts before asOf.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], CustomerFeaturesResolver.prototype, "textProfile", null);
exports.CustomerFeaturesResolver = CustomerFeaturesResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => customer_type_1.CustomerFeaturesType)
], CustomerFeaturesResolver);
//# sourceMappingURL=catalog.resolver.js.map