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
exports.OrderItem = void 0;
const typeorm_1 = require("typeorm");
const column_types_1 = require("../db/column-types");
/**
 * One line of an order: a product, or a charge (postage, fees, manual adjustments) that is not a product.
 * The key is `(order_id, line_no)`: natural, so re-imports are idempotent, and clustered (SQLite `WITHOUT ROWID`), so
 * an order's lines sit together and the largest table carries one B-tree instead of three.
 */
let OrderItem = class OrderItem {
    orderId;
    order;
    lineNo;
    productId;
    product;
    /** Set instead of `productId` for non-product lines (Online Retail's POST, M, AMAZONFEE, ...). */
    chargeCode;
    /** Negative on returns. */
    quantity;
    unitPriceE4;
    /** What the line is worth, in e4 units: quantity x unit price unless the source says otherwise (discounts). */
    amountE4;
};
exports.OrderItem = OrderItem;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ name: 'order_id', type: 'integer' }),
    __metadata("design:type", Number)
], OrderItem.prototype, "orderId", void 0);
__decorate([
    (0, typeorm_1.ManyToOne)('Order', (order) => order.items, { onDelete: 'CASCADE' }),
    (0, typeorm_1.JoinColumn)({ name: 'order_id' }),
    __metadata("design:type", Function)
], OrderItem.prototype, "order", void 0);
__decorate([
    (0, typeorm_1.PrimaryColumn)({ name: 'line_no', type: 'integer' }),
    __metadata("design:type", Number)
], OrderItem.prototype, "lineNo", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'product_id', type: 'integer', nullable: true }),
    __metadata("design:type", Object)
], OrderItem.prototype, "productId", void 0);
__decorate([
    (0, typeorm_1.ManyToOne)('Product', { onDelete: 'RESTRICT' }),
    (0, typeorm_1.JoinColumn)({ name: 'product_id' }),
    __metadata("design:type", Object)
], OrderItem.prototype, "product", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'charge_code', type: 'varchar', length: 64, nullable: true }),
    __metadata("design:type", Object)
], OrderItem.prototype, "chargeCode", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer' }),
    __metadata("design:type", Number)
], OrderItem.prototype, "quantity", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'unit_price_e4', type: 'integer' }),
    __metadata("design:type", Number)
], OrderItem.prototype, "unitPriceE4", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'amount_e4', type: 'bigint', transformer: column_types_1.bigintAsNumber }),
    __metadata("design:type", Number)
], OrderItem.prototype, "amountE4", void 0);
exports.OrderItem = OrderItem = __decorate([
    (0, typeorm_1.Entity)('order_items')
], OrderItem);
//# sourceMappingURL=order-item.entity.js.map