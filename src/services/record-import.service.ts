import { badUserInput } from '../errors';
import { BulkWriter, EntityCounts, WriteStats } from '../import/bulk-writer';
import { FieldError } from '../import/field-parsers';
import { RawFields, buildCustomer, buildOrder, buildProduct, buildReview } from '../import/record-builders';
import { RecordBatch, emptyBatch } from '../import/records';
import { ImportService, OnError } from './import.service';

export type RecordKind = 'customers' | 'products' | 'orders' | 'reviews';

/** A problem with one input row, with its path in the mutation's input (`["input", 3, "email"]`). */
export interface InputError {
  path: Array<string | number>;
  message: string;
  code: string;
}

export interface UpsertResult {
  received: number;
  created: number;
  updated: number;
  /** Rows given again with the values already stored: not rewritten. */
  unchanged: number;
  /** Rows not written because of an error (all of them when `onError` is abort and any row failed). */
  skipped: number;
  committed: boolean;
  errors: InputError[];
}

const BUILDERS: Record<RecordKind, (raw: RawFields) => unknown> = {
  customers: buildCustomer,
  products: buildProduct,
  orders: (raw) => buildOrder(raw, (raw.items as unknown as RawFields[] | undefined) ?? []),
  reviews: buildReview,
};

/**
 * The GraphQL upserts: validate every row (errors carry their input path), then write the batch in one transaction
 * through the same writer as the CSV import. With `onError: ABORT` (the default) a batch with any bad row writes
 * nothing; with `SKIP` the good rows are written and the bad ones reported.
 */
export class RecordImportService {
  constructor(
    private readonly imports: ImportService,
    readonly batchLimit: number,
  ) {}

  async upsert(kind: RecordKind, inputs: RawFields[], onError: OnError = 'abort'): Promise<UpsertResult> {
    if (inputs.length > this.batchLimit) {
      throw badUserInput(`at most ${this.batchLimit} rows per call, got ${inputs.length}: split the batch`, { argument: 'input', limit: this.batchLimit });
    }
    const errors: InputError[] = [];
    const batch: RecordBatch = emptyBatch();
    const firstIndex = new Map<string, number>();
    inputs.forEach((raw, index) => {
      let record: { externalId: string; origin?: { path: Array<string | number> } };
      try {
        record = BUILDERS[kind](raw) as typeof record;
      } catch (err) {
        if (!(err instanceof FieldError)) throw err;
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
      (batch[kind] as unknown[]).push(record);
    });

    const result: UpsertResult = { received: inputs.length, created: 0, updated: 0, unchanged: 0, skipped: 0, committed: false, errors };
    if (errors.length > 0 && onError === 'abort') {
      result.skipped = inputs.length;
      return result;
    }
    if ((batch[kind] as unknown[]).length === 0) {
      // Nothing valid to write (an empty list, or every row skipped): no transaction, nothing half-written.
      result.skipped = inputs.length;
      result.committed = true;
      return result;
    }
    const { stats, issues } = await this.imports.writeRecords(new BulkWriter(), batch, { onError, replaceItems: true });
    for (const issue of issues) errors.push({ path: issue.origin?.path ?? ['input'], message: issue.reason, code: 'NOT_FOUND' });
    errors.sort((a, b) => Number(a.path[1]) - Number(b.path[1]));
    if (issues.length > 0 && onError === 'abort') {
      result.skipped = inputs.length;
      return result;
    }
    const counts: EntityCounts = (stats as WriteStats)[kind];
    result.created = counts.created;
    // An order's lines are replaced whatever its own row did: a given order counts as updated.
    result.updated = counts.updated + (kind === 'orders' ? counts.unchanged : 0);
    result.unchanged = kind === 'orders' ? 0 : counts.unchanged;
    result.skipped = inputs.length - result.created - result.updated - result.unchanged;
    result.committed = true;
    return result;
  }
}
