"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const money_1 = require("../../src/db/money");
const field_parsers_1 = require("../../src/import/field-parsers");
const record_builders_1 = require("../../src/import/record-builders");
const zoned_time_1 = require("../../src/import/zoned-time");
describe('money in e4 units', () => {
    it('parses decimal strings exactly, without floats', () => {
        expect((0, money_1.parseMoneyE4)('2.55')).toBe(25_500);
        expect((0, money_1.parseMoneyE4)('0.001')).toBe(10);
        expect((0, money_1.parseMoneyE4)('-11062.06')).toBe(-110_620_600);
        expect((0, money_1.parseMoneyE4)('38970')).toBe(389_700_000);
        expect((0, money_1.parseMoneyE4)('.5')).toBe(5_000);
        expect((0, money_1.parseMoneyE4)('1.50000')).toBe(15_000);
        expect((0, money_1.parseMoneyE4)('0.00001')).toBeNull();
        expect((0, money_1.parseMoneyE4)('1e3')).toBeNull();
        expect((0, money_1.parseMoneyE4)('')).toBeNull();
        expect((0, money_1.parseMoneyE4)('abc')).toBeNull();
    });
    it('sums without drift where floats do', () => {
        const prices = Array.from({ length: 1000 }, () => '0.1');
        const e4 = prices.reduce((sum, p) => sum + (0, money_1.parseMoneyE4)(p), 0);
        expect((0, money_1.moneyFromE4)(e4)).toBe(100);
        expect(prices.reduce((sum, p) => sum + Number(p), 0)).not.toBe(100);
    });
    it('refuses out-of-range and non-numeric amounts with the field named', () => {
        expect(() => (0, field_parsers_1.money)('unitPrice', 'x')).toThrow(field_parsers_1.FieldError);
        expect((0, field_parsers_1.money)('unitPrice', 2.5)).toBe(25_000);
        expect(() => (0, field_parsers_1.integer)('quantity', '1.5')).toThrow('"1.5" is not an integer');
    });
});
describe('timestamps', () => {
    it('reads ISO dates as UTC when they name no zone', () => {
        expect((0, field_parsers_1.timestamp)('placedAt', '2024-03-01').toISOString()).toBe('2024-03-01T00:00:00.000Z');
        expect((0, field_parsers_1.timestamp)('placedAt', '2024-03-01 10:30').toISOString()).toBe('2024-03-01T10:30:00.000Z');
        expect((0, field_parsers_1.timestamp)('placedAt', '2024-03-01T10:30:00+02:00').toISOString()).toBe('2024-03-01T08:30:00.000Z');
        expect(() => (0, field_parsers_1.timestamp)('placedAt', '01/03/2024')).toThrow(field_parsers_1.FieldError);
        expect(() => (0, field_parsers_1.timestamp)('placedAt', '2024-02-31')).toThrow(field_parsers_1.FieldError);
    });
    it('reads every form the README lists, offsets with or without a colon', () => {
        const forms = [
            ['2024-03-01', '2024-03-01T00:00:00.000Z'],
            ['2024-03-01 10:30', '2024-03-01T10:30:00.000Z'],
            ['2024-03-01T10:30:15', '2024-03-01T10:30:15.000Z'],
            ['2024-03-01T10:30:15.250', '2024-03-01T10:30:15.250Z'],
            ['2024-03-01T10:30:00Z', '2024-03-01T10:30:00.000Z'],
            ['2024-03-01T10:30:00+02:00', '2024-03-01T08:30:00.000Z'],
            ['2024-03-01T10:30:00-05:00', '2024-03-01T15:30:00.000Z'],
            ['2024-03-01T10:30:00+0200', '2024-03-01T08:30:00.000Z'],
            ['2024-03-01T10:30:00-0500', '2024-03-01T15:30:00.000Z'],
        ];
        for (const [text, utc] of forms)
            expect([text, (0, field_parsers_1.timestamp)('placedAt', text).toISOString()]).toEqual([text, utc]);
        expect(() => (0, field_parsers_1.timestamp)('placedAt', '2024-03-01T10:30:00 EST')).toThrow(field_parsers_1.FieldError);
    });
    it('holds every date to one plausible range: 1990-01-01 up to one day after now, text or Date alike', () => {
        const now = Date.now();
        const hour = 3_600_000;
        for (const value of ['9999-12-31', '0001-01-01', '1989-12-31T23:59:59Z', '2150-01-01', new Date('9999-12-31T00:00:00Z'), new Date('0001-01-01T00:00:00Z'), new Date(now + 25 * hour)]) {
            expect(() => (0, field_parsers_1.timestamp)('placedAt', value)).toThrow(field_parsers_1.FieldError);
        }
        expect(() => (0, field_parsers_1.timestamp)('placedAt', new Date('9999-12-31T00:00:00Z'))).toThrow('"9999-12-31T00:00:00.000Z" is in the future (a date may be at most one day after now)');
        expect(() => (0, field_parsers_1.timestamp)('placedAt', '0001-01-01')).toThrow('"0001-01-01" is before 1990-01-01 (the earliest date accepted)');
        expect((0, field_parsers_1.timestamp)('placedAt', '1990-01-01').toISOString()).toBe('1990-01-01T00:00:00.000Z');
        // A little clock skew is tolerated.
        expect((0, field_parsers_1.timestamp)('placedAt', new Date(now + 2 * hour)).getTime()).toBe(now + 2 * hour);
        expect((0, field_parsers_1.dateProblem)(new Date(now + 23 * hour), now)).toBeNull();
        expect((0, field_parsers_1.dateProblem)(new Date(now + 25 * hour), now)).toMatch(/is in the future/);
        expect((0, field_parsers_1.dateProblem)(new Date(NaN))).toBe('is not a valid date');
    });
    it('converts UK local time to UTC across daylight saving', () => {
        const london = new zoned_time_1.ZonedTimeParser('Europe/London');
        expect(london.parse('2010-12-01 08:26:00').toISOString()).toBe('2010-12-01T08:26:00.000Z');
        expect(london.parse('2011-06-15 08:26:00').toISOString()).toBe('2011-06-15T07:26:00.000Z');
        expect(london.parse('2011-03-27 03:00').toISOString()).toBe('2011-03-27T02:00:00.000Z');
        expect(london.parse('6/15/2011 8:26').toISOString()).toBe('2011-06-15T07:26:00.000Z');
        expect(london.parse('2011-13-01 00:00')).toBeNull();
        expect(london.parse('yesterday')).toBeNull();
    });
});
describe('order records', () => {
    it('makes the lines of a returned order negative and numbers lines by position', () => {
        const order = (0, record_builders_1.buildOrder)({ externalId: 'R1', customerExternalId: 'c1', placedAt: '2024-01-01', status: 'returned' }, [
            { productExternalId: 'p1', quantity: 2, unitPrice: '3.50' },
            { chargeCode: 'POST', quantity: 1, unitPrice: '4' },
        ]);
        expect(order.items).toEqual([
            { lineNo: 1, productExternalId: 'p1', chargeCode: null, quantity: -2, unitPriceE4: 35_000, amountE4: -70_000 },
            { lineNo: 2, productExternalId: null, chargeCode: 'POST', quantity: -1, unitPriceE4: 40_000, amountE4: -40_000 },
        ]);
    });
    it('names the failing item field by its path', () => {
        try {
            (0, record_builders_1.buildOrder)({ externalId: 'O1', customerExternalId: 'c1', placedAt: '2024-01-01' }, [{ productExternalId: 'p1', quantity: 1, unitPrice: 1 }, { quantity: 1, unitPrice: 1 }]);
            throw new Error('no error');
        }
        catch (err) {
            expect(err).toBeInstanceOf(field_parsers_1.FieldError);
            expect(err.field).toBe('items.1.productExternalId');
        }
    });
});
//# sourceMappingURL=field-parsers.spec.js.map