import { EntityManager } from 'typeorm';
import { Dialect } from '../db/dialect';
import { CustomerRecord, OrderItemRecord, OrderRecord, ProductRecord, RecordBatch, ReviewRecord } from './records';

export interface EntityCounts {
  created: number;
  /** Existing rows whose values changed. */
  updated: number;
  /** Existing rows given again with the same values: not rewritten. */
  unchanged: number;
}

export interface WriteStats {
  customers: EntityCounts;
  products: EntityCounts;
  orders: EntityCounts;
  /** Order lines inserted or changed. */
  orderItems: number;
  /** Order lines given again with the same values. */
  orderItemsUnchanged: number;
  /** Order lines removed because their order was given with other lines (GraphQL upserts replace an order's lines). */
  orderItemsRemoved: number;
  reviews: EntityCounts;
}

export function emptyWriteStats(): WriteStats {
  const zero = (): EntityCounts => ({ created: 0, updated: 0, unchanged: 0 });
  return { customers: zero(), products: zero(), orders: zero(), orderItems: 0, orderItemsUnchanged: 0, orderItemsRemoved: 0, reviews: zero() };
}

export function addWriteStats(into: WriteStats, from: WriteStats): void {
  for (const key of ['customers', 'products', 'orders', 'reviews'] as const) {
    into[key].created += from[key].created;
    into[key].updated += from[key].updated;
    into[key].unchanged += from[key].unchanged;
  }
  into.orderItems += from.orderItems;
  into.orderItemsUnchanged += from.orderItemsUnchanged;
  into.orderItemsRemoved += from.orderItemsRemoved;
}

/** Whether a write changed anything (the shop's revision, and the caches keyed by it, move only then). */
export function changedAnything(stats: WriteStats): boolean {
  return stats.orderItems + stats.orderItemsRemoved > 0 || (['customers', 'products', 'orders', 'reviews'] as const).some((key) => stats[key].created + stats[key].updated > 0);
}

/** `SET` and its `WHERE` for an upsert that leaves identical rows alone (no write, not returned). */
function setChanged(table: string, assignments: Array<[string, string]>): string {
  return `${assignments.map(([col, expr]) => `${col} = ${expr}`).join(', ')} WHERE ${assignments.map(([col, expr]) => `${table}.${col} IS DISTINCT FROM ${expr}`).join(' OR ')}`;
}

export interface MissingReferences {
  customers: Set<string>;
  products: Set<string>;
  orders: Set<string>;
}

const TABLES = ['customers', 'products', 'orders', 'reviews'] as const;
export type Table = (typeof TABLES)[number];

/** A map whose changes since the last commit can be undone: what a writer learns inside a transaction. */
class UndoableMap<V> {
  private readonly map = new Map<string, V>();
  private undo: Array<[string, V | undefined]> = [];

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): void {
    this.undo.push([key, this.map.get(key)]);
    this.map.set(key, value);
  }

  commit(): void {
    this.undo = [];
  }

  rollback(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) {
      const [key, previous] = this.undo[i];
      if (previous === undefined) this.map.delete(key);
      else this.map.set(key, previous);
    }
    this.undo = [];
  }
}

function tableMaps<V>(): Record<Table, UndoableMap<V>> {
  return { customers: new UndoableMap(), products: new UndoableMap(), orders: new UndoableMap(), reviews: new UndoableMap() };
}

/** A cheap, exact fingerprint of a row of primitives (null and '' differ). */
function fingerprint(row: unknown[]): string {
  let out = '';
  for (const value of row) out += value === null ? '\u0000\u001f' : `${value}\u001f`;
  return out;
}

/**
 * Writes record batches with set-based, multi-row `INSERT ... ON CONFLICT DO UPDATE` statements (the same SQL on
 * SQLite and PostgreSQL), so that importing a row twice changes nothing. It remembers the ids it has seen by external
 * id; ids learnt inside a transaction are kept only when the caller reports the commit (`commit()`), so a rolled-back
 * batch never leaves stale ids behind.
 */
export class BulkWriter {
  private readonly ids = tableMaps<number>();
  /** What was last written per external id: an unchanged record is not rewritten. */
  private readonly written = tableMaps<string>();

  /** Keeps what was learnt since the last commit or rollback. */
  commit(): void {
    for (const table of TABLES) {
      this.ids[table].commit();
      this.written[table].commit();
    }
  }

  /** Forgets what was learnt since the last commit (the transaction rolled back). */
  rollback(): void {
    for (const table of TABLES) {
      this.ids[table].rollback();
      this.written[table].rollback();
    }
  }

  /** The id of a record this writer wrote or resolved (undefined when it has not seen it). */
  idOf(table: Table, externalId: string): number | undefined {
    return this.lookup(table, externalId);
  }

  private lookup(table: Table, externalId: string): number | undefined {
    return this.ids[table].get(externalId);
  }

  /** The id of a record that must exist by now (written earlier in the batch, or found by findMissingReferences). */
  private require(table: Table, externalId: string): number {
    const id = this.lookup(table, externalId);
    if (id === undefined) throw new Error(`${table} ${JSON.stringify(externalId)} is neither in the batch nor in the database (call findMissingReferences first)`);
    return id;
  }

  /** Finds the ids of these external ids (cache first, then one query per chunk); returns those that do not exist. */
  private async resolve(manager: EntityManager, table: Table, externalIds: Iterable<string>): Promise<Set<string>> {
    const unknown = [...new Set(externalIds)].filter((id) => this.lookup(table, id) === undefined);
    const missing = new Set(unknown);
    if (unknown.length === 0) return missing;
    const dialect = Dialect.of(manager);
    const chunk = dialect.rowsPerStatement(1);
    for (let start = 0; start < unknown.length; start += chunk) {
      const part = unknown.slice(start, start + chunk);
      const rows: Array<{ id: number; external_id: string }> = await manager.query(
        `SELECT id, external_id FROM ${table} WHERE external_id IN (${dialect.inList(part.length)})`,
        part,
      );
      for (const row of rows) {
        this.ids[table].set(row.external_id, Number(row.id));
        missing.delete(row.external_id);
      }
    }
    return missing;
  }

  /**
   * Which customers and products that the batch's orders and reviews name exist neither in the batch nor in the
   * database. Callers report those records as errors before `write`.
   */
  async findMissingReferences(manager: EntityManager, batch: RecordBatch): Promise<MissingReferences> {
    const inBatchCustomers = new Set(batch.customers.map((c) => c.externalId));
    const inBatchProducts = new Set(batch.products.map((p) => p.externalId));
    const inBatchOrders = new Set(batch.orders.map((o) => o.externalId));
    const customerRefs = new Set<string>();
    const productRefs = new Set<string>();
    const orderRefs = new Set<string>();
    for (const item of batch.items) {
      if (!inBatchOrders.has(item.orderExternalId)) orderRefs.add(item.orderExternalId);
      if (item.productExternalId && !inBatchProducts.has(item.productExternalId)) productRefs.add(item.productExternalId);
    }
    for (const order of batch.orders) {
      if (!inBatchCustomers.has(order.customerExternalId)) customerRefs.add(order.customerExternalId);
      for (const item of order.items) {
        if (item.productExternalId && !inBatchProducts.has(item.productExternalId)) productRefs.add(item.productExternalId);
      }
    }
    for (const review of batch.reviews) {
      if (!inBatchCustomers.has(review.customerExternalId)) customerRefs.add(review.customerExternalId);
      if (!inBatchProducts.has(review.productExternalId)) productRefs.add(review.productExternalId);
    }
    return {
      customers: await this.resolve(manager, 'customers', customerRefs),
      products: await this.resolve(manager, 'products', productRefs),
      orders: await this.resolve(manager, 'orders', orderRefs),
    };
  }

  /**
   * Writes one batch inside the caller's transaction, after `findMissingReferences` in the same transaction has
   * found nothing missing (a reference it did not resolve fails here). `replaceItems` makes each order's items exactly the given ones
   * (GraphQL upserts); without it items are upserted by line number (streaming imports, where an order's lines may
   * arrive in several batches).
   */
  async write(manager: EntityManager, batch: RecordBatch, { replaceItems = false } = {}): Promise<WriteStats> {
    const stats = emptyWriteStats();
    const dialect = Dialect.of(manager);
    stats.customers = await this.upsertCustomers(manager, dialect, batch.customers);
    stats.products = await this.upsertProducts(manager, dialect, batch.products);
    stats.orders = await this.upsertOrders(manager, dialect, batch.orders);
    const items = await this.upsertItems(manager, dialect, batch, replaceItems);
    stats.orderItems = items.written;
    stats.orderItemsUnchanged = items.unchanged;
    stats.orderItemsRemoved = items.removed;
    stats.reviews = await this.upsertReviews(manager, dialect, batch.reviews);
    return stats;
  }

  /**
   * Upserts rows (external id first) and records the returned ids. Rows identical to what this writer last wrote
   * for the same key are left out, so a source that repeats a record in every batch costs one write, and `updated`
   * counts real rewrites.
   */
  private async upsert(
    manager: EntityManager,
    dialect: Dialect,
    table: Table,
    columns: string[],
    allRows: unknown[][],
    assignments: Array<[string, string]>,
  ): Promise<EntityCounts> {
    const rows: unknown[][] = [];
    for (const row of allRows) {
      const key = row[0] as string;
      const print = fingerprint(row);
      if (this.written[table].get(key) === print) continue;
      this.written[table].set(key, print);
      rows.push(row);
    }
    if (rows.length === 0) return { created: 0, updated: 0, unchanged: 0 };
    // Existing rows' ids are known from here: an unchanged row is not returned by the upsert below.
    const created = (await this.resolve(manager, table, rows.map((row) => row[0] as string))).size;
    const perStatement = dialect.rowsPerStatement(columns.length);
    let written = 0;
    for (let start = 0; start < rows.length; start += perStatement) {
      const part = rows.slice(start, start + perStatement);
      const returned: Array<{ id: number; external_id: string }> = await manager.query(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${dialect.valuesList(part.length, columns.length)}
         ON CONFLICT (external_id) DO UPDATE SET ${setChanged(table, assignments)} RETURNING id, external_id`,
        part.flat(),
      );
      written += returned.length;
      for (const row of returned) this.ids[table].set(row.external_id, Number(row.id));
    }
    return { created, updated: written - created, unchanged: rows.length - written };
  }

  private upsertCustomers(manager: EntityManager, dialect: Dialect, customers: CustomerRecord[]): Promise<EntityCounts> {
    const columns = ['external_id', 'email', 'name', 'country', 'city', 'gender', 'birth_year', 'signup_at', 'attributes', 'ground_truth_label'];
    const rows = dedupeLast(customers).map((c) => [
      c.externalId,
      c.email ?? null,
      c.name ?? null,
      c.country ?? null,
      c.city ?? null,
      c.gender ?? null,
      c.birthYear ?? null,
      c.signupAt ? dialect.timestamp(c.signupAt) : null,
      c.attributes ? JSON.stringify(c.attributes) : null,
      c.groundTruthLabel ?? null,
    ]);
    // An empty cell keeps what is there: a partial source (Online Retail knows only the country) clears nothing.
    const set = columns.slice(1).map((col): [string, string] => [col, `COALESCE(excluded.${col}, customers.${col})`]);
    return this.upsert(manager, dialect, 'customers', columns, rows, set);
  }

  private upsertProducts(manager: EntityManager, dialect: Dialect, products: ProductRecord[]): Promise<EntityCounts> {
    const columns = ['external_id', 'title', 'description', 'category', 'price_e4'];
    const rows = dedupeLast(products).map((p) => [p.externalId, p.title || p.externalId, p.description ?? null, p.category ?? null, p.priceE4 ?? null]);
    const set: Array<[string, string]> = [
      // A title that only repeats the SKU (the source had none) never replaces a real one.
      ['title', 'CASE WHEN excluded.title = excluded.external_id THEN products.title ELSE excluded.title END'],
      ...['description', 'category', 'price_e4'].map((col): [string, string] => [col, `COALESCE(excluded.${col}, products.${col})`]),
    ];
    return this.upsert(manager, dialect, 'products', columns, rows, set);
  }

  private upsertOrders(manager: EntityManager, dialect: Dialect, orders: OrderRecord[]): Promise<EntityCounts> {
    const columns = ['external_id', 'customer_id', 'placed_at', 'status'];
    const rows = dedupeLast(orders).map((o) => [o.externalId, this.require('customers', o.customerExternalId), dialect.timestamp(o.placedAt), o.status]);
    const set = ['customer_id', 'placed_at', 'status'].map((col): [string, string] => [col, `excluded.${col}`]);
    return this.upsert(manager, dialect, 'orders', columns, rows, set);
  }

  private async upsertItems(manager: EntityManager, dialect: Dialect, batch: RecordBatch, replace: boolean): Promise<{ written: number; unchanged: number; removed: number }> {
    const columns = ['order_id', 'line_no', 'product_id', 'charge_code', 'quantity', 'unit_price_e4', 'amount_e4'];
    // One flat parameter array: this is the import's hottest path (one entry per order line).
    const params: unknown[] = [];
    const orderIds: number[] = [];
    const addRow = (orderId: number, item: OrderItemRecord) => {
      const productId = item.productExternalId ? this.require('products', item.productExternalId) : null;
      params.push(orderId, item.lineNo, productId, productId === null ? item.chargeCode : null, item.quantity, item.unitPriceE4, item.amountE4);
    };
    for (const order of batch.orders) {
      const orderId = this.require('orders', order.externalId);
      orderIds.push(orderId);
      for (const item of order.items) addRow(orderId, item);
    }
    for (const item of batch.items) addRow(this.require('orders', item.orderExternalId), item);
    let removed = 0;
    if (replace && orderIds.length > 0) {
      const perStatement = dialect.rowsPerStatement(1);
      for (let start = 0; start < orderIds.length; start += perStatement) {
        const part = orderIds.slice(start, start + perStatement);
        const deleted: unknown[] = await manager.query(`DELETE FROM order_items WHERE order_id IN (${dialect.inList(part.length)}) RETURNING order_id`, part);
        removed += deleted.length;
      }
    }
    const perStatement = dialect.rowsPerStatement(columns.length);
    const set = setChanged('order_items', columns.slice(2).map((col): [string, string] => [col, `excluded.${col}`]));
    const width = columns.length;
    const rowCount = params.length / width;
    let written = 0;
    for (let start = 0; start < rowCount; start += perStatement) {
      const count = Math.min(perStatement, rowCount - start);
      const returned: unknown[] = await manager.query(
        `INSERT INTO order_items (${columns.join(', ')}) VALUES ${dialect.valuesList(count, width)}
         ON CONFLICT (order_id, line_no) DO UPDATE SET ${set} RETURNING line_no`,
        params.slice(start * width, (start + count) * width),
      );
      written += returned.length;
    }
    // Lines deleted and written again are both counted: a replaced order always counts as a change.
    return { written, unchanged: rowCount - written, removed };
  }

  private upsertReviews(manager: EntityManager, dialect: Dialect, reviews: ReviewRecord[]): Promise<EntityCounts> {
    const columns = ['external_id', 'customer_id', 'product_id', 'rating', 'text', 'reviewed_at'];
    const rows = dedupeLast(reviews).map((r) => [
      r.externalId,
      this.require('customers', r.customerExternalId),
      this.require('products', r.productExternalId),
      r.rating,
      r.text ?? null,
      dialect.timestamp(r.reviewedAt),
    ]);
    const set = columns.slice(1).map((col): [string, string] => [col, `excluded.${col}`]);
    return this.upsert(manager, dialect, 'reviews', columns, rows, set);
  }
}

/** One statement may not name the same key twice (PostgreSQL refuses it); the last record for a key wins. */
function dedupeLast<T extends { externalId: string }>(records: T[]): T[] {
  const byKey = new Map<string, T>();
  for (const record of records) {
    byKey.delete(record.externalId);
    byKey.set(record.externalId, record);
  }
  return byKey.size === records.length ? records : [...byKey.values()];
}
