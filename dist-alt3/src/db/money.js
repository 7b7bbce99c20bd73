"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MONEY_SCALE = void 0;
exports.parseMoneyE4 = parseMoneyE4;
exports.moneyFromE4 = moneyFromE4;
/**
 * Money is stored as integers in ten-thousandths of the currency unit ("e4"), so that sums never drift and prices
 * with sub-cent precision (Online Retail has 0.001) survive. Parsing goes from the decimal string straight to the
 * integer, never through a float.
 */
exports.MONEY_SCALE = 10_000;
const MONEY_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?$/;
/** Parses a decimal string ("2.55", "-0.001", "12") into e4 units; `null` when it is not a number or has > 4 decimals. */
function parseMoneyE4(text) {
    // Fast path for the common shape [-]digits[.up to 4 digits], without a regex (the import's hot loop).
    const n = text.length;
    let i = 0;
    let negative = false;
    if (n > 0 && text.charCodeAt(0) === 45) {
        negative = true;
        i = 1;
    }
    let units = 0;
    let digits = 0;
    for (; i < n; i++) {
        const c = text.charCodeAt(i) - 48;
        if (c < 0 || c > 9)
            break;
        units = units * 10 + c;
        digits++;
    }
    if (digits > 0 && digits <= 12) {
        if (i === n)
            return negative ? -units * exports.MONEY_SCALE : units * exports.MONEY_SCALE;
        if (text.charCodeAt(i) === 46 && n - i - 1 <= 4) {
            let frac = 0;
            let places = 0;
            for (i++; i < n; i++) {
                const c = text.charCodeAt(i) - 48;
                if (c < 0 || c > 9)
                    break;
                frac = frac * 10 + c;
                places++;
            }
            if (i === n) {
                const value = units * exports.MONEY_SCALE + frac * 10 ** (4 - places);
                return negative ? -value : value;
            }
        }
    }
    return parseMoneyE4Slow(text);
}
function parseMoneyE4Slow(text) {
    const m = MONEY_PATTERN.exec(text.trim());
    if (!m || (m[2] === '' && (m[3] === undefined || m[3] === '')))
        return null;
    const frac = m[3] ?? '';
    if (frac.length > 4) {
        // Accept trailing zeros beyond 4 places ("1.50000"), refuse real sub-e4 precision.
        if (/[^0]/.test(frac.slice(4)))
            return null;
    }
    const units = Number(m[2] || '0') * exports.MONEY_SCALE + Number((frac + '0000').slice(0, 4));
    if (!Number.isSafeInteger(units))
        return null;
    return m[1] === '-' ? -units : units;
}
/** Converts e4 units to a number of currency units (exact for every value a double can hold at 4 places). */
function moneyFromE4(units) {
    if (units === null || units === undefined)
        return 0;
    return Number(units) / exports.MONEY_SCALE;
}
//# sourceMappingURL=money.js.map