/**
 * The console's only way to the server: the public GraphQL API over HTTP (queries, mutations) and graphql-ws
 * (subscriptions), with the API key of this tab in the Authorization header (never in a URL).
 */
import { Client, createClient } from 'graphql-ws';
import type { TypedDocumentString } from '../generated/graphql';

const KEY_STORAGE = 'segmentql.apiKey';

/** The key kept for this tab only (sessionStorage): gone when the tab closes. */
export const session = {
  key(): string | null {
    return sessionStorage.getItem(KEY_STORAGE);
  },
  set(key: string): void {
    sessionStorage.setItem(KEY_STORAGE, key);
  },
  clear(): void {
    sessionStorage.removeItem(KEY_STORAGE);
  },
};

/** A GraphQL or HTTP error with the server's code (`extensions.code`) and extensions. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

interface GraphQLResult<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> & { code?: string } }>;
}

function authHeaders(): Record<string, string> {
  const key = session.key();
  return key ? { authorization: `Bearer ${key}` } : {};
}

/** Runs one typed operation over HTTP; the first error is thrown as an ApiError. */
export async function request<R, V>(document: TypedDocumentString<R, V>, variables?: V): Promise<R> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders() },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  let body: GraphQLResult<R>;
  try {
    body = (await response.json()) as GraphQLResult<R>;
  } catch {
    throw new ApiError(`the server answered HTTP ${response.status}`, response.status === 401 ? 'UNAUTHENTICATED' : 'HTTP_ERROR');
  }
  const error = body.errors?.[0];
  if (error) throw new ApiError(error.message, String(error.extensions?.code ?? 'ERROR'), error.extensions ?? {});
  if (!body.data) throw new ApiError(`the server answered HTTP ${response.status} without data`, 'HTTP_ERROR');
  return body.data;
}

let socket: Client | null = null;

function ws(): Client {
  if (!socket) {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    socket = createClient({ url, connectionParams: () => authHeaders(), lazy: true, retryAttempts: 3 });
  }
  return socket;
}

/** Closes the socket (signing out, another key). */
export function closeSocket(): void {
  void socket?.dispose();
  socket = null;
}

/** Subscribes to one typed operation over graphql-ws; returns the function that stops it. */
export function subscribe<R, V>(document: TypedDocumentString<R, V>, variables: V, handlers: { next(data: R): void; error?(error: ApiError): void; complete?(): void }): () => void {
  return ws().subscribe<R>(
    { query: document.toString(), variables: variables as Record<string, unknown> },
    {
      next: (result) => {
        const error = result.errors?.[0];
        if (error) handlers.error?.(new ApiError(error.message, String(error.extensions?.code ?? 'ERROR')));
        else if (result.data) handlers.next(result.data);
      },
      error: (err) => {
        const reason = err instanceof CloseEvent ? `${err.code}: ${err.reason}` : err instanceof Error ? err.message : 'the connection failed';
        handlers.error?.(new ApiError(reason, 'SUBSCRIPTION_ERROR'));
      },
      complete: () => handlers.complete?.(),
    },
  );
}

/** Fetches a file the server serves behind the key (an export) and hands it to the browser as a download. */
export async function download(url: string, filename: string): Promise<void> {
  const response = await fetch(url, { headers: authHeaders() });
  if (!response.ok) throw new ApiError(`download failed: HTTP ${response.status}`, 'HTTP_ERROR');
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
