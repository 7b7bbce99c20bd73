"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Dialect = void 0;
const typeorm_1 = require("typeorm");
/**
 * The few places where SQLite and PostgreSQL differ for hand-written SQL: placeholders, how timestamps are bound and
 * read back, and how large a multi-row statement may be.
 */
class Dialect {
    kind;
    postgres;
    constructor(kind) {
        this.kind = kind;
        this.postgres = kind === 'postgres';
    }
    static of(source) {
        const type = source instanceof typeorm_1.DataSource ? source.options.type : source.connection.options.type;
        return new Dialect(type === 'postgres' ? 'postgres' : 'sqlite');
    }
    /** The n-th (1-based) parameter placeholder. */
    param(n) {
        return this.postgres ? `$${n}` : '?';
    }
    static valuesCache = new Map();
    /** `(?, ?, ?), (?, ?, ?)` for `rows` rows of `cols` columns, numbering from `offset`. */
    valuesList(rows, cols, offset = 0) {
        const key = `${this.kind}:${rows}:${cols}:${offset}`;
        let text = Dialect.valuesCache.get(key);
        if (text === undefined) {
            text = this.buildValuesList(rows, cols, offset);
            if (Dialect.valuesCache.size > 1000)
                Dialect.valuesCache.clear();
            Dialect.valuesCache.set(key, text);
        }
        return text;
    }
    buildValuesList(rows, cols, offset) {
        const out = new Array(rows);
        let n = offset;
        for (let r = 0; r < rows; r++) {
            const cells = new Array(cols);
            for (let c = 0; c < cols; c++)
                cells[c] = this.param(++n);
            out[r] = `(${cells.join(', ')})`;
        }
        return out.join(', ');
    }
    /** A parameter list for `IN (...)`. */
    inList(count, offset = 0) {
        const out = new Array(count);
        for (let i = 0; i < count; i++)
            out[i] = this.param(offset + i + 1);
        return out.join(', ');
    }
    /** Binds a timestamp the way TypeORM stores it: SQLite keeps UTC text `YYYY-MM-DD HH:MM:SS.SSS`. */
    timestamp(date) {
        if (this.postgres)
            return date;
        return date.toISOString().replace('T', ' ').replace('Z', '');
    }
    /** Reads a timestamp from a raw row. */
    readTimestamp(value) {
        if (value === null || value === undefined)
            return null;
        if (value instanceof Date)
            return value;
        const text = String(value);
        // SQLite's own layout, `YYYY-MM-DD HH:MM:SS[.SSS]` in UTC, read by position: sequences read one per order line.
        if ((text.length === 19 || text.length === 23) && text.charCodeAt(10) === 32 && text.charCodeAt(4) === 45) {
            const n = (from, to) => Number(text.slice(from, to));
            const [year, month, day, hour, minute, second] = [n(0, 4), n(5, 7), n(8, 10), n(11, 13), n(14, 16), n(17, 19)];
            // Date.UTC maps years below 100 to the 1900s and rolls over out-of-range fields: those take the slow path.
            if (year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 60) {
                const ms = Date.UTC(year, month - 1, day, hour, minute, second, text.length === 23 ? n(20, 23) : 0);
                if (Number.isFinite(ms))
                    return new Date(ms);
            }
        }
        return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : text.replace(' ', 'T') + 'Z');
    }
    /** Most rows per multi-row statement for `cols` columns, under SQLite's and PostgreSQL's parameter limits. */
    rowsPerStatement(cols) {
        return Math.max(1, Math.floor((this.postgres ? 65_000 : 32_000) / cols / 4));
    }
}
exports.Dialect = Dialect;
//# sourceMappingURL=dialect.js.map