import { parseMoneyE4 } from '../../db/money';
import { dateProblem } from '../field-parsers';
import { CustomerRecord, OrderRecord } from '../records';
import { CsvFile, ImportSource, SourceBatch, newSourceBatch, readHeader } from '../source';
import { ZonedTimeParser } from '../zoned-time';

/** The one product a CDNOW purchase line refers to: the log records how many CDs, not which. */
export const CDNOW_PRODUCT = { externalId: 'CDNOW-CD', title: 'CD (CDNOW purchase log)', category: 'Music' };

/**
 * The CDNOW purchase log (`customer_id,date,number_of_cds,dollar_value`): every row is one order of one line, for the
 * product `CDNOW-CD`. The line's amount is the dollar value as recorded (the unit price is derived, rounded to e4).
 * Order ids are `<customer>-<yyyymmdd>-<n>`, n counting the customer's purchases that day, so re-imports match.
 */
export class CdnowSource implements ImportSource {
  readonly format = 'cdnow';
  private readonly dates = new ZonedTimeParser('UTC');

  constructor(readonly file: string) {}

  async *batches(batchSize: number): AsyncGenerator<SourceBatch> {
    const csv = new CsvFile(this.file);
    let columns: Map<string, number> | null = null;
    const perDay = new Map<string, number>();
    let batch = newSourceBatch();
    let customers = new Map<string, CustomerRecord>();
    let orders: OrderRecord[] = [];
    let productAdded = false;
    const flush = (): SourceBatch => {
      const out = batch;
      out.records.customers = [...customers.values()];
      out.records.orders = orders;
      if (!productAdded && orders.length > 0) {
        out.records.products = [CDNOW_PRODUCT];
        productAdded = true;
      }
      out.progress = { bytesRead: csv.bytesRead, bytesTotal: csv.bytesTotal };
      batch = newSourceBatch();
      customers = new Map();
      orders = [];
      return out;
    };

    for await (const rows of csv.rows()) {
      for (const { line, fields, error: broken } of rows) {
        if (!columns) {
          if (broken !== undefined) throw new Error(`${this.file} line ${line}: ${broken}`);
          try {
            columns = readHeader(fields, ['customer_id', 'date', 'number_of_cds', 'dollar_value']);
          } catch (err) {
            throw new Error(`${this.file} line ${line}: ${(err as Error).message}`, { cause: err });
          }
          continue;
        }
        if (batch.rowsRead >= batchSize) yield flush();
        batch.rowsRead++;
        const error = (reason: string) => batch.errors.push({ file: this.file, line, reason });
        const get = (name: string) => (fields[columns!.get(name)!] ?? '').trim();
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
        const amountE4 = parseMoneyE4(get('dollar_value'));
        if (!/^\w[\w.-]{0,63}$/.test(customer)) error(`customer_id ${JSON.stringify(get('customer_id'))} is not an id`);
        else if (date === null) error(`date ${JSON.stringify(get('date'))} is not a date`);
        else if (dateProblem(date) !== null) error(`date ${JSON.stringify(get('date'))} ${dateProblem(date)}`);
        else if (!Number.isSafeInteger(cds)) error(`number_of_cds ${JSON.stringify(cdsText)} is not a count`);
        else if (amountE4 === null || amountE4 < 0) error(`dollar_value ${JSON.stringify(get('dollar_value'))} is not an amount`);
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
                productExternalId: CDNOW_PRODUCT.externalId,
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
    if (!columns) throw new Error(`${this.file} is empty: expected the header customer_id,date,number_of_cds,dollar_value`);
    yield flush();
  }
}
