import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DatabaseConfig, loadConfig } from '../config/config';
import { openDatabase } from '../db/database';
import { ROLES } from '../entities';
import { createServices } from '../services';
import { checkColumns } from '../services/segment-export.service';
import { UsageError } from './usage-error';

type Values = Record<string, string | boolean | undefined>;

/** `segmentql keys create --role R [--name N]`, `keys list`, `keys revoke ID`: straight on the database. */
export async function runKeys(values: Values, positionals: string[], database: DatabaseConfig, out: NodeJS.WritableStream): Promise<number> {
  const [action, arg] = positionals;
  const dataSource = await openDatabase(database);
  try {
    const keys = createServices(dataSource, loadConfig()).apiKeys;
    switch (action) {
      case 'create': {
        const role = String(values.role ?? '');
        if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`keys create needs --role ${ROLES.join('|')}`);
        const { key, secret } = await keys.create(role, String(values.name ?? `${role} key`), 'cli');
        process.stderr.write(`created ${key.role} key ${key.id} "${key.name}"; the secret below is shown once:\n`);
        out.write(`${secret}\n`);
        return 0;
      }
      case 'list': {
        const page = await keys.list({ first: 100 });
        for (const { node: k } of page.edges) out.write(`${k.id}\t${k.role}\t${k.prefix}…\t${k.name}\t${k.createdAt.toISOString()}${k.revokedAt ? `\trevoked ${k.revokedAt.toISOString()}` : ''}\n`);
        return 0;
      }
      case 'revoke': {
        const id = Number(arg);
        if (!Number.isInteger(id) || id <= 0) throw new UsageError('keys revoke needs the key id (see keys list)');
        const key = await keys.revoke(id);
        out.write(`revoked key ${key.id} "${key.name}"\n`);
        return 0;
      }
      default:
        throw new UsageError('keys needs create, list or revoke');
    }
  } finally {
    await dataSource.destroy();
  }
}

/**
 * `segmentql export --alias production --format csv > segments.csv`. With --url (or SEGMENTQL_URL) it asks a running
 * server (createSegmentExport, then GET /exports/<id>, with --key or SEGMENTQL_API_KEY); without, it reads the
 * database itself (whoever can read the database file sees everything anyway).
 */
export async function runExport(values: Values, database: DatabaseConfig, out: NodeJS.WritableStream): Promise<number> {
  const format = String(values.format ?? 'csv').toUpperCase();
  if (format !== 'CSV' && format !== 'NDJSON') throw new UsageError(`--format must be csv or ndjson, got ${values.format}`);
  const versionId = values.version === undefined ? null : Number(values.version);
  if (versionId !== null && (!Number.isInteger(versionId) || versionId <= 0)) throw new UsageError('--version must be a version id');
  const alias = versionId === null ? String(values.alias ?? 'production') : null;
  const columns = values.columns ? String(values.columns).split(',').map((c) => c.trim()) : null;
  const url = (values.url as string | undefined) ?? process.env.SEGMENTQL_URL;
  if (url) return exportOverHttp(url, String(values.key ?? process.env.SEGMENTQL_API_KEY ?? ''), { format, versionId, alias, columns }, out);

  let checked;
  try {
    checked = checkColumns(columns);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const dataSource = await openDatabase(database);
  try {
    const services = createServices(dataSource, loadConfig());
    const id = await services.training.resolveVersion(versionId, alias).catch((err: Error) => {
      throw new UsageError(err.message);
    });
    const rows = await services.exports.write({ versionId: id, format: format as 'CSV' | 'NDJSON', columns: checked, maskPii: false }, out as NodeJS.WriteStream);
    process.stderr.write(`exported ${rows} rows of version ${id}\n`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

async function exportOverHttp(
  url: string,
  key: string,
  request: { format: string; versionId: number | null; alias: string | null; columns: string[] | null },
  out: NodeJS.WritableStream,
): Promise<number> {
  if (!key) throw new UsageError('export --url needs --key KEY (or SEGMENTQL_API_KEY)');
  const base = url.replace(/\/graphql\/?$/, '').replace(/\/$/, '');
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
  const gql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    if (body.errors?.length || !body.data) throw new Error(`${body.errors?.[0]?.extensions?.code ?? 'ERROR'}: ${body.errors?.[0]?.message ?? `HTTP ${res.status}`}`);
    return body.data;
  };
  const created = await gql<{ createSegmentExport: { id: string } }>(
    `mutation($format: ExportFormat!, $v: ID, $alias: String, $columns: [String!]) { createSegmentExport(format: $format, modelVersionId: $v, alias: $alias, columns: $columns) { id } }`,
    { format: request.format, v: request.versionId, alias: request.alias, columns: request.columns },
  );
  const id = created.createSegmentExport.id;
  for (;;) {
    const { segmentExport: e } = await gql<{ segmentExport: { status: string; error: string | null; rowCount: number | null } }>(`query($id: ID!) { segmentExport(id: $id) { status error rowCount } }`, { id });
    if (e.status === 'FAILED') throw new Error(`export ${id} failed: ${e.error}`);
    if (e.status === 'SUCCEEDED') break;
    await new Promise((r) => setTimeout(r, 300));
  }
  const res = await fetch(`${base}/exports/${id}`, { headers: { authorization: `Bearer ${key}` } });
  if (!res.ok || !res.body) throw new Error(`GET /exports/${id}: HTTP ${res.status} ${await res.text()}`);
  await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), out, { end: false });
  process.stderr.write(`exported ${res.headers.get('x-row-count')} rows (export ${id})\n`);
  return 0;
}
