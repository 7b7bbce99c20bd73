"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.withFuture = withFuture;
/** The same customers with two purchases on and after asOf added to every history (for leakage tests). */
function withFuture(d) {
    const s = d.sequences;
    const n = d.customerIds.length;
    const extra = 2;
    const offsets = new Int32Array(n + 1);
    const total = s.productIds.length + n * extra;
    const out = { offsets, productIds: new Int32Array(total), days: new Float64Array(total), quantities: new Float32Array(total), amounts: new Float32Array(total) };
    let at = 0;
    for (let i = 0; i < n; i++) {
        for (let e = s.offsets[i]; e < s.offsets[i + 1]; e++, at++) {
            out.productIds[at] = s.productIds[e];
            out.days[at] = s.days[e];
            out.quantities[at] = s.quantities[e];
            out.amounts[at] = s.amounts[e];
        }
        for (let k = 0; k < extra; k++, at++) {
            out.productIds[at] = d.items.productIds[(i + k) % d.items.productIds.length];
            out.days[at] = d.asOfDay + k * 3;
            out.quantities[at] = 50;
            out.amounts[at] = 10_000;
        }
        offsets[i + 1] = at;
    }
    return { ...d, sequences: out };
}
//# sourceMappingURL=future-purchases.js.map