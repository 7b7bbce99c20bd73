/** Helpers for DataLoader batch functions: answers must come back in the order of the keys asked for. */

/** Rows in the order of `ids`, null where a row is missing. */
export function inIdOrder<T extends { id: number }>(ids: readonly number[], rows: T[]): Array<T | null> {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Rows grouped by `keyOf`, one (possibly empty) group per key, in the order of `keys`; rows keep their order. */
export function groupedByKey<T>(keys: readonly number[], rows: T[], keyOf: (row: T) => number): T[][] {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
