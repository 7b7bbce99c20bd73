/**
 * A counter bumped whenever shop data is written (imports, upserts, the demo seed), so that caches derived from the
 * data can tell they are stale. Several machines: every bump is announced (SHOP_REVISION) and other processes'
 * announcements bump it here too (`follow`); a CLI import is seen when the cache expires.
 */
export class DataVersion {
  private current = 0;

  constructor(private readonly announce?: () => void) {}

  get value(): number {
    return this.current;
  }

  bump(): void {
    this.current++;
    this.announce?.();
  }

  /** Another process wrote shop data: caches here are stale too. */
  follow(): void {
    this.current++;
  }
}
