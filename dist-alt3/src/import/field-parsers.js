"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FUTURE_TOLERANCE_MS = exports.EARLIEST_DATE = exports.FieldError = void 0;
exports.requiredText = requiredText;
exports.optionalText = optionalText;
exports.integer = integer;
exports.optionalInteger = optionalInteger;
exports.money = money;
exports.optionalMoney = optionalMoney;
exports.dateProblem = dateProblem;
exports.timestamp = timestamp;
exports.optionalTimestamp = optionalTimestamp;
exports.orderStatus = orderStatus;
exports.jsonObject = jsonObject;
exports.optionalEmail = optionalEmail;
const money_1 = require("../db/money");
const order_status_1 = require("../entities/order-status");
class FieldError extends Error {
    field;
    constructor(field, reason) {
        super(reason);
        this.field = field;
    }
}
exports.FieldError = FieldError;
function asText(value) {
    if (value === null || value === undefined)
        return '';
    if (value instanceof Date)
        return value.toISOString();
    if (typeof value === 'object')
        return JSON.stringify(value);
    return String(value);
}
function requiredText(field, value, maxLength = 64) {
    const text = asText(value).trim();
    if (text === '')
        throw new FieldError(field, 'is required');
    if (text.length > maxLength)
        throw new FieldError(field, `is longer than ${maxLength} characters`);
    return text;
}
function optionalText(field, value, maxLength) {
    const text = asText(value).trim();
    if (text === '')
        return null;
    if (text.length > maxLength)
        throw new FieldError(field, `is longer than ${maxLength} characters`);
    return text;
}
function integer(field, value, { min, max } = {}) {
    const text = asText(value);
    if (text.trim() === '')
        throw new FieldError(field, 'is required');
    const n = typeof value === 'number' ? value : /^\s*[+-]?\d+\s*$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(n))
        throw new FieldError(field, `${JSON.stringify(value)} is not an integer`);
    if (min !== undefined && n < min)
        throw new FieldError(field, `${n} is below ${min}`);
    if (max !== undefined && n > max)
        throw new FieldError(field, `${n} is above ${max}`);
    return n;
}
function optionalInteger(field, value, range) {
    if (asText(value).trim() === '')
        return null;
    return integer(field, value, range);
}
function money(field, value) {
    if (asText(value).trim() === '')
        throw new FieldError(field, 'is required');
    const e4 = typeof value === 'number' ? (Number.isFinite(value) ? (0, money_1.parseMoneyE4)(value.toFixed(4)) : null) : (0, money_1.parseMoneyE4)(asText(value));
    if (e4 === null)
        throw new FieldError(field, `${JSON.stringify(value)} is not an amount with at most 4 decimals`);
    if (Math.abs(e4) > 2_000_000_000)
        throw new FieldError(field, `${value} is out of range`);
    return e4;
}
function optionalMoney(field, value) {
    if (asText(value).trim() === '')
        return null;
    return money(field, value);
}
/** The earliest date any import accepts (GraphQL upserts and every CSV format): older ones are typos or placeholders. */
exports.EARLIEST_DATE = new Date('1990-01-01T00:00:00Z');
/** How far past "now" a date may lie (clock skew, a local time read as UTC); later ones are refused. */
exports.FUTURE_TOLERANCE_MS = 86_400_000;
/**
 * The one date rule of every import path: a date must lie between 1990-01-01 and now plus one day. Returns why a date
 * breaks it ("is in the future (…)", to follow the value), or null. Refusing future dates at write time keeps the
 * default `asOf` (just after the latest order) out of the future, where one stray `9999-12-31` would move every
 * customer's recency.
 */
function dateProblem(date, now = Date.now()) {
    const t = date.getTime();
    if (Number.isNaN(t))
        return 'is not a valid date';
    if (t < exports.EARLIEST_DATE.getTime())
        return 'is before 1990-01-01 (the earliest date accepted)';
    if (t > now + exports.FUTURE_TOLERANCE_MS)
        return 'is in the future (a date may be at most one day after now)';
    return null;
}
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
/** ISO 8601 date or date-time; without a zone it is read as UTC. It must pass `dateProblem`. */
function timestamp(field, value) {
    if (value instanceof Date) {
        const problem = dateProblem(value);
        if (problem !== null)
            throw new FieldError(field, Number.isNaN(value.getTime()) ? problem : `${JSON.stringify(value)} ${problem}`);
        return value;
    }
    const text = asText(value).trim();
    if (text === '')
        throw new FieldError(field, 'is required');
    if (!ISO_DATE.test(text))
        throw new FieldError(field, `${JSON.stringify(value)} is not an ISO 8601 date`);
    const [y, m, d] = text.slice(0, 10).split('-').map(Number);
    if (m < 1 || m > 12 || new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d) {
        throw new FieldError(field, `${JSON.stringify(value)} is not a valid date`);
    }
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text) && text.length > 10;
    const normalised = text.length === 10 ? `${text}T00:00:00Z` : text.replace(' ', 'T') + (hasZone ? '' : 'Z');
    const date = new Date(normalised);
    if (Number.isNaN(date.getTime()))
        throw new FieldError(field, `${JSON.stringify(value)} is not a valid date`);
    const problem = dateProblem(date);
    if (problem !== null)
        throw new FieldError(field, `${JSON.stringify(value)} ${problem}`);
    return date;
}
function optionalTimestamp(field, value) {
    if (value instanceof Date)
        return timestamp(field, value);
    if (asText(value).trim() === '')
        return null;
    return timestamp(field, value);
}
function orderStatus(field, value) {
    const text = asText(value).trim().toLowerCase();
    if (text === '')
        return 'placed';
    if (!order_status_1.ORDER_STATUSES.includes(text)) {
        throw new FieldError(field, `${JSON.stringify(value)} is not one of ${order_status_1.ORDER_STATUSES.join(', ')}`);
    }
    return text;
}
function jsonObject(field, value) {
    if (value !== null && typeof value === 'object' && !(value instanceof Date))
        return jsonObject(field, JSON.stringify(value));
    const text = asText(value);
    if (text.trim() === '')
        return null;
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        throw new FieldError(field, 'is not valid JSON');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new FieldError(field, 'must be a JSON object');
    if (text.length > 20_000)
        throw new FieldError(field, 'is larger than 20,000 characters');
    return parsed;
}
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
function optionalEmail(field, value) {
    const text = optionalText(field, value, 320);
    if (text !== null && !EMAIL.test(text))
        throw new FieldError(field, `${JSON.stringify(text)} is not an email address`);
    return text;
}
//# sourceMappingURL=field-parsers.js.map