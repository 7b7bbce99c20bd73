"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEMO_END = void 0;
exports.generateDemoShop = generateDemoShop;
const random_1 = require("../ml/random");
exports.DEMO_END = new Date('2026-06-30T23:59:59Z');
const HISTORY_DAYS = 548;
const DAY = 86_400_000;
const CATEGORIES = [
    { name: 'Electronics', nouns: ['Headphones', 'Speaker', 'Charger', 'Smartwatch', 'Keyboard', 'Webcam', 'Power Bank', 'Earbuds'], priceRange: [25, 220], blurb: 'with long battery life and a two-year warranty' },
    { name: 'Books', nouns: ['Novel', 'Cookbook', 'Travel Guide', 'Biography', 'Notebook', 'Comic', 'Atlas', 'Poetry Collection'], priceRange: [8, 40], blurb: 'printed on recycled paper, a favourite of our readers' },
    { name: 'Home', nouns: ['Cushion', 'Throw Blanket', 'Candle', 'Vase', 'Photo Frame', 'Lamp', 'Rug', 'Wall Clock'], priceRange: [12, 120], blurb: 'to make any room feel warm and lived-in' },
    { name: 'Kitchen', nouns: ['Chef Knife', 'Frying Pan', 'Teapot', 'Mixing Bowl', 'Spice Rack', 'Coffee Grinder', 'Cutting Board', 'Mug Set'], priceRange: [10, 150], blurb: 'dishwasher safe and built for everyday cooking' },
    { name: 'Fashion', nouns: ['Scarf', 'Sneakers', 'Denim Jacket', 'Wool Hat', 'Leather Belt', 'Sunglasses', 'Backpack', 'Gloves'], priceRange: [15, 160], blurb: 'in a relaxed fit with breathable fabric' },
    { name: 'Beauty', nouns: ['Face Cream', 'Lip Balm', 'Shampoo', 'Perfume', 'Body Lotion', 'Nail Polish', 'Hand Soap', 'Serum'], priceRange: [5, 90], blurb: 'dermatologically tested and cruelty free' },
    { name: 'Toys', nouns: ['Puzzle', 'Building Blocks', 'Plush Bear', 'Board Game', 'Kite', 'Toy Train', 'Doll House', 'Craft Kit'], priceRange: [8, 80], blurb: 'safe for ages three and up, loved by kids' },
    { name: 'Garden', nouns: ['Planter', 'Watering Can', 'Seed Kit', 'Garden Gloves', 'Bird Feeder', 'Pruning Shears', 'Solar Lantern', 'Hose'], priceRange: [6, 95], blurb: 'weatherproof for balconies and gardens' },
    { name: 'Gifts', nouns: ['Gift Box', 'Greeting Card Set', 'Wrapping Paper', 'Advent Calendar', 'Hamper', 'Ornament', 'Keepsake Tin', 'Gift Voucher Card'], priceRange: [4, 60], blurb: 'beautifully wrapped and ready to give' },
    { name: 'Sports', nouns: ['Yoga Mat', 'Water Bottle', 'Dumbbells', 'Running Belt', 'Resistance Band', 'Jump Rope', 'Gym Bag', 'Foam Roller'], priceRange: [8, 110], blurb: 'for training at home or on the go' },
];
const ADJECTIVES = ['Classic', 'Deluxe', 'Eco', 'Compact', 'Vintage', 'Modern', 'Premium', 'Everyday', 'Handmade', 'Smart'];
const COLOURS = ['Red', 'Blue', 'Green', 'Black', 'White', 'Grey', 'Yellow', 'Pink'];
function personas(rng) {
    return [
        {
            label: 'loyal_high_spender', share: 0.14, gapDays: 18, itemsPerOrder: 4, priceTier: 'high',
            categories: ['Electronics', 'Home', 'Kitchen', 'Fashion', 'Beauty'], window: () => [rng.next() * 0.2, 1], returnRate: 0.03, reviewRate: 0.25,
            reviewTone: ['Excellent quality as always, worth every penny.', 'Premium feel and fast delivery, will buy again.', 'Another great purchase from my favourite shop.'],
        },
        {
            label: 'bargain_hunter', share: 0.2, gapDays: 24, itemsPerOrder: 6, priceTier: 'low',
            categories: ['Home', 'Beauty', 'Fashion', 'Kitchen', 'Gifts'], window: () => [rng.next() * 0.3, 1], returnRate: 0.12, reviewRate: 0.15,
            reviewTone: ['Good value for the price, bought it on sale.', 'Cheap and cheerful, great deal with the discount code.', 'Decent for the money but the quality could be better.'],
        },
        {
            label: 'seasonal_gift_buyer', share: 0.14, gapDays: 12, itemsPerOrder: 3, priceTier: 'mid',
            categories: ['Gifts', 'Toys', 'Books', 'Beauty'], window: () => [0, 1], months: [10, 11, 1], returnRate: 0.05, reviewRate: 0.1,
            reviewTone: ['Perfect Christmas present, beautifully wrapped.', 'The kids loved this gift.', 'Arrived just in time for the holidays.'],
        },
        {
            label: 'lapsed', share: 0.16, gapDays: 30, itemsPerOrder: 3, priceTier: 'mid',
            categories: ['Fashion', 'Sports', 'Garden', 'Home'], window: () => { const s = rng.next() * 0.15; return [s, s + 0.25 + rng.next() * 0.15]; }, returnRate: 0.08, reviewRate: 0.1,
            reviewTone: ['It was fine.', 'Delivery took a while and the item was average.', 'Not bad, not great.'],
        },
        {
            label: 'new_customer', share: 0.12, gapDays: 20, itemsPerOrder: 2, priceTier: 'mid',
            categories: ['Electronics', 'Books', 'Home', 'Sports', 'Kitchen'], window: () => [0.88 + rng.next() * 0.08, 1], returnRate: 0.05, reviewRate: 0.2,
            reviewTone: ['First order here, very happy with it.', 'Easy checkout and the product matches the description.', 'Nice surprise, will come back.'],
        },
        {
            label: 'early_adopter', share: 0.12, gapDays: 28, itemsPerOrder: 2, priceTier: 'mid',
            categories: ['Electronics', 'Books', 'Home'], cycle: true, window: () => [rng.next() * 0.2, 1], returnRate: 0.04, reviewRate: 0.15,
            reviewTone: ['Works exactly as described.', 'Solid product, setup was simple.', 'Does the job well.'],
        },
        {
            label: 'nester', share: 0.12, gapDays: 28, itemsPerOrder: 2, priceTier: 'mid',
            categories: ['Home', 'Books', 'Electronics'], cycle: true, window: () => [rng.next() * 0.2, 1], returnRate: 0.04, reviewRate: 0.15,
            reviewTone: ['Works exactly as described.', 'Solid product, setup was simple.', 'Does the job well.'],
        },
    ];
}
const COUNTRIES = [
    ['United Kingdom', ['London', 'Manchester', 'Leeds', 'Bristol'], 0.45],
    ['Germany', ['Berlin', 'Hamburg', 'Munich'], 0.15],
    ['France', ['Paris', 'Lyon', 'Marseille'], 0.15],
    ['Netherlands', ['Amsterdam', 'Utrecht'], 0.1],
    ['Spain', ['Madrid', 'Barcelona'], 0.08],
    ['Ireland', ['Dublin', 'Cork'], 0.07],
];
const FIRST_NAMES = ['Alex', 'Sam', 'Jamie', 'Taylor', 'Morgan', 'Casey', 'Jordan', 'Robin', 'Charlie', 'Avery', 'Riley', 'Quinn'];
const LAST_NAMES = ['Smith', 'Jones', 'Müller', 'Martin', 'García', 'de Vries', 'Murphy', 'Brown', 'Dubois', 'Schmidt'];
function generateDemoShop(options = {}) {
    const rng = new random_1.Random(options.seed ?? 42);
    const customerCount = options.customers ?? 2000;
    const end = (options.end ?? exports.DEMO_END).getTime();
    const start = end - HISTORY_DAYS * DAY;
    const products = [];
    const byCategory = new Map();
    let sku = 1000;
    for (const category of CATEGORIES) {
        const list = [];
        for (const noun of category.nouns) {
            for (let v = 0; v < 3; v++) {
                const adjective = rng.pick(ADJECTIVES);
                const colour = rng.pick(COLOURS);
                const [lo, hi] = category.priceRange;
                const price = Math.round((lo + (hi - lo) * rng.next() ** 1.5) * 100) / 100;
                const product = {
                    externalId: `SKU-${sku++}`,
                    title: `${adjective} ${colour} ${noun}`,
                    description: `A ${adjective.toLowerCase()} ${noun.toLowerCase()} in ${colour.toLowerCase()}, ${category.blurb}.`,
                    category: category.name,
                    priceE4: Math.round(price * 100) * 100,
                };
                list.push(product);
                products.push(product);
            }
        }
        // Sorted by price so that tiers can draw from the cheap or the expensive end.
        list.sort((a, b) => a.priceE4 - b.priceE4);
        byCategory.set(category.name, list);
    }
    const personaList = personas(rng);
    const customers = [];
    const orders = [];
    const reviews = [];
    const labels = new Map();
    const productById = new Map(products.map((p) => [p.externalId, p]));
    let orderNo = 100_000;
    let reviewNo = 1;
    for (let c = 0; c < customerCount; c++) {
        let r = rng.next();
        const persona = personaList.find((p) => (r -= p.share) < 0) ?? personaList[personaList.length - 1];
        const externalId = `C${String(c + 1).padStart(6, '0')}`;
        const [country, cities] = pickCountry(rng);
        const [w0, w1] = persona.window();
        const activeFrom = start + Math.max(0, w0) * HISTORY_DAYS * DAY;
        const activeTo = start + Math.min(1, w1) * HISTORY_DAYS * DAY;
        const first = rng.pick(FIRST_NAMES);
        const last = rng.pick(LAST_NAMES);
        customers.push({
            externalId,
            email: `${first}.${last}.${c + 1}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, ''),
            name: `${first} ${last}`,
            country,
            city: rng.pick(cities),
            gender: rng.pick(['female', 'male', 'female', 'male', 'non-binary']),
            birthYear: rng.int(1950, 2005),
            signupAt: new Date(activeFrom - rng.int(0, 30) * DAY),
            attributes: { newsletter: rng.chance(0.4), channel: rng.pick(['web', 'app', 'marketplace']) },
            groundTruthLabel: persona.label,
        });
        labels.set(externalId, persona.label);
        let t = activeFrom + rng.exponential(persona.gapDays / 2) * DAY;
        let step = rng.int(0, persona.categories.length - 1);
        const bought = [];
        while (t <= activeTo) {
            const when = new Date(t);
            if (!persona.months || persona.months.includes(when.getUTCMonth())) {
                const category = persona.cycle ? persona.categories[step++ % persona.categories.length] : rng.pick(persona.categories);
                const items = basket(rng, persona, byCategory.get(category), persona.cycle ? undefined : byCategory, persona.categories);
                const status = rng.chance(persona.returnRate) ? 'returned' : rng.chance(0.02) ? 'cancelled' : 'placed';
                orders.push({
                    externalId: `O${orderNo++}`,
                    customerExternalId: externalId,
                    placedAt: new Date(Math.round(t / 60_000) * 60_000),
                    status,
                    items: status === 'returned' ? items.map((i) => ({ ...i, quantity: -i.quantity, amountE4: -i.amountE4 })) : items,
                });
                if (status === 'placed')
                    for (const item of items)
                        bought.push(productById.get(item.productExternalId));
            }
            // Seasonal buyers are dense in season and skip ahead otherwise.
            t += Math.max(1, rng.exponential(persona.gapDays)) * DAY;
        }
        for (const product of new Set(bought)) {
            if (!rng.chance(persona.reviewRate))
                continue;
            const rating = persona.label === 'lapsed' ? rng.int(1, 3) : persona.label === 'bargain_hunter' ? rng.int(3, 4) : rng.int(4, 5);
            reviews.push({
                externalId: `R${reviewNo++}`,
                customerExternalId: externalId,
                productExternalId: product.externalId,
                rating,
                text: `${rng.pick(persona.reviewTone)} The ${product.title.toLowerCase()} ${rating >= 4 ? 'exceeded' : 'did not quite meet'} my expectations.`,
                reviewedAt: new Date(Math.min(end, activeTo + rng.int(1, 20) * DAY)),
            });
        }
    }
    return { customers, products, orders, items: [], reviews, personas: labels };
}
function pickCountry(rng) {
    let r = rng.next();
    for (const [country, cities, weight] of COUNTRIES)
        if ((r -= weight) < 0)
            return [country, cities];
    return [COUNTRIES[0][0], COUNTRIES[0][1]];
}
function basket(rng, persona, main, all, categories) {
    const count = Math.max(1, Math.round(rng.normal(persona.itemsPerOrder, 1)));
    const items = [];
    for (let line = 1; line <= count; line++) {
        // Cycling personas keep one category per order so that the sequence is the signal.
        const pool = all && rng.chance(0.3) ? all.get(rng.pick(categories)) : main;
        const third = Math.floor(pool.length / 3);
        const slice = persona.priceTier === 'low' ? pool.slice(0, third + 1) : persona.priceTier === 'high' ? pool.slice(pool.length - third - 1) : pool;
        const product = rng.pick(slice);
        const quantity = persona.priceTier === 'low' ? rng.int(1, 4) : rng.int(1, 2);
        // Bargain hunters pay sale prices.
        const unitPriceE4 = persona.priceTier === 'low' ? Math.round((product.priceE4 * 0.7) / 100) * 100 : product.priceE4;
        items.push({ lineNo: line, productExternalId: product.externalId, quantity, unitPriceE4, amountE4: quantity * unitPriceE4 });
    }
    return items;
}
//# sourceMappingURL=synthetic-shop.js.map