"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_DATABASE_URL = void 0;
exports.parseDatabaseUrl = parseDatabaseUrl;
exports.loadConfig = loadConfig;
const backend_1 = require("../ml/backend");
const node_path_1 = __importDefault(require("node:path"));
const plugins_1 = require("./plugins");
const segment_profiles_1 = require("../evaluation/segment-profiles");
exports.DEFAULT_DATABASE_URL = 'sqlite:./data/segmentql.sqlite';
/** Parses a `DATABASE_URL`: `sqlite:<path>` (relative to the working directory), `sqlite::memory:`, or `postgres://...`. */
function parseDatabaseUrl(url = exports.DEFAULT_DATABASE_URL) {
    if (url.startsWith('postgres://') || url.startsWith('postgresql://'))
        return { kind: 'postgres', url };
    if (url.startsWith('sqlite:')) {
        let file = url.slice('sqlite:'.length);
        if (file.startsWith('//'))
            file = file.slice(2); // sqlite:///abs/path or sqlite://./rel
        if (file === '')
            throw new Error(`DATABASE_URL "${url}" names no SQLite file`);
        return { kind: 'sqlite', url, sqlitePath: file === ':memory:' ? file : node_path_1.default.resolve(file) };
    }
    throw new Error(`DATABASE_URL "${url}" is not supported: use sqlite:<file> or postgres://user@host:port/db`);
}
function parseBool(name, value) {
    if (value === undefined || value === '')
        return undefined;
    if (/^(1|true|yes|on)$/i.test(value))
        return true;
    if (/^(0|false|no|off)$/i.test(value))
        return false;
    throw new Error(`${name}="${value}" is not a boolean (use true or false)`);
}
function parseNonNegativeInt(name, value, fallback) {
    if (value === undefined || value === '')
        return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0)
        throw new Error(`${name}="${value}" is not a whole number >= 0`);
    return n;
}
/** AUTH=off turns API keys off, and is refused outside development (NODE_ENV must be development or unset). */
function parseAuth(env) {
    const value = (env.AUTH ?? 'on').toLowerCase();
    if (value === 'on' || value === '')
        return true;
    if (value !== 'off')
        throw new Error(`AUTH="${env.AUTH}" must be on or off`);
    if (env.NODE_ENV && env.NODE_ENV !== 'development')
        throw new Error(`AUTH=off is only for local development, but NODE_ENV=${env.NODE_ENV}`);
    return false;
}
function parsePositiveInt(name, value, fallback) {
    if (value === undefined || value === '')
        return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0)
        throw new Error(`${name}="${value}" is not a positive integer`);
    return n;
}
// package.json lies outside rootDir: read at run time, not compiled in.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../../../package.json');
/** Reads the configuration from the environment; throws with the variable's name on a bad value. */
function loadConfig(env = process.env) {
    return {
        port: parsePositiveInt('PORT', env.PORT, 4000),
        database: parseDatabaseUrl(env.DATABASE_URL || exports.DEFAULT_DATABASE_URL),
        seedDemo: env.SEED_DEMO === 'auto' ? 'auto' : (parseBool('SEED_DEMO', env.SEED_DEMO) ?? 'auto'),
        logSql: parseBool('LOG_SQL', env.LOG_SQL) ?? false,
        importBatchLimit: parsePositiveInt('IMPORT_BATCH_LIMIT', env.IMPORT_BATCH_LIMIT, 1000),
        modelsDir: node_path_1.default.resolve(env.MODELS_DIR || './models'),
        trainingConcurrency: parsePositiveInt('TRAINING_CONCURRENCY', env.TRAINING_CONCURRENCY, 1),
        trainingBackend: (0, backend_1.parseBackendPreference)(env.TRAINING_BACKEND),
        pluginModules: (0, plugins_1.pluginModules)(env),
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
        exportsDir: node_path_1.default.resolve(env.EXPORTS_DIR || './data/exports'),
        exportConcurrentLimit: parsePositiveInt('EXPORT_CONCURRENT_LIMIT', env.EXPORT_CONCURRENT_LIMIT, 2),
        exportDailyLimit: parsePositiveInt('EXPORT_DAILY_LIMIT', env.EXPORT_DAILY_LIMIT, 50),
        // byte_size is a 32-bit integer column: one key's day of exports stays below 2^31 bytes.
        exportDailyBytes: Math.min(2_147_483_647, parsePositiveInt('EXPORT_DAILY_BYTES', env.EXPORT_DAILY_BYTES, 2_000_000_000)),
        exportTtlHours: parsePositiveInt('EXPORT_TTL_HOURS', env.EXPORT_TTL_HOURS, 24),
        trainingNice: Math.min(19, parseNonNegativeInt('TRAINING_NICE', env.TRAINING_NICE, 19)),
        evaluationQueueLimit: parsePositiveInt('EVALUATION_QUEUE_LIMIT', env.EVALUATION_QUEUE_LIMIT, 4),
        trainingQueueLimit: parsePositiveInt('TRAINING_QUEUE_LIMIT', env.TRAINING_QUEUE_LIMIT, 8),
        actionTemplates: (0, segment_profiles_1.loadActionTemplates)(env.SEGMENT_ACTIONS_FILE),
    };
}
//# sourceMappingURL=config.js.map