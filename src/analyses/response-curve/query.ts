import { query } from '../../metrics/index.js';
import type { Period } from '../../metrics/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';

/** Days of recent history the value of a new buyer is averaged over. */
export const VALUE_DAYS = 91;

/**
 * New buyers per acquisition channel and day (customers whose first paid order falls on the day, by
 * the channel of that order): an aggregate of customer_facts alone, with no scan of the orders.
 */
export async function newBuyersByDay(
  wh: Warehouse,
  period: Period,
): Promise<Array<{ channel: string; day: string; buyers: number }>> {
  const rows = await wh.query(
    `SELECT coalesce(first_channel, '') AS channel, CAST(first_paid_date AS VARCHAR) AS day, count(*) AS buyers
       FROM customer_facts
      WHERE first_paid_date >= CAST($1 AS DATE) AND first_paid_date <= CAST($2 AS DATE)
      GROUP BY 1, 2`,
    [period.from, period.to],
  );
  return rows.map((r) => ({ channel: String(r.channel), day: String(r.day), buyers: Number(r.buyers) }));
}

/**
 * GMV per new buyer on their first day, per channel, over `period` (the recent weeks the value of one
 * more new buyer is taken from): orders paid in the period on their buyer's first paid day.
 */
export async function newBuyerValue(wh: Warehouse, period: Period): Promise<Map<string, number>> {
  const rows = await wh.query(
    `SELECT coalesce(o.channel, '') AS channel, sum(o.paid_total) AS gmv, count(DISTINCT o.customer_id) AS buyers
       FROM orders o
       JOIN customer_facts f ON f.customer_id = o.customer_id AND f.first_paid_date = o.paid_date
      WHERE o.paid_date >= CAST($1 AS DATE) AND o.paid_date <= CAST($2 AS DATE)
      GROUP BY 1`,
    [period.from, period.to],
  );
  return new Map(
    rows.map((r) => [String(r.channel), Number(r.buyers) > 0 ? Number(r.gmv) / Number(r.buyers) : 0]),
  );
}

/** Spend per channel and day through the metric layer. */
export async function spendByDay(
  wh: Warehouse,
  period: Period,
  weekStart: 1 | 7,
): Promise<Array<{ channel: string; day: string; spend: number }>> {
  const { rows } = await query(
    wh,
    { metrics: ['spend'], dimensions: ['channel', 'day'], period },
    { weekStart },
  );
  return rows.map((r) => ({
    channel: String(r.channel ?? ''),
    day: String(r.day),
    spend: Number(r.spend ?? 0),
  }));
}
