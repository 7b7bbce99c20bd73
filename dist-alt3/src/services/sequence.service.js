"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SequenceService = void 0;
const dialect_1 = require("../db/dialect");
const DAY = 86_400_000;
/** Customers per query: a statement's parameters stay well under every driver's limit. */
const CHUNK = 2_000;
/** Customers per query of purchase lines: one statement holds a SQLite server for tens of ms, not hundreds. */
const SEQUENCE_CHUNK = 100;
/**
 * The non-numeric inputs a segmenter can declare: purchase sequences (order lines of placed orders before `asOf`,
 * oldest first), the product catalogue as text, and the reviews customers wrote. Each is a few set-based queries for
 * any number of customers.
 */
class SequenceService {
    dataSource;
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    get dialect() {
        return dialect_1.Dialect.of(this.dataSource);
    }
    /** Fills in what `inputs` asks for on a training set whose `customerIds` are set. */
    async complete(data, inputs, asOf, between) {
        const wantsSequences = inputs.includes('sequence');
        const wantsText = inputs.includes('text');
        if (!wantsSequences && !wantsText)
            return;
        data.asOfDay = asOf.getTime() / DAY;
        data.sequences = await this.sequences(data.customerIds, asOf, between);
        data.items = await this.items([...new Set(data.sequences.productIds)]);
        if (wantsText)
            data.reviews = await this.reviews(data.customerIds, asOf);
    }
    async sequences(customerIds, asOf, between) {
        const d = this.dialect;
        // Each customer's events as numbers, converted chunk by chunk (between the turns of the event loop), so that the
        // final copy into typed arrays is cheap.
        const byCustomer = new Map();
        for (let start = 0; start < customerIds.length; start += SEQUENCE_CHUNK) {
            const ids = customerIds.slice(start, start + SEQUENCE_CHUNK);
            const rows = await this.dataSource.query(`SELECT o.customer_id AS cid, i.product_id AS pid, o.placed_at AS at, i.quantity AS qty, i.amount_e4 AS amount
         FROM orders o JOIN order_items i ON i.order_id = o.id
         WHERE o.status = 'placed' AND o.placed_at < ${d.param(1)} AND i.product_id IS NOT NULL AND o.customer_id IN (${d.inList(ids.length, 1)})
         ORDER BY o.customer_id, o.placed_at, o.id, i.line_no`, [d.timestamp(asOf), ...ids]);
            for (const r of rows) {
                const cid = Number(r.cid);
                let list = byCustomer.get(cid);
                if (!list)
                    byCustomer.set(cid, (list = []));
                list.push(Number(r.pid), d.readTimestamp(r.at).getTime() / DAY, Number(r.qty), Number(r.amount) / 10_000);
            }
            await between?.();
        }
        let total = 0;
        for (const list of byCustomer.values())
            total += list.length / 4;
        const out = {
            offsets: new Int32Array(customerIds.length + 1),
            productIds: new Int32Array(total),
            days: new Float64Array(total),
            quantities: new Float32Array(total),
            amounts: new Float32Array(total),
        };
        let at = 0;
        customerIds.forEach((cid, i) => {
            const list = byCustomer.get(cid) ?? [];
            for (let k = 0; k < list.length; k += 4) {
                out.productIds[at] = list[k];
                out.days[at] = list[k + 1];
                out.quantities[at] = list[k + 2];
                out.amounts[at] = list[k + 3];
                at++;
            }
            out.offsets[i + 1] = at;
        });
        return out;
    }
    /** Products as text (title, then description) and category, in the order of `productIds`. */
    async items(productIds) {
        const d = this.dialect;
        const found = new Map();
        for (let start = 0; start < productIds.length; start += CHUNK) {
            const ids = productIds.slice(start, start + CHUNK);
            const rows = await this.dataSource.query(`SELECT id, title, description, category FROM products WHERE id IN (${d.inList(ids.length, 0)})`, [...ids]);
            for (const r of rows)
                found.set(Number(r.id), { category: r.category, text: [r.title, r.description].filter(Boolean).join('. ') });
        }
        return {
            productIds: [...productIds],
            categories: productIds.map((id) => found.get(id)?.category ?? null),
            texts: productIds.map((id) => found.get(id)?.text ?? ''),
        };
    }
    /** Review texts per customer written before `asOf`, newest first (at most `limit` each). */
    async reviews(customerIds, asOf, limit = 20) {
        const d = this.dialect;
        const byCustomer = new Map();
        for (let start = 0; start < customerIds.length; start += CHUNK) {
            const ids = customerIds.slice(start, start + CHUNK);
            const rows = await this.dataSource.query(`SELECT customer_id AS cid, text FROM reviews
         WHERE text IS NOT NULL AND reviewed_at < ${d.param(1)} AND customer_id IN (${d.inList(ids.length, 1)})
         ORDER BY customer_id, reviewed_at DESC, id DESC`, [d.timestamp(asOf), ...ids]);
            for (const r of rows) {
                const list = byCustomer.get(Number(r.cid)) ?? [];
                if (list.length < limit)
                    list.push(r.text);
                byCustomer.set(Number(r.cid), list);
            }
        }
        return customerIds.map((id) => byCustomer.get(id) ?? []);
    }
}
exports.SequenceService = SequenceService;
//# sourceMappingURL=sequence.service.js.map