"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.emptyBatch = emptyBatch;
exports.normaliseItemSigns = normaliseItemSigns;
function emptyBatch() {
    return { customers: [], products: [], orders: [], items: [], reviews: [] };
}
/** Sign convention: a returned order's lines are negative, whatever sign the source used. */
function normaliseItemSigns(status, item) {
    if (status !== 'returned')
        return item;
    return { ...item, quantity: -Math.abs(item.quantity), amountE4: -Math.abs(item.amountE4) };
}
//# sourceMappingURL=records.js.map