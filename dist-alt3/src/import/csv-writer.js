"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.csvField = csvField;
exports.writeSegmentqlCsv = writeSegmentqlCsv;
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const money_1 = require("../db/money");
/** Quotes a CSV field when it must be (RFC 4180). */
function csvField(value) {
    if (value === null || value === undefined)
        return '';
    const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
function writeTable(file, header, rows) {
    const fd = node_fs_1.default.openSync(file, 'w');
    try {
        node_fs_1.default.writeSync(fd, header.join(',') + '\n');
        let chunk = [];
        for (const row of rows) {
            chunk.push(row.map(csvField).join(','));
            if (chunk.length >= 5000) {
                node_fs_1.default.writeSync(fd, chunk.join('\n') + '\n');
                chunk = [];
            }
        }
        if (chunk.length)
            node_fs_1.default.writeSync(fd, chunk.join('\n') + '\n');
    }
    finally {
        node_fs_1.default.closeSync(fd);
    }
}
const money = (e4) => (e4 === null || e4 === undefined ? null : (0, money_1.moneyFromE4)(e4).toFixed(4).replace(/\.?0+$/, ''));
/** Writes records in the generic layout (the format `segmentql import --format segmentql` reads). */
function writeSegmentqlCsv(dir, records) {
    node_fs_1.default.mkdirSync(dir, { recursive: true });
    const out = (name) => node_path_1.default.join(dir, `${name}.csv`);
    writeTable(out('customers'), ['customer_id', 'email', 'name', 'country', 'city', 'gender', 'birth_year', 'signup_at', 'attributes', 'ground_truth_label'], records.customers.map((c) => [c.externalId, c.email, c.name, c.country, c.city, c.gender, c.birthYear, c.signupAt, c.attributes, c.groundTruthLabel]));
    writeTable(out('products'), ['product_id', 'title', 'description', 'category', 'price'], records.products.map((p) => [p.externalId, p.title, p.description, p.category, money(p.priceE4)]));
    writeTable(out('orders'), ['order_id', 'customer_id', 'placed_at', 'status'], records.orders.map((o) => [o.externalId, o.customerExternalId, o.placedAt, o.status]));
    writeTable(out('order_items'), ['order_id', 'line', 'product_id', 'charge_code', 'quantity', 'unit_price', 'amount'], (function* () {
        for (const o of records.orders) {
            for (const i of o.items)
                yield [o.externalId, i.lineNo, i.productExternalId, i.chargeCode, i.quantity, money(i.unitPriceE4), money(i.amountE4)];
        }
    })());
    writeTable(out('reviews'), ['review_id', 'customer_id', 'product_id', 'rating', 'text', 'reviewed_at'], records.reviews.map((r) => [r.externalId, r.customerExternalId, r.productExternalId, r.rating, r.text, r.reviewedAt]));
    return ['customers', 'products', 'orders', 'order_items', 'reviews'].map(out);
}
//# sourceMappingURL=csv-writer.js.map