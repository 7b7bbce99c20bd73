"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.QueryCounter = void 0;
const typeorm_1 = require("typeorm");
/**
 * Counts the SQL statements the process sends (and optionally prints them). Tests use it to prove that a page of
 * customers with their orders costs a constant number of queries; `LOG_SQL=true` prints them while debugging.
 */
class QueryCounter extends typeorm_1.AbstractLogger {
    print;
    count = 0;
    statements = [];
    recording = false;
    constructor(print = false) {
        super('all');
        this.print = print;
    }
    logQuery(query) {
        this.count++;
        if (this.recording)
            this.statements.push(query);
        if (this.print)
            process.stderr.write(`[sql] ${query}\n`);
    }
    writeLog(_level, _message, _queryRunner) {
        // Only statements are counted; errors surface as exceptions.
    }
    get total() {
        return this.count;
    }
    /** Runs `fn` and returns how many statements it sent (and which, in `statements`). */
    async measure(fn) {
        const before = this.count;
        this.statements.length = 0;
        this.recording = true;
        try {
            const result = await fn();
            return { result, queries: this.count - before, statements: [...this.statements] };
        }
        finally {
            this.recording = false;
        }
    }
}
exports.QueryCounter = QueryCounter;
//# sourceMappingURL=query-counter.js.map