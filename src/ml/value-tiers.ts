/** The host's value-tier rule, shared by stored and live predictions and by the evaluation of value tiers. */

export type HostValueTier = 'high' | 'mid' | 'low';

/** The share of an ascending array's values strictly below `x` (ties share the percentile of the first of them). */
export function shareBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length ? lo / sorted.length : 0;
}

/** The host's value tier for a plugin without its own: top 20% of predicted value `high`, next 30% `mid`, the rest `low`. */
export function tierOfPercentile(percentile: number): HostValueTier {
  return percentile >= 0.8 ? 'high' : percentile >= 0.5 ? 'mid' : 'low';
}
