import type { Param, Warehouse } from '../../warehouse/warehouse.js';
import { monthStart } from '../rfm/customers-as-of.js';
import { stateCase } from './state-case.js';
import type { TierThresholds } from './states.js';

/**
 * CTE definitions (without WITH) ending in `x` (s0, s1, spend0, spend1, returned, gmv): one row per
 * customer with a paid order before `end`, the states at the start of `from` and of `end` (both month
 * starts; s0 is null for a customer who first bought in [from, end)), the spend12 of each, and the GMV
 * paid in [from, end). The same rows as stateCte at both days and the period's buyers, from customer_months
 * alone, with one join instead of five.
 *
 * A customer's measures at a month start D come from the row valid at D (the latest month before D:
 * month < D ≤ next_month): last_paid_date, cohort_month and the running GMV; spend12 at D is the
 * running GMV at D less the one at D − 12 months. So four days matter: `from`, `end` and the two days
 * 12 months before them. Every customer has one row valid at `end` (b), which is also the row valid at
 * each earlier day on or after its month, if the customer had bought by then. Only the rows valid at an
 * earlier day and not at `end` are grouped by customer (a): customers who bought in [from, end) after
 * an earlier month, or in the 12 months before a day after an earlier month.
 */
export function monthStartStatesCte(
  wh: Warehouse,
  from: string,
  end: string,
  t: TierThresholds,
  params: Param[],
): string {
  const date = (v: string) => `CAST($${params.push(v)} AS DATE)`;
  const [w0, w1, d0, d1] = [monthStart(from, -12), monthStart(end, -12), from, end].map(date);
  const earlier = { w0, w1, d0 };
  // money stays DECIMAL(18,2) (a 64-bit integer), as in customer_months: wider sums and differences
  // would be 128-bit arithmetic on millions of rows
  const money = (e: string) => `CAST(${e} AS DECIMAL(18,2))`;
  const each = (f: (name: string, day: string) => string) =>
    Object.entries(earlier)
      .map(([name, day]) => f(name, day))
      .join(', ');
  const state = (day: string, last: string, spend12: string) =>
    stateCase(wh, day, t, params, { last, spend12, firstMonth: 'first_month' });
  return `b AS (
  SELECT customer_id, cohort_month, month, last_paid_date, cum_paid_gmv FROM customer_months
  WHERE month < ${d1} AND (next_month IS NULL OR next_month >= ${d1})
), a AS (
  SELECT customer_id, max(CASE WHEN month < ${d0} THEN last_paid_date END) AS last0,
    ${each((name, day) => `${money(`sum(CASE WHEN month < ${day} AND next_month >= ${day} THEN cum_paid_gmv ELSE 0 END)`)} AS ${name}`)}
  FROM customer_months
  WHERE next_month >= ${w0} AND next_month < ${d1}
    AND (${Object.values(earlier)
      .map((day) => `(month < ${day} AND next_month >= ${day})`)
      .join(' OR ')})
  GROUP BY customer_id
), c AS (
  SELECT b.cohort_month AS first_month, coalesce(CASE WHEN b.month < ${d0} THEN b.last_paid_date END, a.last0) AS last0,
    b.last_paid_date AS last1, b.cum_paid_gmv AS d1,
    ${each((name, day) => `${money(`CASE WHEN b.month < ${day} THEN b.cum_paid_gmv ELSE 0 END + coalesce(a.${name}, 0)`)} AS ${name}`)}
  FROM b LEFT JOIN a ON a.customer_id = b.customer_id
), m AS (
  SELECT first_month, last0, last1, ${money('d0 - w0')} AS spend0, ${money('d1 - w1')} AS spend1,
    ${money('d1 - d0')} AS gmv
  FROM c
), x AS (
  SELECT CASE WHEN last0 IS NOT NULL THEN ${state(from, 'last0', 'spend0')} END AS s0,
    ${state(end, 'last1', 'spend1')} AS s1, spend0, spend1, last1 >= ${d0} AS returned, gmv
  FROM m
)`;
}
