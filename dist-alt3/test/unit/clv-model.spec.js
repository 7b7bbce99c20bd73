"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const bg_nbd_1 = require("../../plugins/clv/bg-nbd");
const gamma_gamma_1 = require("../../plugins/clv/gamma-gamma");
const simulate_1 = require("../../plugins/clv/simulate");
const summaries_1 = require("../../plugins/clv/summaries");
const special_functions_1 = require("../../plugins/clv/special-functions");
// Published values (Fader, Hardie & Lee 2005; Fader & Hardie 2013) used as the truth of the simulation.
const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG = { p: 6.25, q: 3.74, gamma: 15.44 };
describe('special functions', () => {
    it('logGamma matches known values', () => {
        expect((0, special_functions_1.logGamma)(1)).toBeCloseTo(0, 14);
        expect((0, special_functions_1.logGamma)(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
        expect((0, special_functions_1.logGamma)(10)).toBeCloseTo(Math.log(362_880), 12);
        expect((0, special_functions_1.logGamma)(171.5)).toBeCloseTo(709.1431630309282, 9); // math.lgamma(171.5)
        expect((0, special_functions_1.logGamma)(1e-3)).toBeCloseTo(6.907178885383854, 12);
    });
    it('digamma is the derivative of logGamma', () => {
        expect((0, special_functions_1.digamma)(1)).toBeCloseTo(-0.5772156649015329, 13);
        for (const x of [0.01, 0.3, 2.5, 7, 150])
            expect((0, special_functions_1.digamma)(x)).toBeCloseTo(((0, special_functions_1.logGamma)(x + 1e-6) - (0, special_functions_1.logGamma)(x - 1e-6)) / 2e-6, 5);
    });
    it('hyp2f1 matches closed forms', () => {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z; 2F1(a, b; b; z) = (1 - z)^-a
        expect((0, special_functions_1.hyp2f1)(1, 1, 2, 0.7)).toBeCloseTo(-Math.log(0.3) / 0.7, 12);
        expect((0, special_functions_1.hyp2f1)(2.5, 3, 3, 0.4)).toBeCloseTo(Math.pow(0.6, -2.5), 12);
        expect(() => (0, special_functions_1.hyp2f1)(1, 1, 2, 1)).toThrow(RangeError);
    });
});
describe('BG/NBD and Gamma-Gamma', () => {
    it('recover the parameters customers were simulated from (50,000 customers, within 6%)', () => {
        const sim = (0, simulate_1.simulateCustomers)(50_000, BG, GG, { seed: 7, minT: 26, maxT: 39 });
        const fit = (0, bg_nbd_1.fitBgNbd)({ x: sim.x, tx: sim.tx, T: sim.T });
        expect(fit.converged).toBe(true);
        for (const key of ['r', 'alpha', 'a', 'b'])
            expect(Math.abs(fit.params[key] / BG[key] - 1)).toBeLessThan(0.06);
        // The maximum is a maximum: the truth and nearby points are less likely.
        expect(fit.logLikelihood).toBeGreaterThan((0, bg_nbd_1.bgNbdLogLikelihood)({ x: sim.x, tx: sim.tx, T: sim.T }, BG));
        expect(fit.logLikelihood).toBeGreaterThan((0, bg_nbd_1.bgNbdLogLikelihood)({ x: sim.x, tx: sim.tx, T: sim.T }, { ...fit.params, r: fit.params.r * 1.01 }));
        const gg = (0, gamma_gamma_1.fitGammaGamma)(sim.x, sim.m);
        expect(gg.converged).toBe(true);
        expect(gg.customers).toBe(sim.x.filter((x) => x > 0).length);
        for (const key of ['p', 'q', 'gamma'])
            expect(Math.abs(gg.params[key] / GG[key] - 1)).toBeLessThan(0.06);
    });
    it('analytic gradients match central differences of the log-likelihoods', () => {
        const sim = (0, simulate_1.simulateCustomers)(2_000, BG, GG, { seed: 3, minT: 20, maxT: 39 });
        const data = { x: sim.x, tx: sim.tx, T: sim.T };
        const at = { r: 0.4, alpha: 3, a: 1.2, b: 1.7 };
        const { value, gradient } = (0, bg_nbd_1.bgNbdLogLikelihoodGradient)(data, at);
        expect(value).toBeCloseTo((0, bg_nbd_1.bgNbdLogLikelihood)(data, at), 8);
        const keys = ['r', 'alpha', 'a', 'b'];
        keys.forEach((key, i) => {
            const h = 1e-6;
            const up = (0, bg_nbd_1.bgNbdLogLikelihood)(data, { ...at, [key]: at[key] * Math.exp(h) });
            const down = (0, bg_nbd_1.bgNbdLogLikelihood)(data, { ...at, [key]: at[key] * Math.exp(-h) });
            expect(gradient[i]).toBeCloseTo((up - down) / (2 * h), 2);
        });
        const gAt = { p: 4, q: 5, gamma: 10 };
        const gg = (0, gamma_gamma_1.gammaGammaLogLikelihoodGradient)(sim.x, sim.m, gAt);
        expect(gg.value).toBeCloseTo((0, gamma_gamma_1.gammaGammaLogLikelihood)(sim.x, sim.m, gAt), 8);
        ['p', 'q', 'gamma'].forEach((key, i) => {
            const h = 1e-6;
            const up = (0, gamma_gamma_1.gammaGammaLogLikelihood)(sim.x, sim.m, { ...gAt, [key]: gAt[key] * Math.exp(h) });
            const down = (0, gamma_gamma_1.gammaGammaLogLikelihood)(sim.x, sim.m, { ...gAt, [key]: gAt[key] * Math.exp(-h) });
            expect(gg.gradient[i]).toBeCloseTo((up - down) / (2 * h), 2);
        });
    });
    it('predicts what the paper states for its example customers', () => {
        // FHL 2005, a customer with x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in the next 39
        // weeks under the paper's parameters: 1.226 in Hardie's spreadsheet (lifetimes tests the same figure).
        expect((0, bg_nbd_1.expectedPurchases)(BG, 2, 30.43, 38.86, 39)).toBeCloseTo(1.226, 3);
        // No repeat purchase: alive for sure (dropout follows a purchase), still a positive expectation.
        expect((0, bg_nbd_1.probabilityAlive)(BG, 0, 0, 38.86)).toBe(1);
        expect((0, bg_nbd_1.expectedPurchases)(BG, 0, 0, 38.86, 39)).toBeGreaterThan(0);
        // A frequent buyer who stopped long ago is probably gone; one who bought last week probably is not.
        expect((0, bg_nbd_1.probabilityAlive)(BG, 10, 5, 38.86)).toBeLessThan(0.1);
        expect((0, bg_nbd_1.probabilityAlive)(BG, 10, 38, 38.86)).toBeGreaterThan(0.9);
        // P(a purchase in t) grows with t, never above P(alive).
        const p13 = (0, bg_nbd_1.probabilityOfPurchase)(BG, 10, 38, 38.86, 13);
        const p52 = (0, bg_nbd_1.probabilityOfPurchase)(BG, 10, 38, 38.86, 52);
        expect(p13).toBeLessThan(p52);
        expect(p52).toBeLessThan((0, bg_nbd_1.probabilityAlive)(BG, 10, 38, 38.86));
        // The median time to the next purchase: P(purchase within it) is one half.
        const median = (0, bg_nbd_1.medianTimeToNextPurchase)(BG, 10, 38, 38.86);
        expect((0, bg_nbd_1.probabilityOfPurchase)(BG, 10, 38, 38.86, median)).toBeCloseTo(0.5, 10);
        expect((0, bg_nbd_1.medianTimeToNextPurchase)(BG, 10, 5, 38.86)).toBeNull();
    });
    it('Gamma-Gamma shrinks a customer\'s mean toward the population mean, less so with more purchases', () => {
        const population = (GG.p * GG.gamma) / (GG.q - 1);
        expect((0, gamma_gamma_1.expectedSpendPerPurchase)(GG, 0, 0)).toBeCloseTo(population, 10);
        const one = (0, gamma_gamma_1.expectedSpendPerPurchase)(GG, 1, 100);
        const ten = (0, gamma_gamma_1.expectedSpendPerPurchase)(GG, 10, 100);
        expect(one).toBeGreaterThan(population);
        expect(one).toBeLessThan(ten);
        expect(ten).toBeLessThan(100);
    });
    it('summarises purchase days up to asOf, counting asOf\'s own day when asOf is not a midnight', () => {
        // One customer: lines on day 10 (two), day 15 and day 20 (a free order), with amounts.
        const sequences = { offsets: Int32Array.from([0, 4]), productIds: new Int32Array(4), days: Float64Array.from([10.2, 10.7, 15.5, 20.25]), quantities: new Float32Array(4), amounts: Float32Array.from([5, 7, 30, 0]) };
        const midday = (0, summaries_1.summarise)(sequences, 20.5); // asOf at noon of day 20: the morning's purchase counts
        expect([midday.x[0], midday.txDays[0], midday.TDays[0], midday.meanRepeatValue[0]]).toEqual([2, 10, 10, 15]);
        const midnight = (0, summaries_1.summarise)(sequences, 20); // asOf at day 20's midnight: the last day with data is day 19
        expect([midnight.x[0], midnight.txDays[0], midnight.TDays[0], midnight.meanRepeatValue[0]]).toEqual([1, 5, 9, 30]);
    });
    it('refuses histories that are not histories', () => {
        expect(() => (0, bg_nbd_1.fitBgNbd)({ x: [1], tx: [0], T: [10] })).toThrow(/not a purchase history/);
        expect(() => (0, bg_nbd_1.fitBgNbd)({ x: [1.5], tx: [2], T: [10] })).toThrow(/not a purchase history/);
        expect(() => (0, bg_nbd_1.fitBgNbd)({ x: [1], tx: [12], T: [10] })).toThrow(/not a purchase history/);
    });
});
//# sourceMappingURL=clv-model.spec.js.map