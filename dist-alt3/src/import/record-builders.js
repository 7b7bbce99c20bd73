"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.buildCustomer = buildCustomer;
exports.buildProduct = buildProduct;
exports.buildOrderItem = buildOrderItem;
exports.buildOrder = buildOrder;
exports.buildReview = buildReview;
const field_parsers_1 = require("./field-parsers");
const records_1 = require("./records");
const currentYear = new Date().getUTCFullYear();
function buildCustomer(raw) {
    return {
        externalId: (0, field_parsers_1.requiredText)('externalId', raw.externalId),
        email: (0, field_parsers_1.optionalEmail)('email', raw.email),
        name: (0, field_parsers_1.optionalText)('name', raw.name, 200),
        country: (0, field_parsers_1.optionalText)('country', raw.country, 100),
        city: (0, field_parsers_1.optionalText)('city', raw.city, 100),
        gender: (0, field_parsers_1.optionalText)('gender', raw.gender, 32),
        birthYear: (0, field_parsers_1.optionalInteger)('birthYear', raw.birthYear, { min: 1900, max: currentYear }),
        signupAt: (0, field_parsers_1.optionalTimestamp)('signupAt', raw.signupAt),
        attributes: (0, field_parsers_1.jsonObject)('attributes', raw.attributes),
        groundTruthLabel: (0, field_parsers_1.optionalText)('groundTruthLabel', raw.groundTruthLabel, 64),
    };
}
function buildProduct(raw) {
    const price = (0, field_parsers_1.optionalMoney)('price', raw.price);
    if (price !== null && price < 0)
        throw new field_parsers_1.FieldError('price', 'must not be negative');
    return {
        externalId: (0, field_parsers_1.requiredText)('externalId', raw.externalId),
        title: (0, field_parsers_1.requiredText)('title', raw.title, 500),
        description: (0, field_parsers_1.optionalText)('description', raw.description, 20_000),
        category: (0, field_parsers_1.optionalText)('category', raw.category, 100),
        priceE4: price,
    };
}
/** An order line; `lineNo` is its given number or its position. Returned orders' lines are made negative. */
function buildOrderItem(raw, position) {
    const productExternalId = (0, field_parsers_1.optionalText)('productExternalId', raw.productExternalId, 64);
    const chargeCode = (0, field_parsers_1.optionalText)('chargeCode', raw.chargeCode, 64);
    if ((productExternalId === null) === (chargeCode === null))
        throw new field_parsers_1.FieldError('productExternalId', 'give exactly one of a product and a charge code');
    const quantity = (0, field_parsers_1.integer)('quantity', raw.quantity, { min: -1_000_000, max: 1_000_000 });
    const unitPriceE4 = (0, field_parsers_1.money)('unitPrice', raw.unitPrice);
    const amountE4 = (0, field_parsers_1.optionalMoney)('amount', raw.amount) ?? quantity * unitPriceE4;
    return {
        lineNo: (0, field_parsers_1.optionalInteger)('line', raw.line, { min: 1, max: 100_000 }) ?? position,
        productExternalId,
        chargeCode,
        quantity,
        unitPriceE4,
        amountE4,
    };
}
function buildOrder(raw, items = []) {
    const status = (0, field_parsers_1.orderStatus)('status', raw.status);
    const built = [];
    const lines = new Set();
    items.forEach((item, i) => {
        let record;
        try {
            record = (0, records_1.normaliseItemSigns)(status, buildOrderItem(item, i + 1));
        }
        catch (err) {
            if (err instanceof field_parsers_1.FieldError)
                throw new field_parsers_1.FieldError(`items.${i}.${err.field}`, err.message);
            throw err;
        }
        if (lines.has(record.lineNo))
            throw new field_parsers_1.FieldError(`items.${i}.line`, `line ${record.lineNo} appears twice`);
        lines.add(record.lineNo);
        built.push(record);
    });
    return {
        externalId: (0, field_parsers_1.requiredText)('externalId', raw.externalId),
        customerExternalId: (0, field_parsers_1.requiredText)('customerExternalId', raw.customerExternalId),
        placedAt: (0, field_parsers_1.timestamp)('placedAt', raw.placedAt),
        status,
        items: built,
    };
}
function buildReview(raw) {
    return {
        externalId: (0, field_parsers_1.requiredText)('externalId', raw.externalId),
        customerExternalId: (0, field_parsers_1.requiredText)('customerExternalId', raw.customerExternalId),
        productExternalId: (0, field_parsers_1.requiredText)('productExternalId', raw.productExternalId),
        rating: (0, field_parsers_1.integer)('rating', raw.rating, { min: 1, max: 5 }),
        text: (0, field_parsers_1.optionalText)('text', raw.text, 20_000),
        reviewedAt: (0, field_parsers_1.timestamp)('reviewedAt', raw.reviewedAt),
    };
}
//# sourceMappingURL=record-builders.js.map