import { AsyncLocalStorage } from 'node:async_hooks';
import { writeFileSync } from 'node:fs';
import type { Param, Row, Warehouse } from '../warehouse/warehouse.js';

/** One query as the profile saw it. */
export interface ProfiledQuery {
  section: string;
  ms: number;
  rows: number;
  /** The statement's first characters, whitespace collapsed. */
  sql: string;
  /** The whole statement and its parameters (written out by `FUPAN_PROFILE_SQL=<file>`). */
  full: { sql: string; params?: Param[] };
}

/**
 * Where report time goes: wall time per section and per query, with row counts. Sections may run
 * concurrently; each query is charged to the section it ran in (async context, not a global "current
 * section"). Costs one clock read per query; printed to stderr only when asked (`--profile`,
 * `FUPAN_PROFILE=1`).
 */
export class ReportProfile {
  private readonly context = new AsyncLocalStorage<string>();
  private readonly t0 = performance.now();
  /**
   * Per section, in the order they started: wall time, the process's CPU time meanwhile (all threads,
   * the engine's included: steadier than wall time on a busy machine), and its peak resident memory
   * when the section ended (KiB, ru_maxrss).
   */
  readonly sections: Array<{ name: string; ms: number; cpuMs: number; peakRssKiB: number }> = [];
  readonly queries: ProfiledQuery[] = [];

  /** Runs fn as the named section, timing it. */
  async section<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const entry = { name, ms: 0, cpuMs: 0, peakRssKiB: 0 };
    this.sections.push(entry);
    try {
      return await this.context.run(name, fn);
    } finally {
      const used = process.cpuUsage(cpu);
      entry.ms = performance.now() - start;
      entry.cpuMs = (used.user + used.system) / 1000;
      entry.peakRssKiB = process.resourceUsage().maxRSS;
    }
  }

  /** A view of the warehouse whose queries are timed and charged to the running section. */
  warehouse(wh: Warehouse): Warehouse {
    const timed =
      (method: 'query' | 'run') =>
      async (sql: string, params?: Param[]): Promise<Row[] | number> => {
        const start = performance.now();
        const out = await wh[method](sql, params);
        this.queries.push({
          section: this.context.getStore() ?? '-',
          ms: performance.now() - start,
          rows: Array.isArray(out) ? out.length : out,
          sql: sql.replace(/\s+/g, ' ').trim().slice(0, 160),
          full: { sql, params },
        });
        return out;
      };
    const query = timed('query');
    const run = timed('run');
    return new Proxy(wh, {
      get(target, prop) {
        if (prop === 'query') return query;
        if (prop === 'run') return run;
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  }

  /** Every statement with its section, time, row count and parameters, one JSON object a line. */
  writeStatements(file: string): void {
    const lines = this.queries.map((q) =>
      JSON.stringify({ section: q.section, ms: Math.round(q.ms), rows: q.rows, ...q.full }, (_k, v) =>
        typeof v === 'bigint' ? String(v) : v,
      ),
    );
    writeFileSync(file, `${lines.join('\n')}\n`);
  }

  /** Sections in the order they started (some overlap), then the slowest queries. */
  format(topQueries = 25): string {
    const ms = (v: number) => `${(v / 1000).toFixed(3)} s`.padStart(9);
    const cpu = process.cpuUsage();
    const lines = [
      `report profile: ${ms(performance.now() - this.t0)} in all, cpu ${ms((cpu.user + cpu.system) / 1000)} since start`,
    ];
    for (const s of this.sections) {
      const qs = this.queries.filter((q) => q.section === s.name);
      const inQueries = qs.reduce((a, q) => a + q.ms, 0);
      const rows = qs.reduce((a, q) => a + q.rows, 0);
      lines.push(
        `  ${s.name.padEnd(22)}${ms(s.ms)}  cpu ${ms(s.cpuMs)}  ${String(qs.length).padStart(3)} queries ` +
          `${ms(inQueries)}  ${String(rows).padStart(7)} rows  peak RSS ${(s.peakRssKiB / 1024).toFixed(0)} MiB`,
      );
    }
    lines.push(`  slowest queries:`);
    for (const q of [...this.queries].sort((a, b) => b.ms - a.ms).slice(0, topQueries)) {
      lines.push(`  ${ms(q.ms)} ${String(q.rows).padStart(7)} rows  [${q.section}] ${q.sql}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
