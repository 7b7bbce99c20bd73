import { buildSchema, parse, Kind, OperationDefinitionNode, FragmentDefinitionNode } from 'graphql';
import { checkNoNulCharacters, operationDepth } from '../../src/auth/query-limits';
import { RateLimiter } from '../../src/auth/rate-limiter';
import { pageWindow, fetchDirection, toConnection } from '../../src/services/pagination';

function depthOf(query: string): number {
  const doc = parse(query);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return operationDepth(doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode, fragments);
}

describe('query depth', () => {
  it('counts nested fields, through fragments and inline fragments, and ends on fragment cycles', () => {
    expect(depthOf('{ a }')).toBe(1);
    expect(depthOf('{ a { b { c } } d }')).toBe(3);
    expect(depthOf('{ a { ...F } } fragment F on T { b { c { d } } }')).toBe(4);
    expect(depthOf('{ a { ... on T { b { c } } } }')).toBe(3);
    // Invalid (validation rejects cycles), but the depth check must still end.
    expect(depthOf('{ a { ...F } } fragment F on T { b { ...F } }')).toBe(2);
    expect(buildSchema('type Query { a: Int }')).toBeDefined();
  });
});

describe('rate limiter', () => {
  it('allows a burst of a quarter of the minute, then one request per 60/perMinute seconds, per key', () => {
    const limiter = new RateLimiter(120); // 2 a second, burst 30
    const t0 = 1_000_000;
    for (let i = 0; i < 30; i++) expect(limiter.take('a', t0)).toBe(0);
    expect(limiter.take('a', t0)).toBeGreaterThan(0);
    expect(limiter.take('b', t0)).toBe(0);
    expect(limiter.take('a', t0 + 499)).toBeGreaterThan(0);
    expect(limiter.take('a', t0 + 600)).toBe(0);
    expect(new RateLimiter(0).take('a')).toBe(0);
  });
});

describe('Relay paging', () => {
  it('needs exactly one of first and last, 1..100, each with its own cursor', () => {
    expect(pageWindow({ first: 5 })).toEqual({ limit: 5, backward: false, cursor: null });
    expect(pageWindow({ last: 5, before: 'x' })).toEqual({ limit: 5, backward: true, cursor: 'x' });
    for (const bad of [{}, { first: 1, last: 1 }, { first: 0 }, { last: 101 }, { first: 1.5 }, { first: 1, before: 'x' }, { last: 1, after: 'x' }]) {
      expect(() => pageWindow(bad)).toThrow();
    }
    expect(fetchDirection('ASC', pageWindow({ last: 1 }))).toBe('DESC');
    expect(fetchDirection('DESC', pageWindow({ last: 1 }))).toBe('ASC');
    expect(fetchDirection('DESC', pageWindow({ first: 1 }))).toBe('DESC');
  });

  it('turns a backward page round and sets the flags for each direction', async () => {
    // Fetched in reverse for `last: 3, before: c8` over 1..10: 7, 6, 5 and one more (4).
    const page = toConnection([7, 6, 5, 4], { last: 3, before: 'c8' }, (n) => `c${n}`, async () => 10);
    expect(page.edges.map((e) => e.node)).toEqual([5, 6, 7]);
    expect(page.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: true, startCursor: 'c5', endCursor: 'c7' });
    const first = toConnection([1, 2], { first: 3 }, (n) => `c${n}`, async () => 2);
    expect(first.pageInfo).toEqual({ hasPreviousPage: false, hasNextPage: false, startCursor: 'c1', endCursor: 'c2' });
    expect(await first.totalCount).toBe(2);
  });
});

describe('NUL characters', () => {
  it('are refused in literals and in variables, however deep (PostgreSQL cannot store them)', () => {
    expect(() => checkNoNulCharacters(parse('{ a(x: "a\\u0000b") }'), {})).toThrow(/NUL/);
    expect(() => checkNoNulCharacters(parse('{ a }'), { v: [{ w: 'x\u0000' }] })).toThrow(/NUL/);
    expect(() => checkNoNulCharacters(parse('{ a(x: "ok") }'), { v: ['fine', { w: 'ünïcödé 💥' }] })).not.toThrow();
  });
});
