import fs from 'node:fs';
import path from 'node:path';
import { OrderStatus } from '../../entities/order-status';
import { FieldError } from '../field-parsers';
import { RawFields, buildCustomer, buildOrder, buildOrderItem, buildProduct, buildReview } from '../record-builders';
import { RecordBatch, normaliseItemSigns } from '../records';
import { CsvFile, ImportSource, SourceBatch, newSourceBatch, readHeader } from '../source';

interface FileSpec {
  /** File name without extension; `.csv` or `.csv.gz`. */
  name: string;
  /** CSV column -> record field. */
  columns: Record<string, string>;
  required: string[];
}

/**
 * The generic layout, one CSV per table, all optional, imported in this order so references resolve. Every column is
 * documented in README.md ("Generic CSV layout").
 */
export const SEGMENTQL_FILES: FileSpec[] = [
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
export class SegmentqlSource implements ImportSource {
  readonly format = 'segmentql';

  constructor(readonly dir: string) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
    checkFileNames(dir);
    if (this.files().length === 0) {
      throw new Error(`${dir} holds none of ${SEGMENTQL_FILES.map((f) => `${f.name}.csv`).join(', ')}`);
    }
  }

  private files(): Array<{ spec: FileSpec; file: string }> {
    const found: Array<{ spec: FileSpec; file: string }> = [];
    for (const spec of SEGMENTQL_FILES) {
      const file = [`${spec.name}.csv`, `${spec.name}.csv.gz`].map((n) => path.join(this.dir, n)).find((f) => fs.existsSync(f));
      if (file) found.push({ spec, file });
    }
    return found;
  }

  async *batches(batchSize: number): AsyncGenerator<SourceBatch> {
    const orderStatuses = new Map<string, OrderStatus>();
    const linesPerOrder = new Map<string, number>();
    const files = this.files();
    const bytesTotal = files.reduce((sum, f) => sum + fs.statSync(f.file).size, 0);
    let bytesDone = 0;

    for (const { spec, file } of files) {
      const csv = new CsvFile(file);
      let header: Map<string, number> | null = null;
      let batch = newSourceBatch();
      const flush = () => {
        const out = batch;
        out.progress = { bytesRead: bytesDone + csv.bytesRead, bytesTotal };
        batch = newSourceBatch();
        return out;
      };
      for await (const rows of csv.rows()) {
        for (const { line, fields, error } of rows) {
          if (!header) {
            if (error !== undefined) throw new Error(`${file} line ${line}: ${error}`);
            try {
              header = readHeader(fields, spec.required, Object.keys(spec.columns).filter((c) => !spec.required.includes(c)));
            } catch (err) {
              throw new Error(`${file} line ${line}: ${(err as Error).message}`, { cause: err });
            }
            continue;
          }
          if (batch.rowsRead >= batchSize) yield flush();
          batch.rowsRead++;
          if (error !== undefined) {
            batch.errors.push({ file, line, reason: error });
            continue;
          }
          if (fields.length !== header.size) {
            batch.errors.push({ file, line, reason: `expected ${header.size} fields, found ${fields.length}` });
            continue;
          }
          const raw: RawFields = {};
          for (const [column, index] of header) raw[spec.columns[column]] = fields[index];
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
          } catch (err) {
            if (!(err instanceof FieldError)) throw err;
            const column = Object.entries(spec.columns).find(([, field]) => field === err.field.split('.').pop())?.[0] ?? err.field;
            batch.errors.push({ file, line, reason: `${column}: ${err.message}` });
          }
        }
      }
      if (!header) throw new Error(`${file} is empty: expected a header with ${spec.required.join(', ')}`);
      bytesDone += csv.bytesTotal;
      yield flush();
    }
  }
}

/**
 * Refuses CSV files the layout does not know (`Orders.csv`, `review.csv`), as unknown columns are refused: a misnamed
 * file would otherwise be left out without a word. Also refuses a table given both as `.csv` and `.csv.gz`.
 * Hidden files (`.name.csv`) are left alone.
 */
function checkFileNames(dir: string): void {
  const expected = new Set(SEGMENTQL_FILES.flatMap((f) => [`${f.name}.csv`, `${f.name}.csv.gz`]));
  const names = fs.readdirSync(dir).filter((name) => !name.startsWith('.') && /\.csv(\.gz)?$/i.test(name));
  const unknown = names.filter((name) => !expected.has(name)).sort();
  if (unknown.length > 0) {
    throw new Error(
      `${dir}: unknown file${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; the generic layout reads only ` +
        `${SEGMENTQL_FILES.map((f) => `${f.name}.csv`).join(', ')} (each may be .csv.gz; names are lower-case)`,
    );
  }
  const twice = SEGMENTQL_FILES.filter((f) => names.includes(`${f.name}.csv`) && names.includes(`${f.name}.csv.gz`));
  if (twice.length > 0) throw new Error(`${dir}: ${twice.map((f) => `${f.name}.csv and ${f.name}.csv.gz`).join(', ')} both exist; keep one`);
}

function addRecord(
  table: string,
  raw: RawFields,
  records: RecordBatch,
  origin: { file: string; line: number },
  orderStatuses: Map<string, OrderStatus>,
  linesPerOrder: Map<string, number>,
): { quantity: number; amountE4: number } | null {
  switch (table) {
    case 'customers':
      records.customers.push(buildCustomer(raw));
      return null;
    case 'products':
      records.products.push(buildProduct(raw));
      return null;
    case 'orders': {
      const order = buildOrder(raw);
      orderStatuses.set(order.externalId, order.status);
      records.orders.push({ ...order, origin });
      return null;
    }
    case 'order_items': {
      const orderExternalId = String(raw.orderExternalId ?? '').trim();
      if (orderExternalId === '') throw new FieldError('orderExternalId', 'is required');
      const position = (linesPerOrder.get(orderExternalId) ?? 0) + 1;
      linesPerOrder.set(orderExternalId, position);
      // Lines of a returned order named in this import are made negative, as for orders given with their items.
      const item = normaliseItemSigns(orderStatuses.get(orderExternalId) ?? 'placed', buildOrderItem(raw, position));
      records.items.push({ ...item, orderExternalId, origin });
      return item;
    }
    case 'reviews':
      records.reviews.push({ ...buildReview(raw), origin });
      return null;
  }
  return null;
}
