import { parseMoneyE4 } from '../../db/money';
import { CustomerRecord, OrderRecord, ProductRecord } from '../records';
import { CsvFile, ImportSource, SourceBatch, countSkip, newSourceBatch } from '../source';
import { ZonedTimeParser } from '../zoned-time';

const HEADER = ['invoiceno', 'stockcode', 'description', 'quantity', 'invoicedate', 'unitprice', 'customerid', 'country'];

/**
 * Stock codes that are charges, fees or adjustments, not products: postage (POST, DOT, C2), manual lines (M),
 * discounts (D), samples (S), bank and Amazon fees, the CRUK commission, bad-debt adjustments (B), gift vouchers.
 */
const CHARGE_CODES = new Set(['POST', 'DOT', 'C2', 'M', 'D', 'S', 'B', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'ADJUST', 'ADJUST2']);
export function isChargeCode(stockCode: string): boolean {
  return CHARGE_CODES.has(stockCode) || /^GIFT_\d+_\d+$/.test(stockCode);
}

export const SKIP_MISSING_CUSTOMER = 'missing customer id';
export const SKIP_DUPLICATE_LINE = 'duplicate line';

interface InvoiceHeader {
  customer: string;
  placedAt: Date;
  status: 'placed' | 'returned';
  nextLine: number;
}

/**
 * UCI Online Retail (`InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country`).
 * An invoice is an order; `C` invoices are cancellations, kept as returned orders whose negative lines reduce net
 * spend. Charge codes become charge lines, not products. Rows without a CustomerID are skipped and counted, and so
 * are exact repeats of a line within the same run of an invoice's lines (invoices are contiguous in the file; keeping
 * only the current run's lines keeps memory flat). Descriptions become product titles (the last non-blank one
 * wins). Times are UK local time (`timeZone`).
 */
export class OnlineRetailSource implements ImportSource {
  readonly format = 'online-retail';
  private readonly times: ZonedTimeParser;

  constructor(
    readonly file: string,
    timeZone = 'Europe/London',
  ) {
    this.times = new ZonedTimeParser(timeZone);
  }

  async *batches(batchSize: number): AsyncGenerator<SourceBatch> {
    const csv = new CsvFile(this.file);
    const invoices = new Map<string, InvoiceHeader>();
    let headerSeen = false;
    let runInvoice = '';
    let runLines = new Set<string>();
    let batch = newSourceBatch();
    let customers = new Map<string, CustomerRecord>();
    let products = new Map<string, ProductRecord>();
    let orders = new Map<string, OrderRecord>();

    const flush = (): SourceBatch => {
      const out = batch;
      out.records.customers = [...customers.values()];
      out.records.products = [...products.values()];
      out.records.orders = [...orders.values()];
      out.progress = { bytesRead: csv.bytesRead, bytesTotal: csv.bytesTotal };
      batch = newSourceBatch();
      customers = new Map();
      products = new Map();
      orders = new Map();
      return out;
    };

    for await (const rows of csv.rows()) {
      for (const { line, fields } of rows) {
        if (!headerSeen) {
          headerSeen = true;
          const names = fields.map((f) => f.trim().toLowerCase());
          if (names.join(',') !== HEADER.join(',')) {
            throw new Error(`${this.file} line ${line}: expected the Online Retail header ${HEADER.join(',')}, found ${fields.join(',')}`);
          }
          continue;
        }
        if (batch.rowsRead >= batchSize) yield flush();
        batch.rowsRead++;
        const error = (reason: string) => batch.errors.push({ file: this.file, line, reason });
        if (fields.length !== 8) {
          error(`expected 8 fields, found ${fields.length}`);
        } else {
          const invoice = fields[0].trim();
          const stockCode = fields[1].trim().toUpperCase();
          const quantityText = fields[3].trim();
          const quantity = /^[+-]?\d+$/.test(quantityText) ? Number(quantityText) : NaN;
          const priceE4 = parseMoneyE4(fields[5]);
          const placedAt = this.times.parse(fields[4]);
          const customerText = fields[6].trim();
          if (invoice === '') error('InvoiceNo is empty');
          else if (stockCode === '') error('StockCode is empty');
          else if (!Number.isSafeInteger(quantity)) error(`Quantity ${JSON.stringify(fields[3])} is not an integer`);
          else if (priceE4 === null) error(`UnitPrice ${JSON.stringify(fields[5])} is not a price`);
          else if (placedAt === null) error(`InvoiceDate ${JSON.stringify(fields[4])} is not a date`);
          else if (customerText !== '' && !/^\d+(\.0*)?$/.test(customerText)) error(`CustomerID ${JSON.stringify(fields[6])} is not a customer number`);
          else {
            const amountE4 = quantity * priceE4;
            batch.readTotals.quantity += quantity;
            batch.readTotals.amountE4 += amountE4;
            if (customerText === '') {
              countSkip(batch, SKIP_MISSING_CUSTOMER);
              continue;
            }
            const dot = customerText.indexOf('.');
            const customer = dot < 0 ? customerText : customerText.slice(0, dot);
            let header = invoices.get(invoice);
            if (!header) {
              header = { customer, placedAt, status: invoice.startsWith('C') ? 'returned' : 'placed', nextLine: 1 };
              invoices.set(invoice, header);
            }
            if (invoice !== runInvoice) {
              runInvoice = invoice;
              runLines = new Set();
            }
            const signature = `${fields[1]}\u001f${fields[2]}\u001f${fields[3]}\u001f${fields[4]}\u001f${fields[5]}\u001f${fields[6]}\u001f${fields[7]}`;
            if (runLines.has(signature)) {
              countSkip(batch, SKIP_DUPLICATE_LINE);
              continue;
            }
            runLines.add(signature);

            const country = fields[7].trim() || null;
            const knownCustomer = customers.get(customer);
            if (knownCustomer === undefined || knownCustomer.country !== country) customers.set(customer, { externalId: customer, country });
            if (!customers.has(header.customer)) customers.set(header.customer, { externalId: header.customer });

            const charge = isChargeCode(stockCode);
            if (!charge) {
              const title = fields[2].trim();
              const product = products.get(stockCode);
              if (product === undefined) {
                products.set(stockCode, { externalId: stockCode, title: title || null, priceE4: priceE4 > 0 ? priceE4 : null });
              } else {
                if (title) product.title = title;
                if (priceE4 > 0) product.priceE4 = priceE4;
              }
            }
            let order = orders.get(invoice);
            if (!order) {
              order = { externalId: invoice, customerExternalId: header.customer, placedAt: header.placedAt, status: header.status, items: [] };
              orders.set(invoice, order);
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
    if (!headerSeen) throw new Error(`${this.file} is empty: expected the Online Retail header ${HEADER.join(',')}`);
    yield flush();
  }
}
