import type { Warehouse } from './warehouse.js';

/** Which dates a table holds: paid orders by local paid date, daily facts by date, targets by month. */
export interface TableCoverage {
  table: 'orders' | 'traffic_daily' | 'marketing_spend' | 'targets';
  /** YYYY-MM-DD (targets: YYYY-MM); null when the table is empty. */
  from: string | null;
  to: string | null;
  rows: number;
}

// Paid orders by paid_date alone: it is set exactly when paid_at is (ingest computes it in the same
// transaction; refreshDerived keeps it), and one DATE column reads faster than two (36 -> 16 ms for
// the report's first query at 10.9 M lines).
const SOURCES: Array<{ table: TableCoverage['table']; column: string; where: string }> = [
  { table: 'orders', column: 'paid_date', where: 'WHERE paid_date IS NOT NULL' },
  { table: 'traffic_daily', column: 'date', where: '' },
  { table: 'marketing_spend', column: 'date', where: '' },
  { table: 'targets', column: 'period', where: '' },
];

/** Date coverage of the fact tables (metadata for report scopes and default periods, not metrics). */
export async function dataCoverage(wh: Warehouse): Promise<TableCoverage[]> {
  const out: TableCoverage[] = [];
  for (const s of SOURCES) {
    const col = wh.dialect.quoteIdent(s.column);
    const [r] = await wh.query(
      `SELECT CAST(min(${col}) AS VARCHAR) AS lo, CAST(max(${col}) AS VARCHAR) AS hi, count(*) AS n
       FROM ${wh.dialect.quoteIdent(s.table)} ${s.where}`,
    );
    out.push({
      table: s.table,
      from: r.lo === null ? null : String(r.lo),
      to: r.hi === null ? null : String(r.hi),
      rows: Number(r.n),
    });
  }
  return out;
}
