"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_PAGE_SIZE = void 0;
exports.pageWindow = pageWindow;
exports.fetchDirection = fetchDirection;
exports.keysetOperator = keysetOperator;
exports.encodeCursor = encodeCursor;
exports.decodeCursor = decodeCursor;
exports.toConnection = toConnection;
exports.pageById = pageById;
const errors_1 = require("../errors");
exports.MAX_PAGE_SIZE = 100;
function checkSize(name, value) {
    if (!Number.isInteger(value) || value < 1 || value > exports.MAX_PAGE_SIZE) {
        throw (0, errors_1.badUserInput)(`${name} must be between 1 and ${exports.MAX_PAGE_SIZE}, got ${value}`, { argument: name });
    }
}
function pageWindow(args) {
    const hasFirst = args.first !== undefined && args.first !== null;
    const hasLast = args.last !== undefined && args.last !== null;
    if (hasFirst === hasLast) {
        throw (0, errors_1.badUserInput)(hasFirst ? 'pass first or last, not both' : `first or last is required (1..${exports.MAX_PAGE_SIZE})`, { argument: 'first' });
    }
    if (hasFirst) {
        checkSize('first', args.first);
        if (args.before)
            throw (0, errors_1.badUserInput)('before pages backward: use it with last', { argument: 'before' });
        return { limit: args.first, backward: false, cursor: args.after ?? null };
    }
    checkSize('last', args.last);
    if (args.after)
        throw (0, errors_1.badUserInput)('after pages forward: use it with first', { argument: 'after' });
    return { limit: args.last, backward: true, cursor: args.before ?? null };
}
/** The direction to fetch in: the list's own order, reversed when paging backward. */
function fetchDirection(order, window) {
    return window.backward === (order === 'ASC') ? 'DESC' : 'ASC';
}
/** The keyset comparison for rows after the cursor in the fetch direction. */
function keysetOperator(direction) {
    return direction === 'ASC' ? '>' : '<';
}
/** Cursors are opaque: base64url of the sort key and the id that breaks ties. */
function encodeCursor(key) {
    return Buffer.from(JSON.stringify(key)).toString('base64url');
}
function decodeCursor(cursor, shape) {
    try {
        const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
        if (Array.isArray(key) && key.length === shape.length && key.every((v, i) => typeof v === shape[i] && (typeof v !== 'number' || Number.isFinite(v)))) {
            return key;
        }
    }
    catch {
        // fall through
    }
    throw (0, errors_1.badUserInput)(`${JSON.stringify(cursor.slice(0, 200))} is not a cursor from this list`, { argument: 'after' });
}
/**
 * Builds a connection from up to `limit + 1` rows fetched in the fetch direction (the extra row only says there is
 * another page that way); backward pages are turned round into the list's order.
 */
function toConnection(rows, args, cursorOf, totalCount) {
    const window = 'limit' in args ? args : pageWindow(args);
    const page = rows.slice(0, window.limit);
    if (window.backward)
        page.reverse();
    const more = rows.length > window.limit;
    const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
    let count = null;
    return {
        edges,
        pageInfo: {
            hasNextPage: window.backward ? window.cursor !== null : more,
            hasPreviousPage: window.backward ? more : window.cursor !== null,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges[edges.length - 1]?.cursor ?? null,
        },
        get totalCount() {
            return (count ??= totalCount());
        },
    };
}
/** A page of a list ordered by id alone (models, runs, keys, exports): keyset on the id. */
async function pageById(qb, column, order, page, totalCount) {
    const window = pageWindow(page);
    const direction = fetchDirection(order, window);
    if (window.cursor)
        qb.andWhere(`${column} ${keysetOperator(direction)} :pageCursor`, { pageCursor: decodeCursor(window.cursor, ['number'])[0] });
    const rows = await qb.orderBy(column, direction).take(window.limit + 1).getMany();
    return toConnection(rows, window, (row) => encodeCursor([row.id]), totalCount);
}
//# sourceMappingURL=pagination.js.map