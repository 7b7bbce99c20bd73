/** Number formats the console shares. */
export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
export const num = (x: number, digits = 2) => (Number.isInteger(x) ? x.toLocaleString('en') : x.toLocaleString('en', { maximumFractionDigits: digits }));
export const money = (x: number) => x.toLocaleString('en', { maximumFractionDigits: 0 });
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
