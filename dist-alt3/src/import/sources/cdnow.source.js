"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CdnowSource = exports.CDNOW_PRODUCT = void 0;
const money_1 = require("../../db/money");
const field_parsers_1 = require("../field-parsers");
const source_1 = require("../source");
const zoned_time_1 = require("../zoned-time");
/** The one product a CDNOW purchase line refers to: the log records how many CDs, not which. */
exports.CDNOW_PRODUCT = { externalId: 'CDNOW-CD', title: 'CD (CDNOW purchase log)', category: 'Music' };
/**
 * The CDNOW purchase log (`customer_id,date,number_of_cds,dollar_value`): every row is one order of one line, for the
 * product `CDNOW-CD`. The line's amount is the dollar value as recorded (the unit price is derived, rounded to e4).
 * Order ids are `<customer>-<yyyymmdd>-<n>`, n counting the customer's purchases that day, so re-imports match.
 */
class CdnowSource {
    file;
    format = 'cdnow';
    dates = new zoned_time_1.ZonedTimeParser('UTC');
    constructor(file) {
        this.file = file;
    }
    async *batches(batchSize) {
        const csv = new source_1.CsvFile(this.file);
        let columns = null;
        const perDay = new Map();
        let batch = (0, source_1.newSourceBatch)();
        let customers = new Map();
        let orders = [];
        let productAdded = false;
        const flush = () => {
            const out = batch;
            out.records.customers = [...customers.values()];
            out.records.orders = orders;
            if (!productAdded && orders.length > 0) {
                out.records.products = [exports.CDNOW_PRODUCT];
                productAdded = true;
            }
            out.progress = { bytesRead: csv.bytesRead, bytesTotal: csv.bytesTotal };
            batch = (0, source_1.newSourceBatch)();
            customers = new Map();
            orders = [];
            return out;
        };
        for await (const rows of csv.rows()) {
            for (const { line, fields, error: broken } of rows) {
                if (!columns) {
                    if (broken !== undefined)
                        throw new Error(`${this.file} line ${line}: ${broken}`);
                    try {
                        columns = (0, source_1.readHeader)(fields, ['customer_id', 'date', 'number_of_cds', 'dollar_value']);
                    }
                    catch (err) {
                        throw new Error(`${this.file} line ${line}: ${err.message}`, { cause: err });
                    }
                    continue;
                }
                if (batch.rowsRead >= batchSize)
                    yield flush();
                batch.rowsRead++;
                const error = (reason) => batch.errors.push({ file: this.file, line, reason });
                const get = (name) => (fields[columns.get(name)] ?? '').trim();
                if (broken !== undefined) {
                    error(broken);
                    continue;
                }
                if (fields.length !== columns.size) {
                    error(`expected ${columns.size} fields, found ${fields.length}`);
                    continue;
                }
                const customer = get('customer_id');
                const date = this.dates.parse(get('date'));
                const cdsText = get('number_of_cds');
                const cds = /^\d+$/.test(cdsText) ? Number(cdsText) : NaN;
                const amountE4 = (0, money_1.parseMoneyE4)(get('dollar_value'));
                if (!/^\w[\w.-]{0,63}$/.test(customer))
                    error(`customer_id ${JSON.stringify(get('customer_id'))} is not an id`);
                else if (date === null)
                    error(`date ${JSON.stringify(get('date'))} is not a date`);
                else if ((0, field_parsers_1.dateProblem)(date) !== null)
                    error(`date ${JSON.stringify(get('date'))} ${(0, field_parsers_1.dateProblem)(date)}`);
                else if (!Number.isSafeInteger(cds))
                    error(`number_of_cds ${JSON.stringify(cdsText)} is not a count`);
                else if (amountE4 === null || amountE4 < 0)
                    error(`dollar_value ${JSON.stringify(get('dollar_value'))} is not an amount`);
                else {
                    const day = date.toISOString().slice(0, 10).replace(/-/g, '');
                    const dayKey = `${customer}-${day}`;
                    const n = (perDay.get(dayKey) ?? 0) + 1;
                    perDay.set(dayKey, n);
                    customers.set(customer, { externalId: customer });
                    orders.push({
                        origin: { file: this.file, line },
                        externalId: `${dayKey}-${n}`,
                        customerExternalId: customer,
                        placedAt: date,
                        status: 'placed',
                        items: [
                            {
                                lineNo: 1,
                                productExternalId: exports.CDNOW_PRODUCT.externalId,
                                quantity: cds,
                                unitPriceE4: cds > 0 ? Math.round(amountE4 / cds) : amountE4,
                                amountE4,
                            },
                        ],
                    });
                    batch.rowsAccepted++;
                    batch.readTotals.quantity += cds;
                    batch.readTotals.amountE4 += amountE4;
                    batch.acceptedTotals.quantity += cds;
                    batch.acceptedTotals.amountE4 += amountE4;
                }
            }
        }
        if (!columns)
            throw new Error(`${this.file} is empty: expected the header customer_id,date,number_of_cds,dollar_value`);
        yield flush();
    }
}
exports.CdnowSource = CdnowSource;
//# sourceMappingURL=cdnow.source.js.map