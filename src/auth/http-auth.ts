import { NextFunction, Request, RequestHandler, Response } from 'express';
import { ErrorCode } from '../errors';
import { ApiKeyService } from '../services/api-key.service';
import { RateLimiter } from './rate-limiter';
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

/** Resolves the request's principal into `res.locals.principal`; 401 UNAUTHENTICATED without a valid key. */
export function authenticate(keys: ApiKeyService, enabled: boolean): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!enabled) {
      res.locals.principal = DEV_PRINCIPAL;
      return next();
    }
    try {
      const secret = bearerSecret(req.header('authorization'));
      const principal = secret ? await keys.authenticate(secret) : null;
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
export function rateLimit(limiter: RateLimiter): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    const principal = res.locals.principal as Principal;
    const wait = limiter.take(principal.keyId === null ? 'dev' : `key:${principal.keyId}`);
    if (wait === 0) return next();
    res.setHeader('Retry-After', String(wait));
    sendError(res, 429, ErrorCode.RATE_LIMITED, `rate limit of ${limiter.perMinute} requests a minute exceeded; retry in ${wait} s`, { retryAfterSeconds: wait });
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
