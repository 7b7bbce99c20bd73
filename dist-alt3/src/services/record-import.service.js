"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RecordImportService = void 0;
const errors_1 = require("../errors");
const bulk_writer_1 = require("../import/bulk-writer");
const field_parsers_1 = require("../import/field-parsers");
const record_builders_1 = require("../import/record-builders");
const records_1 = require("../import/records");
const BUILDERS = {
    customers: record_builders_1.buildCustomer,
    products: record_builders_1.buildProduct,
    orders: (raw) => (0, record_builders_1.buildOrder)(raw, raw.items ?? []),
    reviews: record_builders_1.buildReview,
};
/**
 * The GraphQL upserts: validate every row (errors carry their input path), then write the batch in one transaction
 * through the same writer as the CSV import. With `onError: ABORT` (the default) a batch with any bad row writes
 * nothing; with `SKIP` the good rows are written and the bad ones reported.
 */
class RecordImportService {
    imports;
    batchLimit;
    constructor(imports, batchLimit) {
        this.imports = imports;
        this.batchLimit = batchLimit;
    }
    async upsert(kind, inputs, onError = 'abort') {
        if (inputs.length > this.batchLimit) {
            throw (0, errors_1.badUserInput)(`at most ${this.batchLimit} rows per call, got ${inputs.length}: split the batch`, { argument: 'input', limit: this.batchLimit });
        }
        const errors = [];
        const batch = (0, records_1.emptyBatch)();
        const firstIndex = new Map();
        inputs.forEach((raw, index) => {
            let record;
            try {
                record = BUILDERS[kind](raw);
            }
            catch (err) {
                if (!(err instanceof field_parsers_1.FieldError))
                    throw err;
                errors.push({ path: ['input', index, ...err.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))], message: err.message, code: 'BAD_USER_INPUT' });
                return;
            }
            const earlier = firstIndex.get(record.externalId);
            if (earlier !== undefined) {
                errors.push({ path: ['input', index, 'externalId'], message: `${JSON.stringify(record.externalId)} also appears at index ${earlier}`, code: 'BAD_USER_INPUT' });
                return;
            }
            firstIndex.set(record.externalId, index);
            record.origin = { path: ['input', index] };
            batch[kind].push(record);
        });
        const result = { received: inputs.length, created: 0, updated: 0, unchanged: 0, skipped: 0, committed: false, errors };
        if (errors.length > 0 && onError === 'abort') {
            result.skipped = inputs.length;
            return result;
        }
        if (batch[kind].length === 0) {
            // Nothing valid to write (an empty list, or every row skipped): no transaction, nothing half-written.
            result.skipped = inputs.length;
            result.committed = true;
            return result;
        }
        const { stats, issues } = await this.imports.writeRecords(new bulk_writer_1.BulkWriter(), batch, { onError, replaceItems: true });
        for (const issue of issues)
            errors.push({ path: issue.origin?.path ?? ['input'], message: issue.reason, code: 'NOT_FOUND' });
        errors.sort((a, b) => Number(a.path[1]) - Number(b.path[1]));
        if (issues.length > 0 && onError === 'abort') {
            result.skipped = inputs.length;
            return result;
        }
        const counts = stats[kind];
        result.created = counts.created;
        // An order's lines are replaced whatever its own row did: a given order counts as updated.
        result.updated = counts.updated + (kind === 'orders' ? counts.unchanged : 0);
        result.unchanged = kind === 'orders' ? 0 : counts.unchanged;
        result.skipped = inputs.length - result.created - result.updated - result.unchanged;
        result.committed = true;
        return result;
    }
}
exports.RecordImportService = RecordImportService;
//# sourceMappingURL=record-import.service.js.map