import { TABLE_NAMES, type TableName } from '../schema/tables.js';
import type { Warehouse } from './warehouse.js';

/** Row count of one canonical table and, for dated tables, the first and last local date in it. */
export interface TableStats {
  table: TableName;
  rows: number;
  /** YYYY-MM-DD (YYYY-MM for targets); null when the table is empty or has no date column. */
  from: string | null;
  to: string | null;
}

/** Whether a canonical table holds no row (reads one at most). */
export async function isEmpty(wh: Warehouse, table: TableName): Promise<boolean> {
  const [{ n }] = await wh.query(
    `SELECT count(*) AS n FROM (SELECT 1 FROM ${wh.dialect.quoteIdent(table)} LIMIT 1)`,
  );
  return Number(n) === 0;
}

/** The date column that places a table's rows in time (paid orders count on their paid date). */
const DATE_COLUMN: Partial<Record<TableName, string>> = {
  orders: 'paid_date',
  traffic_daily: 'date',
  marketing_spend: 'date',
  targets: 'period',
};

/**
 * What data the warehouse holds: rows per canonical table and the date range of the dated ones,
 * so surfaces can say which panels have data and default to the latest period.
 */
export async function tableStats(wh: Warehouse): Promise<TableStats[]> {
  const q = (n: string) => wh.dialect.quoteIdent(n);
  const parts = TABLE_NAMES.map((t) => {
    const col = DATE_COLUMN[t];
    const range = col
      ? `CAST(min(${q(col)}) AS VARCHAR) AS "from", CAST(max(${q(col)}) AS VARCHAR) AS "to"`
      : 'NULL AS "from", NULL AS "to"';
    return `SELECT '${t}' AS "table", count(*) AS "rows", ${range} FROM ${q(t)}`;
  });
  const rows = await wh.query(parts.join('\nUNION ALL\n'));
  const byName = new Map(rows.map((r) => [r.table as string, r]));
  return TABLE_NAMES.map((table) => {
    const r = byName.get(table);
    return {
      table,
      rows: Number(r?.rows ?? 0),
      from: (r?.from as string | null) ?? null,
      to: (r?.to as string | null) ?? null,
    };
  });
}
