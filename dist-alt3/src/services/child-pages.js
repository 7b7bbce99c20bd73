"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadChildPages = loadChildPages;
exports.countChildren = countChildren;
exports.childConnections = childConnections;
exports.childCursor = childCursor;
const dialect_1 = require("../db/dialect");
const errors_1 = require("../errors");
const pagination_1 = require("./pagination");
async function loadChildPages(dataSource, spec, parentIds, window) {
    const dialect = dialect_1.Dialect.of(dataSource);
    const direction = (0, pagination_1.fetchDirection)('DESC', window);
    const params = [...parentIds];
    let keyset = '';
    if (window.cursor) {
        const [time, id] = (0, pagination_1.decodeCursor)(window.cursor, ['string', 'number']);
        const date = new Date(time);
        if (Number.isNaN(date.getTime()))
            throw (0, errors_1.badUserInput)('not a cursor from this list', { argument: window.backward ? 'before' : 'after' });
        const at = dialect.timestamp(date);
        params.push(at, at, id);
        const n = params.length;
        const op = (0, pagination_1.keysetOperator)(direction);
        keyset = `AND (${spec.timeColumn} ${op} ${dialect.param(n - 2)} OR (${spec.timeColumn} = ${dialect.param(n - 1)} AND id ${op} ${dialect.param(n)}))`;
    }
    params.push(window.limit + 1);
    const select = Object.entries(spec.columns)
        .map(([column, property]) => `${column} AS "${property}"`)
        .join(', ');
    const rows = await dataSource.query(`SELECT * FROM (
       SELECT ${select}, ${spec.parentColumn} AS "__parent",
              ROW_NUMBER() OVER (PARTITION BY ${spec.parentColumn} ORDER BY ${spec.timeColumn} ${direction}, id ${direction}) AS "__rn"
       FROM ${spec.table}
       WHERE ${spec.parentColumn} IN (${dialect.inList(parentIds.length)}) ${keyset}
     ) paged
     WHERE "__rn" <= ${dialect.param(params.length)}
     ORDER BY "__parent", "__rn"`, params);
    const byParent = new Map();
    for (const row of rows) {
        const parent = Number(row.__parent);
        delete row.__parent;
        delete row.__rn;
        row.id = Number(row.id);
        row[spec.columns[spec.timeColumn]] = dialect.readTimestamp(row[spec.columns[spec.timeColumn]]);
        let list = byParent.get(parent);
        if (!list)
            byParent.set(parent, (list = []));
        list.push(row);
    }
    return byParent;
}
/** Counts children per parent in one statement. */
async function countChildren(dataSource, table, parentColumn, parentIds) {
    const dialect = dialect_1.Dialect.of(dataSource);
    const rows = await dataSource.query(`SELECT ${parentColumn} AS parent, COUNT(*) AS n FROM ${table} WHERE ${parentColumn} IN (${dialect.inList(parentIds.length)}) GROUP BY ${parentColumn}`, [...parentIds]);
    return new Map(rows.map((r) => [Number(r.parent), Number(r.n)]));
}
/**
 * One connection per parent: the pages in one query, and the counts in one more, only if a client reads a
 * `totalCount`.
 */
async function childConnections(dataSource, spec, parentIds, page) {
    const window = (0, pagination_1.pageWindow)(page);
    const pages = await loadChildPages(dataSource, spec, parentIds, window);
    const timeProperty = spec.columns[spec.timeColumn];
    let counts = null;
    const countOf = (id) => async () => {
        counts ??= countChildren(dataSource, spec.table, spec.parentColumn, parentIds);
        return (await counts).get(id) ?? 0;
    };
    return parentIds.map((id) => (0, pagination_1.toConnection)((pages.get(id) ?? []), window, (row) => childCursor(row[timeProperty], row.id), countOf(id)));
}
/** The cursor of a child row: its timestamp and id. */
function childCursor(time, id) {
    return (0, pagination_1.encodeCursor)([time.toISOString(), id]);
}
//# sourceMappingURL=child-pages.js.map