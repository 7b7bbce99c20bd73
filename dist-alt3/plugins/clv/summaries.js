"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.summarise = summarise;
/**
 * Summaries from the customers' purchase lines: a purchase is a calendar day (UTC) with a placed order, its value the
 * day's total (a free order counts as a purchase, as in the papers; Gamma-Gamma leaves out customers whose mean is not
 * positive); lines on or after `asOfDay` are ignored (the training set holds none, but assignment data may).
 */
function summarise(sequences, asOfDay) {
    const n = sequences.offsets.length - 1;
    // The last day with data: the day before asOf when asOf is a midnight, else asOf's own (partial) day.
    const lastDay = Math.ceil(asOfDay) - 1;
    const out = {
        x: new Float64Array(n),
        txDays: new Float64Array(n),
        TDays: new Float64Array(n),
        meanRepeatValue: new Float64Array(n),
        hasHistory: new Uint8Array(n),
    };
    const totals = new Map();
    for (let i = 0; i < n; i++) {
        totals.clear();
        for (let e = sequences.offsets[i]; e < sequences.offsets[i + 1]; e++) {
            const day = Math.floor(sequences.days[e]);
            if (day > lastDay)
                continue;
            totals.set(day, (totals.get(day) ?? 0) + sequences.amounts[e]);
        }
        const days = [...totals.entries()].sort((a, b) => a[0] - b[0]);
        if (days.length === 0)
            continue;
        const first = days[0][0];
        out.hasHistory[i] = 1;
        out.x[i] = days.length - 1;
        out.txDays[i] = days[days.length - 1][0] - first;
        out.TDays[i] = lastDay - first;
        if (days.length > 1) {
            let sum = 0;
            for (let k = 1; k < days.length; k++)
                sum += days[k][1];
            out.meanRepeatValue[i] = sum / (days.length - 1);
        }
    }
    return out;
}
//# sourceMappingURL=summaries.js.map