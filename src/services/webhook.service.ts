import crypto from 'node:crypto';
import dns from 'node:dns/promises';
import net from 'node:net';
import { GraphQLError } from 'graphql';
import { DataSource, In, LessThan } from 'typeorm';
import { Dialect } from '../db/dialect';
import { inSqliteTurn } from '../db/sqlite-turns';
import { WEBHOOK_EVENTS, Webhook, WebhookDelivery, WebhookEventType } from '../entities';
import { badUserInput, notFound } from '../errors';
import { ConnectionShape, PageArgs, pageById } from './pagination';
import { groupedByKey } from './batching';

/** The header carrying the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`. */
export const SIGNATURE_HEADER = 'Segmentql-Signature';

export interface WebhookOptions {
  /** First retry after this long; each next one waits 4 times longer (capped at 6 hours). */
  backoffMs: number;
  /** Attempts of one delivery before it is FAILED. */
  maxAttempts: number;
  /** Failed attempts in a row (any delivery) that disable a webhook. */
  disableAfter: number;
  /** How long one POST may take. */
  timeoutMs: number;
  /** How often due deliveries are looked for (new events wake the sender at once). */
  pollMs: number;
  /** This process, in `claimed_by`. */
  sender: string;
  /** WEBHOOK_ALLOW_PRIVATE: receivers on loopback, private and link-local addresses are allowed (default: refused). */
  allowPrivate: boolean;
  log: (line: string) => void;
}

/** What a part of the product hands over to be sent: the event's type and data (ids only). */
export interface WebhookEventInput {
  type: WebhookEventType;
  data: Record<string, unknown>;
  /** Membership events: the customer, whose personal data goes only to webhooks created with includePersonalData. */
  customerId?: number;
}

export interface CreateWebhookInput {
  url: string;
  events: string[];
  secret: string;
  includePersonalData?: boolean | null;
}

/** Signs a body as the receiver checks it (see SIGNATURE_HEADER). */
export function signBody(secret: string, body: string, timestampSeconds: number): string {
  const mac = crypto.createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

/**
 * Verifies a signature header (what a receiver does): the MAC, compared in constant time, and the timestamp within
 * `toleranceSeconds` of now (a replayed old delivery fails).
 */
export function verifySignature(secret: string, body: string, header: string, toleranceSeconds = 300, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signBody(secret, body, t).split('v1=')[1], 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

const MAX_BACKOFF_MS = 6 * 3600_000;
/** Events in one delivery at most (a re-scoring job of 5,000 customers under several aliases makes several). */
const EVENTS_PER_DELIVERY = 1000;
/** A SENDING row older than this was left by a process that died mid-send: it becomes PENDING again. */
const STUCK_SENDING_MS = 120_000;

/**
 * Webhooks: admins register destinations; events become deliveries (one per webhook per batch of events) in the
 * database, an outbox every process may send from (a delivery is claimed by one conditional UPDATE, so two
 * processes never send the same one). Each POST is signed; failures are retried with exponential backoff and
 * recorded; a webhook that fails `disableAfter` attempts in a row is disabled with the reason.
 */
export class WebhookService {
  private readonly dialect: Dialect;
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: WebhookOptions,
  ) {
    this.dialect = Dialect.of(dataSource);
  }

  // --- management (admins) ------------------------------------------------------------------------------------

  async create(input: CreateWebhookInput, createdBy: string): Promise<Webhook> {
    const url = checkUrl(input.url);
    if (!this.options.allowPrivate) await refusePrivateHost(new URL(url).hostname);
    const events = [...new Set(input.events)];
    if (events.length === 0) throw badUserInput(`events must name at least one of ${WEBHOOK_EVENTS.join(', ')}`, { argument: 'events' });
    const unknown = events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
    if (unknown.length > 0) throw badUserInput(`unknown event ${unknown.map((e) => JSON.stringify(e)).join(', ')}: must be one of ${WEBHOOK_EVENTS.join(', ')}`, { argument: 'events' });
    if (typeof input.secret !== 'string' || input.secret.length < 16 || input.secret.length > 200) {
      throw badUserInput('secret must be 16 to 200 characters (the receiver checks the signature with it)', { argument: 'secret' });
    }
    const repo = this.dataSource.getRepository(Webhook);
    return repo.save(
      repo.create({ url, events: events as WebhookEventType[], secret: input.secret, includePersonalData: input.includePersonalData === true, enabled: true, disabledReason: null, consecutiveFailures: 0, createdBy, createdAt: new Date() }),
    );
  }

  list(): Promise<Webhook[]> {
    return this.dataSource.getRepository(Webhook).find({ order: { id: 'ASC' } });
  }

  async get(id: number): Promise<Webhook> {
    return (await this.dataSource.getRepository(Webhook).findOneBy({ id })) ?? Promise.reject(notFound('webhook', id));
  }

  async remove(id: number): Promise<boolean> {
    await this.get(id);
    await inSqliteTurn(this.dataSource, async () => {
      await this.dataSource.getRepository(WebhookDelivery).delete({ webhookId: id });
      await this.dataSource.getRepository(Webhook).delete({ id });
    });
    return true;
  }

  /** Enables (failures forgotten) or disables a webhook by hand. */
  async setEnabled(id: number, enabled: boolean): Promise<Webhook> {
    await this.get(id);
    await this.dataSource.getRepository(Webhook).update({ id }, enabled ? { enabled: true, disabledReason: null, consecutiveFailures: 0 } : { enabled: false, disabledReason: 'disabled by an admin' });
    return this.get(id);
  }

  /** A webhook's deliveries, newest first. */
  deliveries(webhookId: number, page: PageArgs): Promise<ConnectionShape<WebhookDelivery>> {
    const build = () => this.dataSource.getRepository(WebhookDelivery).createQueryBuilder('w').where('w.webhookId = :webhookId', { webhookId });
    return pageById(build(), 'w.id', 'DESC', page, () => build().getCount());
  }

  // --- events in ----------------------------------------------------------------------------------------------

  /**
   * Stores one delivery per enabled webhook that subscribed to any of these events (the events it wants, in order),
   * then wakes the sender. Personal data (external id, email, name) is added only for webhooks created with it.
   */
  async emit(events: WebhookEventInput[]): Promise<void> {
    if (events.length === 0) return;
    const hooks = (await this.dataSource.getRepository(Webhook).findBy({ enabled: true })).filter((h) => events.some((e) => h.events.includes(e.type)));
    if (hooks.length === 0) return;
    const occurredAt = new Date().toISOString();
    const stamped = events.map((e) => ({ id: crypto.randomUUID(), type: e.type, occurredAt, data: e.data }));
    const rows: Array<Partial<WebhookDelivery>> = [];
    const now = new Date();
    for (const hook of hooks) {
      const wanted = stamped.filter((e) => hook.events.includes(e.type));
      // Personal data is never stored here: a webhook created with it gets it added when each attempt is sent.
      for (let start = 0; start < wanted.length; start += EVENTS_PER_DELIVERY) {
        const part = wanted.slice(start, start + EVENTS_PER_DELIVERY);
        rows.push({ webhookId: hook.id, body: JSON.stringify({ webhookId: hook.id, events: part }), eventCount: part.length, eventTypes: [...new Set(part.map((e) => e.type))].join(',').slice(0, 400), status: 'PENDING', attempts: 0, nextAttemptAt: now, createdAt: now });
      }
    }
    await inSqliteTurn(this.dataSource, () => this.dataSource.getRepository(WebhookDelivery).insert(rows));
    this.wake();
  }

  /** The body as sent: the stored one, with each membership event's customer added for a webhook that asked for it. */
  private async bodyFor(delivery: WebhookDelivery, hook: Webhook): Promise<string> {
    if (!hook.includePersonalData) return delivery.body;
    const parsed = JSON.parse(delivery.body) as { events: Array<{ data: Record<string, unknown> }> };
    const ids = [...new Set(parsed.events.map((e) => e.data.customerId).filter((id): id is number => typeof id === 'number'))];
    if (ids.length === 0) return delivery.body;
    const people = await this.personalData(ids);
    for (const e of parsed.events) if (typeof e.data.customerId === 'number') e.data.customer = people.get(e.data.customerId) ?? null;
    return JSON.stringify(parsed);
  }

  private async personalData(customerIds: number[]): Promise<Map<number, { externalId: string; email: string | null; name: string | null }>> {
    const out = new Map<number, { externalId: string; email: string | null; name: string | null }>();
    for (let i = 0; i < customerIds.length; i += 500) {
      const part = customerIds.slice(i, i + 500);
      const rows: Array<{ id: unknown; external_id: string; email: string | null; name: string | null }> = await this.dataSource.query(
        `SELECT id, external_id, email, name FROM customers WHERE id IN (${this.dialect.inList(part.length)})`,
        part,
      );
      for (const r of rows) out.set(Number(r.id), { externalId: r.external_id, email: r.email, name: r.name });
    }
    return out;
  }

  // --- the sender ---------------------------------------------------------------------------------------------

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.sending;
  }

  /** Sends what is due now; a wake during a round starts another round after it. */
  wake(): void {
    if (this.stopped) return;
    if (this.sending) {
      this.again = true;
      return;
    }
    this.sending = this.sendDue()
      .catch((err) => this.options.log(`sending webhooks failed: ${(err as Error).message}`))
      .finally(() => {
        this.sending = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async sendDue(): Promise<void> {
    const repo = this.dataSource.getRepository(WebhookDelivery);
    // A process that died while sending left SENDING rows behind.
    await repo.update({ status: 'SENDING', claimedAt: LessThan(new Date(Date.now() - STUCK_SENDING_MS)) }, { status: 'PENDING', claimedBy: null });
    for (;;) {
      const due = await repo
        .createQueryBuilder('w')
        .select(['w.id'])
        .where('w.status = :status AND w.nextAttemptAt <= :now', { status: 'PENDING', now: this.dialect.timestamp(new Date()) })
        .orderBy('w.id', 'ASC')
        .limit(20)
        .getMany();
      if (due.length === 0 || this.stopped) return;
      const claimed: WebhookDelivery[] = [];
      for (const { id } of due) {
        const result = await repo
          .createQueryBuilder()
          .update(WebhookDelivery)
          .set({ status: 'SENDING', claimedBy: this.options.sender, claimedAt: new Date() })
          .where('id = :id AND status = :status', { id, status: 'PENDING' })
          .execute();
        // SQLite's driver does not always report affected rows: read the row back.
        const row = await repo.findOneBy({ id });
        if (row && row.status === 'SENDING' && row.claimedBy === this.options.sender && (result.affected ?? 1) > 0) claimed.push(row);
      }
      const hooks = new Map((await this.dataSource.getRepository(Webhook).findBy({ id: In([...new Set(claimed.map((c) => c.webhookId))]) })).map((h) => [h.id, h]));
      // Webhooks in parallel; one webhook's deliveries one after another, and after a failure the rest of its round
      // waits with it: an outage costs one failed attempt per round, not one per delivery due.
      const hookIds = [...new Set(claimed.map((c) => c.webhookId))];
      await Promise.all(
        groupedByKey(hookIds, claimed, (c) => c.webhookId).map(async (list, h) => {
          const hookId = hookIds[h];
          for (let i = 0; i < list.length; i++) {
            const wait = await this.attempt(list[i], hooks.get(hookId) ?? null);
            if (wait !== null) {
              const rest = list.slice(i + 1).map((d) => d.id);
              if (rest.length > 0) await repo.update({ id: In(rest) }, { status: 'PENDING', claimedBy: null, nextAttemptAt: new Date(Date.now() + wait) });
              return;
            }
          }
        }),
      );
    }
  }

  /** One POST of one delivery, and what follows from its answer: null when delivered, else the wait before the next. */
  private async attempt(delivery: WebhookDelivery, hook: Webhook | null): Promise<number | null> {
    const repo = this.dataSource.getRepository(WebhookDelivery);
    if (!hook || !hook.enabled) {
      await repo.update({ id: delivery.id }, { status: 'FAILED', lastError: hook ? `the webhook is disabled: ${hook.disabledReason ?? ''}` : 'the webhook was deleted', claimedBy: null });
      return 0;
    }
    const attempts = delivery.attempts + 1;
    let code: number | null = null;
    let error: string | null = null;
    try {
      // Checked at every attempt: a name may resolve elsewhere since the webhook was created.
      if (!this.options.allowPrivate) await refusePrivateHost(new URL(hook.url).hostname);
      const body = await this.bodyFor(delivery, hook);
      const signature = signBody(hook.secret, body, Math.floor(Date.now() / 1000));
      const response = await fetch(hook.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: signature, 'Segmentql-Delivery': String(delivery.id), 'User-Agent': 'segmentql-webhooks' },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      code = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (code < 200 || code >= 300) error = `the receiver answered ${code}`;
    } catch (err) {
      error =
        (err as Error).name === 'TimeoutError'
          ? `no answer within ${this.options.timeoutMs} ms`
          : err instanceof GraphQLError
            ? err.message
            : `could not reach the receiver: ${(err as Error).message}`;
    }
    const hooks = this.dataSource.getRepository(Webhook);
    if (error === null) {
      await repo.update({ id: delivery.id }, { status: 'DELIVERED', attempts, responseCode: code, lastError: null, deliveredAt: new Date(), claimedBy: null });
      await hooks.update({ id: hook.id }, { consecutiveFailures: 0 });
      return null;
    }
    const giveUp = attempts >= this.options.maxAttempts;
    const wait = Math.min(MAX_BACKOFF_MS, this.options.backoffMs * 4 ** (attempts - 1));
    await repo.update(
      { id: delivery.id },
      { status: giveUp ? 'FAILED' : 'PENDING', attempts, responseCode: code, lastError: error.slice(0, 1000), nextAttemptAt: new Date(Date.now() + wait), claimedBy: null },
    );
    await this.dataSource.query(`UPDATE webhooks SET consecutive_failures = consecutive_failures + 1 WHERE id = ${this.dialect.param(1)}`, [hook.id]);
    const failures = (await hooks.findOneBy({ id: hook.id }))?.consecutiveFailures ?? 0;
    if (failures >= this.options.disableAfter) {
      const reason = `disabled after ${failures} failed attempts in a row (last: ${error})`;
      await hooks.update({ id: hook.id, enabled: true }, { enabled: false, disabledReason: reason.slice(0, 1000) });
      await repo.update({ webhookId: hook.id, status: 'PENDING' }, { status: 'FAILED', lastError: reason.slice(0, 1000) });
      this.options.log(`webhook ${hook.id} (${hook.url}): ${reason}`);
    }
    return wait;
  }
}

/** Whether an address is loopback, private, link-local, shared (CGNAT), unspecified or multicast. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]);
  if (net.isIPv4(address)) {
    const [a, b] = address.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
  }
  const v6 = address.toLowerCase();
  return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || /^ff/.test(v6);
}

/**
 * Refuses a receiver on this machine or the internal network (the server could otherwise be made to call its own
 * admin endpoints or a cloud metadata service): the literal address, or every address the name resolves to.
 */
async function refusePrivateHost(hostname: string): Promise<void> {
  const host = hostname.replace(/^\[|\]$/g, '');
  const addresses = net.isIP(host) ? [host] : (await dns.lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) throw badUserInput(`url host ${JSON.stringify(host)} does not resolve`, { argument: 'url' });
  const inside = addresses.find(isPrivateAddress);
  if (inside) throw badUserInput(`url host ${JSON.stringify(host)} is a loopback, private or link-local address (${inside}); set WEBHOOK_ALLOW_PRIVATE=true to allow receivers on the internal network`, { argument: 'url' });
}

/** http(s) only, no credentials in the URL, at most 2000 characters. */
function checkUrl(raw: string): string {
  const text = typeof raw === 'string' ? raw.trim() : '';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badUserInput(`url ${JSON.stringify(text.slice(0, 100))} is not a URL`, { argument: 'url' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badUserInput(`url must be http or https, not ${url.protocol.replace(':', '')}`, { argument: 'url' });
  if (url.username || url.password) throw badUserInput('url must not carry credentials: the signature authenticates deliveries', { argument: 'url' });
  if (!url.hostname) throw badUserInput('url needs a host', { argument: 'url' });
  if (text.length > 2000) throw badUserInput('url must be at most 2000 characters', { argument: 'url' });
  url.hash = '';
  return url.toString();
}
