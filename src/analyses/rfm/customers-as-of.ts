import { hasCustomerMonths } from '../../warehouse/derived.js';
import type { Param, Warehouse } from '../../warehouse/warehouse.js';

/**
 * Where the per-customer measures come from: `months` reads the derived customer_months (schema
 * version 2, docs/data-model.md) and orders of the as-of day's month only; `orders` aggregates all
 * orders (a database opened read-only before its migration). Both give the same rows.
 */
export type CustomerSource = 'months' | 'orders';

export async function customerSource(wh: Warehouse): Promise<CustomerSource> {
  return (await hasCustomerMonths(wh)) ? 'months' : 'orders';
}

/** The first day of the month of a YYYY-MM-DD day, shifted by `months`. */
export function monthStart(day: string, months = 0): string {
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10);
}

/** The day before a YYYY-MM-DD day. */
function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * CTE definitions (without WITH) ending in `<name>`: one row per customer with a paid order before
 * `asOf` (paid_date < asOf): customer_id, first_month (month of the first paid order), last_day (last
 * paid date), frequency (paid orders), monetary (Σ paid_total) and, with `spend12`, spend12: Σ
 * paid_total of the 12 calendar months up to the day before asOf.
 *
 * From customer_months the state at the start of asOf's month is one row per customer (the latest
 * month before it, picked by next_month: no GROUP BY), its running totals; orders of asOf's month
 * before asOf are added. spend12 subtracts the running GMV at the start of the 12-month window.
 */
export function customersAsOfCte(
  wh: Warehouse,
  asOf: string,
  params: Param[],
  name: string,
  o: { source: CustomerSource; spend12?: boolean },
): string {
  const d = wh.dialect;
  const date = (v: string) => `CAST($${params.push(v)} AS DATE)`;
  if (o.source === 'orders') {
    const day = date(asOf);
    const spend = o.spend12
      ? `, sum(CASE WHEN ${d.monthsBetween('paid_date', date(previousDay(asOf)))} <= 11 THEN paid_total ELSE 0 END) AS spend12`
      : '';
    return `${name} AS (
  SELECT customer_id, ${d.dateTrunc('month', 'min(paid_date)', 1)} AS first_month, max(paid_date) AS last_day,
    count(*) AS frequency, sum(paid_total) AS monetary${spend}
  FROM orders WHERE paid_at IS NOT NULL AND paid_date < ${day}
  GROUP BY customer_id
)`;
  }
  const m0 = monthStart(asOf);
  const start = date(m0);
  const stateAt = (at: string) =>
    `FROM customer_months WHERE month < ${at} AND (next_month IS NULL OR next_month >= ${at})`;
  const ctes = [
    `${name}_b AS (
  SELECT customer_id, cohort_month, last_paid_date, cum_paid_orders, cum_paid_gmv ${stateAt(start)}
)`,
  ];
  let before = `${name}_b`;
  let spend = '';
  if (o.spend12) {
    const windowStart = date(monthStart(previousDay(asOf), -11));
    ctes.push(`${name}_w AS (SELECT customer_id, cum_paid_gmv ${stateAt(windowStart)})`);
    ctes.push(`${name}_bw AS (
  SELECT b.*, b.cum_paid_gmv - coalesce(w.cum_paid_gmv, 0) AS spend12
  FROM ${name}_b b LEFT JOIN ${name}_w w ON w.customer_id = b.customer_id
)`);
    before = `${name}_bw`;
    spend = ', spend12';
  }
  if (m0 === asOf) {
    ctes.push(`${name} AS (
  SELECT customer_id, cohort_month AS first_month, last_paid_date AS last_day, cum_paid_orders AS frequency,
    cum_paid_gmv AS monetary${spend}
  FROM ${before}
)`);
    return ctes.join(', ');
  }
  ctes.push(`${name}_p AS (
  SELECT customer_id, max(paid_date) AS last_day, count(*) AS frequency, sum(paid_total) AS monetary
  FROM orders WHERE paid_at IS NOT NULL AND paid_date >= ${start} AND paid_date < ${date(asOf)}
  GROUP BY customer_id
)`);
  ctes.push(`${name} AS (
  SELECT coalesce(b.customer_id, p.customer_id) AS customer_id, coalesce(b.cohort_month, ${start}) AS first_month,
    coalesce(p.last_day, b.last_paid_date) AS last_day,
    coalesce(b.cum_paid_orders, 0) + coalesce(p.frequency, 0) AS frequency,
    coalesce(b.cum_paid_gmv, 0) + coalesce(p.monetary, 0) AS monetary${
      o.spend12 ? ', coalesce(b.spend12, 0) + coalesce(p.monetary, 0) AS spend12' : ''
    }
  FROM ${before} b FULL JOIN ${name}_p p ON p.customer_id = b.customer_id
)`);
  return ctes.join(', ');
}
