import { GraphQLError } from 'graphql';

/** Error codes clients can rely on (`extensions.code`). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  RATE_LIMITED: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  BAD_REQUEST: 'BAD_REQUEST',
  /** A service the answer needs (Redis, with several machines) is not reachable now: retry later. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export function badUserInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extensions } });
}

export function notFound(what: string, id: string | number): GraphQLError {
  return new GraphQLError(`${what} ${id} does not exist`, { extensions: { code: ErrorCode.NOT_FOUND, id: String(id) } });
}

/**
 * A job's error as clients may see it (a run's or an export's `error`): file system paths are replaced by `<path>`, so
 * that nobody learns where the server keeps its files. The full message goes to the server's log.
 */
export function clientSafeMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  // Absolute POSIX paths of two or more segments, and Windows drive paths.
  return message.replace(/(?:[A-Za-z]:\\|\/)(?:[^\s'"`/\\:,;()]+[/\\])+[^\s'"`/\\:,;()]*/g, '<path>');
}
