import { DataSource } from 'typeorm';

/**
 * Bytes every process can read without a shared disk: artifacts and export files when several machines run
 * segmentql. Small on purpose, so that an object store (S3, GCS) can stand behind it; PostgreSQL is the one built in.
 */
export interface BlobStore {
  /** Stores the bytes under `key`, replacing what was there; returns the byte count. */
  put(key: string, data: Buffer | AsyncIterable<Buffer | string>): Promise<number>;
  /** The blob's size, or null when there is none. */
  size(key: string): Promise<number | null>;
  /** The blob chunk by chunk (never all in memory); null when there is none. */
  read(key: string): Promise<AsyncIterable<Buffer> | null>;
  /** Removes the blob; nothing happens when there is none. */
  remove(key: string): Promise<void>;
  /** Every blob whose key starts with `prefix`, with when it was written (for sweeps of what no row points at). */
  list(prefix: string): Promise<Array<{ key: string; createdAt: Date }>>;
}

/** Rows of at most 1 MiB: a large export streams in and out a chunk at a time. */
const CHUNK_BYTES = 1 << 20;

/** Blobs in the `blobs` table (key, seq, bytea), written in one transaction: a reader sees all of a blob or none. */
export class PostgresBlobStore implements BlobStore {
  constructor(private readonly dataSource: DataSource) {}

  async put(key: string, data: Buffer | AsyncIterable<Buffer | string>): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      await m.query('DELETE FROM blobs WHERE key = $1', [key]);
      let seq = 0;
      let total = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async () => {
        if (pendingBytes === 0) return;
        const chunk = Buffer.concat(pending);
        for (let at = 0; at < chunk.length; at += CHUNK_BYTES) {
          await m.query('INSERT INTO blobs (key, seq, data) VALUES ($1, $2, $3)', [key, seq++, chunk.subarray(at, at + CHUNK_BYTES)]);
        }
        total += chunk.length;
        pending = [];
        pendingBytes = 0;
      };
      const source: AsyncIterable<Buffer | string> = Buffer.isBuffer(data) ? single(data) : data;
      for await (const part of source) {
        const buffer = typeof part === 'string' ? Buffer.from(part) : part;
        pending.push(buffer);
        pendingBytes += buffer.length;
        if (pendingBytes >= CHUNK_BYTES) await flush();
      }
      await flush();
      // An empty blob is still a blob.
      if (seq === 0) await m.query('INSERT INTO blobs (key, seq, data) VALUES ($1, 0, $2)', [key, Buffer.alloc(0)]);
      return total;
    });
  }

  async size(key: string): Promise<number | null> {
    const rows: Array<{ n: string; bytes: string | null }> = await this.dataSource.query('SELECT count(*) AS n, sum(length(data)) AS bytes FROM blobs WHERE key = $1', [key]);
    return Number(rows[0].n) === 0 ? null : Number(rows[0].bytes ?? 0);
  }

  async read(key: string): Promise<AsyncIterable<Buffer> | null> {
    const rows: Array<{ n: string }> = await this.dataSource.query('SELECT count(*) AS n FROM blobs WHERE key = $1', [key]);
    const chunks = Number(rows[0].n);
    if (chunks === 0) return null;
    const dataSource = this.dataSource;
    return (async function* () {
      for (let seq = 0; seq < chunks; seq++) {
        const part: Array<{ data: Buffer }> = await dataSource.query('SELECT data FROM blobs WHERE key = $1 AND seq = $2', [key, seq]);
        if (part.length === 0) throw new Error(`blob ${key} changed while it was read`);
        yield part[0].data;
      }
    })();
  }

  async remove(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM blobs WHERE key = $1', [key]);
  }

  async list(prefix: string): Promise<Array<{ key: string; createdAt: Date }>> {
    const rows: Array<{ key: string; created_at: Date }> = await this.dataSource.query(
      `SELECT key, min(created_at) AS created_at FROM blobs WHERE key LIKE $1 ESCAPE '\\' GROUP BY key ORDER BY key`,
      [`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`],
    );
    return rows.map((r) => ({ key: r.key, createdAt: new Date(r.created_at) }));
  }
}

async function* single(data: Buffer): AsyncIterable<Buffer> {
  yield data;
}

/** Reads a whole blob into memory (artifacts: the plugin needs every byte anyway). */
export async function readWhole(store: BlobStore, key: string): Promise<Buffer | null> {
  const chunks = await store.read(key);
  if (!chunks) return null;
  const parts: Buffer[] = [];
  for await (const part of chunks) parts.push(part);
  return Buffer.concat(parts);
}
