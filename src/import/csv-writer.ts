import fs from 'node:fs';
import path from 'node:path';
import { moneyFromE4 } from '../db/money';
import { RecordBatch } from './records';

/** Quotes a CSV field when it must be (RFC 4180). */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function writeTable(file: string, header: string[], rows: Iterable<unknown[]>): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, header.join(',') + '\n');
    let chunk: string[] = [];
    for (const row of rows) {
      chunk.push(row.map(csvField).join(','));
      if (chunk.length >= 5000) {
        fs.writeSync(fd, chunk.join('\n') + '\n');
        chunk = [];
      }
    }
    if (chunk.length) fs.writeSync(fd, chunk.join('\n') + '\n');
  } finally {
    fs.closeSync(fd);
  }
}

const money = (e4: number | null | undefined) => (e4 === null || e4 === undefined ? null : moneyFromE4(e4).toFixed(4).replace(/\.?0+$/, ''));

/** Writes records in the generic layout (the format `segmentql import --format segmentql` reads). */
export function writeSegmentqlCsv(dir: string, records: RecordBatch): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const out = (name: string) => path.join(dir, `${name}.csv`);
  writeTable(
    out('customers'),
    ['customer_id', 'email', 'name', 'country', 'city', 'gender', 'birth_year', 'signup_at', 'attributes', 'ground_truth_label'],
    records.customers.map((c) => [c.externalId, c.email, c.name, c.country, c.city, c.gender, c.birthYear, c.signupAt, c.attributes, c.groundTruthLabel]),
  );
  writeTable(
    out('products'),
    ['product_id', 'title', 'description', 'category', 'price'],
    records.products.map((p) => [p.externalId, p.title, p.description, p.category, money(p.priceE4)]),
  );
  writeTable(
    out('orders'),
    ['order_id', 'customer_id', 'placed_at', 'status'],
    records.orders.map((o) => [o.externalId, o.customerExternalId, o.placedAt, o.status]),
  );
  writeTable(
    out('order_items'),
    ['order_id', 'line', 'product_id', 'charge_code', 'quantity', 'unit_price', 'amount'],
    (function* () {
      for (const o of records.orders) {
        for (const i of o.items) yield [o.externalId, i.lineNo, i.productExternalId, i.chargeCode, i.quantity, money(i.unitPriceE4), money(i.amountE4)];
      }
    })(),
  );
  writeTable(
    out('reviews'),
    ['review_id', 'customer_id', 'product_id', 'rating', 'text', 'reviewed_at'],
    records.reviews.map((r) => [r.externalId, r.customerExternalId, r.productExternalId, r.rating, r.text, r.reviewedAt]),
  );
  return ['customers', 'products', 'orders', 'order_items', 'reviews'].map(out);
}
