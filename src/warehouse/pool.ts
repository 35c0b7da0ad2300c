import { FupanError } from '../errors.js';
import type { Warehouse } from './warehouse.js';

/**
 * A few connections to one database instance, handed out one caller at a time. A DuckDB connection
 * must not run two queries at once; a pool lets a server answer concurrent requests in parallel
 * (DuckDB's MVCC keeps readers consistent while an import commits on the owner connection).
 */
export class WarehousePool {
  private readonly idle: Warehouse[];
  private readonly waiting: Array<(wh: Warehouse) => void> = [];
  private closed = false;

  private constructor(
    private readonly forks: Warehouse[],
    /** The connection that opened the file; used for writes, never handed out by `use`. */
    readonly owner: Warehouse,
  ) {
    this.idle = [...forks];
  }

  /** Opens `size` extra connections on the owner's instance. */
  static async create(owner: Warehouse, size = 2): Promise<WarehousePool> {
    const forks: Warehouse[] = [];
    for (let i = 0; i < Math.max(1, size); i++) forks.push(await owner.fork());
    return new WarehousePool(forks, owner);
  }

  get size(): number {
    return this.forks.length;
  }

  /** Runs fn with a connection of its own; waits (first come, first served) when all are busy. */
  async use<T>(fn: (wh: Warehouse) => Promise<T>): Promise<T> {
    if (this.closed)
      throw new FupanError('DB_OPEN_FAILED', 'the database is closing (the server is shutting down)');
    const wh = this.idle.pop() ?? (await new Promise<Warehouse>((res) => this.waiting.push(res)));
    try {
      return await fn(wh);
    } finally {
      const next = this.waiting.shift();
      if (next) next(wh);
      else {
        this.idle.push(wh);
        if (this.idle.length === this.forks.length) for (const res of this.drained.splice(0)) res();
      }
    }
  }

  /**
   * Closes the extra connections (the owner stays open: whoever opened it closes it). Work already
   * running or queued finishes first; new work is refused.
   */
  async close(): Promise<void> {
    this.closed = true;
    while (this.idle.length < this.forks.length || this.waiting.length > 0) {
      await new Promise<void>((res) => this.drained.push(res));
    }
    for (const wh of this.forks) wh.close();
  }

  private drained: Array<() => void> = [];
}
