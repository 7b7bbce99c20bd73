"use strict";
/** Helpers for DataLoader batch functions: answers must come back in the order of the keys asked for. */
Object.defineProperty(exports, "__esModule", { value: true });
exports.inIdOrder = inIdOrder;
exports.groupedByKey = groupedByKey;
/** Rows in the order of `ids`, null where a row is missing. */
function inIdOrder(ids, rows) {
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
}
/** Rows grouped by `keyOf`, one (possibly empty) group per key, in the order of `keys`; rows keep their order. */
function groupedByKey(keys, rows, keyOf) {
    const groups = new Map();
    for (const row of rows) {
        const key = keyOf(row);
        const group = groups.get(key);
        if (group)
            group.push(row);
        else
            groups.set(key, [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
}
//# sourceMappingURL=batching.js.map