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
exports.ImportResultType = exports.ImportErrorType = exports.ReviewInput = exports.OrderInput = exports.OrderItemInput = exports.ProductInput = exports.ProductFilter = exports.ReviewConnection = exports.ReviewType = exports.OrderItemType = exports.OrderConnection = exports.OrderType = exports.ProductConnection = exports.ProductType = void 0;
const type_graphql_1 = require("type-graphql");
const connection_type_1 = require("./connection.type");
const enums_1 = require("./enums");
const scalars_1 = require("./scalars");
let ProductType = class ProductType {
    id;
    externalId;
    title;
    description;
    category;
    priceE4;
};
exports.ProductType = ProductType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", Number)
], ProductType.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'SKU / stock code in the source system.' }),
    __metadata("design:type", String)
], ProductType.prototype, "externalId", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], ProductType.prototype, "title", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], ProductType.prototype, "description", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], ProductType.prototype, "category", void 0);
exports.ProductType = ProductType = __decorate([
    (0, type_graphql_1.ObjectType)('Product')
], ProductType);
exports.ProductConnection = (0, connection_type_1.ConnectionType)('Product', ProductType);
let OrderType = class OrderType {
    id;
    externalId;
    customerId;
    placedAt;
    status;
};
exports.OrderType = OrderType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", Number)
], OrderType.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'Invoice number / order id in the source system.' }),
    __metadata("design:type", String)
], OrderType.prototype, "externalId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar),
    __metadata("design:type", Date)
], OrderType.prototype, "placedAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.OrderStatusEnum),
    __metadata("design:type", String)
], OrderType.prototype, "status", void 0);
exports.OrderType = OrderType = __decorate([
    (0, type_graphql_1.ObjectType)('Order')
], OrderType);
exports.OrderConnection = (0, connection_type_1.ConnectionType)('Order', OrderType);
let OrderItemType = class OrderItemType {
    orderId;
    productId;
    lineNo;
    chargeCode;
    quantity;
    unitPriceE4;
    amountE4;
};
exports.OrderItemType = OrderItemType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], OrderItemType.prototype, "lineNo", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], OrderItemType.prototype, "chargeCode", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Negative on returns.' }),
    __metadata("design:type", Number)
], OrderItemType.prototype, "quantity", void 0);
exports.OrderItemType = OrderItemType = __decorate([
    (0, type_graphql_1.ObjectType)('OrderItem', { description: 'A line of an order: a product, or a charge (postage, fees) with chargeCode set.' })
], OrderItemType);
let ReviewType = class ReviewType {
    id;
    externalId;
    customerId;
    productId;
    rating;
    text;
    reviewedAt;
};
exports.ReviewType = ReviewType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", Number)
], ReviewType.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], ReviewType.prototype, "externalId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], ReviewType.prototype, "rating", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], ReviewType.prototype, "text", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar),
    __metadata("design:type", Date)
], ReviewType.prototype, "reviewedAt", void 0);
exports.ReviewType = ReviewType = __decorate([
    (0, type_graphql_1.ObjectType)('Review')
], ReviewType);
exports.ReviewConnection = (0, connection_type_1.ConnectionType)('Review', ReviewType);
let ProductFilter = class ProductFilter {
    category;
    titleContains;
};
exports.ProductFilter = ProductFilter;
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], ProductFilter.prototype, "category", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Case-insensitive part of the title.' }),
    __metadata("design:type", Object)
], ProductFilter.prototype, "titleContains", void 0);
exports.ProductFilter = ProductFilter = __decorate([
    (0, type_graphql_1.InputType)()
], ProductFilter);
let ProductInput = class ProductInput {
    externalId;
    title;
    description;
    category;
    price;
};
exports.ProductInput = ProductInput;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], ProductInput.prototype, "externalId", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], ProductInput.prototype, "title", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], ProductInput.prototype, "description", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], ProductInput.prototype, "category", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'List price (rounded to 4 decimals).' }),
    __metadata("design:type", Object)
], ProductInput.prototype, "price", void 0);
exports.ProductInput = ProductInput = __decorate([
    (0, type_graphql_1.InputType)({ description: 'A product to create or update, matched by externalId.' })
], ProductInput);
let OrderItemInput = class OrderItemInput {
    line;
    productExternalId;
    chargeCode;
    quantity;
    unitPrice;
    amount;
};
exports.OrderItemInput = OrderItemInput;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: 'Line number; defaults to the position in the list (1-based).' }),
    __metadata("design:type", Object)
], OrderItemInput.prototype, "line", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], OrderItemInput.prototype, "productExternalId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], OrderItemInput.prototype, "chargeCode", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], OrderItemInput.prototype, "quantity", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], OrderItemInput.prototype, "unitPrice", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'What the line is worth; defaults to quantity x unitPrice.' }),
    __metadata("design:type", Object)
], OrderItemInput.prototype, "amount", void 0);
exports.OrderItemInput = OrderItemInput = __decorate([
    (0, type_graphql_1.InputType)({ description: 'An order line: exactly one of productExternalId and chargeCode.' })
], OrderItemInput);
let OrderInput = class OrderInput {
    externalId;
    customerExternalId;
    placedAt;
    status;
    items;
};
exports.OrderInput = OrderInput;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], OrderInput.prototype, "externalId", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], OrderInput.prototype, "customerExternalId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar),
    __metadata("design:type", Date)
], OrderInput.prototype, "placedAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.OrderStatusEnum, { defaultValue: enums_1.OrderStatusEnum.PLACED }),
    __metadata("design:type", String)
], OrderInput.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [OrderItemInput]),
    __metadata("design:type", Array)
], OrderInput.prototype, "items", void 0);
exports.OrderInput = OrderInput = __decorate([
    (0, type_graphql_1.InputType)({ description: 'An order with its items, matched by externalId; its items are replaced by these.' })
], OrderInput);
let ReviewInput = class ReviewInput {
    externalId;
    customerExternalId;
    productExternalId;
    rating;
    text;
    reviewedAt;
};
exports.ReviewInput = ReviewInput;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], ReviewInput.prototype, "externalId", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], ReviewInput.prototype, "customerExternalId", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], ReviewInput.prototype, "productExternalId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: '1 to 5.' }),
    __metadata("design:type", Number)
], ReviewInput.prototype, "rating", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], ReviewInput.prototype, "text", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar),
    __metadata("design:type", Date)
], ReviewInput.prototype, "reviewedAt", void 0);
exports.ReviewInput = ReviewInput = __decorate([
    (0, type_graphql_1.InputType)({ description: 'A review, matched by externalId.' })
], ReviewInput);
let ImportErrorType = class ImportErrorType {
    path;
    message;
    code;
};
exports.ImportErrorType = ImportErrorType;
__decorate([
    (0, type_graphql_1.Field)(() => [String], { description: 'Where in the input, e.g. ["input", "3", "email"].' }),
    __metadata("design:type", Array)
], ImportErrorType.prototype, "path", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], ImportErrorType.prototype, "message", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'BAD_USER_INPUT (invalid value) or NOT_FOUND (unknown customer, product or order).' }),
    __metadata("design:type", String)
], ImportErrorType.prototype, "code", void 0);
exports.ImportErrorType = ImportErrorType = __decorate([
    (0, type_graphql_1.ObjectType)('ImportError', { description: 'Why one input row was not written.' })
], ImportErrorType);
let ImportResultType = class ImportResultType {
    received;
    created;
    updated;
    unchanged;
    skipped;
    committed;
    errors;
};
exports.ImportResultType = ImportResultType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], ImportResultType.prototype, "received", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], ImportResultType.prototype, "created", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Rows that existed with other values, and were changed (an order given again always: its lines are replaced).' }),
    __metadata("design:type", Number)
], ImportResultType.prototype, "updated", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Rows that existed with the same values: nothing written.' }),
    __metadata("design:type", Number)
], ImportResultType.prototype, "unchanged", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Rows not written because of an error.' }),
    __metadata("design:type", Number)
], ImportResultType.prototype, "skipped", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'Whether the batch was written (false when onError is ABORT and any row failed).' }),
    __metadata("design:type", Boolean)
], ImportResultType.prototype, "committed", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [ImportErrorType]),
    __metadata("design:type", Array)
], ImportResultType.prototype, "errors", void 0);
exports.ImportResultType = ImportResultType = __decorate([
    (0, type_graphql_1.ObjectType)('ImportResult')
], ImportResultType);
//# sourceMappingURL=catalog.type.js.map