import type { Warehouse } from '../warehouse/warehouse.js';
import { addDays, monthPeriod } from './period.js';
import { agg, col, select, table } from './sql/ast.js';
import { printSql } from './sql/print.js';
import type { Period } from './types.js';

/** First and last paid date in the warehouse (store zone), or null when there is no paid order. */
export async function paidDateRange(wh: Warehouse): Promise<Period | null> {
  const paid = col('o', 'paid_date');
  const { sql, params } = printSql(
    select({
      columns: [
        { expr: agg('min', paid), as: 'from' },
        { expr: agg('max', paid), as: 'to' },
      ],
      from: table('orders', 'o'),
    }),
    wh.dialect,
  );
  const [row] = await wh.query(sql, params);
  if (!row || row.from === null || row.to === null) return null;
  return { from: String(row.from), to: String(row.to) };
}

/**
 * The latest complete month of paid orders: the month of the last paid date when that date is the
 * month's last day, else the month before (unless the data starts after it). Null without data.
 */
export async function latestCompleteMonth(wh: Warehouse): Promise<string | null> {
  const range = await paidDateRange(wh);
  if (!range) return null;
  const month = range.to.slice(0, 7);
  if (addDays(range.to, 1).slice(0, 7) !== month) return month;
  const before = addDays(`${month}-01`, -1).slice(0, 7);
  return range.from <= monthPeriod(before).to ? before : month;
}
