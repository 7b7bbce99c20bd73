"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const synthetic_shop_1 = require("../../src/demo/synthetic-shop");
describe('synthetic demo shop', () => {
    const shop = (0, synthetic_shop_1.generateDemoShop)({ customers: 1500, seed: 5 });
    it('is the same for the same seed and differs for another', () => {
        expect((0, synthetic_shop_1.generateDemoShop)({ customers: 1500, seed: 5 })).toEqual(shop);
        expect((0, synthetic_shop_1.generateDemoShop)({ customers: 1500, seed: 6 }).orders.length).not.toBe(shop.orders.length);
    });
    it('has a catalog with categories and descriptions, at least 12 months of orders, reviews, and a ground-truth persona per customer', () => {
        expect(new Set(shop.products.map((p) => p.category)).size).toBeGreaterThanOrEqual(8);
        expect(shop.products.every((p) => p.description && p.description.length > 20)).toBe(true);
        const times = shop.orders.map((o) => o.placedAt.getTime());
        expect((Math.max(...times) - Math.min(...times)) / 86_400_000).toBeGreaterThan(365);
        expect(shop.reviews.length).toBeGreaterThan(100);
        expect(shop.customers.every((c) => c.groundTruthLabel === shop.personas.get(c.externalId))).toBe(true);
        expect(new Set(shop.personas.values())).toEqual(new Set(['loyal_high_spender', 'bargain_hunter', 'seasonal_gift_buyer', 'lapsed', 'new_customer', 'early_adopter', 'nester']));
    });
    it('makes personas differ in spend and timing as their names say', () => {
        const stats = perPersona();
        expect(stats.loyal_high_spender.spend).toBeGreaterThan(3 * stats.bargain_hunter.spend);
        expect(stats.new_customer.firstOrderDaysAgo).toBeLessThan(90);
        expect(stats.lapsed.lastOrderDaysAgo).toBeGreaterThan(180);
        const giftMonths = shop.orders.filter((o) => shop.personas.get(o.customerExternalId) === 'seasonal_gift_buyer').map((o) => o.placedAt.getUTCMonth());
        expect(giftMonths.every((m) => [10, 11, 1].includes(m))).toBe(true);
    });
    it('gives early_adopter and nester the same spend, frequency and category mix but different category sequences', () => {
        const stats = perPersona();
        const a = stats.early_adopter;
        const b = stats.nester;
        expect(Math.abs(a.orders - b.orders) / a.orders).toBeLessThan(0.1);
        expect(Math.abs(a.spend - b.spend) / a.spend).toBeLessThan(0.1);
        for (const category of ['Electronics', 'Books', 'Home'])
            expect(Math.abs(a.shares[category] - b.shares[category])).toBeLessThan(0.05);
        // What follows Electronics: Books for early adopters, Home for nesters.
        expect(a.next.Electronics).toBe('Books');
        expect(b.next.Electronics).toBe('Home');
    });
    function perPersona() {
        const category = new Map(shop.products.map((p) => [p.externalId, p.category]));
        const end = Math.max(...shop.orders.map((o) => o.placedAt.getTime()));
        const out = {};
        const byCustomer = new Map();
        for (const o of shop.orders)
            byCustomer.set(o.customerExternalId, [...(byCustomer.get(o.customerExternalId) ?? []), o]);
        const groups = new Map();
        for (const [customer, orders] of byCustomer) {
            const label = shop.personas.get(customer);
            groups.set(label, [...(groups.get(label) ?? []), orders]);
        }
        for (const [label, customers] of groups) {
            let spend = 0;
            let orders = 0;
            const categorySpend = {};
            const transitions = {};
            let first = 0;
            let last = 0;
            for (const list of customers) {
                const sorted = [...list].sort((x, y) => x.placedAt.getTime() - y.placedAt.getTime());
                first += (end - sorted[0].placedAt.getTime()) / 86_400_000;
                last += (end - sorted[sorted.length - 1].placedAt.getTime()) / 86_400_000;
                let previous = null;
                for (const o of sorted) {
                    orders++;
                    const main = category.get(o.items[0].productExternalId);
                    for (const i of o.items) {
                        spend += i.amountE4 / 10_000;
                        categorySpend[category.get(i.productExternalId)] = (categorySpend[category.get(i.productExternalId)] ?? 0) + i.amountE4;
                    }
                    if (previous && previous !== main) {
                        transitions[previous] ??= {};
                        transitions[previous][main] = (transitions[previous][main] ?? 0) + 1;
                    }
                    previous = main;
                }
            }
            const total = Object.values(categorySpend).reduce((s, x) => s + x, 0);
            out[label] = {
                orders: orders / customers.length,
                spend: spend / customers.length,
                shares: Object.fromEntries(Object.entries(categorySpend).map(([k, v]) => [k, v / total])),
                next: Object.fromEntries(Object.entries(transitions).map(([k, v]) => [k, Object.entries(v).sort((x, y) => y[1] - x[1])[0][0]])),
                firstOrderDaysAgo: first / customers.length,
                lastOrderDaysAgo: last / customers.length,
            };
        }
        return out;
    }
});
//# sourceMappingURL=synthetic-shop.spec.js.map