import crypto from 'node:crypto';
import { DataSource, IsNull, Repository } from 'typeorm';
import { ApiKey, Role } from '../entities';
import { badUserInput, notFound } from '../errors';
import { Principal, isRole } from '../auth/roles';
import { AppPubSub, Topic } from '../pubsub/pubsub';
import { ConnectionShape, PageArgs, pageById } from './pagination';
import { inTransaction } from '../db/sqlite-turns';

/** A key as created: the secret is in here and nowhere else, ever again. */
export interface NewApiKey {
  key: ApiKey;
  secret: string;
}

const SECRET_PREFIX = 'sq_';
/**
 * How long a checked key is trusted without looking it up again, and only while the `api_keys` revision it was read
 * at is still the database's (every revocation, by any process, bumps it): the bound for a key revoked by hand in SQL.
 */
const CACHE_MS = 30_000;
/** How long an unknown (or revoked) secret is remembered, so that sending it again costs no query. */
const NEGATIVE_CACHE_MS = 5_000;
/** Most secrets each cache holds; the least recently used goes first. */
const CACHE_ENTRIES = 10_000;
/** The row of `data_revisions` that every revocation bumps, in the revocation's transaction. */
const REVISION_ROW = 'api_keys';

/** A Map in recency order, bounded: setting past `max` drops the least recently used entry. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value!);
    this.map.set(key, value);
  }

  delete(key: string): void {
    this.map.delete(key);
  }
}

export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * API keys: 192 random bits, shown once, stored as SHA-256 (a slow hash buys nothing for secrets this long).
 */
export class ApiKeyService {
  private readonly repo: Repository<ApiKey>;
  /** Valid keys by secret hash, with the revision they were read at. */
  private readonly known = new Lru<{ principal: Principal; revision: number; until: number }>(CACHE_ENTRIES);
  /** Unknown or revoked secret hashes, until when they are answered without a query. */
  private readonly unknown = new Lru<number>(CACHE_ENTRIES);
  private pendingRevision: Promise<number> | null = null;
  /** Queries made so far, for tests and benchmarks. */
  readonly queries = { revisionReads: 0, keyLookups: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly pubsub?: AppPubSub,
  ) {
    this.repo = dataSource.getRepository(ApiKey);
  }

  async create(role: string, name: string, createdBy: string): Promise<NewApiKey> {
    if (!isRole(role)) throw badUserInput(`role must be viewer, analyst or admin, got ${JSON.stringify(role)}`, { argument: 'role' });
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 200) throw badUserInput('name must be 1 to 200 characters', { argument: 'name' });
    const secret = SECRET_PREFIX + crypto.randomBytes(24).toString('base64url');
    const key = await this.repo.save(
      this.repo.create({ name: trimmed, role, prefix: secret.slice(0, 10), keyHash: hashSecret(secret), createdAt: new Date(), createdBy, revokedAt: null }),
    );
    return { key, secret };
  }

  /**
   * The principal a secret stands for; null when it is unknown or revoked. A revocation committed before the call,
   * by this process or any other on the same database, is always seen: a cached key is trusted only while the
   * `api_keys` revision it was read at is the one just read (one primary-key read of `data_revisions`, shared by
   * the calls of one event-loop turn). An unknown secret is remembered for a few seconds and costs no query then.
   */
  async authenticate(secret: string): Promise<Principal | null> {
    if (!secret.startsWith(SECRET_PREFIX) || secret.length > 100) return null;
    const hash = hashSecret(secret);
    const unknownUntil = this.unknown.get(hash);
    if (unknownUntil !== undefined) {
      if (unknownUntil > Date.now()) return null;
      this.unknown.delete(hash);
    }
    // Read before the key: an entry is stamped with a revision no newer than the key row it holds.
    const revision = await this.revision();
    const now = Date.now();
    const cached = this.known.get(hash);
    if (cached && cached.revision === revision && cached.until > now) return cached.principal;
    this.queries.keyLookups++;
    const key = await this.repo.findOneBy({ keyHash: hash, revokedAt: IsNull() });
    if (!key) {
      this.known.delete(hash);
      this.unknown.set(hash, Date.now() + NEGATIVE_CACHE_MS);
      return null;
    }
    const principal: Principal = { keyId: key.id, name: `key:${key.name}`, role: key.role };
    this.known.set(hash, { principal, revision, until: now + CACHE_MS });
    return principal;
  }

  /**
   * Whether this process has seen the secret as a valid key (at any revision). A client address over its budget of
   * failed authentications is still served with such a key; anything else from it is refused without a query.
   */
  remembers(secret: string): boolean {
    return this.known.has(hashSecret(secret));
  }

  /**
   * The `api_keys` revision in the database. Calls made in one event-loop turn share one read, which starts after all
   * of them (never an older read already under way), so every caller sees the revisions committed before it called.
   */
  revision(): Promise<number> {
    this.pendingRevision ??= new Promise<number>((resolve, reject) =>
      setImmediate(() => {
        this.pendingRevision = null;
        this.readRevision().then(resolve, reject);
      }),
    );
    return this.pendingRevision;
  }

  private async readRevision(): Promise<number> {
    this.queries.revisionReads++;
    const rows: Array<{ revision: number | string }> = await this.dataSource.query(`SELECT revision FROM data_revisions WHERE name = '${REVISION_ROW}'`);
    return Number(rows[0]?.revision ?? 0);
  }

  /**
   * Revokes a key: `revoked_at` and the `api_keys` revision change in one transaction, so every process sharing the
   * database refuses the key from its next request on; this process's open sockets of the key are closed at once
   * (the API_KEY_REVOKED event).
   */
  async revoke(id: number): Promise<ApiKey> {
    const key = await this.repo.findOneBy({ id });
    if (!key) throw notFound('API key', id);
    if (!key.revokedAt) {
      const revokedAt = new Date();
      await inTransaction(this.dataSource, async (manager) => {
        await manager.getRepository(ApiKey).update({ id, revokedAt: IsNull() }, { revokedAt });
        await manager.query(`UPDATE data_revisions SET revision = revision + 1 WHERE name = '${REVISION_ROW}'`);
      });
      key.revokedAt = revokedAt;
    }
    this.pubsub?.publish(Topic.API_KEY_REVOKED, { keyId: id });
    return key;
  }

  list(page: PageArgs): Promise<ConnectionShape<ApiKey>> {
    return pageById(this.repo.createQueryBuilder('k'), 'k.id', 'ASC', page, () => this.repo.count());
  }

  countActive(): Promise<number> {
    return this.repo.countBy({ revokedAt: IsNull() });
  }

  /** On a first start (no active key at all) makes an admin key; returns its secret, or null when keys exist. */
  async createInitialAdmin(): Promise<string | null> {
    if ((await this.countActive()) > 0) return null;
    return (await this.create('admin' as Role, 'initial admin', 'first start')).secret;
  }
}
