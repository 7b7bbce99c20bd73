"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Sql = void 0;
exports.daysBetween = daysBetween;
exports.monthOf = monthOf;
/**
 * Hand-written SQL with placeholders numbered in the order they are added: write the statement front to back,
 * calling `p` where each value goes (SQLite's `?` are positional, so the text order is the binding order).
 */
class Sql {
    d;
    params = [];
    constructor(d) {
        this.d = d;
    }
    p(value) {
        this.params.push(value);
        return this.d.param(this.params.length);
    }
    list(values) {
        return values.map((v) => this.p(v)).join(', ');
    }
}
exports.Sql = Sql;
/** Days from `column` (a timestamp) to the bound timestamp `asOf` (a placeholder), as a float. */
function daysBetween(d, column, asOf) {
    return d.postgres ? `(EXTRACT(EPOCH FROM (${asOf}::timestamptz - ${column})) / 86400.0)` : `(julianday(${asOf}) - julianday(${column}))`;
}
/** The calendar month (YYYY-MM, UTC) of a timestamp column. */
function monthOf(d, column) {
    return d.postgres ? `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM')` : `substr(${column}, 1, 7)`;
}
//# sourceMappingURL=sql.js.map