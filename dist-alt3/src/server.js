"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.startServer = startServer;
require("reflect-metadata");
const node_http_1 = __importDefault(require("node:http"));
const server_1 = require("@apollo/server");
const drainHttpServer_1 = require("@apollo/server/plugin/drainHttpServer");
const express5_1 = require("@as-integrations/express5");
const express_1 = __importDefault(require("express"));
const node_fs_1 = __importDefault(require("node:fs"));
const graphql_1 = require("graphql");
const ws_1 = require("graphql-ws/use/ws");
const ws_2 = require("ws");
const database_1 = require("./db/database");
const query_counter_1 = require("./db/query-counter");
const errors_1 = require("./errors");
const writable_dirs_1 = require("./config/writable-dirs");
const http_auth_1 = require("./auth/http-auth");
const key_sockets_1 = require("./auth/key-sockets");
const query_limits_1 = require("./auth/query-limits");
const rate_limiter_1 = require("./auth/rate-limiter");
const roles_1 = require("./auth/roles");
const context_1 = require("./resolvers/context");
const pubsub_1 = require("./pubsub/pubsub");
const schema_1 = require("./schema");
const services_1 = require("./services");
/**
 * Wires the server: DataSource (migrations run) -> services -> demo seed -> schema -> Apollo on Express.
 * GraphQL is served at /graphql, health at GET /healthz.
 */
async function startServer(config, options = {}) {
    const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    const queries = new query_counter_1.QueryCounter(config.logSql);
    // Before anything else: a directory jobs write to that is unusable fails the start, naming its variable.
    (0, writable_dirs_1.checkWritableDirectory)('EXPORTS_DIR', config.exportsDir);
    (0, writable_dirs_1.checkWritableDirectory)('MODELS_DIR', config.modelsDir);
    const dataSource = await (0, database_1.openDatabase)(config.database, queries);
    try {
        const services = (0, services_1.createServices)(dataSource, config, log);
        const interrupted = await services.runner.recover();
        if (interrupted > 0)
            log(`marked ${interrupted} training run(s) left over from a previous process as FAILED (interrupted)`);
        const orphans = await services.versions.sweepOrphans();
        if (orphans.folders + orphans.temporaries > 0) {
            log(`removed ${orphans.folders} artifact folder(s) without a version and ${orphans.temporaries} unfinished artifact file(s) from MODELS_DIR`);
        }
        const evaluations = await services.evaluationRunner.recover();
        if (evaluations > 0)
            log(`marked ${evaluations} evaluation run(s) left over from a previous process as FAILED (interrupted)`);
        const started = Date.now();
        let seeded = false;
        if (config.seedDemo === true) {
            await services.demo.seed();
            seeded = true;
        }
        else if (config.seedDemo === 'auto') {
            seeded = await services.demo.seedIfEmpty();
        }
        if (seeded)
            log(`seeded the synthetic demo shop in ${Date.now() - started} ms`);
        const stale = await services.exports.recover();
        if (stale > 0)
            log(`marked ${stale} export(s) left over from a previous process as FAILED (interrupted)`);
        services.exports.startSweeping();
        if (config.authEnabled) {
            const secret = await services.apiKeys.createInitialAdmin();
            if (secret) {
                log(`admin API key: ${secret}`);
                log('  (shown once, only its hash is stored: keep it now; `npx segmentql keys create --role viewer|analyst|admin` makes more)');
            }
        }
        else {
            log('*'.repeat(78));
            log('*  AUTH=off: NO API KEYS ARE CHECKED. Every request acts as admin.');
            log('*  For local development only; the server listens on 127.0.0.1 alone.');
            log('*'.repeat(78));
        }
        // The category ranking and the customer summary scan every order line: start them now, off the request path.
        services.features.warmUp().catch((err) => log(`warming up the feature service failed: ${err.message}`));
        services.customerStats.ensureFresh().catch((err) => log(`building the customer summary failed: ${err.message}`));
        const app = (0, express_1.default)();
        app.disable('x-powered-by');
        const httpServer = node_http_1.default.createServer(app);
        const schema = await (0, schema_1.createSchema)(services.pubsub);
        const limits = { maxDepth: config.maxQueryDepth, maxComplexity: config.maxQueryComplexity };
        const limiter = new rate_limiter_1.RateLimiter(config.rateLimitPerMinute);
        // Failed authentications per client address (HTTP and graphql-ws together): random keys cannot each cost a query.
        const authFailures = new rate_limiter_1.RateLimiter(config.authFailureLimitPerMinute);
        const keySockets = new key_sockets_1.KeySockets();
        // Subscriptions: graphql-ws on the same port and path as HTTP, authenticated by connectionParams.
        const wsServer = new ws_2.WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: config.bodyLimitBytes });
        const wsCleanup = (0, ws_1.useServer)({
            schema,
            onConnect: async (ctx) => {
                if (!config.authEnabled) {
                    ctx.extra.principal = http_auth_1.DEV_PRINCIPAL;
                    return true;
                }
                const secret = (0, http_auth_1.secretFromConnectionParams)(ctx.connectionParams);
                const client = (0, http_auth_1.clientAddress)(ctx.extra.request.socket.remoteAddress);
                const attempt = (0, http_auth_1.admitAuthAttempt)(authFailures, services.apiKeys, client, secret);
                if (attempt.wait > 0) {
                    // 4429 is fatal to graphql-ws clients (no automatic retry), like HTTP's 429 with Retry-After.
                    ctx.extra.socket.close(4429, `RATE_LIMITED: ${(0, http_auth_1.authFailureMessage)(authFailures, attempt.wait)}`.slice(0, 120));
                    return false;
                }
                // One call in one turn: the revision and the key check share one read, so `revision` is the one it was checked at.
                const [revision, principal] = await Promise.all([services.apiKeys.revision(), authenticateSecret(services, secret)]);
                (0, http_auth_1.settleAuthAttempt)(authFailures, client, attempt, principal !== null);
                if (!principal || !secret) {
                    // 4401, as HTTP's 401: the client should not retry with the same (missing) key.
                    ctx.extra.socket.close(4401, 'UNAUTHENTICATED: send connectionParams { authorization: "Bearer <key>" }');
                    return false;
                }
                ctx.extra.principal = principal;
                ctx.extra.secret = secret;
                keySockets.add(principal.keyId, ctx.extra.socket, secret, revision);
                return true;
            },
            onSubscribe: async (ctx, _id, payload) => {
                if (ctx.extra.secret !== undefined) {
                    // Every operation checks its key again, through the same cache and revision as HTTP.
                    const current = await services.apiKeys.authenticate(ctx.extra.secret);
                    if (!current) {
                        ctx.extra.socket.close(key_sockets_1.CLOSE_KEY_REVOKED, 'Forbidden: the API key was revoked');
                        return [new graphql_1.GraphQLError('the API key is not valid (unknown or revoked)', { extensions: { code: errors_1.ErrorCode.UNAUTHENTICATED } })];
                    }
                    ctx.extra.principal = current;
                }
                const principal = ctx.extra.principal;
                const wait = limiter.take(principal.keyId === null ? 'dev' : `key:${principal.keyId}`);
                if (wait > 0)
                    return [new graphql_1.GraphQLError(`rate limit exceeded; retry in ${wait} s`, { extensions: { code: errors_1.ErrorCode.RATE_LIMITED, retryAfterSeconds: wait } })];
                return prepareSubscription(schema, payload, limits, config.introspection);
            },
            context: (ctx) => (0, context_1.createContext)(services, ctx.extra.principal),
        }, wsServer);
        // Revocations: this process's are announced on the pubsub and close the key's sockets at once; another process's
        // (the CLI, another instance) show as a new key revision, checked every few seconds while sockets are open.
        const revocations = services.pubsub.subscribe(pubsub_1.Topic.API_KEY_REVOKED);
        void (async () => {
            for await (const { keyId } of revocations)
                keySockets.closeKey(keyId);
        })().catch((err) => log(`closing the sockets of a revoked key failed: ${err.message}`));
        let polling = false;
        const revisionPoll = setInterval(() => {
            if (!config.authEnabled || polling || keySockets.size === 0)
                return;
            polling = true;
            void (async () => {
                const revision = await services.apiKeys.revision();
                await keySockets.recheck(revision, (secret) => services.apiKeys.authenticate(secret));
            })()
                .catch((err) => log(`checking the API keys of open sockets failed: ${err.message}`))
                .finally(() => (polling = false));
        }, SOCKET_KEY_POLL_MS);
        revisionPoll.unref();
        const stopRevocations = async () => {
            clearInterval(revisionPoll);
            await revocations.return?.();
        };
        const apollo = new server_1.ApolloServer({
            schema,
            introspection: config.introspection,
            plugins: [
                (0, drainHttpServer_1.ApolloServerPluginDrainHttpServer)({ httpServer }),
                {
                    serverWillStart: async () => ({
                        drainServer: async () => {
                            await stopRevocations();
                            await wsCleanup.dispose();
                        },
                    }),
                },
                {
                    // Depth and cost are checked once the operation is known, before anything runs.
                    requestDidStart: async () => ({
                        didResolveOperation: async ({ document, operationName, operation, request }) => {
                            if (operation?.operation === 'subscription') {
                                throw new graphql_1.GraphQLError('subscriptions are served over graphql-ws (WebSocket) at the same /graphql path', {
                                    extensions: { code: errors_1.ErrorCode.BAD_REQUEST, http: { status: 400 } },
                                });
                            }
                            (0, query_limits_1.checkNoNulCharacters)(document, request.variables);
                            (0, query_limits_1.checkQueryLimits)(schema, document, operationName, request.variables, limits);
                        },
                    }),
                },
            ],
            includeStacktraceInErrorResponses: config.development,
            formatError: (formatted, error) => maskInternal(formatted, error, log, config.development),
        });
        await apollo.start();
        app.get('/healthz', async (_req, res) => {
            try {
                await dataSource.query('SELECT 1');
                res.json({ status: 'ok', version: config.version, database: { kind: config.database.kind, reachable: true } });
            }
            catch (err) {
                res.status(503).json({ status: 'unavailable', version: config.version, database: { kind: config.database.kind, reachable: false } });
            }
        });
        const auth = (0, http_auth_1.authenticate)(services.apiKeys, config.authEnabled, authFailures);
        app.use('/graphql', auth, (0, http_auth_1.rateLimit)(limiter), express_1.default.json({ limit: config.bodyLimitBytes }), (0, express5_1.expressMiddleware)(apollo, { context: async ({ res }) => (0, context_1.createContext)(services, res.locals.principal) }));
        // Bulk exports: the file a createSegmentExport job wrote, streamed (never read into memory).
        app.get('/exports/:id', auth, (0, http_auth_1.rateLimit)(limiter), async (req, res, next) => {
            try {
                const principal = res.locals.principal;
                // Another key's export is answered as one that does not exist (admins see every key's).
                const row = await services.exports.get(String(req.params.id), principal).catch(() => null);
                if (!row)
                    return (0, http_auth_1.sendError)(res, 404, errors_1.ErrorCode.NOT_FOUND, `export ${req.params.id} does not exist`);
                if (!row.piiMasked && !(0, roles_1.seesPii)(principal))
                    return (0, http_auth_1.sendError)(res, 403, errors_1.ErrorCode.FORBIDDEN, 'this export holds personal data: it needs the analyst role');
                if (row.status !== 'SUCCEEDED') {
                    // FAILED and EXPIRED exports have no file, and never will: 410 Gone. QUEUED and RUNNING: 409, retry soon.
                    const gone = row.status === 'FAILED' || row.status === 'EXPIRED';
                    if (!gone)
                        res.setHeader('Retry-After', '1');
                    return (0, http_auth_1.sendError)(res, gone ? 410 : 409, gone ? errors_1.ErrorCode.NOT_FOUND : errors_1.ErrorCode.CONFLICT, `export ${row.id} is ${row.status}${row.error ? `: ${row.error}` : ''}`, { status: row.status });
                }
                const file = services.exports.filePath(row);
                if (!node_fs_1.default.existsSync(file))
                    return (0, http_auth_1.sendError)(res, 410, errors_1.ErrorCode.NOT_FOUND, `the file of export ${row.id} is gone`);
                res.setHeader('Content-Type', row.format === 'CSV' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
                res.setHeader('Content-Length', String(node_fs_1.default.statSync(file).size));
                res.setHeader('Content-Disposition', `attachment; filename="${row.id}.${row.format === 'CSV' ? 'csv' : 'ndjson'}"`);
                res.setHeader('X-Row-Count', String(row.rowCount));
                const stream = node_fs_1.default.createReadStream(file);
                stream.once('error', next);
                stream.pipe(res);
            }
            catch (err) {
                next(err);
            }
        });
        app.use((0, http_auth_1.errorHandler)(log));
        await new Promise((resolve, reject) => {
            httpServer.once('error', reject);
            httpServer.listen(config.port, config.authEnabled ? undefined : '127.0.0.1', () => resolve());
        });
        const port = httpServer.address().port;
        return {
            url: `http://127.0.0.1:${port}/graphql`,
            port,
            httpServer,
            dataSource,
            services,
            queries,
            async close() {
                await services.runner.close();
                await services.evaluationRunner.close();
                await services.exports.close();
                await apollo.stop();
                await dataSource.destroy();
            },
        };
    }
    catch (err) {
        if (dataSource.isInitialized)
            await dataSource.destroy();
        throw err;
    }
}
/** How often the key revision is read while sockets are open, to close sockets of keys revoked by another process. */
const SOCKET_KEY_POLL_MS = 2_000;
async function authenticateSecret(services, secret) {
    return secret ? services.apiKeys.authenticate(secret) : null;
}
/**
 * Parses and validates a graphql-ws subscribe message once, with the same NUL, depth and cost checks as HTTP, and
 * hands graphql-ws the execution arguments (it fills in the context) or the errors to answer with.
 */
function prepareSubscription(schema, payload, limits, introspection) {
    let document;
    try {
        document = (0, graphql_1.parse)(payload.query);
    }
    catch (err) {
        if (err instanceof graphql_1.GraphQLError)
            return [err];
        throw err;
    }
    // As Apollo does over HTTP: without introspection, `__schema` and `__type` are validation errors.
    const invalid = (0, graphql_1.validate)(schema, document, introspection ? graphql_1.specifiedRules : [...graphql_1.specifiedRules, graphql_1.NoSchemaIntrospectionCustomRule]);
    if (invalid.length > 0)
        return invalid;
    try {
        (0, query_limits_1.checkNoNulCharacters)(document, payload.variables);
        (0, query_limits_1.checkQueryLimits)(schema, document, payload.operationName, payload.variables, limits);
    }
    catch (err) {
        if (err instanceof graphql_1.GraphQLError)
            return [err];
        throw err;
    }
    return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
}
/** Apollo's persisted-query refusals that carry no code, with the code a client can act on (HTTP 400 either way). */
const PERSISTED_QUERY_ERRORS = {
    'Unsupported persisted query version': 'PERSISTED_QUERY_NOT_SUPPORTED',
    'provided sha does not match query': 'PERSISTED_QUERY_HASH_MISMATCH',
};
/** Errors we did not mean to raise are logged in full and answered without internals. */
function maskInternal(formatted, error, log, development) {
    const code = formatted.extensions?.code;
    if (code && code !== errors_1.ErrorCode.INTERNAL_SERVER_ERROR)
        return development ? formatted : withoutStack(formatted);
    // graphql-js's own request errors carry no code, so Apollo calls them internal ("Too many errors processing
    // variables" after 50 bad values): they are the client's, not ours.
    if (error instanceof graphql_1.GraphQLError && !error.originalError && !error.path && /^Too many errors processing variables/.test(error.message)) {
        return { message: formatted.message, locations: formatted.locations, extensions: { code: errors_1.ErrorCode.BAD_USER_INPUT } };
    }
    // Apollo's own persisted-query errors that it leaves without a code: the client's mistakes, not ours.
    const persisted = error instanceof graphql_1.GraphQLError && !error.originalError && !error.path ? PERSISTED_QUERY_ERRORS[error.message] : undefined;
    if (persisted)
        return { message: formatted.message, extensions: { code: persisted } };
    log(`internal error: ${error?.stack ?? String(error)}`);
    if (development)
        return formatted;
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: errors_1.ErrorCode.INTERNAL_SERVER_ERROR } };
}
function withoutStack(formatted) {
    if (!formatted.extensions || !('stacktrace' in formatted.extensions))
        return formatted;
    const { stacktrace: _dropped, ...extensions } = formatted.extensions;
    return { ...formatted, extensions };
}
//# sourceMappingURL=server.js.map