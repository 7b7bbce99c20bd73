import { parseMoneyE4 } from '../db/money';
import { ORDER_STATUSES, OrderStatus } from '../entities/order-status';

/**
 * Field parsers shared by the CSV formats and the GraphQL inputs. Each returns the value or throws a
 * `FieldError` naming the field, so that callers can attach a line number or an input path.
 */
export type { Raw };

export class FieldError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

type Raw = string | number | Date | null | undefined | Record<string, unknown>;

function asText(value: Raw): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function requiredText(field: string, value: Raw, maxLength = 64): string {
  const text = asText(value).trim();
  if (text === '') throw new FieldError(field, 'is required');
  if (text.length > maxLength) throw new FieldError(field, `is longer than ${maxLength} characters`);
  return text;
}

export function optionalText(field: string, value: Raw, maxLength: number): string | null {
  const text = asText(value).trim();
  if (text === '') return null;
  if (text.length > maxLength) throw new FieldError(field, `is longer than ${maxLength} characters`);
  return text;
}

export function integer(field: string, value: Raw, { min, max }: { min?: number; max?: number } = {}): number {
  const text = asText(value);
  if (text.trim() === '') throw new FieldError(field, 'is required');
  const n = typeof value === 'number' ? value : /^\s*[+-]?\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n)) throw new FieldError(field, `${JSON.stringify(value)} is not an integer`);
  if (min !== undefined && n < min) throw new FieldError(field, `${n} is below ${min}`);
  if (max !== undefined && n > max) throw new FieldError(field, `${n} is above ${max}`);
  return n;
}

export function optionalInteger(field: string, value: Raw, range?: { min?: number; max?: number }): number | null {
  if (asText(value).trim() === '') return null;
  return integer(field, value, range);
}

export function money(field: string, value: Raw): number {
  if (asText(value).trim() === '') throw new FieldError(field, 'is required');
  const e4 = typeof value === 'number' ? (Number.isFinite(value) ? parseMoneyE4(value.toFixed(4)) : null) : parseMoneyE4(asText(value));
  if (e4 === null) throw new FieldError(field, `${JSON.stringify(value)} is not an amount with at most 4 decimals`);
  if (Math.abs(e4) > 2_000_000_000) throw new FieldError(field, `${value} is out of range`);
  return e4;
}

export function optionalMoney(field: string, value: Raw): number | null {
  if (asText(value).trim() === '') return null;
  return money(field, value);
}

/** The earliest date any import accepts (GraphQL upserts and every CSV format): older ones are typos or placeholders. */
export const EARLIEST_DATE = new Date('1990-01-01T00:00:00Z');
/** How far past "now" a date may lie (clock skew, a local time read as UTC); later ones are refused. */
export const FUTURE_TOLERANCE_MS = 86_400_000;

/**
 * The one date rule of every import path: a date must lie between 1990-01-01 and now plus one day. Returns why a date
 * breaks it ("is in the future (…)", to follow the value), or null. Refusing future dates at write time keeps the
 * default `asOf` (just after the latest order) out of the future, where one stray `9999-12-31` would move every
 * customer's recency.
 */
export function dateProblem(date: Date, now = Date.now()): string | null {
  const t = date.getTime();
  if (Number.isNaN(t)) return 'is not a valid date';
  if (t < EARLIEST_DATE.getTime()) return 'is before 1990-01-01 (the earliest date accepted)';
  if (t > now + FUTURE_TOLERANCE_MS) return 'is in the future (a date may be at most one day after now)';
  return null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** ISO 8601 date or date-time; without a zone it is read as UTC. It must pass `dateProblem`. */
export function timestamp(field: string, value: Raw): Date {
  if (value instanceof Date) {
    const problem = dateProblem(value);
    if (problem !== null) throw new FieldError(field, Number.isNaN(value.getTime()) ? problem : `${JSON.stringify(value)} ${problem}`);
    return value;
  }
  const text = asText(value).trim();
  if (text === '') throw new FieldError(field, 'is required');
  if (!ISO_DATE.test(text)) throw new FieldError(field, `${JSON.stringify(value)} is not an ISO 8601 date`);
  const [y, m, d] = text.slice(0, 10).split('-').map(Number);
  if (m < 1 || m > 12 || new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d) {
    throw new FieldError(field, `${JSON.stringify(value)} is not a valid date`);
  }
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text) && text.length > 10;
  const normalised = text.length === 10 ? `${text}T00:00:00Z` : text.replace(' ', 'T') + (hasZone ? '' : 'Z');
  const date = new Date(normalised);
  if (Number.isNaN(date.getTime())) throw new FieldError(field, `${JSON.stringify(value)} is not a valid date`);
  const problem = dateProblem(date);
  if (problem !== null) throw new FieldError(field, `${JSON.stringify(value)} ${problem}`);
  return date;
}

export function optionalTimestamp(field: string, value: Raw): Date | null {
  if (value instanceof Date) return timestamp(field, value);
  if (asText(value).trim() === '') return null;
  return timestamp(field, value);
}

export function orderStatus(field: string, value: Raw): OrderStatus {
  const text = asText(value).trim().toLowerCase();
  if (text === '') return 'placed';
  if (!(ORDER_STATUSES as readonly string[]).includes(text)) {
    throw new FieldError(field, `${JSON.stringify(value)} is not one of ${ORDER_STATUSES.join(', ')}`);
  }
  return text as OrderStatus;
}

export function jsonObject(field: string, value: Raw): Record<string, unknown> | null {
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return jsonObject(field, JSON.stringify(value));
  const text = asText(value);
  if (text.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new FieldError(field, 'is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new FieldError(field, 'must be a JSON object');
  if (text.length > 20_000) throw new FieldError(field, 'is larger than 20,000 characters');
  return parsed as Record<string, unknown>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function optionalEmail(field: string, value: Raw): string | null {
  const text = optionalText(field, value, 320);
  if (text !== null && !EMAIL.test(text)) throw new FieldError(field, `${JSON.stringify(text)} is not an email address`);
  return text;
}
