import { createClient, Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A real graphql-ws client over a real WebSocket to the test server. */
export function wsClient(httpUrl: string, key?: string | null): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: key ? { authorization: `Bearer ${key}` } : undefined,
  });
}

/** Subscribes and collects every message until the server completes the subscription (or errors). */
export function collect<T = any>(client: Client, query: string, variables: Record<string, unknown>, onMessage?: (data: T) => void): Promise<{ messages: T[]; errors: unknown[] }> {
  return new Promise((resolve, reject) => {
    const messages: T[] = [];
    const errors: unknown[] = [];
    client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) errors.push(...value.errors);
          if (value.data) {
            messages.push(value.data as T);
            onMessage?.(value.data as T);
          }
        },
        error: (err) => (Array.isArray(err) ? resolve({ messages, errors: [...errors, ...err] }) : reject(err)),
        complete: () => resolve({ messages, errors }),
      },
    );
  });
}
