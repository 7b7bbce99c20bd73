"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OnlineRetailSource = exports.SKIP_DUPLICATE_LINE = exports.SKIP_MISSING_CUSTOMER = void 0;
exports.isChargeCode = isChargeCode;
const money_1 = require("../../db/money");
const field_parsers_1 = require("../field-parsers");
const source_1 = require("../source");
const zoned_time_1 = require("../zoned-time");
const HEADER = ['invoiceno', 'stockcode', 'description', 'quantity', 'invoicedate', 'unitprice', 'customerid', 'country'];
/**
 * Stock codes that are charges, fees or adjustments, not products: postage (POST, DOT, C2), manual lines (M),
 * discounts (D), samples (S), bank and Amazon fees, the CRUK commission, bad-debt adjustments (B), gift vouchers.
 */
const CHARGE_CODES = new Set(['POST', 'DOT', 'C2', 'M', 'D', 'S', 'B', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'ADJUST', 'ADJUST2']);
function isChargeCode(stockCode) {
    return CHARGE_CODES.has(stockCode) || /^GIFT_\d+_\d+$/.test(stockCode);
}
/** Trims only when there is something to trim: most cells have no spaces, and this runs for every cell. */
function trimmed(text) {
    const n = text.length;
    return n > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(n - 1) <= 32) ? text.trim() : text;
}
function upper(text) {
    return /[a-z]/.test(text) ? text.toUpperCase() : text;
}
/** `17850` or `17850.0`: digits, optionally a dot and zeros. */
function isCustomerNumber(text) {
    let i = 0;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57)
        i++;
    if (i === 0)
        return false;
    if (i < text.length && text.charCodeAt(i++) !== 46)
        return false;
    while (i < text.length && text.charCodeAt(i) === 48)
        i++;
    return i === text.length;
}
/** A whole number, or NaN; without a regex. */
function parseInteger(text) {
    const value = trimmed(text);
    const n = value.length;
    let i = value.charCodeAt(0) === 45 || value.charCodeAt(0) === 43 ? 1 : 0;
    if (i === n)
        return NaN;
    let result = 0;
    for (; i < n; i++) {
        const c = value.charCodeAt(i) - 48;
        if (c < 0 || c > 9)
            return NaN;
        result = result * 10 + c;
    }
    return value.charCodeAt(0) === 45 ? -result : result;
}
exports.SKIP_MISSING_CUSTOMER = 'missing customer id';
exports.SKIP_DUPLICATE_LINE = 'duplicate line';
/** Exact repeat of a line (all fields after the invoice number). */
function sameLine(a, b) {
    for (let i = 1; i < 8; i++)
        if (a[i] !== b[i])
            return false;
    return true;
}
/**
 * UCI Online Retail (`InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country`).
 * An invoice is an order; `C` invoices are cancellations, kept as returned orders whose negative lines reduce net
 * spend. Charge codes become charge lines, not products. Rows without a CustomerID are skipped and counted, and so
 * are exact repeats of a line within the same run of an invoice's lines (invoices are contiguous in the file; keeping
 * only the current run's lines keeps memory flat). Descriptions become product titles (the last non-blank one
 * wins). Times are UK local time (`timeZone`).
 */
class OnlineRetailSource {
    file;
    format = 'online-retail';
    times;
    checkedDate = null;
    constructor(file, timeZone = 'Europe/London') {
        this.file = file;
        this.times = new zoned_time_1.ZonedTimeParser(timeZone);
    }
    /** Why a parsed InvoiceDate breaks the date rule, or null. Lines of an invoice share one Date: it is checked once. */
    dateIssue(date) {
        if (date === this.checkedDate)
            return null;
        const issue = (0, field_parsers_1.dateProblem)(date);
        if (issue === null)
            this.checkedDate = date;
        return issue;
    }
    async *batches(batchSize) {
        const csv = new source_1.CsvFile(this.file);
        const invoices = new Map();
        let headerSeen = false;
        let run = null;
        let lastCustomer = '';
        let lastCountry = null;
        let batch = (0, source_1.newSourceBatch)();
        let customers = new Map();
        let products = new Map();
        let orders = new Map();
        const flush = () => {
            const out = batch;
            out.records.customers = [...customers.values()];
            out.records.products = [...products.values()];
            out.records.orders = [...orders.values()];
            out.progress = { bytesRead: csv.bytesRead, bytesTotal: csv.bytesTotal };
            batch = (0, source_1.newSourceBatch)();
            customers = new Map();
            products = new Map();
            orders = new Map();
            if (run)
                run.order = null;
            lastCustomer = '';
            return out;
        };
        for await (const rows of csv.rows()) {
            for (const { line, fields, error } of rows) {
                if (!headerSeen) {
                    if (error !== undefined)
                        throw new Error(`${this.file} line ${line}: ${error}`);
                    headerSeen = true;
                    const names = fields.map((f) => f.trim().toLowerCase());
                    if (names.join(',') !== HEADER.join(',')) {
                        throw new Error(`${this.file} line ${line}: expected the Online Retail header ${HEADER.join(',')}, found ${fields.join(',')}`);
                    }
                    continue;
                }
                if (batch.rowsRead >= batchSize)
                    yield flush();
                batch.rowsRead++;
                if (error !== undefined) {
                    batch.errors.push({ file: this.file, line, reason: error });
                }
                else if (fields.length !== 8) {
                    batch.errors.push({ file: this.file, line, reason: `expected 8 fields, found ${fields.length}` });
                }
                else {
                    const invoice = trimmed(fields[0]);
                    const stockCode = upper(trimmed(fields[1]));
                    const quantity = parseInteger(fields[3]);
                    const priceE4 = (0, money_1.parseMoneyE4)(fields[5]);
                    const placedAt = this.times.parse(fields[4]);
                    const customerText = trimmed(fields[6]);
                    if (invoice === '')
                        batch.errors.push({ file: this.file, line, reason: 'InvoiceNo is empty' });
                    else if (stockCode === '')
                        batch.errors.push({ file: this.file, line, reason: 'StockCode is empty' });
                    else if (!Number.isSafeInteger(quantity))
                        batch.errors.push({ file: this.file, line, reason: `Quantity ${JSON.stringify(fields[3])} is not an integer` });
                    else if (priceE4 === null)
                        batch.errors.push({ file: this.file, line, reason: `UnitPrice ${JSON.stringify(fields[5])} is not a price` });
                    else if (placedAt === null)
                        batch.errors.push({ file: this.file, line, reason: `InvoiceDate ${JSON.stringify(fields[4])} is not a date` });
                    else if (this.dateIssue(placedAt) !== null)
                        batch.errors.push({ file: this.file, line, reason: `InvoiceDate ${JSON.stringify(fields[4])} ${this.dateIssue(placedAt)}` });
                    else if (customerText !== '' && !isCustomerNumber(customerText))
                        batch.errors.push({ file: this.file, line, reason: `CustomerID ${JSON.stringify(fields[6])} is not a customer number` });
                    else {
                        const amountE4 = quantity * priceE4;
                        batch.readTotals.quantity += quantity;
                        batch.readTotals.amountE4 += amountE4;
                        if (customerText === '') {
                            (0, source_1.countSkip)(batch, exports.SKIP_MISSING_CUSTOMER);
                            continue;
                        }
                        const dot = customerText.indexOf('.');
                        const customer = dot < 0 ? customerText : customerText.slice(0, dot);
                        // Invoices are contiguous in the file: the current run caches what every line of it needs.
                        if (run === null || run.invoice !== invoice) {
                            let header = invoices.get(invoice);
                            if (!header) {
                                header = { customer, placedAt, status: invoice.startsWith('C') ? 'returned' : 'placed', nextLine: 1 };
                                invoices.set(invoice, header);
                            }
                            run = { invoice, header, order: orders.get(invoice) ?? null, lines: new Map() };
                        }
                        const header = run.header;
                        const earlier = run.lines.get(stockCode);
                        if (earlier !== undefined && earlier.some((previous) => sameLine(previous, fields))) {
                            (0, source_1.countSkip)(batch, exports.SKIP_DUPLICATE_LINE);
                            continue;
                        }
                        if (earlier === undefined)
                            run.lines.set(stockCode, [fields]);
                        else
                            earlier.push(fields);
                        const country = trimmed(fields[7]) || null;
                        if (customer !== lastCustomer || country !== lastCountry) {
                            const known = customers.get(customer);
                            if (known === undefined || known.country !== country)
                                customers.set(customer, { externalId: customer, country });
                            lastCustomer = customer;
                            lastCountry = country;
                        }
                        const charge = isChargeCode(stockCode);
                        if (!charge) {
                            const title = trimmed(fields[2]);
                            const product = products.get(stockCode);
                            if (product === undefined) {
                                products.set(stockCode, { externalId: stockCode, title: title || null, priceE4: priceE4 > 0 ? priceE4 : null });
                            }
                            else {
                                if (title)
                                    product.title = title;
                                if (priceE4 > 0)
                                    product.priceE4 = priceE4;
                            }
                        }
                        let order = run.order;
                        if (order === null) {
                            order = { externalId: invoice, customerExternalId: header.customer, placedAt: header.placedAt, status: header.status, items: [] };
                            orders.set(invoice, order);
                            run.order = order;
                            if (!customers.has(header.customer))
                                customers.set(header.customer, { externalId: header.customer });
                        }
                        order.items.push({
                            lineNo: header.nextLine++,
                            productExternalId: charge ? null : stockCode,
                            chargeCode: charge ? stockCode : null,
                            quantity,
                            unitPriceE4: priceE4,
                            amountE4,
                        });
                        batch.rowsAccepted++;
                        batch.acceptedTotals.quantity += quantity;
                        batch.acceptedTotals.amountE4 += amountE4;
                    }
                }
            }
        }
        if (!headerSeen)
            throw new Error(`${this.file} is empty: expected the Online Retail header ${HEADER.join(',')}`);
        yield flush();
    }
}
exports.OnlineRetailSource = OnlineRetailSource;
//# sourceMappingURL=online-retail.source.js.map