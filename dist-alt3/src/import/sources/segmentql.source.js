"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SegmentqlSource = exports.SEGMENTQL_FILES = void 0;
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const field_parsers_1 = require("../field-parsers");
const record_builders_1 = require("../record-builders");
const records_1 = require("../records");
const source_1 = require("../source");
/**
 * The generic layout, one CSV per table, all optional, imported in this order so references resolve. Every column is
 * documented in README.md ("Generic CSV layout").
 */
exports.SEGMENTQL_FILES = [
    {
        name: 'customers',
        columns: {
            customer_id: 'externalId',
            email: 'email',
            name: 'name',
            country: 'country',
            city: 'city',
            gender: 'gender',
            birth_year: 'birthYear',
            signup_at: 'signupAt',
            attributes: 'attributes',
            ground_truth_label: 'groundTruthLabel',
        },
        required: ['customer_id'],
    },
    {
        name: 'products',
        columns: { product_id: 'externalId', title: 'title', description: 'description', category: 'category', price: 'price' },
        required: ['product_id', 'title'],
    },
    {
        name: 'orders',
        columns: { order_id: 'externalId', customer_id: 'customerExternalId', placed_at: 'placedAt', status: 'status' },
        required: ['order_id', 'customer_id', 'placed_at'],
    },
    {
        name: 'order_items',
        columns: {
            order_id: 'orderExternalId',
            line: 'line',
            product_id: 'productExternalId',
            charge_code: 'chargeCode',
            quantity: 'quantity',
            unit_price: 'unitPrice',
            amount: 'amount',
        },
        required: ['order_id', 'quantity', 'unit_price'],
    },
    {
        name: 'reviews',
        columns: { review_id: 'externalId', customer_id: 'customerExternalId', product_id: 'productExternalId', rating: 'rating', text: 'text', reviewed_at: 'reviewedAt' },
        required: ['review_id', 'customer_id', 'product_id', 'rating', 'reviewed_at'],
    },
];
/** Imports a folder in the generic layout (`customers.csv`, `products.csv`, `orders.csv`, `order_items.csv`, `reviews.csv`). */
class SegmentqlSource {
    dir;
    format = 'segmentql';
    constructor(dir) {
        this.dir = dir;
        if (!node_fs_1.default.existsSync(dir) || !node_fs_1.default.statSync(dir).isDirectory())
            throw new Error(`${dir} is not a folder`);
        checkFileNames(dir);
        if (this.files().length === 0) {
            throw new Error(`${dir} holds none of ${exports.SEGMENTQL_FILES.map((f) => `${f.name}.csv`).join(', ')}`);
        }
    }
    files() {
        const found = [];
        for (const spec of exports.SEGMENTQL_FILES) {
            const file = [`${spec.name}.csv`, `${spec.name}.csv.gz`].map((n) => node_path_1.default.join(this.dir, n)).find((f) => node_fs_1.default.existsSync(f));
            if (file)
                found.push({ spec, file });
        }
        return found;
    }
    async *batches(batchSize) {
        const orderStatuses = new Map();
        const linesPerOrder = new Map();
        const files = this.files();
        const bytesTotal = files.reduce((sum, f) => sum + node_fs_1.default.statSync(f.file).size, 0);
        let bytesDone = 0;
        for (const { spec, file } of files) {
            const csv = new source_1.CsvFile(file);
            let header = null;
            let batch = (0, source_1.newSourceBatch)();
            const flush = () => {
                const out = batch;
                out.progress = { bytesRead: bytesDone + csv.bytesRead, bytesTotal };
                batch = (0, source_1.newSourceBatch)();
                return out;
            };
            for await (const rows of csv.rows()) {
                for (const { line, fields, error } of rows) {
                    if (!header) {
                        if (error !== undefined)
                            throw new Error(`${file} line ${line}: ${error}`);
                        try {
                            header = (0, source_1.readHeader)(fields, spec.required, Object.keys(spec.columns).filter((c) => !spec.required.includes(c)));
                        }
                        catch (err) {
                            throw new Error(`${file} line ${line}: ${err.message}`, { cause: err });
                        }
                        continue;
                    }
                    if (batch.rowsRead >= batchSize)
                        yield flush();
                    batch.rowsRead++;
                    if (error !== undefined) {
                        batch.errors.push({ file, line, reason: error });
                        continue;
                    }
                    if (fields.length !== header.size) {
                        batch.errors.push({ file, line, reason: `expected ${header.size} fields, found ${fields.length}` });
                        continue;
                    }
                    const raw = {};
                    for (const [column, index] of header)
                        raw[spec.columns[column]] = fields[index];
                    try {
                        const item = addRecord(spec.name, raw, batch.records, { file, line }, orderStatuses, linesPerOrder);
                        batch.rowsAccepted++;
                        // Order lines' quantity and value, to reconcile with the source's own totals (as the other sources do).
                        if (item) {
                            batch.readTotals.quantity += item.quantity;
                            batch.readTotals.amountE4 += item.amountE4;
                            batch.acceptedTotals.quantity += item.quantity;
                            batch.acceptedTotals.amountE4 += item.amountE4;
                        }
                    }
                    catch (err) {
                        if (!(err instanceof field_parsers_1.FieldError))
                            throw err;
                        const column = Object.entries(spec.columns).find(([, field]) => field === err.field.split('.').pop())?.[0] ?? err.field;
                        batch.errors.push({ file, line, reason: `${column}: ${err.message}` });
                    }
                }
            }
            if (!header)
                throw new Error(`${file} is empty: expected a header with ${spec.required.join(', ')}`);
            bytesDone += csv.bytesTotal;
            yield flush();
        }
    }
}
exports.SegmentqlSource = SegmentqlSource;
/**
 * Refuses CSV files the layout does not know (`Orders.csv`, `review.csv`), as unknown columns are refused: a misnamed
 * file would otherwise be left out without a word. Also refuses a table given both as `.csv` and `.csv.gz`.
 * Hidden files (`.name.csv`) are left alone.
 */
function checkFileNames(dir) {
    const expected = new Set(exports.SEGMENTQL_FILES.flatMap((f) => [`${f.name}.csv`, `${f.name}.csv.gz`]));
    const names = node_fs_1.default.readdirSync(dir).filter((name) => !name.startsWith('.') && /\.csv(\.gz)?$/i.test(name));
    const unknown = names.filter((name) => !expected.has(name)).sort();
    if (unknown.length > 0) {
        throw new Error(`${dir}: unknown file${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; the generic layout reads only ` +
            `${exports.SEGMENTQL_FILES.map((f) => `${f.name}.csv`).join(', ')} (each may be .csv.gz; names are lower-case)`);
    }
    const twice = exports.SEGMENTQL_FILES.filter((f) => names.includes(`${f.name}.csv`) && names.includes(`${f.name}.csv.gz`));
    if (twice.length > 0)
        throw new Error(`${dir}: ${twice.map((f) => `${f.name}.csv and ${f.name}.csv.gz`).join(', ')} both exist; keep one`);
}
function addRecord(table, raw, records, origin, orderStatuses, linesPerOrder) {
    switch (table) {
        case 'customers':
            records.customers.push((0, record_builders_1.buildCustomer)(raw));
            return null;
        case 'products':
            records.products.push((0, record_builders_1.buildProduct)(raw));
            return null;
        case 'orders': {
            const order = (0, record_builders_1.buildOrder)(raw);
            orderStatuses.set(order.externalId, order.status);
            records.orders.push({ ...order, origin });
            return null;
        }
        case 'order_items': {
            const orderExternalId = String(raw.orderExternalId ?? '').trim();
            if (orderExternalId === '')
                throw new field_parsers_1.FieldError('orderExternalId', 'is required');
            const position = (linesPerOrder.get(orderExternalId) ?? 0) + 1;
            linesPerOrder.set(orderExternalId, position);
            // Lines of a returned order named in this import are made negative, as for orders given with their items.
            const item = (0, records_1.normaliseItemSigns)(orderStatuses.get(orderExternalId) ?? 'placed', (0, record_builders_1.buildOrderItem)(raw, position));
            records.items.push({ ...item, orderExternalId, origin });
            return item;
        }
        case 'reviews':
            records.reviews.push({ ...(0, record_builders_1.buildReview)(raw), origin });
            return null;
    }
    return null;
}
//# sourceMappingURL=segmentql.source.js.map