import 'reflect-metadata';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { DocumentNode, ExecutionArgs, GraphQLError, GraphQLFormattedError, GraphQLSchema, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { DataSource } from 'typeorm';
import { AppConfig } from './config/config';
import { openDatabase, withStartupLock } from './db/database';
import { QueryCounter } from './db/query-counter';
import { ErrorCode } from './errors';
import { checkWritableDirectory } from './config/writable-dirs';
import { DEV_PRINCIPAL, admitAuthAttempt, authFailureMessage, authenticate, clientAddress, errorHandler, rateLimit, secretFromConnectionParams, sendError, settleAuthAttempt } from './auth/http-auth';
import { CLOSE_KEY_REVOKED, KeySockets } from './auth/key-sockets';
import { QueryLimits, checkNoNulCharacters, checkQueryLimits } from './auth/query-limits';
import { RateLimiter } from './auth/rate-limiter';
import { KeyRateLimiter, RedisRateLimiter } from './auth/redis-rate-limiter';
import { connectRedis, RedisClients } from './jobs/redis';
import { BullMqJobQueue } from './jobs/bullmq-job-queue';
import { WorkerHost } from './jobs/worker-host';
import { startWorkerHost } from './jobs/start-worker';
import { withTimeout } from './jobs/with-timeout';
import { Metrics } from './metrics';
import crypto from 'node:crypto';
import { Principal, seesPii } from './auth/roles';
import { Context, createContext } from './resolvers/context';
import { Topic } from './pubsub/pubsub';
import { createSchema } from './schema';
import { consoleRoutes } from './console-routes';
import { Services, createServices, followShopRevisions } from './services';

export interface RunningServer {
  url: string;
  port: number;
  httpServer: http.Server;
  dataSource: DataSource;
  services: Services;
  queries: QueryCounter;
  /** Resolves with the demo model's version id once it is aliased (null: not trained this start); null when not started. */
  demoModel: Promise<number | null> | null;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Log lines (start-up, seeding); defaults to stderr. */
  log?: (line: string) => void;
  /** One structured line per request (LOG_FORMAT=json); none by default. */
  requestLog?: (entry: Record<string, unknown>) => void;
}

/**
 * Wires the server: DataSource (migrations run) -> services -> demo seed -> schema -> Apollo on Express.
 * GraphQL is served at /graphql, health at GET /healthz.
 */
export async function startServer(config: AppConfig, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const queries = new QueryCounter(config.logSql);
  // Before anything else: a directory jobs write to that is unusable fails the start, naming its variable.
  checkWritableDirectory('EXPORTS_DIR', config.exportsDir);
  checkWritableDirectory('MODELS_DIR', config.modelsDir);
  const dataSource = await openDatabase(config.database, queries);
  let redis: RedisClients | null = null;
  let host: WorkerHost | null = null;
  /** Closed again when the start fails after it listens (a worker host that cannot start). */
  let openServer: http.Server | null = null;
  try {
    redis = config.distributed ? connectRedis(config.distributed, log) : null;
    const services = createServices(dataSource, config, log, redis && config.distributed ? { redis, jobLockMs: config.distributed.jobLockMs } : null);
    if (!config.distributed) {
      // One process: what the previous process left QUEUED or RUNNING can never finish. With several machines a live
      // worker may hold it, and the workers' reconciler queues again what nobody holds.
      const interrupted = await services.runner.recover();
      if (interrupted > 0) log(`marked ${interrupted} training run(s) left over from a previous process as FAILED (interrupted)`);
      const evaluations = await services.evaluationRunner.recover();
      if (evaluations > 0) log(`marked ${evaluations} evaluation run(s) left over from a previous process as FAILED (interrupted)`);
    }
    const orphans = await services.versions.sweepOrphans();
    if (orphans.folders + orphans.temporaries > 0) {
      log(`removed ${orphans.folders} artifact folder(s) without a version and ${orphans.temporaries} unfinished artifact file(s) from MODELS_DIR`);
    }
    if (orphans.shared > 0) log(`removed ${orphans.shared} artifact(s) without a version from the shared store`);
    const started = Date.now();
    let seeded = false;
    // Several instances starting together: one seeds, the others find the shop there.
    await withStartupLock(dataSource, async () => {
      if (config.seedDemo === true) {
        await services.demo.seed();
        seeded = true;
      } else if (config.seedDemo === 'auto') {
        seeded = await services.demo.seedIfEmpty();
      }
    });
    if (seeded) log(`seeded the synthetic demo shop in ${Date.now() - started} ms`);

    if (!config.distributed) {
      const stale = await services.exports.recover();
      if (stale > 0) log(`marked ${stale} export(s) left over from a previous process as FAILED (interrupted)`);
    } else {
      await services.exports.sweep();
    }
    services.exports.startSweeping();
    // Continuous segmentation: written customers are re-scored, webhooks sent, schedules advanced, in every instance.
    // Writes through this server queue their re-scoring at once; a CLI import's customers are found by the sweep.
    services.imports.onCustomersTouched = () => services.membership.touched();
    await services.membership.startSweeping({ requeueUnfinished: !config.distributed });
    services.webhooks.start();
    services.schedules.start();
    if (config.authEnabled) {
      const secret = await withStartupLock(dataSource, () => services.apiKeys.createInitialAdmin());
      if (secret) {
        log(`admin API key: ${secret}`);
        log('  (shown once, only its hash is stored: keep it now; `npx segmentql keys create --role viewer|analyst|admin` makes more)');
      }
    } else {
      log('*'.repeat(78));
      log('*  AUTH=off: NO API KEYS ARE CHECKED. Every request acts as admin.');
      log('*  For local development only; the server listens on 127.0.0.1 alone.');
      log('*'.repeat(78));
    }

    // First start on the demo shop: a k-means version aliased `production`, trained as a queued run (seconds), so the
    // console shows segments at once; a start after one interrupted while it trained finishes it.
    const demoModel = config.demoModel
      ? services.demo.trainFirstModel(services.training, log, { justSeeded: seeded, withLock: (step) => withStartupLock(dataSource, step) }).catch((err) => {
          log(`training the demo model failed: ${(err as Error).message}`);
          return null;
        })
      : null;
    // The category ranking and the customer summary scan every order line: start them now, off the request path.
    services.features.warmUp().catch((err) => log(`warming up the feature service failed: ${(err as Error).message}`));
    services.customerStats.ensureFresh().catch((err) => log(`building the customer summary failed: ${(err as Error).message}`));
    const app = express();
    app.disable('x-powered-by');
    const httpServer = http.createServer(app);
    openServer = httpServer;
    const schema = await createSchema(services.pubsub);
    const limits: QueryLimits = { maxDepth: config.maxQueryDepth, maxComplexity: config.maxQueryComplexity };
    // Several machines: one key's budget is counted once in Redis, whichever instance it calls.
    const limiter: KeyRateLimiter = redis ? new RedisRateLimiter(redis.fast, redis.prefix, config.rateLimitPerMinute, log) : new RateLimiter(config.rateLimitPerMinute);
    // Failed authentications per client address (HTTP and graphql-ws together): random keys cannot each cost a query.
    const authFailures = new RateLimiter(config.authFailureLimitPerMinute);
    const keySockets = new KeySockets();
    // Subscriptions: graphql-ws on the same port and path as HTTP, authenticated by connectionParams.
    const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: config.bodyLimitBytes });
    const wsCleanup = useServer<Record<string, unknown>, { principal?: Principal; secret?: string }>(
      {
        schema,
        onConnect: async (ctx) => {
          if (!config.authEnabled) {
            ctx.extra.principal = DEV_PRINCIPAL;
            return true;
          }
          const secret = secretFromConnectionParams(ctx.connectionParams);
          const client = clientAddress(ctx.extra.request.socket.remoteAddress);
          const attempt = admitAuthAttempt(authFailures, services.apiKeys, client, secret);
          if (attempt.wait > 0) {
            // 4429 is fatal to graphql-ws clients (no automatic retry), like HTTP's 429 with Retry-After.
            ctx.extra.socket.close(4429, `RATE_LIMITED: ${authFailureMessage(authFailures, attempt.wait)}`.slice(0, 120));
            return false;
          }
          // One call in one turn: the revision and the key check share one read, so `revision` is the one it was checked at.
          const [revision, principal] = await Promise.all([services.apiKeys.revision(), authenticateSecret(services, secret)]);
          settleAuthAttempt(authFailures, client, attempt, principal !== null);
          if (!principal || !secret) {
            // 4401, as HTTP's 401: the client should not retry with the same (missing) key.
            ctx.extra.socket.close(4401, 'UNAUTHENTICATED: send connectionParams { authorization: "Bearer <key>" }');
            return false;
          }
          ctx.extra.principal = principal;
          ctx.extra.secret = secret;
          keySockets.add(principal.keyId!, ctx.extra.socket, secret, revision);
          return true;
        },
        onSubscribe: async (ctx, _id, payload) => {
          if (ctx.extra.secret !== undefined) {
            // Every operation checks its key again, through the same cache and revision as HTTP.
            const current = await services.apiKeys.authenticate(ctx.extra.secret);
            if (!current) {
              ctx.extra.socket.close(CLOSE_KEY_REVOKED, 'Forbidden: the API key was revoked');
              return [new GraphQLError('the API key is not valid (unknown or revoked)', { extensions: { code: ErrorCode.UNAUTHENTICATED } })];
            }
            ctx.extra.principal = current;
          }
          const principal = ctx.extra.principal!;
          const wait = await limiter.take(principal.keyId === null ? 'dev' : `key:${principal.keyId}`);
          if (wait > 0) return [new GraphQLError(`rate limit exceeded; retry in ${wait} s`, { extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: wait } })];
          try {
            return await prepareSubscription(schema, payload, limits, config.introspection);
          } catch (err) {
            if (err instanceof GraphQLError) throw err;
            // A literal nested deeper than the parser's stack is the client's; anything else is ours, and logged.
            if (err instanceof RangeError) return [new GraphQLError('the operation is nested too deeply to parse', { extensions: { code: ErrorCode.BAD_REQUEST } })];
            log(`internal error: ${(err as Error)?.stack ?? String(err)}`);
            return [new GraphQLError('Internal server error', { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } })];
          }
        },
        // Socket answers get the same masking as HTTP ones: an unexpected error is logged and sent as
        // INTERNAL_SERVER_ERROR, without its message (SQL, paths) or stack.
        onNext: (_ctx, _id, _payload, _args, result) => {
          if (!result.errors?.length) return;
          return {
            ...result,
            errors: result.errors.map((error) => {
              const formatted = error.toJSON();
              // No path and no code: a request error of graphql-js's before execution (a variable of the wrong type),
              // the client's; every error of a resolver has the path of its field.
              if (formatted.extensions?.code === undefined && !error.path) return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
              return maskInternal(formatted, error, log, config.development);
            }),
          };
        },
        // Errors sent as an `error` message: ours from the subscribe step carry codes; graphql-ws's own "Unable to
        // identify operation" is the client's; anything else (a subscription's source failing mid-stream, which
        // graphql-ws passes on by message alone) is masked as over HTTP.
        onError: (_ctx, _id, _payload, errors) =>
          errors.map((error) => {
            const formatted = error.toJSON();
            if (formatted.extensions?.code === undefined && error.message === 'Unable to identify operation') {
              return { ...formatted, extensions: { code: ErrorCode.BAD_REQUEST } };
            }
            return maskInternal(formatted, error, log, config.development);
          }),
        context: (ctx) => createContext(services, ctx.extra.principal!),
      },
      wsServer,
    );
    // Revocations: this process's are announced on the pubsub and close the key's sockets at once; another process's
    // (the CLI, another instance) show as a new key revision, checked every few seconds while sockets are open.
    const revocations = services.pubsub.subscribe(Topic.API_KEY_REVOKED);
    void (async () => {
      for await (const { keyId } of revocations) keySockets.closeKey(keyId);
    })().catch((err) => log(`closing the sockets of a revoked key failed: ${(err as Error).message}`));
    let polling = false;
    const revisionPoll = setInterval(() => {
      if (!config.authEnabled || polling || keySockets.size === 0) return;
      polling = true;
      void (async () => {
        const revision = await services.apiKeys.revision();
        await keySockets.recheck(revision, (secret) => services.apiKeys.authenticate(secret));
      })()
        .catch((err) => log(`checking the API keys of open sockets failed: ${(err as Error).message}`))
        .finally(() => (polling = false));
    }, SOCKET_KEY_POLL_MS);
    revisionPoll.unref();
    // Several machines: another process's import makes this one's caches stale too.
    const stopFollowing = followShopRevisions(services, log);
    const stopRevocations = async () => {
      clearInterval(revisionPoll);
      await revocations.return?.();
      await stopFollowing();
    };
    const apollo = new ApolloServer<Context>({
      schema,
      introspection: config.introspection,
      // main.ts handles SIGTERM/SIGINT with close(): Apollo's own handler would stop Apollo alone and then kill the
      // process before the jobs, webhooks and database were closed.
      stopOnTerminationSignals: false,
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer }),
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
                throw new GraphQLError('subscriptions are served over graphql-ws (WebSocket) at the same /graphql path', {
                  extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } },
                });
              }
              checkNoNulCharacters(document, request.variables);
              checkQueryLimits(schema, document, operationName, request.variables, limits);
            },
          }),
        },
      ],
      includeStacktraceInErrorResponses: config.development,
      formatError: (formatted, error) => maskInternal(formatted, error, log, config.development),
    });
    await apollo.start();

    const metrics = new Metrics(dataSource, services.jobs instanceof BullMqJobQueue ? services.jobs : null);
    // Every request gets an id (the caller's X-Request-Id when it sends a sane one): in its log line, in the context,
    // and with the job it queues, so the worker's log lines name it too.
    app.use((req, res, next) => {
      const given = req.get('x-request-id');
      const id = given && /^[A-Za-z0-9._:-]{1,100}$/.test(given) ? given : crypto.randomUUID();
      res.locals.requestId = id;
      res.setHeader('X-Request-Id', id);
      metrics.observe(req, res, options.requestLog);
      next();
    });
    // Health and metrics need no key (load balancers, Prometheus): requests that arrive while one is being computed
    // share its answer, so a flood costs one computation at a time, never one per request.
    const health = inFlightOnce(async () => {
      const database = await dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      );
      const body: Record<string, unknown> = { status: 'ok', version: config.version, database: { kind: config.database.kind, reachable: database } };
      if (redis) {
        const reachable = await redis.fast.ping().then(
          () => true,
          () => false,
        );
        // Queue counts need Redis: while it is down they are null (and the API still answers reads).
        const queues = reachable && services.jobs instanceof BullMqJobQueue ? await withTimeout(services.jobs.counts(), 1000).catch(() => null) : null;
        body.redis = { reachable };
        body.queues = queues;
        body.workers = host ? { embedded: host.id } : { embedded: null };
        if (!reachable) body.status = 'degraded';
      }
      // A failing schedule is never silent: it is here, on the model, and sent as schedule.failed.
      const failing = database ? (await services.schedules.failing().catch(() => [])).map((f) => f.modelId) : [];
      body.schedules = { failing };
      if (failing.length > 0 && body.status === 'ok') body.status = 'degraded';
      if (!database) body.status = 'unavailable';
      return { code: database ? 200 : 503, body };
    });
    app.get('/healthz', async (_req, res) => {
      const { code, body } = await health();
      res.status(code).json(body);
    });
    const renderMetrics = inFlightOnce(() => metrics.render());
    app.get('/metrics', async (_req, res, next) => {
      try {
        res.setHeader('Content-Type', metrics.contentType);
        res.send(await renderMetrics());
      } catch (err) {
        next(err);
      }
    });
    const auth = authenticate(services.apiKeys, config.authEnabled, authFailures);
    app.use(
      '/graphql',
      auth,
      rateLimit(limiter),
      express.json({ limit: config.bodyLimitBytes }),
      expressMiddleware(apollo, { context: async ({ res }) => createContext(services, res.locals.principal as Principal, res.locals.requestId as string) }),
    );
    // Bulk exports: the file a createSegmentExport job wrote, streamed (never read into memory).
    app.get('/exports/:id', auth, rateLimit(limiter), async (req, res, next) => {
      try {
        const principal = res.locals.principal as Principal;
        // Another key's export is answered as one that does not exist (admins see every key's).
        const row = await services.exports.get(String(req.params.id), principal).catch(() => null);
        if (!row) return sendError(res, 404, ErrorCode.NOT_FOUND, `export ${req.params.id} does not exist`);
        if (!row.piiMasked && !seesPii(principal)) return sendError(res, 403, ErrorCode.FORBIDDEN, 'this export holds personal data: it needs the analyst role');
        if (row.status !== 'SUCCEEDED') {
          // FAILED and EXPIRED exports have no file, and never will: 410 Gone. QUEUED and RUNNING: 409, retry soon.
          const gone = row.status === 'FAILED' || row.status === 'EXPIRED';
          if (!gone) res.setHeader('Retry-After', '1');
          return sendError(res, gone ? 410 : 409, gone ? ErrorCode.NOT_FOUND : ErrorCode.CONFLICT, `export ${row.id} is ${row.status}${row.error ? `: ${row.error}` : ''}`, { status: row.status });
        }
        // From EXPORTS_DIR, or (several machines: another process wrote it) from the shared store.
        const download = await services.exports.openDownload(row);
        if (!download) return sendError(res, 410, ErrorCode.NOT_FOUND, `the file of export ${row.id} is gone`);
        res.setHeader('Content-Type', row.format === 'CSV' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
        res.setHeader('Content-Length', String(download.size));
        res.setHeader('Content-Disposition', `attachment; filename="${row.id}.${row.format === 'CSV' ? 'csv' : 'ndjson'}"`);
        res.setHeader('X-Row-Count', String(row.rowCount));
        download.stream.once('error', next);
        download.stream.pipe(res);
      } catch (err) {
        next(err);
      }
    });
    // The web console (built by `npm run build`): the app at /, GraphiQL at /graphiql, talking only to /graphql.
    app.use(consoleRoutes());
    app.use(errorHandler(log));

    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.authEnabled ? undefined : '127.0.0.1', () => resolve());
    });
    const port = (httpServer.address() as AddressInfo).port;
    if (redis && config.distributed && config.distributed.workers === 'embedded') {
      host = await startWorkerHost(dataSource, redis, services, config, { log });
    }
    return {
      url: `http://127.0.0.1:${port}/graphql`,
      port,
      httpServer,
      dataSource,
      services,
      queries,
      demoModel,
      async close() {
        services.demo.stop();
        await demoModel;
        await services.schedules.stop();
        await services.webhooks.stop();
        await services.membership.close();
        await services.drift.close();
        await host?.stop();
        await services.jobs.close();
        await services.runner.close();
        await services.evaluationRunner.close();
        await services.exports.close();
        await apollo.stop();
        await redis?.close();
        await dataSource.destroy();
      },
    };
  } catch (err) {
    await host?.stop().catch(() => undefined);
    const server = openServer as http.Server | null;
    if (server?.listening) await new Promise((resolve) => server.close(resolve));
    await redis?.close().catch(() => undefined);
    if (dataSource.isInitialized) await dataSource.destroy();
    throw err;
  }
}


/** How often the key revision is read while sockets are open, to close sockets of keys revoked by another process. */
const SOCKET_KEY_POLL_MS = 2_000;

async function authenticateSecret(services: Services, secret: string | null): Promise<Principal | null> {
  return secret ? services.apiKeys.authenticate(secret) : null;
}

/**
 * Parses and validates a graphql-ws subscribe message once, with the same NUL, depth and cost checks as HTTP, and
 * hands graphql-ws the execution arguments (it fills in the context) or the errors to answer with.
 */
function prepareSubscription(schema: GraphQLSchema, payload: SubscribePayload, limits: QueryLimits, introspection: boolean): ExecutionArgs | readonly GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(payload.query);
  } catch (err) {
    if (err instanceof GraphQLError) return [withCode(err, 'GRAPHQL_PARSE_FAILED')];
    throw err;
  }
  // As Apollo does over HTTP: without introspection, `__schema` and `__type` are validation errors.
  const invalid = validate(schema, document, introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule]);
  if (invalid.length > 0) return invalid.map((err) => withCode(err, 'GRAPHQL_VALIDATION_FAILED'));
  try {
    checkNoNulCharacters(document, payload.variables);
    checkQueryLimits(schema, document, payload.operationName, payload.variables, limits);
  } catch (err) {
    if (err instanceof GraphQLError) return [err];
    throw err;
  }
  return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
}

/** `compute`, with callers that come while it runs sharing that run's answer (or error). */
function inFlightOnce<T>(compute: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => {
    running ??= compute().finally(() => {
      running = null;
    });
    return running;
  };
}

/** The error with the code Apollo gives it over HTTP (graphql-js's own errors carry none). */
function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions?.code) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions: { ...error.extensions, code } });
}

/** Apollo's persisted-query refusals that carry no code, with the code a client can act on (HTTP 400 either way). */
const PERSISTED_QUERY_ERRORS: Record<string, string> = {
  'Unsupported persisted query version': 'PERSISTED_QUERY_NOT_SUPPORTED',
  'provided sha does not match query': 'PERSISTED_QUERY_HASH_MISMATCH',
};

/** Errors we did not mean to raise are logged in full and answered without internals. */
function maskInternal(formatted: GraphQLFormattedError, error: unknown, log: (line: string) => void, development: boolean): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) return development ? formatted : withoutStack(formatted);
  // graphql-js's own request errors carry no code, so Apollo calls them internal ("Too many errors processing
  // variables" after 50 bad values): they are the client's, not ours.
  if (error instanceof GraphQLError && !error.originalError && !error.path && /^Too many errors processing variables/.test(error.message)) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  // Apollo's own persisted-query errors that it leaves without a code: the client's mistakes, not ours.
  const persisted = error instanceof GraphQLError && !error.originalError && !error.path ? PERSISTED_QUERY_ERRORS[error.message] : undefined;
  if (persisted) return { message: formatted.message, extensions: { code: persisted } };
  log(`internal error: ${(error as Error)?.stack ?? String(error)}`);
  if (development) return formatted;
  return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

function withoutStack(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions || !('stacktrace' in formatted.extensions)) return formatted;
  const { stacktrace: _dropped, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
