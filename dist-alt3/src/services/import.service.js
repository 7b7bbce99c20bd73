"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ImportService = void 0;
const bulk_writer_1 = require("../import/bulk-writer");
const customer_stats_service_1 = require("./customer-stats.service");
const data_version_1 = require("./data-version");
/**
 * Imports: streams an `ImportSource` into the database one transaction per batch (a batch commits whole or not at
 * all), and writes GraphQL upsert batches. Both go through the same `BulkWriter`.
 */
class ImportService {
    dataSource;
    dataVersion;
    constructor(dataSource, dataVersion = new data_version_1.DataVersion()) {
        this.dataSource = dataSource;
        this.dataVersion = dataVersion;
    }
    async importSource(source, options = {}) {
        const onError = options.onError ?? 'abort';
        const maxListed = options.maxListedErrors ?? 100;
        const started = Date.now();
        const writer = new bulk_writer_1.BulkWriter();
        const summary = {
            format: source.format,
            rowsRead: 0,
            rowsImported: 0,
            skipped: {},
            errorCount: 0,
            errors: [],
            aborted: false,
            batchesCommitted: 0,
            written: (0, bulk_writer_1.emptyWriteStats)(),
            totals: { read: { quantity: 0, amountE4: 0 }, imported: { quantity: 0, amountE4: 0 } },
            durationMs: 0,
        };
        const recordErrors = (issues) => {
            summary.errorCount += issues.length;
            for (const issue of issues)
                if (summary.errors.length < maxListed)
                    summary.errors.push(issue);
        };
        for await (const batch of source.batches(options.batchSize ?? 20_000)) {
            summary.rowsRead += batch.rowsRead;
            addTotals(summary.totals.read, batch.readTotals);
            if (batch.errors.length > 0) {
                recordErrors(batch.errors);
                if (onError === 'abort') {
                    summary.aborted = true;
                    break;
                }
                summary.skipped.malformed = (summary.skipped.malformed ?? 0) + batch.errors.length;
            }
            const outcome = await this.writeSourceBatch(writer, batch, onError);
            if (outcome.issues.length > 0) {
                recordErrors(outcome.issues);
                if (onError === 'abort') {
                    summary.aborted = true;
                    break;
                }
                summary.skipped['unknown reference'] = (summary.skipped['unknown reference'] ?? 0) + outcome.issues.length;
            }
            summary.batchesCommitted++;
            summary.rowsImported += batch.rowsAccepted - outcome.issues.length;
            addTotals(summary.totals.imported, batch.acceptedTotals);
            for (const [reason, count] of Object.entries(batch.skipped))
                summary.skipped[reason] = (summary.skipped[reason] ?? 0) + count;
            (0, bulk_writer_1.addWriteStats)(summary.written, outcome.stats);
            options.onProgress?.({ rowsRead: summary.rowsRead, rowsImported: summary.rowsImported, ...batch.progress });
        }
        if (summary.batchesCommitted > 0)
            await this.analyze();
        summary.durationMs = Date.now() - started;
        return summary;
    }
    /**
     * Refreshes the planner's statistics after a bulk load. Without them PostgreSQL plans a page of customers' features
     * as a scan of every order line (270 ms instead of a few ms for 100 customers of 100,000).
     */
    async analyze() {
        if (this.dataSource.options.type === 'postgres')
            await this.dataSource.query('ANALYZE customers, products, orders, order_items, reviews');
        else {
            // A bounded ANALYZE: enough statistics for the planner in milliseconds.
            await this.dataSource.query('PRAGMA analysis_limit = 1000');
            await this.dataSource.query('ANALYZE');
        }
    }
    /** One transaction: drop (skip) or refuse (abort) records whose references do not resolve, then write the rest. */
    async writeSourceBatch(writer, batch, onError) {
        const { stats, issues } = await this.writeRecords(writer, batch.records, { onError, replaceItems: false });
        const lineIssues = issues.map((issue) => ({ file: issue.origin?.file ?? '', line: issue.origin?.line ?? 0, reason: issue.reason }));
        return { stats, issues: lineIssues };
    }
    /**
     * Writes records in one transaction. Records that name unknown customers, products or orders are reported; with
     * `abort` nothing is written when there is any, with `skip` the others are written.
     */
    async writeRecords(writer, records, { onError, replaceItems }) {
        const queryRunner = this.dataSource.createQueryRunner();
        await queryRunner.connect();
        await queryRunner.startTransaction();
        try {
            const missing = await writer.findMissingReferences(queryRunner.manager, records);
            const checked = dropUnresolved(records, missing);
            const issues = checked.issues;
            if (issues.length > 0 && onError === 'abort') {
                await queryRunner.rollbackTransaction();
                writer.rollback();
                return { stats: (0, bulk_writer_1.emptyWriteStats)(), issues };
            }
            const stats = await writer.write(queryRunner.manager, checked.records, { replaceItems });
            // Nothing new or different (a re-import of the same files): the revision stays, and the caches keyed by it too.
            const changed = (0, bulk_writer_1.changedAnything)(stats);
            if (changed)
                await customer_stats_service_1.CustomerStatsService.bumpShopRevision(queryRunner.manager);
            await queryRunner.commitTransaction();
            writer.commit();
            if (changed)
                this.dataVersion.bump();
            return { stats, issues };
        }
        catch (err) {
            if (queryRunner.isTransactionActive)
                await queryRunner.rollbackTransaction();
            writer.rollback();
            throw err;
        }
        finally {
            await queryRunner.release();
        }
    }
}
exports.ImportService = ImportService;
function addTotals(into, from) {
    into.quantity += from.quantity;
    into.amountE4 += from.amountE4;
}
/** Splits off the records whose references are missing, with a reason for each. */
function dropUnresolved(records, missing) {
    if (missing.customers.size === 0 && missing.products.size === 0 && missing.orders.size === 0)
        return { records, issues: [] };
    const issues = [];
    const productProblem = (productExternalId) => productExternalId && missing.products.has(productExternalId) ? `unknown product ${JSON.stringify(productExternalId)}` : null;
    const orders = records.orders.filter((order) => {
        const reason = missing.customers.has(order.customerExternalId)
            ? `unknown customer ${JSON.stringify(order.customerExternalId)}`
            : order.items.map((item) => productProblem(item.productExternalId)).find((r) => r !== null);
        if (reason)
            issues.push({ origin: order.origin, reason });
        return !reason;
    });
    const items = records.items.filter((item) => {
        const reason = missing.orders.has(item.orderExternalId) ? `unknown order ${JSON.stringify(item.orderExternalId)}` : productProblem(item.productExternalId);
        if (reason)
            issues.push({ origin: item.origin, reason });
        return !reason;
    });
    const reviews = records.reviews.filter((review) => {
        const reason = missing.customers.has(review.customerExternalId)
            ? `unknown customer ${JSON.stringify(review.customerExternalId)}`
            : productProblem(review.productExternalId);
        if (reason)
            issues.push({ origin: review.origin, reason });
        return !reason;
    });
    return { records: { ...records, orders, items, reviews }, issues };
}
//# sourceMappingURL=import.service.js.map