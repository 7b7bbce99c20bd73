"use strict";
/** The host's value-tier rule, shared by stored and live predictions and by the evaluation of value tiers. */
Object.defineProperty(exports, "__esModule", { value: true });
exports.shareBelow = shareBelow;
exports.tierOfPercentile = tierOfPercentile;
exports.valueTierCuts = valueTierCuts;
/** The share of an ascending array's values strictly below `x` (ties share the percentile of the first of them). */
function shareBelow(sorted, x) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return sorted.length ? lo / sorted.length : 0;
}
/** The host's value tier for a plugin without its own: top 20% of predicted value `high`, next 30% `mid`, the rest `low`. */
function tierOfPercentile(percentile) {
    return percentile >= 0.8 ? 'high' : percentile >= 0.5 ? 'mid' : 'low';
}
/**
 * The cuts of a plugin's own value tiers, from its training customers' predicted values (ascending): `high` from the
 * value at which the top `highShare` starts, `mid` from where the top `highShare + midShare` starts.
 */
function valueTierCuts(sorted, highShare, midShare) {
    const topShareFrom = (share) => (sorted.length === 0 ? Number.MAX_VALUE : sorted[sorted.length - Math.max(1, Math.round(sorted.length * share))]);
    const highFrom = topShareFrom(highShare);
    return { highFrom, midFrom: Math.min(highFrom, topShareFrom(highShare + midShare)) };
}
//# sourceMappingURL=value-tiers.js.map