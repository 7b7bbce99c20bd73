/**
 * A counter bumped whenever this process writes shop data (imports, upserts, the demo seed), so that caches derived
 * from the data can tell they are stale. Writes by another process (a CLI import) are seen when the cache expires.
 */
export class DataVersion {
  private current = 0;

  get value(): number {
    return this.current;
  }

  bump(): void {
    this.current++;
  }
}
