import { loadConfig } from '../../src/config/config';
import { parseQueues } from '../../src/cli/worker';
import { DATE_PRESERVING_JSON } from '../../src/pubsub/pubsub';

describe('REDIS_URL (several machines)', () => {
  const pg = 'postgres://postgres@127.0.0.1:5432/test';

  it('is off without REDIS_URL, and WORKERS=none then makes no sense', () => {
    expect(loadConfig({}).distributed).toBeNull();
    expect(() => loadConfig({ WORKERS: 'none' })).toThrow(/WORKERS=none needs REDIS_URL/);
  });

  it('refuses SQLite with Redis, naming both variables', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/REDIS_URL .*PostgreSQL: set DATABASE_URL=postgres:\/\//);
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'sqlite:./x.sqlite' })).toThrow(/SQLite is one process's file/);
  });

  it('reads its settings, with defaults, and refuses bad ones', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379/3', DATABASE_URL: pg }).distributed).toEqual({
      redisUrl: 'redis://127.0.0.1:6379/3',
      prefix: 'segmentql',
      workers: 'embedded',
      jobLockMs: 30_000,
      shutdownSeconds: 30,
    });
    expect(loadConfig({ REDIS_URL: 'redis://r', DATABASE_URL: pg, WORKERS: 'none', REDIS_PREFIX: 'shop-1', JOB_LOCK_MS: '5000', WORKER_SHUTDOWN_SECONDS: '0' }).distributed).toMatchObject({
      workers: 'none',
      prefix: 'shop-1',
      jobLockMs: 5000,
      shutdownSeconds: 0,
    });
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379', DATABASE_URL: pg })).toThrow(/must start with redis:\/\//);
    expect(() => loadConfig({ REDIS_URL: 'redis://r', DATABASE_URL: pg, WORKERS: 'some' })).toThrow(/WORKERS="some" must be embedded or none/);
    expect(() => loadConfig({ REDIS_URL: 'redis://r', DATABASE_URL: pg, REDIS_PREFIX: 'a:b' })).toThrow(/REDIS_PREFIX/);
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT="xml" must be text or json/);
  });

  it('`segmentql worker --queues` takes training, evaluation and exports, and nothing else', () => {
    expect(parseQueues(undefined)).toEqual(['training', 'evaluation', 'export', 'rescore']);
    expect(parseQueues('exports,training')).toEqual(['export', 'training']);
    expect(() => parseQueues('training,gpu')).toThrow(/each must be one of training, evaluation, exports/);
  });

  it('pubsub messages keep their Dates across processes', () => {
    const run = { id: 3, queuedAt: new Date('2026-12-01T10:00:00.000Z'), finishedAt: null, message: '2026-12-01T10:00:00.000Z' };
    const back = DATE_PRESERVING_JSON.parse(DATE_PRESERVING_JSON.stringify(run)) as typeof run;
    expect(back.queuedAt).toBeInstanceOf(Date);
    expect(back.queuedAt.getTime()).toBe(run.queuedAt.getTime());
    // A string that looks like a date stays a string.
    expect(back.message).toBe(run.message);
    expect(back.finishedAt).toBeNull();
  });
});
