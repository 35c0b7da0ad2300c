import type { Param, Warehouse } from '../../warehouse/warehouse.js';
import { type CustomerSource, customerSource, monthStart } from '../rfm/customers-as-of.js';

/**
 * Cohort inputs, aggregated in the database: a customer's cohort is the period (month or week, store
 * time zone) of the first paid order ever (customer_facts.first_paid_date); a customer is active in a
 * period with at least one paid order in it. One customer × period pre-aggregate feeds the cells.
 */
export type CohortGrain = 'month' | 'week';

/** How cohorts may be split: the customer's acquisition channel (customers.acquisition_channel,
 * else the channel of the first paid order) or the campaign of the first paid order. */
export type CohortSplit = 'channel' | 'campaign';

export interface CohortQuery {
  grain?: CohortGrain;
  /** First and last cohort (YYYY-MM-DD; the periods containing them). */
  from?: string;
  to?: string;
  /** Only orders paid on or before this day count (default: all). */
  asOf?: string;
  split?: CohortSplit;
  weekStart?: 1 | 7;
}

export interface CohortCellRow {
  cohort: string;
  /** The split's value ('' without a split; '(none)' when unknown). */
  segment: string;
  offset: number;
  customers: number;
  gmv: number;
}

function cohortSource(wh: Warehouse, split: CohortSplit | undefined): string {
  const d = wh.dialect;
  if (split === 'campaign') {
    return `(SELECT customer_id, min(paid_date) AS first_day,
      coalesce(${d.argMin('campaign_id', 'paid_at')}, '(none)') AS segment
    FROM orders WHERE paid_at IS NOT NULL GROUP BY customer_id)`;
  }
  if (split === 'channel') {
    return `(SELECT f.customer_id, f.first_paid_date AS first_day,
      coalesce(c.acquisition_channel, f.first_channel, '(none)') AS segment
    FROM customer_facts f LEFT JOIN customers c ON c.customer_id = f.customer_id)`;
  }
  return `(SELECT customer_id, first_paid_date AS first_day, '' AS segment FROM customer_facts)`;
}

/** The label of a period index: months since 1970-01 → YYYY-MM; days since 1970-01-01 → YYYY-MM-DD. */
function indexLabel(grain: CohortGrain, index: number): string {
  if (grain === 'week') return new Date(index * 86_400_000).toISOString().slice(0, 10);
  return `${Math.floor(index / 12) + 1970}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * Active customers and GMV per cohort × offset (× split), cells with active customers only.
 * Periods are integers (months since 1970-01, or the day number of the week's first day) so that the
 * millions of customer × period rows carry no dates or strings; labels are made from the ≤ a few
 * hundred cells in TypeScript.
 */
export async function cohortCells(wh: Warehouse, q: CohortQuery = {}): Promise<CohortCellRow[]> {
  const grain = q.grain ?? 'month';
  const rows =
    grain === 'month' && (await customerSource(wh)) === 'months'
      ? await monthCellsFromCustomerMonths(wh, q)
      : await cellsFromOrders(wh, q);
  return rows.map((r) => ({
    cohort: indexLabel(grain, Number(r.cohort)),
    segment: String(r.segment),
    offset: Number(r.k),
    customers: Number(r.customers),
    gmv: Number(r.gmv),
  }));
}

/**
 * Monthly cells from customer_months: a customer's rows already carry the cohort month, so without a
 * split the cells are one GROUP BY of the table (no join). With an as-of day inside a month, that
 * month's orders up to it replace its row.
 */
async function monthCellsFromCustomerMonths(wh: Warehouse, q: CohortQuery) {
  const d = wh.dialect;
  const params: Param[] = [];
  const p = (v: string) => `CAST($${params.push(v)} AS DATE)`;
  const epoch = "CAST('1970-01-01' AS DATE)";
  const cols = 'customer_id, cohort_month, month, paid_gmv AS gmv';
  let a = `SELECT ${cols} FROM customer_months`;
  if (q.asOf) {
    const m0 = monthStart(q.asOf);
    const next = monthStart(q.asOf, 1);
    const isMonthEnd =
      new Date(Date.parse(`${q.asOf}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) === next;
    if (isMonthEnd) a += ` WHERE month < ${p(next)}`;
    else {
      const start = p(m0);
      a += ` WHERE month < ${start}
  UNION ALL
  SELECT o.customer_id, c.cohort_month, c.month, sum(o.paid_total) AS gmv
  FROM orders o JOIN customer_months c ON c.customer_id = o.customer_id AND c.month = ${start}
  WHERE o.paid_at IS NOT NULL AND o.paid_date >= ${start} AND o.paid_date <= ${p(q.asOf)}
  GROUP BY o.customer_id, c.cohort_month, c.month`;
    }
  }
  const cohort = d.monthsBetween(epoch, 'a.cohort_month');
  const where = [
    ...(q.from ? [`${cohort} >= ${d.monthsBetween(epoch, p(q.from))}`] : []),
    ...(q.to ? [`${cohort} <= ${d.monthsBetween(epoch, p(q.to))}`] : []),
  ];
  const join = q.split ? `JOIN ${cohortSource(wh, q.split)} s ON s.customer_id = a.customer_id` : '';
  return wh.query(
    `SELECT ${cohort} AS cohort, ${q.split ? 's.segment' : "''"} AS segment,
  ${d.monthsBetween('a.cohort_month', 'a.month')} AS k, count(*) AS customers, ${d.moneySum('a.gmv')} AS gmv
FROM (${a}) a ${join}
${where.length ? `WHERE ${where.join(' AND ')}` : ''}
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3`,
    params,
  );
}

/** Cells from orders (weekly cohorts, or a database without customer_months). */
async function cellsFromOrders(wh: Warehouse, q: CohortQuery) {
  const d = wh.dialect;
  const grain = q.grain ?? 'month';
  const ws = q.weekStart ?? 1;
  const params: Param[] = [];
  const p = (v: string) => `CAST($${params.push(v)} AS DATE)`;
  const epoch = "CAST('1970-01-01' AS DATE)";
  const index = (e: string) =>
    grain === 'month' ? d.monthsBetween(epoch, e) : d.daysBetween(epoch, d.dateTrunc('week', e, ws));
  const offset = grain === 'month' ? 'a.period - f.cohort' : 'CAST((a.period - f.cohort) / 7 AS INTEGER)';
  const orderWhere = ['paid_at IS NOT NULL', ...(q.asOf ? [`paid_date <= ${p(q.asOf)}`] : [])];
  const cohortWhere = [
    ...(q.from ? [`f.cohort >= ${index(p(q.from))}`] : []),
    ...(q.to ? [`f.cohort <= ${index(p(q.to))}`] : []),
  ];
  return wh.query(
    `WITH a AS (
  SELECT customer_id, ${index('paid_date')} AS period, sum(paid_total) AS gmv
  FROM orders WHERE ${orderWhere.join(' AND ')}
  GROUP BY 1, 2
), f AS (
  SELECT customer_id, ${index('first_day')} AS cohort, segment FROM ${cohortSource(wh, q.split)} s
)
SELECT f.cohort AS cohort, f.segment AS segment, ${offset} AS k, count(*) AS customers, ${d.moneySum('a.gmv')} AS gmv
FROM a JOIN f ON a.customer_id = f.customer_id
${cohortWhere.length ? `WHERE ${cohortWhere.join(' AND ')}` : ''}
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3`,
    params,
  );
}

export interface SecondPurchaseRow {
  cohort: string;
  size: number;
  /** New buyers whose second paid order came within 30 / 60 / 90 days of the first. */
  within30: number;
  within60: number;
  within90: number;
}

export interface GapRow {
  /** Upper bound of the bucket in days (inclusive); null = longer than the last bound. */
  maxDays: number | null;
  customers: number;
}

/** Days between first and second paid order: bucket bounds (inclusive upper ends). */
export const GAP_BUCKETS = [7, 14, 30, 60, 90, 180, 365] as const;

/**
 * CTE g (customer_id, first_month, first_day, gap): a customer's first paid month and day and the days
 * from it to the second one — the first paid day after the first paid order (an order paid at a later instant) — up to
 * `asOf` (null when none). `cohorts` restricts g to first days in a range (only with customer_months).
 *
 * From customer_months, a customer's first-month row tells the second day of most customers: with one
 * paid order in the first month, the first paid day of the next month (next_paid_date); with two on
 * different days, the later day (its instant is later). Only customers with three or more orders in
 * the first month, or two on one day, read that month's orders, grouped by customer (no window): a
 * later instant on the first day makes it the second day, else the next day with an order in the
 * month, else next_paid_date (every order of the month shared the first instant).
 *
 * With `inMonth`, counts of gap ≤ n for n ≥ 30 are all that is wanted: a customer with orders on two
 * or more days of the first month bought again in it (within 30 days), so up to asOf its last paid
 * day of that month stands in for the second day and its orders are not read.
 */
function secondCte(
  wh: Warehouse,
  params: Param[],
  src: CustomerSource,
  o: { asOf?: string; cohorts?: { from?: string; to?: string }; inMonth?: boolean } = {},
): string {
  const d = wh.dialect;
  const p = (v: string) => `CAST($${params.push(v)} AS DATE)`;
  const { asOf, cohorts = {} } = o;
  if (src === 'orders') {
    const cut = asOf ? ` AND o.paid_date <= ${p(asOf)}` : '';
    return `WITH s AS (
  SELECT o.customer_id, min(o.paid_date) AS second_day
  FROM orders o JOIN customer_facts f ON o.customer_id = f.customer_id
  WHERE o.paid_at > f.first_paid_at${cut}
  GROUP BY o.customer_id
), g AS (
  SELECT f.customer_id, ${d.dateTrunc('month', 'f.first_paid_date', 1)} AS first_month, f.first_paid_date AS first_day,
    ${d.daysBetween('f.first_paid_date', 's.second_day')} AS gap
  FROM customer_facts f LEFT JOIN s ON s.customer_id = f.customer_id
)`;
  }
  const firstMonths = [
    'month = cohort_month',
    ...(cohorts.from ? [`month >= ${p(monthStart(cohorts.from))}`] : []),
    ...(cohorts.to ? [`month <= ${p(cohorts.to)}`] : []),
    ...(asOf ? [`month <= ${p(asOf)}`] : []),
  ].join(' AND ');
  // orders load roughly in paid order: bounds on paid_date let the scan skip the other months
  const days = [
    ...(cohorts.from ? [`o.paid_date >= ${p(monthStart(cohorts.from))}`] : []),
    ...(cohorts.to ? [`o.paid_date < ${p(monthStart(cohorts.to, 1))}`] : []),
  ];
  const twoDays = `first_paid_date < last_paid_date AND (paid_orders = 2${
    o.inMonth ? ` OR ${asOf ? `last_paid_date <= ${p(asOf)}` : 'TRUE'}` : ''
  })`;
  const fromRow = `(paid_orders = 1 OR ${twoDays})`;
  const onFirst = 'o.paid_date = e.first_paid_date';
  const cut = asOf ? `CASE WHEN second_day <= ${p(asOf)} THEN second_day END` : 'second_day';
  return `WITH e AS (
  SELECT customer_id, month, first_paid_date, last_paid_date, next_paid_date FROM customer_months
  WHERE ${firstMonths} AND NOT ${fromRow}
), s AS (
  SELECT e.customer_id, min(e.month) AS first_month, min(e.first_paid_date) AS first_day, CASE
    WHEN max(o.paid_at) FILTER (WHERE ${onFirst}) > min(o.paid_at) FILTER (WHERE ${onFirst}) THEN min(e.first_paid_date)
    ELSE coalesce(min(o.paid_date) FILTER (WHERE o.paid_date > e.first_paid_date), min(e.next_paid_date)) END AS second_day
  FROM e JOIN orders o ON o.customer_id = e.customer_id
  WHERE o.paid_at IS NOT NULL AND o.paid_date <= e.last_paid_date${days.length ? ` AND ${days.join(' AND ')}` : ''}
  GROUP BY e.customer_id
), f AS (
  SELECT customer_id, month AS first_month, first_paid_date AS first_day,
    CASE WHEN paid_orders = 1 THEN next_paid_date ELSE last_paid_date END AS second_day
  FROM customer_months WHERE ${firstMonths} AND ${fromRow}
  UNION ALL
  SELECT customer_id, first_month, first_day, second_day FROM s
), g AS (
  SELECT customer_id, first_month, first_day, ${d.daysBetween('first_day', cut)} AS gap FROM f
)`;
}

/** Per monthly cohort: new buyers and how many ordered again within 30/60/90 days. */
export async function secondPurchaseRows(
  wh: Warehouse,
  q: { from?: string; to?: string; asOf?: string } = {},
): Promise<SecondPurchaseRow[]> {
  const d = wh.dialect;
  const params: Param[] = [];
  const src = await customerSource(wh);
  const cte = secondCte(wh, params, src, { asOf: q.asOf, cohorts: src === 'months' ? q : {}, inMonth: true });
  const where = [
    ...(q.from ? [`first_day >= ${d.dateTrunc('month', `CAST($${params.push(q.from)} AS DATE)`, 1)}`] : []),
    ...(q.to ? [`first_day <= CAST($${params.push(q.to)} AS DATE)`] : []),
    ...(q.asOf ? [`first_day <= CAST($${params.push(q.asOf)} AS DATE)`] : []),
  ];
  const within = (n: number) => `count(CASE WHEN gap <= ${n} THEN 1 END)`;
  const rows = await wh.query(
    `${cte}
SELECT first_month, count(*) AS size, ${within(30)} AS w30, ${within(60)} AS w60, ${within(90)} AS w90
FROM g ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
GROUP BY 1 ORDER BY 1`,
    params,
  );
  return rows.map((r) => ({
    cohort: String(r.first_month).slice(0, 7),
    size: Number(r.size),
    within30: Number(r.w30),
    within60: Number(r.w60),
    within90: Number(r.w90),
  }));
}

/** Distribution of days between first and second paid order (customers with a second order). */
export async function gapRows(wh: Warehouse, q: { asOf?: string } = {}): Promise<GapRow[]> {
  const params: Param[] = [];
  const cte = secondCte(wh, params, await customerSource(wh), { asOf: q.asOf });
  const bucket = `CASE ${GAP_BUCKETS.map((b) => `WHEN gap <= ${b} THEN ${b}`).join(' ')} END`;
  const rows = await wh.query(
    `${cte}
SELECT ${bucket} AS b, count(*) AS customers FROM g WHERE gap IS NOT NULL GROUP BY 1 ORDER BY 1 NULLS LAST`,
    params,
  );
  return rows.map((r) => ({ maxDays: r.b === null ? null : Number(r.b), customers: Number(r.customers) }));
}
