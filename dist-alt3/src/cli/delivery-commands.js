"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.runKeys = runKeys;
exports.runExport = runExport;
const node_stream_1 = require("node:stream");
const promises_1 = require("node:stream/promises");
const config_1 = require("../config/config");
const database_1 = require("../db/database");
const entities_1 = require("../entities");
const services_1 = require("../services");
const segment_export_service_1 = require("../services/segment-export.service");
const usage_error_1 = require("./usage-error");
/** `segmentql keys create --role R [--name N]`, `keys list`, `keys revoke ID`: straight on the database. */
async function runKeys(values, positionals, database, out) {
    const [action, arg] = positionals;
    const dataSource = await (0, database_1.openDatabase)(database);
    try {
        const keys = (0, services_1.createServices)(dataSource, (0, config_1.loadConfig)()).apiKeys;
        switch (action) {
            case 'create': {
                const role = String(values.role ?? '');
                if (!entities_1.ROLES.includes(role))
                    throw new usage_error_1.UsageError(`keys create needs --role ${entities_1.ROLES.join('|')}`);
                const { key, secret } = await keys.create(role, String(values.name ?? `${role} key`), 'cli');
                process.stderr.write(`created ${key.role} key ${key.id} "${key.name}"; the secret below is shown once:\n`);
                out.write(`${secret}\n`);
                return 0;
            }
            case 'list': {
                const page = await keys.list({ first: 100 });
                for (const { node: k } of page.edges)
                    out.write(`${k.id}\t${k.role}\t${k.prefix}…\t${k.name}\t${k.createdAt.toISOString()}${k.revokedAt ? `\trevoked ${k.revokedAt.toISOString()}` : ''}\n`);
                return 0;
            }
            case 'revoke': {
                const id = Number(arg);
                if (!Number.isInteger(id) || id <= 0)
                    throw new usage_error_1.UsageError('keys revoke needs the key id (see keys list)');
                const key = await keys.revoke(id);
                out.write(`revoked key ${key.id} "${key.name}"\n`);
                return 0;
            }
            default:
                throw new usage_error_1.UsageError('keys needs create, list or revoke');
        }
    }
    finally {
        await dataSource.destroy();
    }
}
/**
 * `segmentql export --alias production --format csv > segments.csv`. With --url (or SEGMENTQL_URL) it asks a running
 * server (createSegmentExport, then GET /exports/<id>, with --key or SEGMENTQL_API_KEY); without, it reads the
 * database itself (whoever can read the database file sees everything anyway).
 */
async function runExport(values, database, out) {
    const format = String(values.format ?? 'csv').toUpperCase();
    if (format !== 'CSV' && format !== 'NDJSON')
        throw new usage_error_1.UsageError(`--format must be csv or ndjson, got ${values.format}`);
    const versionId = values.version === undefined ? null : Number(values.version);
    if (versionId !== null && (!Number.isInteger(versionId) || versionId <= 0))
        throw new usage_error_1.UsageError('--version must be a version id');
    const alias = versionId === null ? String(values.alias ?? 'production') : null;
    const columns = values.columns ? String(values.columns).split(',').map((c) => c.trim()) : null;
    const url = values.url ?? process.env.SEGMENTQL_URL;
    if (url)
        return exportOverHttp(url, String(values.key ?? process.env.SEGMENTQL_API_KEY ?? ''), { format, versionId, alias, columns }, out);
    let checked;
    try {
        checked = (0, segment_export_service_1.checkColumns)(columns);
    }
    catch (err) {
        throw new usage_error_1.UsageError(err.message);
    }
    const dataSource = await (0, database_1.openDatabase)(database);
    try {
        const services = (0, services_1.createServices)(dataSource, (0, config_1.loadConfig)());
        const id = await services.training.resolveVersion(versionId, alias).catch((err) => {
            throw new usage_error_1.UsageError(err.message);
        });
        const rows = await services.exports.write({ versionId: id, format: format, columns: checked, maskPii: false }, out);
        process.stderr.write(`exported ${rows} rows of version ${id}\n`);
        return 0;
    }
    finally {
        await dataSource.destroy();
    }
}
async function exportOverHttp(url, key, request, out) {
    if (!key)
        throw new usage_error_1.UsageError('export --url needs --key KEY (or SEGMENTQL_API_KEY)');
    const base = url.replace(/\/graphql\/?$/, '').replace(/\/$/, '');
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
    const gql = async (query, variables) => {
        const res = await fetch(`${base}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
        const body = (await res.json());
        if (body.errors?.length || !body.data)
            throw new Error(`${body.errors?.[0]?.extensions?.code ?? 'ERROR'}: ${body.errors?.[0]?.message ?? `HTTP ${res.status}`}`);
        return body.data;
    };
    const created = await gql(`mutation($format: ExportFormat!, $v: ID, $alias: String, $columns: [String!]) { createSegmentExport(format: $format, modelVersionId: $v, alias: $alias, columns: $columns) { id } }`, { format: request.format, v: request.versionId, alias: request.alias, columns: request.columns });
    const id = created.createSegmentExport.id;
    for (;;) {
        const { segmentExport: e } = await gql(`query($id: ID!) { segmentExport(id: $id) { status error rowCount } }`, { id });
        if (e.status === 'FAILED')
            throw new Error(`export ${id} failed: ${e.error}`);
        if (e.status === 'SUCCEEDED')
            break;
        await new Promise((r) => setTimeout(r, 300));
    }
    const res = await fetch(`${base}/exports/${id}`, { headers: { authorization: `Bearer ${key}` } });
    if (!res.ok || !res.body)
        throw new Error(`GET /exports/${id}: HTTP ${res.status} ${await res.text()}`);
    await (0, promises_1.pipeline)(node_stream_1.Readable.fromWeb(res.body), out, { end: false });
    process.stderr.write(`exported ${res.headers.get('x-row-count')} rows (export ${id})\n`);
    return 0;
}
//# sourceMappingURL=delivery-commands.js.map