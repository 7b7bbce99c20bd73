import { NextFunction, Request, RequestHandler, Response } from 'express';
import { ErrorCode } from '../errors';
import { ApiKeyService } from '../services/api-key.service';
import { RateLimiter } from './rate-limiter';
import type { KeyRateLimiter } from './redis-rate-limiter';
import { Principal } from './roles';

/** The local developer when AUTH=off: everything is allowed, and the start-up log says so. */
export const DEV_PRINCIPAL: Principal = { keyId: null, name: 'dev (AUTH=off)', role: 'admin' };

/** An error in the shape GraphQL clients read (`errors[].extensions.code`), for answers given before GraphQL runs. */
export function sendError(res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

/** The secret from `Authorization: Bearer <key>` (HTTP) or a graphql-ws connectionParams object. */
export function bearerSecret(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(value);
  return match ? match[1] : null;
}

export function secretFromConnectionParams(params: Record<string, unknown> | undefined | null): string | null {
  if (!params) return null;
  const header = params.authorization ?? params.Authorization;
  if (typeof header === 'string') return bearerSecret(header) ?? header.trim();
  return typeof params.apiKey === 'string' ? params.apiKey : null;
}

/**
 * The bucket of failed authentications a connection's address falls in: the IPv4 address, or the /64 of an IPv6
 * one (what one host or home network usually gets). Behind a reverse proxy every client has the proxy's address.
 */
export function clientAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address)) return address.slice(7);
  if (!address.includes(':')) return address;
  const [head, tail] = address.replace(/%.*$/, '').split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...new Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}

/** An attempt to authenticate, admitted or not by `admitAuthAttempt`. */
export interface AuthAttempt {
  /** 0 when admitted, else the seconds until the client may try again. */
  wait: number;
  /** Whether a token of the client's budget was taken for it (given back if the key turns out valid). */
  charged: boolean;
}

/**
 * The gate before a key is looked up. Every attempt of a client with a key this process does not know as valid
 * takes a token of the client's budget of failed authentications before the lookup (so concurrent attempts cannot
 * overrun it) and gets it back if the key is valid; over the budget it is refused without a query. A key already
 * known as valid always passes, so one broken client behind a shared address does not lock its neighbours out.
 */
export function admitAuthAttempt(failures: RateLimiter | undefined, keys: ApiKeyService, client: string, secret: string | null): AuthAttempt {
  if (!failures?.enabled || (secret && keys.remembers(secret))) return { wait: 0, charged: false };
  const wait = failures.take(`auth:${client}`);
  return { wait, charged: wait === 0 };
}

/** Settles an admitted attempt: a valid key gets its token back; a failure not yet charged is charged now. */
export function settleAuthAttempt(failures: RateLimiter | undefined, client: string, attempt: AuthAttempt, succeeded: boolean): void {
  if (!failures?.enabled) return;
  if (succeeded && attempt.charged) failures.refund(`auth:${client}`);
  if (!succeeded && !attempt.charged) failures.take(`auth:${client}`);
}

export function authFailureMessage(failures: RateLimiter, wait: number): string {
  return `too many failed authentications from this address (limit ${failures.perMinute} a minute); retry in ${wait} s`;
}

/**
 * Resolves the request's principal into `res.locals.principal`; 401 UNAUTHENTICATED without a valid key, 429
 * RATE_LIMITED (with Retry-After, before any lookup) once the client's address has failed too often (`failures`).
 */
export function authenticate(keys: ApiKeyService, enabled: boolean, failures?: RateLimiter): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!enabled) {
      res.locals.principal = DEV_PRINCIPAL;
      return next();
    }
    try {
      const secret = bearerSecret(req.header('authorization'));
      const client = clientAddress(req.socket.remoteAddress);
      const attempt = admitAuthAttempt(failures, keys, client, secret);
      if (attempt.wait > 0) {
        res.setHeader('Retry-After', String(attempt.wait));
        return sendError(res, 429, ErrorCode.RATE_LIMITED, authFailureMessage(failures!, attempt.wait), { retryAfterSeconds: attempt.wait });
      }
      const principal = secret ? await keys.authenticate(secret) : null;
      settleAuthAttempt(failures, client, attempt, principal !== null);
      if (!principal) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="segmentql"');
        return sendError(res, 401, ErrorCode.UNAUTHENTICATED, secret ? 'the API key is not valid (unknown or revoked)' : 'a valid API key is required: send "Authorization: Bearer <key>"');
      }
      res.locals.principal = principal;
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** 429 RATE_LIMITED (with Retry-After) when a key goes over its budget. */
export function rateLimit(limiter: KeyRateLimiter): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    const principal = res.locals.principal as Principal;
    const answer = (wait: number) => {
      if (wait === 0) return next();
      res.setHeader('Retry-After', String(wait));
      sendError(res, 429, ErrorCode.RATE_LIMITED, `rate limit of ${limiter.perMinute} requests a minute exceeded; retry in ${wait} s`, { retryAfterSeconds: wait });
    };
    const wait = limiter.take(principal.keyId === null ? 'dev' : `key:${principal.keyId}`);
    // In one process the answer is at hand; with Redis it takes a round trip.
    if (typeof wait === 'number') answer(wait);
    else wait.then(answer, next);
  };
}

/**
 * The last error handler: body-parser's errors get their codes, anything else a 500 without internals (the log has
 * the stack). Express's own handler would print stack traces outside production.
 */
export function errorHandler(log: (line: string) => void) {
  return (err: { type?: string; status?: number; message?: string; stack?: string; limit?: number }, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    if (err.type === 'entity.too.large') return sendError(res, 413, ErrorCode.PAYLOAD_TOO_LARGE, `request body larger than ${err.limit} bytes`, { limit: err.limit });
    if (err.type === 'entity.parse.failed' || err.type === 'encoding.unsupported' || err.type === 'charset.unsupported') {
      return sendError(res, 400, ErrorCode.BAD_REQUEST, 'the request body is not valid JSON');
    }
    if (err.status && err.status >= 400 && err.status < 500) return sendError(res, err.status, ErrorCode.BAD_REQUEST, err.message ?? 'bad request');
    log(`internal error: ${err.stack ?? String(err)}`);
    sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
  };
}
