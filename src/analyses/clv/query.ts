import type { Param, Warehouse } from '../../warehouse/warehouse.js';

/**
 * The CLV models' inputs, aggregated in the database. A purchase is a paid day: a customer's paid
 * orders on one local date (orders.paid_date, store time zone) are one transaction, as in the papers'
 * CDNOW data. The calibration period ends on `calibrationEnd` (inclusive); times are measured from a
 * customer's first paid day, so T = calibrationEnd − first day.
 */
export interface ClvWindow {
  /** Last day of the calibration period (YYYY-MM-DD, inclusive). */
  calibrationEnd: string;
  /** Last day of the holdout period (inclusive); none → no holdout figures. */
  holdoutEnd?: string;
  /** Only customers whose first paid day is on or after this date. */
  firstPurchaseFrom?: string;
}

/** Customers grouped by (x, tx, T) in days, with their holdout purchases and Σ of their mean repeat spend. */
export interface SummaryRowDays {
  x: number;
  txDays: number;
  TDays: number;
  n: number;
  /** Σ repeat paid days in the holdout period over the group's customers. */
  holdout: number;
  /** Σ over the group's customers with x > 0 of (calibration repeat spend ÷ x). */
  meanSpendSum: number;
}

export interface SpendRow {
  x: number;
  /** Σ paid_total of the x repeat days (currency units, exact to the cent). */
  repeatValue: number;
  n: number;
}

export interface TrackingRows {
  /** First calibration day of the cohort (the earliest first purchase). */
  start: string;
  /** Customers by the day of their first purchase, in days from start. */
  births: Array<{ day: number; n: number }>;
  /** Repeat paid days (after each customer's first), in days from start. */
  repeats: Array<{ day: number; n: number }>;
}

function customersCte(wh: Warehouse, w: ClvWindow): { sql: string; params: Param[] } {
  const d = wh.dialect;
  const cal = 'CAST($1 AS DATE)';
  const params: Param[] = [w.calibrationEnd, w.holdoutEnd ?? w.calibrationEnd];
  const from = w.firstPurchaseFrom
    ? ` AND min(day) >= CAST($${params.push(w.firstPurchaseFrom)} AS DATE)`
    : '';
  const sql = `WITH d AS (
  SELECT customer_id, paid_date AS day, sum(paid_total) AS value
  FROM orders
  WHERE paid_at IS NOT NULL AND paid_date <= CAST($2 AS DATE)
  GROUP BY customer_id, paid_date
), c AS (
  SELECT customer_id,
    min(day) AS first_day,
    count(CASE WHEN day <= ${cal} THEN 1 END) - 1 AS x,
    max(CASE WHEN day <= ${cal} THEN day END) AS last_day,
    sum(CASE WHEN day <= ${cal} THEN value END) AS cal_value,
    ${d.argMin('value', 'day')} AS first_value,
    count(CASE WHEN day > ${cal} THEN 1 END) AS holdout
  FROM d
  GROUP BY customer_id
  HAVING min(day) <= ${cal}${from}
)`;
  return { sql, params };
}

/** Calibration summary grouped by identical (x, tx, T): one row per distinct history. */
export async function summaryRows(wh: Warehouse, w: ClvWindow): Promise<SummaryRowDays[]> {
  const d = wh.dialect;
  const { sql, params } = customersCte(wh, w);
  const rows = await wh.query(
    `${sql}
SELECT x, ${d.daysBetween('first_day', 'last_day')} AS tx, ${d.daysBetween('first_day', 'CAST($1 AS DATE)')} AS t,
  count(*) AS n, sum(holdout) AS holdout,
  sum(CASE WHEN x > 0 THEN CAST(cal_value - first_value AS DOUBLE) / x ELSE 0 END) AS spend
FROM c
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3`,
    params,
  );
  return rows.map((r) => ({
    x: Number(r.x),
    txDays: Number(r.tx),
    TDays: Number(r.t),
    n: Number(r.n),
    holdout: Number(r.holdout),
    meanSpendSum: Number(r.spend),
  }));
}

/** The CLV models' inputs as columns: summaryRows and spendRows from one pass over the orders. */
export interface ClvColumns {
  /** As SummaryRowDays, one entry per distinct (x, tx, T), ordered by x, tx, T. */
  summary: {
    x: Float64Array;
    txDays: Float64Array;
    TDays: Float64Array;
    n: Float64Array;
    holdout: Float64Array;
    meanSpendSum: Float64Array;
  };
  /** As SpendRow, one entry per distinct (x > 0, repeat value), ordered by x, value. */
  spend: { x: Float64Array; repeatValue: Float64Array; n: Float64Array };
}

/**
 * summaryRows and spendRows in one query (GROUPING SETS over one customer summary), returned as
 * typed columns: millions of customers arrive as a few hundred thousand distinct histories, with no
 * object per row.
 */
export async function clvColumns(wh: Warehouse, w: ClvWindow): Promise<ClvColumns> {
  const d = wh.dialect;
  const { sql, params } = customersCte(wh, w);
  const c = await wh.queryColumns(
    `${sql}, h AS (
  SELECT x, ${d.daysBetween('first_day', 'last_day')} AS tx, ${d.daysBetween('first_day', 'CAST($1 AS DATE)')} AS t,
    CASE WHEN x > 0 THEN cal_value - first_value END AS v, holdout,
    CASE WHEN x > 0 THEN CAST(cal_value - first_value AS DOUBLE) / x ELSE 0 END AS mean_spend
  FROM c
)
SELECT CAST(GROUPING(tx) AS DOUBLE) AS spend_row, CAST(x AS DOUBLE) AS x, CAST(tx AS DOUBLE) AS tx,
  CAST(t AS DOUBLE) AS t, CAST(v AS DOUBLE) AS v, CAST(count(*) AS DOUBLE) AS n,
  CAST(sum(holdout) AS DOUBLE) AS holdout, CAST(sum(mean_spend) AS DOUBLE) AS spend
FROM h
GROUP BY GROUPING SETS ((x, tx, t), (x, v))
HAVING GROUPING(tx) = 0 OR x > 0
ORDER BY 1, 2, 3, 4, 5`,
    params,
  );
  let split = 0;
  while (split < c.spend_row.length && c.spend_row[split] === 0) split++;
  const head = (a: Float64Array) => a.subarray(0, split);
  const tail = (a: Float64Array) => a.subarray(split);
  return {
    summary: {
      x: head(c.x),
      txDays: head(c.tx),
      TDays: head(c.t),
      n: head(c.n),
      holdout: head(c.holdout),
      meanSpendSum: head(c.spend),
    },
    spend: { x: tail(c.x), repeatValue: tail(c.v), n: tail(c.n) },
  };
}

/** Repeat spend of customers with x > 0, grouped by (x, Σ repeat spend). */
export async function spendRows(wh: Warehouse, w: ClvWindow): Promise<SpendRow[]> {
  const { sql, params } = customersCte(wh, w);
  const rows = await wh.query(
    `${sql}
SELECT x, cal_value - first_value AS v, count(*) AS n
FROM c
WHERE x > 0
GROUP BY 1, 2
ORDER BY 1, 2`,
    params,
  );
  return rows.map((r) => ({ x: Number(r.x), repeatValue: Number(r.v), n: Number(r.n) }));
}

/** Births and repeat purchases by day since the cohort's first day, for the tracking curve. */
export async function trackingRows(wh: Warehouse, w: ClvWindow): Promise<TrackingRows> {
  const { sql, params } = customersCte(wh, w);
  // one connection runs one statement at a time
  const births = await wh.query(
    `${sql}\nSELECT CAST(first_day AS VARCHAR) AS day, count(*) AS n FROM c GROUP BY 1 ORDER BY 1`,
    params,
  );
  const repeats = await wh.query(
    `${sql}
SELECT CAST(d.day AS VARCHAR) AS day, count(*) AS n
FROM d JOIN c ON d.customer_id = c.customer_id
WHERE d.day > c.first_day
GROUP BY 1 ORDER BY 1`,
    params,
  );
  const start = String(births[0]?.day ?? w.calibrationEnd);
  const offset = (rows: typeof births) =>
    rows.map((r) => ({ day: daysFrom(start, String(r.day)), n: Number(r.n) }));
  return { start, births: offset(births), repeats: offset(repeats) };
}

/** Whole days from one YYYY-MM-DD to another. */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
