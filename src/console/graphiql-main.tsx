/**
 * GraphiQL on the real schema, bundled (no CDN): the tab's API key preset as the Authorization header, and the
 * example operations of schema/operations/ loaded as tabs. Subscriptions go over graphql-ws like the console's.
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { buildSchema } from 'graphql';
import schemaText from '../../schema/schema.graphql?raw';

const KEY_STORAGE = 'segmentql.apiKey';
const key = sessionStorage.getItem(KEY_STORAGE);
const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
const fetcher = createGraphiQLFetcher({
  url: '/graphql',
  subscriptionUrl: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
  wsConnectionParams: headers,
  headers,
});

// The README's example operations (not the console's own), each in a tab; the first is a plain whoami.
const examples = import.meta.glob('../../schema/operations/*.graphql', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const tabs = [{ query: '{\n  whoami {\n    role\n  }\n}\n' }, ...Object.values(examples).map((query) => ({ query }))];

createRoot(document.getElementById('graphiql')!).render(
  // The committed schema, bundled: GraphiQL works where the server answers no introspection (INTROSPECTION=off).
  <GraphiQL fetcher={fetcher} schema={buildSchema(schemaText)} defaultTabs={tabs} defaultHeaders={JSON.stringify(headers, null, 2)} shouldPersistHeaders={false} />,
);
