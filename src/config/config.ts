import { BackendPreference, parseBackendPreference } from '../ml/backend';
import path from 'node:path';
import { pluginModules } from './plugins';
import { loadActionTemplates } from '../evaluation/segment-profiles';

/** Which database a `DATABASE_URL` selects. */
export type DatabaseKind = 'sqlite' | 'postgres';

export interface DatabaseConfig {
  kind: DatabaseKind;
  /** The original URL, as given. */
  url: string;
  /** For SQLite: the file path (or `:memory:`). */
  sqlitePath?: string;
}

export interface AppConfig {
  port: number;
  database: DatabaseConfig;
  /** `true`/`false` when set explicitly; `'auto'` seeds the demo data only into an empty database. */
  seedDemo: boolean | 'auto';
  /** When the demo shop is loaded into an empty database: train a k-means version and alias it `production`. */
  demoModel: boolean;
  /** Log every SQL statement (debugging). */
  logSql: boolean;
  /** Most rows one upsert mutation accepts. */
  importBatchLimit: number;
  /** Where trained artifacts go (`<model>/<version>/`). */
  modelsDir: string;
  /** How many training runs execute at once. */
  trainingConcurrency: number;
  /** TensorFlow.js backend for the transformer segmenters (TRAINING_BACKEND): auto, tensorflow-gpu, tensorflow, wasm or cpu. */
  trainingBackend: BackendPreference;
  /** TEXT_ENCODER_ALLOW_REMOTE: `transformers:<id>` text encoders may download when MODELS_DIR/pretrained/<id> is missing. */
  textEncoderAllowRemote: boolean;
  /** Segmenter plugin modules: the built-ins plus SEGMENTQL_PLUGINS. */
  pluginModules: string[];
  version: string;
  /** API keys are required unless AUTH=off, which only a development machine may use. */
  authEnabled: boolean;
  /** NODE_ENV=development: stack traces in errors, AUTH=off allowed. */
  development: boolean;
  /** Requests a minute per API key (RATE_LIMIT_PER_MINUTE; 0 turns it off). */
  rateLimitPerMinute: number;
  /** Failed authentications a minute per client address (AUTH_FAILURE_LIMIT_PER_MINUTE; 0 turns it off). */
  authFailureLimitPerMinute: number;
  /** Whether the schema answers introspection (INTROSPECTION=on|off; default on, off when NODE_ENV=production). */
  introspection: boolean;
  /** How long a segmentStats answer is reused (SEGMENT_STATS_CACHE_SECONDS, default 60; 0 computes every request). */
  segmentStatsCacheSeconds: number;
  /** Largest request body (BODY_LIMIT, bytes). */
  bodyLimitBytes: number;
  /** MAX_QUERY_DEPTH and MAX_QUERY_COMPLEXITY (see src/auth/query-limits.ts). */
  maxQueryDepth: number;
  maxQueryComplexity: number;
  /** Niceness of training threads, 0..19 (TRAINING_NICE). */
  trainingNice: number;
  /** Where export files go (EXPORTS_DIR). */
  exportsDir: string;
  /** Most exports one API key may have QUEUED or RUNNING at once (EXPORT_CONCURRENT_LIMIT, default 2). */
  exportConcurrentLimit: number;
  /** Most exports one API key may create in 24 hours (EXPORT_DAILY_LIMIT, default 50; deleted ones still count). */
  exportDailyLimit: number;
  /** Most bytes one API key's exports may write in 24 hours (EXPORT_DAILY_BYTES, default 2,000,000,000). */
  exportDailyBytes: number;
  /** Hours an export's file is kept after it finished; then it is removed and the export is EXPIRED (EXPORT_TTL_HOURS, default 24). */
  exportTtlHours: number;
  /** Most evaluation runs one API key may have QUEUED or RUNNING at once (EVALUATION_QUEUE_LIMIT). */
  evaluationQueueLimit: number;
  /** Most training runs one API key may have QUEUED or RUNNING at once (TRAINING_QUEUE_LIMIT). */
  trainingQueueLimit: number;
  /** Suggested-action templates per kind of segment: the defaults, overridden by SEGMENT_ACTIONS_FILE (checked here). */
  actionTemplates: Record<string, string[]>;
  /** Several machines (REDIS_URL): jobs on BullMQ, pub/sub and rate limits in Redis; needs PostgreSQL. */
  distributed: DistributedConfig | null;
  /** LOG_FORMAT: `text` lines (default), or `json` (pino: one object per line, with a line per request and its id). */
  logFormat: 'text' | 'json';
  /** Continuous segmentation: re-scoring, webhooks, schedules and drift (see ContinuousConfig). */
  continuous: ContinuousConfig;
}

/** Continuous segmentation's knobs, each with its variable. */
export interface ContinuousConfig {
  /** RESCORE_DEBOUNCE_MS: how long written customers are gathered before their re-scoring job is queued (default 1000). */
  rescoreDebounceMs: number;
  /** WEBHOOK_BACKOFF_MS: the first retry's wait; each next one waits 4 times longer, at most 6 hours (default 30000). */
  webhookBackoffMs: number;
  /** WEBHOOK_MAX_ATTEMPTS: attempts of one delivery before it is FAILED (default 8). */
  webhookMaxAttempts: number;
  /** WEBHOOK_DISABLE_AFTER: failed attempts in a row that disable a webhook (default 20). */
  webhookDisableAfter: number;
  /** WEBHOOK_TIMEOUT_MS: how long a receiver may take to answer (default 10000, at most 60000). */
  webhookTimeoutMs: number;
  /** WEBHOOK_ALLOW_PRIVATE: allow receivers on loopback, private and link-local addresses (default false). */
  webhookAllowPrivate: boolean;
  /** SCHEDULE_TICK_MS: how often training schedules are advanced (default 10000). */
  scheduleTickMs: number;
  /** DRIFT_PSI_THRESHOLD: a PSI above it is drift (default 0.2). */
  driftPsiThreshold: number;
  /** DRIFT_STALE_DAYS: a version is stale when the data reaches this many days past its asOf (default 30). */
  driftStaleDays: number;
  /** DRIFT_MIN_INTERVAL_SECONDS: least time between two drift computations of a version after data changes (default 60). */
  driftMinIntervalSeconds: number;
}

/** What REDIS_URL switches on: the jobs, the pub/sub and the per-key rate limits of several processes, in Redis. */
export interface DistributedConfig {
  redisUrl: string;
  /** REDIS_PREFIX: the keys, queues and channels of this deployment (default segmentql), so that several share a Redis. */
  prefix: string;
  /** WORKERS: `embedded` (default: the API process also runs jobs) or `none` (only `segmentql worker` processes do). */
  workers: 'embedded' | 'none';
  /** JOB_LOCK_MS: a worker that has not renewed its hold on a job for this long is dead, and its job is taken over (default 30000). */
  jobLockMs: number;
  /** WORKER_SHUTDOWN_SECONDS: after SIGTERM, how long a worker may finish its jobs before handing them back (default 30). */
  shutdownSeconds: number;
}

function parseLogFormat(value: string | undefined): 'text' | 'json' {
  if (!value || value === 'text') return 'text';
  if (value === 'json') return 'json';
  throw new Error(`LOG_FORMAT="${value}" must be text or json`);
}

/**
 * REDIS_URL (+ REDIS_PREFIX, WORKERS, JOB_LOCK_MS, WORKER_SHUTDOWN_SECONDS); null without REDIS_URL. Several processes
 * share their state in the database, so SQLite (one process's file) is refused with Redis.
 */
export function parseDistributed(env: NodeJS.ProcessEnv, database: DatabaseConfig): DistributedConfig | null {
  const redisUrl = env.REDIS_URL?.trim();
  if (!redisUrl) {
    if (env.WORKERS && env.WORKERS !== 'embedded') throw new Error(`WORKERS=${env.WORKERS} needs REDIS_URL: without Redis the server runs every job itself`);
    return null;
  }
  if (!/^rediss?:\/\//.test(redisUrl)) throw new Error(`REDIS_URL "${redisUrl}" must start with redis:// or rediss://`);
  if (database.kind !== 'postgres') {
    throw new Error(
      'REDIS_URL runs segmentql on several processes, which share their state in PostgreSQL: set DATABASE_URL=postgres://... too (SQLite is one process\'s file), or unset REDIS_URL',
    );
  }
  const workers = (env.WORKERS || 'embedded').toLowerCase();
  if (workers !== 'embedded' && workers !== 'none') throw new Error(`WORKERS="${env.WORKERS}" must be embedded or none`);
  const prefix = env.REDIS_PREFIX || 'segmentql';
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(prefix)) throw new Error(`REDIS_PREFIX="${prefix}" must be 1 to 40 letters, digits, - or _`);
  return {
    redisUrl,
    prefix,
    workers,
    jobLockMs: Math.max(1000, parsePositiveInt('JOB_LOCK_MS', env.JOB_LOCK_MS, 30_000)),
    shutdownSeconds: parseNonNegativeInt('WORKER_SHUTDOWN_SECONDS', env.WORKER_SHUTDOWN_SECONDS, 30),
  };
}

export const DEFAULT_DATABASE_URL = 'sqlite:./data/segmentql.sqlite';

/** Parses a `DATABASE_URL`: `sqlite:<path>` (relative to the working directory), `sqlite::memory:`, or `postgres://...`. */
export function parseDatabaseUrl(url: string = DEFAULT_DATABASE_URL): DatabaseConfig {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { kind: 'postgres', url };
  if (url.startsWith('sqlite:')) {
    let file = url.slice('sqlite:'.length);
    if (file.startsWith('//')) file = file.slice(2); // sqlite:///abs/path or sqlite://./rel
    if (file === '') throw new Error(`DATABASE_URL "${url}" names no SQLite file`);
    return { kind: 'sqlite', url, sqlitePath: file === ':memory:' ? file : path.resolve(file) };
  }
  throw new Error(`DATABASE_URL "${url}" is not supported: use sqlite:<file> or postgres://user@host:port/db`);
}

function parseBool(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new Error(`${name}="${value}" is not a boolean (use true or false)`);
}

function parseNonNegativeInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name}="${value}" is not a whole number >= 0`);
  return n;
}

/** AUTH=off turns API keys off, and is refused outside development (NODE_ENV must be development or unset). */
function parseAuth(env: NodeJS.ProcessEnv): boolean {
  const value = (env.AUTH ?? 'on').toLowerCase();
  if (value === 'on' || value === '') return true;
  if (value !== 'off') throw new Error(`AUTH="${env.AUTH}" must be on or off`);
  if (env.NODE_ENV && env.NODE_ENV !== 'development') throw new Error(`AUTH=off is only for local development, but NODE_ENV=${env.NODE_ENV}`);
  return false;
}

function parsePositiveNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}="${value}" must be a positive number`);
  return n;
}

function parsePositiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name}="${value}" is not a positive integer`);
  return n;
}

// package.json lies outside rootDir: read at run time, not compiled in.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../../../package.json') as { version: string };

/** Reads the configuration from the environment; throws with the variable's name on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const database = parseDatabaseUrl(env.DATABASE_URL || DEFAULT_DATABASE_URL);
  return {
    port: parsePositiveInt('PORT', env.PORT, 4000),
    database,
    distributed: parseDistributed(env, database),
    logFormat: parseLogFormat(env.LOG_FORMAT),
    seedDemo: env.SEED_DEMO === 'auto' ? 'auto' : (parseBool('SEED_DEMO', env.SEED_DEMO) ?? 'auto'),
    demoModel: parseBool('DEMO_MODEL', env.DEMO_MODEL) ?? true,
    logSql: parseBool('LOG_SQL', env.LOG_SQL) ?? false,
    importBatchLimit: parsePositiveInt('IMPORT_BATCH_LIMIT', env.IMPORT_BATCH_LIMIT, 1000),
    modelsDir: path.resolve(env.MODELS_DIR || './models'),
    trainingConcurrency: parsePositiveInt('TRAINING_CONCURRENCY', env.TRAINING_CONCURRENCY, 1),
    trainingBackend: parseBackendPreference(env.TRAINING_BACKEND),
    pluginModules: pluginModules(env),
    textEncoderAllowRemote: parseBool('TEXT_ENCODER_ALLOW_REMOTE', env.TEXT_ENCODER_ALLOW_REMOTE) ?? false,
    version: pkg.version,
    authEnabled: parseAuth(env),
    development: env.NODE_ENV === 'development',
    rateLimitPerMinute: parseNonNegativeInt('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 1200),
    authFailureLimitPerMinute: parseNonNegativeInt('AUTH_FAILURE_LIMIT_PER_MINUTE', env.AUTH_FAILURE_LIMIT_PER_MINUTE, 60),
    introspection: parseBool('INTROSPECTION', env.INTROSPECTION) ?? env.NODE_ENV !== 'production',
    segmentStatsCacheSeconds: parseNonNegativeInt('SEGMENT_STATS_CACHE_SECONDS', env.SEGMENT_STATS_CACHE_SECONDS, 60),
    bodyLimitBytes: parsePositiveInt('BODY_LIMIT', env.BODY_LIMIT, 1_048_576),
    maxQueryDepth: parsePositiveInt('MAX_QUERY_DEPTH', env.MAX_QUERY_DEPTH, 12),
    maxQueryComplexity: parsePositiveInt('MAX_QUERY_COMPLEXITY', env.MAX_QUERY_COMPLEXITY, 25_000),
    exportsDir: path.resolve(env.EXPORTS_DIR || './data/exports'),
    exportConcurrentLimit: parsePositiveInt('EXPORT_CONCURRENT_LIMIT', env.EXPORT_CONCURRENT_LIMIT, 2),
    exportDailyLimit: parsePositiveInt('EXPORT_DAILY_LIMIT', env.EXPORT_DAILY_LIMIT, 50),
    // byte_size is a 32-bit integer column: one key's day of exports stays below 2^31 bytes.
    exportDailyBytes: Math.min(2_147_483_647, parsePositiveInt('EXPORT_DAILY_BYTES', env.EXPORT_DAILY_BYTES, 2_000_000_000)),
    exportTtlHours: parsePositiveInt('EXPORT_TTL_HOURS', env.EXPORT_TTL_HOURS, 24),
    trainingNice: Math.min(19, parseNonNegativeInt('TRAINING_NICE', env.TRAINING_NICE, 19)),
    evaluationQueueLimit: parsePositiveInt('EVALUATION_QUEUE_LIMIT', env.EVALUATION_QUEUE_LIMIT, 4),
    trainingQueueLimit: parsePositiveInt('TRAINING_QUEUE_LIMIT', env.TRAINING_QUEUE_LIMIT, 8),
    actionTemplates: loadActionTemplates(env.SEGMENT_ACTIONS_FILE),
    continuous: {
      rescoreDebounceMs: parseNonNegativeInt('RESCORE_DEBOUNCE_MS', env.RESCORE_DEBOUNCE_MS, 1000),
      webhookBackoffMs: parsePositiveInt('WEBHOOK_BACKOFF_MS', env.WEBHOOK_BACKOFF_MS, 30_000),
      webhookMaxAttempts: parsePositiveInt('WEBHOOK_MAX_ATTEMPTS', env.WEBHOOK_MAX_ATTEMPTS, 8),
      webhookDisableAfter: parsePositiveInt('WEBHOOK_DISABLE_AFTER', env.WEBHOOK_DISABLE_AFTER, 20),
      // A send stuck longer than 2 minutes is taken back (STUCK_SENDING_MS): a timeout stays well under it.
      webhookTimeoutMs: Math.min(60_000, parsePositiveInt('WEBHOOK_TIMEOUT_MS', env.WEBHOOK_TIMEOUT_MS, 10_000)),
      webhookAllowPrivate: parseBool('WEBHOOK_ALLOW_PRIVATE', env.WEBHOOK_ALLOW_PRIVATE) ?? false,
      scheduleTickMs: parsePositiveInt('SCHEDULE_TICK_MS', env.SCHEDULE_TICK_MS, 10_000),
      driftPsiThreshold: parsePositiveNumber('DRIFT_PSI_THRESHOLD', env.DRIFT_PSI_THRESHOLD, 0.2),
      driftStaleDays: parsePositiveInt('DRIFT_STALE_DAYS', env.DRIFT_STALE_DAYS, 30),
      driftMinIntervalSeconds: parseNonNegativeInt('DRIFT_MIN_INTERVAL_SECONDS', env.DRIFT_MIN_INTERVAL_SECONDS, 60),
    },
  };
}
