import type { CalendarEvent } from '../../config/calendar.js';
import { query } from '../../metrics/index.js';
import type { MetricRow, Period } from '../../metrics/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';

/** The daily KPIs checked (plus spend, to tell a campaign-driven GMV day). */
export const DAILY_METRICS = ['gmv', 'orders', 'buyers', 'visitors', 'conversion', 'atv', 'spend'] as const;

/** The KPIs by day over a period: one grouped query through the metric layer. */
export async function dailyKpis(wh: Warehouse, period: Period, weekStart: 1 | 7): Promise<MetricRow[]> {
  const { rows } = await query(
    wh,
    { metrics: [...DAILY_METRICS], dimensions: ['day'], period },
    { weekStart },
  );
  return rows;
}

/**
 * Campaigns from the data: marketing_spend campaign ids that overlap the period and run at most
 * `maxDays` days over the whole table (an always-on id is not a campaign). One small aggregate.
 */
export async function spendCampaigns(
  wh: Warehouse,
  period: Period,
  maxDays: number,
): Promise<CalendarEvent[]> {
  const rows = await wh.query(
    `SELECT campaign_id AS id, CAST(min(date) AS VARCHAR) AS from_date, CAST(max(date) AS VARCHAR) AS to_date
       FROM marketing_spend
      WHERE campaign_id IS NOT NULL AND campaign_id <> ''
      GROUP BY campaign_id
     HAVING max(date) >= CAST($1 AS DATE) AND min(date) <= CAST($2 AS DATE)
        AND date_diff('day', min(date), max(date)) < $3
      ORDER BY min(date), campaign_id`,
    [period.from, period.to, maxDays],
  );
  return rows.map((r) => ({
    name: String(r.id),
    kind: 'campaign',
    from: String(r.from_date),
    to: String(r.to_date),
  }));
}

/** Order dimensions a day's orders, buyers and GMV are split by (one query, rolled up in TypeScript). */
export const ORDER_CUBE = ['channel', 'device', 'customer_type'] as const;
/** Traffic dimensions (visitors). */
export const TRAFFIC_CUBE = ['channel', 'device'] as const;
/** Line dimensions of GMV (composition) and the SKU check (stock-outs). */
export const LINE_CUBE = ['sku', 'price_band'] as const;

/**
 * The rows a cause search needs over a period, by day: orders, buyers and GMV by channel × device ×
 * customer type; visitors by channel × device; line GMV and units by SKU × price band. Three
 * grouped queries through the metric layer; `lines: false` leaves the line query out.
 */
export async function causeCubes(
  wh: Warehouse,
  period: Period,
  weekStart: 1 | 7,
  opts: { orders: boolean; traffic: boolean; lines: boolean },
): Promise<{ orders: MetricRow[]; traffic: MetricRow[]; lines: MetricRow[] }> {
  const run = async (on: boolean, metrics: string[], dims: readonly string[]) =>
    on ? (await query(wh, { metrics, dimensions: ['day', ...dims], period }, { weekStart })).rows : [];
  return {
    orders: await run(opts.orders, ['gmv', 'orders', 'buyers'], ORDER_CUBE),
    traffic: await run(opts.traffic, ['visitors'], TRAFFIC_CUBE),
    lines: await run(opts.lines, ['gmv', 'units'], LINE_CUBE),
  };
}
