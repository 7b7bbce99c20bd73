"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ApiKeyService = void 0;
exports.hashSecret = hashSecret;
const node_crypto_1 = __importDefault(require("node:crypto"));
const typeorm_1 = require("typeorm");
const entities_1 = require("../entities");
const errors_1 = require("../errors");
const roles_1 = require("../auth/roles");
const pubsub_1 = require("../pubsub/pubsub");
const pagination_1 = require("./pagination");
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
class Lru {
    max;
    map = new Map();
    constructor(max) {
        this.max = max;
    }
    get(key) {
        const value = this.map.get(key);
        if (value !== undefined) {
            this.map.delete(key);
            this.map.set(key, value);
        }
        return value;
    }
    has(key) {
        return this.map.has(key);
    }
    set(key, value) {
        this.map.delete(key);
        if (this.map.size >= this.max)
            this.map.delete(this.map.keys().next().value);
        this.map.set(key, value);
    }
    delete(key) {
        this.map.delete(key);
    }
}
function hashSecret(secret) {
    return node_crypto_1.default.createHash('sha256').update(secret, 'utf8').digest('hex');
}
/**
 * API keys: 192 random bits, shown once, stored as SHA-256 (a slow hash buys nothing for secrets this long).
 */
class ApiKeyService {
    dataSource;
    pubsub;
    repo;
    /** Valid keys by secret hash, with the revision they were read at. */
    known = new Lru(CACHE_ENTRIES);
    /** Unknown or revoked secret hashes, until when they are answered without a query. */
    unknown = new Lru(CACHE_ENTRIES);
    pendingRevision = null;
    /** Queries made so far, for tests and benchmarks. */
    queries = { revisionReads: 0, keyLookups: 0 };
    constructor(dataSource, pubsub) {
        this.dataSource = dataSource;
        this.pubsub = pubsub;
        this.repo = dataSource.getRepository(entities_1.ApiKey);
    }
    async create(role, name, createdBy) {
        if (!(0, roles_1.isRole)(role))
            throw (0, errors_1.badUserInput)(`role must be viewer, analyst or admin, got ${JSON.stringify(role)}`, { argument: 'role' });
        const trimmed = name.trim();
        if (!trimmed || trimmed.length > 200)
            throw (0, errors_1.badUserInput)('name must be 1 to 200 characters', { argument: 'name' });
        const secret = SECRET_PREFIX + node_crypto_1.default.randomBytes(24).toString('base64url');
        const key = await this.repo.save(this.repo.create({ name: trimmed, role, prefix: secret.slice(0, 10), keyHash: hashSecret(secret), createdAt: new Date(), createdBy, revokedAt: null }));
        return { key, secret };
    }
    /**
     * The principal a secret stands for; null when it is unknown or revoked. A revocation committed before the call,
     * by this process or any other on the same database, is always seen: a cached key is trusted only while the
     * `api_keys` revision it was read at is the one just read (one primary-key read of `data_revisions`, shared by
     * the calls of one event-loop turn). An unknown secret is remembered for a few seconds and costs no query then.
     */
    async authenticate(secret) {
        if (!secret.startsWith(SECRET_PREFIX) || secret.length > 100)
            return null;
        const hash = hashSecret(secret);
        const unknownUntil = this.unknown.get(hash);
        if (unknownUntil !== undefined) {
            if (unknownUntil > Date.now())
                return null;
            this.unknown.delete(hash);
        }
        // Read before the key: an entry is stamped with a revision no newer than the key row it holds.
        const revision = await this.revision();
        const now = Date.now();
        const cached = this.known.get(hash);
        if (cached && cached.revision === revision && cached.until > now)
            return cached.principal;
        this.queries.keyLookups++;
        const key = await this.repo.findOneBy({ keyHash: hash, revokedAt: (0, typeorm_1.IsNull)() });
        if (!key) {
            this.known.delete(hash);
            this.unknown.set(hash, Date.now() + NEGATIVE_CACHE_MS);
            return null;
        }
        const principal = { keyId: key.id, name: `key:${key.name}`, role: key.role };
        this.known.set(hash, { principal, revision, until: now + CACHE_MS });
        return principal;
    }
    /**
     * Whether this process has seen the secret as a valid key (at any revision). A client address over its budget of
     * failed authentications is still served with such a key; anything else from it is refused without a query.
     */
    remembers(secret) {
        return this.known.has(hashSecret(secret));
    }
    /**
     * The `api_keys` revision in the database. Calls made in one event-loop turn share one read, which starts after all
     * of them (never an older read already under way), so every caller sees the revisions committed before it called.
     */
    revision() {
        this.pendingRevision ??= new Promise((resolve, reject) => setImmediate(() => {
            this.pendingRevision = null;
            this.readRevision().then(resolve, reject);
        }));
        return this.pendingRevision;
    }
    async readRevision() {
        this.queries.revisionReads++;
        const rows = await this.dataSource.query(`SELECT revision FROM data_revisions WHERE name = '${REVISION_ROW}'`);
        return Number(rows[0]?.revision ?? 0);
    }
    /**
     * Revokes a key: `revoked_at` and the `api_keys` revision change in one transaction, so every process sharing the
     * database refuses the key from its next request on; this process's open sockets of the key are closed at once
     * (the API_KEY_REVOKED event).
     */
    async revoke(id) {
        const key = await this.repo.findOneBy({ id });
        if (!key)
            throw (0, errors_1.notFound)('API key', id);
        if (!key.revokedAt) {
            const revokedAt = new Date();
            await this.dataSource.transaction(async (manager) => {
                await manager.getRepository(entities_1.ApiKey).update({ id, revokedAt: (0, typeorm_1.IsNull)() }, { revokedAt });
                await manager.query(`UPDATE data_revisions SET revision = revision + 1 WHERE name = '${REVISION_ROW}'`);
            });
            key.revokedAt = revokedAt;
        }
        this.pubsub?.publish(pubsub_1.Topic.API_KEY_REVOKED, { keyId: id });
        return key;
    }
    list(page) {
        return (0, pagination_1.pageById)(this.repo.createQueryBuilder('k'), 'k.id', 'ASC', page, () => this.repo.count());
    }
    countActive() {
        return this.repo.countBy({ revokedAt: (0, typeorm_1.IsNull)() });
    }
    /** On a first start (no active key at all) makes an admin key; returns its secret, or null when keys exist. */
    async createInitialAdmin() {
        if ((await this.countActive()) > 0)
            return null;
        return (await this.create('admin', 'initial admin', 'first start')).secret;
    }
}
exports.ApiKeyService = ApiKeyService;
//# sourceMappingURL=api-key.service.js.map