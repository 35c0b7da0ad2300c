/**
 * Answers by request key, valid until the data changes (an import through the server bumps
 * `version`). Identical requests in flight share one computation; the oldest entries go first when
 * the cache is full. Failures are not kept.
 */
export class ResultCache<T> {
  private entries = new Map<string, Promise<T>>();
  private version = 0;

  constructor(private readonly maxEntries = 500) {}

  get dataVersion(): number {
    return this.version;
  }

  async get(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      // refresh recency
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const version = this.version;
    const p = compute();
    this.entries.set(key, p);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    p.catch(() => {
      if (this.entries.get(key) === p) this.entries.delete(key);
    });
    const value = await p;
    if (version !== this.version && this.entries.get(key) === p) this.entries.delete(key);
    return value;
  }

  /** The data changed: forget everything. */
  invalidate(): void {
    this.version++;
    this.entries.clear();
  }
}
