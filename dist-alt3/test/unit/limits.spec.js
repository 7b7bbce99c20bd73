"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const graphql_1 = require("graphql");
const query_limits_1 = require("../../src/auth/query-limits");
const rate_limiter_1 = require("../../src/auth/rate-limiter");
const pagination_1 = require("../../src/services/pagination");
function depthOf(query) {
    const doc = (0, graphql_1.parse)(query);
    const fragments = new Map();
    for (const d of doc.definitions)
        if (d.kind === graphql_1.Kind.FRAGMENT_DEFINITION)
            fragments.set(d.name.value, d);
    return (0, query_limits_1.operationDepth)(doc.definitions.find((d) => d.kind === graphql_1.Kind.OPERATION_DEFINITION), fragments);
}
describe('query depth', () => {
    it('counts nested fields, through fragments and inline fragments, and ends on fragment cycles', () => {
        expect(depthOf('{ a }')).toBe(1);
        expect(depthOf('{ a { b { c } } d }')).toBe(3);
        expect(depthOf('{ a { ...F } } fragment F on T { b { c { d } } }')).toBe(4);
        expect(depthOf('{ a { ... on T { b { c } } } }')).toBe(3);
        // Invalid (validation rejects cycles), but the depth check must still end.
        expect(depthOf('{ a { ...F } } fragment F on T { b { ...F } }')).toBe(2);
        expect((0, graphql_1.buildSchema)('type Query { a: Int }')).toBeDefined();
    });
});
describe('rate limiter', () => {
    it('allows a burst of a quarter of the minute, then one request per 60/perMinute seconds, per key', () => {
        const limiter = new rate_limiter_1.RateLimiter(120); // 2 a second, burst 30
        const t0 = 1_000_000;
        for (let i = 0; i < 30; i++)
            expect(limiter.take('a', t0)).toBe(0);
        expect(limiter.take('a', t0)).toBeGreaterThan(0);
        expect(limiter.take('b', t0)).toBe(0);
        expect(limiter.take('a', t0 + 499)).toBeGreaterThan(0);
        expect(limiter.take('a', t0 + 600)).toBe(0);
        expect(new rate_limiter_1.RateLimiter(0).take('a')).toBe(0);
    });
});
describe('Relay paging', () => {
    it('needs exactly one of first and last, 1..100, each with its own cursor', () => {
        expect((0, pagination_1.pageWindow)({ first: 5 })).toEqual({ limit: 5, backward: false, cursor: null });
        expect((0, pagination_1.pageWindow)({ last: 5, before: 'x' })).toEqual({ limit: 5, backward: true, cursor: 'x' });
        for (const bad of [{}, { first: 1, last: 1 }, { first: 0 }, { last: 101 }, { first: 1.5 }, { first: 1, before: 'x' }, { last: 1, after: 'x' }]) {
            expect(() => (0, pagination_1.pageWindow)(bad)).toThrow();
        }
        expect((0, pagination_1.fetchDirection)('ASC', (0, pagination_1.pageWindow)({ last: 1 }))).toBe('DESC');
        expect((0, pagination_1.fetchDirection)('DESC', (0, pagination_1.pageWindow)({ last: 1 }))).toBe('ASC');
        expect((0, pagination_1.fetchDirection)('DESC', (0, pagination_1.pageWindow)({ first: 1 }))).toBe('DESC');
    });
    it('turns a backward page round and sets the flags for each direction', async () => {
        // Fetched in reverse for `last: 3, before: c8` over 1..10: 7, 6, 5 and one more (4).
        const page = (0, pagination_1.toConnection)([7, 6, 5, 4], { last: 3, before: 'c8' }, (n) => `c${n}`, async () => 10);
        expect(page.edges.map((e) => e.node)).toEqual([5, 6, 7]);
        expect(page.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: true, startCursor: 'c5', endCursor: 'c7' });
        const first = (0, pagination_1.toConnection)([1, 2], { first: 3 }, (n) => `c${n}`, async () => 2);
        expect(first.pageInfo).toEqual({ hasPreviousPage: false, hasNextPage: false, startCursor: 'c1', endCursor: 'c2' });
        expect(await first.totalCount).toBe(2);
    });
});
describe('NUL characters', () => {
    it('are refused in literals and in variables, however deep (PostgreSQL cannot store them)', () => {
        expect(() => (0, query_limits_1.checkNoNulCharacters)((0, graphql_1.parse)('{ a(x: "a\\u0000b") }'), {})).toThrow(/NUL/);
        expect(() => (0, query_limits_1.checkNoNulCharacters)((0, graphql_1.parse)('{ a }'), { v: [{ w: 'x\u0000' }] })).toThrow(/NUL/);
        expect(() => (0, query_limits_1.checkNoNulCharacters)((0, graphql_1.parse)('{ a(x: "ok") }'), { v: ['fine', { w: 'ünïcödé 💥' }] })).not.toThrow();
    });
});
//# sourceMappingURL=limits.spec.js.map