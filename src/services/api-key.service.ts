import crypto from 'node:crypto';
import { DataSource, IsNull, Repository } from 'typeorm';
import { ApiKey, Role } from '../entities';
import { badUserInput, notFound } from '../errors';
import { Principal, isRole } from '../auth/roles';
import { ConnectionShape, PageArgs, pageById } from './pagination';

/** A key as created: the secret is in here and nowhere else, ever again. */
export interface NewApiKey {
  key: ApiKey;
  secret: string;
}

const SECRET_PREFIX = 'sq_';
/** How long a checked key is trusted without asking the database again (revocations here clear it at once). */
const CACHE_MS = 30_000;

export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * API keys: 192 random bits, shown once, stored as SHA-256 (a slow hash buys nothing for secrets this long).
 */
export class ApiKeyService {
  private readonly repo: Repository<ApiKey>;
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();

  constructor(dataSource: DataSource) {
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

  /** The principal a secret stands for; null when it is unknown or revoked. */
  async authenticate(secret: string): Promise<Principal | null> {
    if (!secret.startsWith(SECRET_PREFIX) || secret.length > 100) return null;
    const hash = hashSecret(secret);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) return cached.principal;
    const key = await this.repo.findOneBy({ keyHash: hash, revokedAt: IsNull() });
    const principal: Principal | null = key ? { keyId: key.id, name: `key:${key.name}`, role: key.role } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { principal, until: now + CACHE_MS });
    return principal;
  }

  async revoke(id: number): Promise<ApiKey> {
    const key = await this.repo.findOneBy({ id });
    if (!key) throw notFound('API key', id);
    if (!key.revokedAt) {
      key.revokedAt = new Date();
      await this.repo.save(key);
    }
    this.cache.clear();
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
