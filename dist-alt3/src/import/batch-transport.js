"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.encodeBatch = encodeBatch;
exports.decodeBatch = decodeBatch;
function encodeBatch(batch) {
    const orders = batch.records.orders;
    let total = 0;
    for (const order of orders)
        total += order.items.length;
    const ints = new Int32Array(total * 4);
    const numbers = new Float64Array(total * 3);
    const counts = new Int32Array(orders.length);
    const strings = [];
    const index = new Map();
    const ref = (text) => {
        if (text === null || text === undefined)
            return -1;
        let i = index.get(text);
        if (i === undefined) {
            i = strings.length;
            strings.push(text);
            index.set(text, i);
        }
        return i;
    };
    let k = 0;
    const stripped = orders.map((order, o) => {
        counts[o] = order.items.length;
        for (const item of order.items) {
            ints[k * 4] = o;
            ints[k * 4 + 1] = item.lineNo;
            ints[k * 4 + 2] = ref(item.productExternalId);
            ints[k * 4 + 3] = ref(item.chargeCode);
            numbers[k * 3] = item.quantity;
            numbers[k * 3 + 1] = item.unitPriceE4;
            numbers[k * 3 + 2] = item.amountE4;
            k++;
        }
        return { ...order, items: [] };
    });
    const message = { batch: { ...batch, records: { ...batch.records, orders: stripped } }, ints, numbers, strings, counts };
    return { message, transfer: [ints.buffer, numbers.buffer, counts.buffer] };
}
function decodeBatch({ batch, ints, numbers, strings, counts }) {
    let k = 0;
    batch.records.orders.forEach((order, o) => {
        const items = new Array(counts[o]);
        for (let j = 0; j < counts[o]; j++, k++) {
            const product = ints[k * 4 + 2];
            const charge = ints[k * 4 + 3];
            items[j] = {
                lineNo: ints[k * 4 + 1],
                productExternalId: product < 0 ? null : strings[product],
                chargeCode: charge < 0 ? null : strings[charge],
                quantity: numbers[k * 3],
                unitPriceE4: numbers[k * 3 + 1],
                amountE4: numbers[k * 3 + 2],
            };
        }
        order.items = items;
    });
    return batch;
}
//# sourceMappingURL=batch-transport.js.map