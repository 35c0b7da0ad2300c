import type { Param, Warehouse } from '../../warehouse/warehouse.js';
import { type CustomerSource, customerSource, customersAsOfCte, monthStart } from '../rfm/customers-as-of.js';
import { monthStartStatesCte } from './month-starts.js';
import { stateCase } from './state-case.js';
import { type CustomerState, dayBefore, type TierThresholds } from './states.js';

/**
 * CTE definitions (without WITH) ending in `<name>` (customer_id, last_day, spend12, state) for the
 * customers with a paid order before `asOf`, from customersAsOfCte — see states.ts and stateCase.
 */
export function stateCte(
  wh: Warehouse,
  asOf: string,
  t: TierThresholds,
  params: Param[],
  name = 't',
  from: CustomerSource = 'orders',
): string {
  const measures = customersAsOfCte(wh, asOf, params, `${name}_c`, { source: from, spend12: true });
  const state = stateCase(wh, asOf, t, params, {
    last: 'last_day',
    spend12: 'spend12',
    firstMonth: 'first_month',
  });
  return `${measures}, ${name} AS (
  SELECT customer_id, last_day, spend12, ${state} AS state
  FROM ${name}_c
)`;
}

export interface StateCountRow {
  state: CustomerState;
  customers: number;
  /** Σ GMV of the last 12 months of these customers. */
  spend12: number;
}

export async function stateCounts(wh: Warehouse, asOf: string, t: TierThresholds): Promise<StateCountRow[]> {
  const params: Param[] = [];
  const rows = await wh.query(
    `WITH ${stateCte(wh, asOf, t, params, 't', await customerSource(wh))}
SELECT state, count(*) AS customers, ${wh.dialect.moneySum('spend12')} AS spend12 FROM t GROUP BY 1 ORDER BY 1`,
    params,
  );
  return rows.map((r) => ({
    state: String(r.state) as CustomerState,
    customers: Number(r.customers),
    spend12: Number(r.spend12),
  }));
}

export interface StateMoveRow {
  /** null: not a customer yet at `from`. */
  from: CustomerState | null;
  to: CustomerState;
  customers: number;
}

/** Customers per state at `from` × state at `to`. */
export async function stateMoves(
  wh: Warehouse,
  from: string,
  to: string,
  t: TierThresholds,
): Promise<StateMoveRow[]> {
  const params: Param[] = [];
  const src = await customerSource(wh);
  const rows = await wh.query(
    `WITH ${stateCte(wh, from, t, params, 't0', src)}, ${stateCte(wh, to, t, params, 't1', src)}
SELECT t0.state AS s0, t1.state AS s1, count(*) AS customers
FROM t1 LEFT JOIN t0 ON t0.customer_id = t1.customer_id
GROUP BY 1, 2 ORDER BY 1, 2`,
    params,
  );
  return rows.map((r) => ({
    from: r.s0 === null ? null : (String(r.s0) as CustomerState),
    to: String(r.s1) as CustomerState,
    customers: Number(r.customers),
  }));
}

export interface WinBackRow {
  /** State at the start of the period (dormant or churned). */
  state: 'dormant' | 'churned';
  customers: number;
  /** Of them, customers with a paid order in the period … */
  returned: number;
  /** … and the GMV of those orders. */
  gmv: number;
}

/**
 * CTE `<name>` (customer_id, gmv): customers with a paid order in [from, to] and its GMV — from
 * customer_months when the period is whole months, else from orders.
 */
function periodBuyersCte(
  from: string,
  to: string,
  params: Param[],
  name: string,
  src: CustomerSource,
): string {
  const a = `CAST($${params.push(from)} AS DATE)`;
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  if (src === 'months' && monthStart(from) === from && monthStart(end) === end) {
    return `${name} AS (
  SELECT customer_id, sum(paid_gmv) AS gmv FROM customer_months
  WHERE month >= ${a} AND month < CAST($${params.push(end)} AS DATE)
  GROUP BY customer_id
)`;
  }
  return `${name} AS (
  SELECT customer_id, sum(paid_total) AS gmv FROM orders
  WHERE paid_at IS NOT NULL AND paid_date >= ${a} AND paid_date <= CAST($${params.push(to)} AS DATE)
  GROUP BY customer_id
)`;
}

/** Dormant and churned customers at the start of [from, to] and how many bought in it. */
export async function winBackRows(
  wh: Warehouse,
  from: string,
  to: string,
  t: TierThresholds,
): Promise<WinBackRow[]> {
  const params: Param[] = [];
  const src = await customerSource(wh);
  const rows = await wh.query(
    `WITH ${stateCte(wh, from, t, params, 't', src)}, ${periodBuyersCte(from, to, params, 'p', src)}
SELECT t.state AS state, count(*) AS customers, count(p.customer_id) AS returned,
  ${wh.dialect.moneySum('coalesce(p.gmv, 0)')} AS gmv
FROM t LEFT JOIN p ON p.customer_id = t.customer_id
WHERE t.state IN ('dormant', 'churned')
GROUP BY 1 ORDER BY 1`,
    params,
  );
  return rows.map(winBackRow);
}

const winBackRow = (r: Record<string, unknown>): WinBackRow => ({
  state: String(r.state) as 'dormant' | 'churned',
  customers: Number(r.customers),
  returned: Number(r.returned),
  gmv: Number(r.gmv),
});

/**
 * Everything tierAnalysis shows, in one query: per customer with a paid order before `end` (the day
 * after the period) the states at the start of `from` and at `end`, their spend12 and whether (and
 * for how much) they bought in [from, to] — CTE `x` — then GROUPING SETS for the start counts with
 * their win-back, the end counts and the movement. Equal to stateCounts, stateMoves and winBackRows
 * run one by one. When the period is whole months, `x` comes from one scan of customer_months
 * (monthStartStatesCte), else from stateCte at both days (each day's states computed once).
 */
export async function tierRows(
  wh: Warehouse,
  from: string,
  to: string,
  end: string,
  t: TierThresholds,
): Promise<{ start: StateCountRow[]; end: StateCountRow[]; moves: StateMoveRow[]; winBack: WinBackRow[] }> {
  const params: Param[] = [];
  const src = await customerSource(wh);
  const d = wh.dialect;
  const wholeMonths = monthStart(from) === from && monthStart(end) === end && dayBefore(end) === to;
  const x =
    src === 'months' && wholeMonths
      ? monthStartStatesCte(wh, from, end, t, params)
      : `${stateCte(wh, from, t, params, 't0', src)}, ${stateCte(wh, end, t, params, 't1', src)},
  ${periodBuyersCte(from, to, params, 'p', src)}, x AS (
  SELECT t0.state AS s0, t1.state AS s1, t0.spend12 AS spend0, t1.spend12 AS spend1,
    p.customer_id IS NOT NULL AS returned, coalesce(p.gmv, 0) AS gmv
  FROM t1 LEFT JOIN t0 ON t0.customer_id = t1.customer_id LEFT JOIN p ON p.customer_id = t1.customer_id
)`;
  // the millions of customers are first counted per pair of states; the sets sum those few rows
  const rows = await wh.query(
    `WITH ${x}, pairs AS (
  SELECT s0, s1, count(*) AS customers, sum(spend0) AS spend0, sum(spend1) AS spend1,
    count(CASE WHEN returned THEN 1 END) AS returned, sum(gmv) AS gmv
  FROM x GROUP BY s0, s1
)
SELECT grouping(s0, s1) AS g, s0, s1, sum(customers) AS customers, ${d.moneySum('spend0')} AS spend0,
  ${d.moneySum('spend1')} AS spend1, sum(returned) AS returned, ${d.moneySum('gmv')} AS gmv
FROM pairs
GROUP BY GROUPING SETS ((s0), (s1), (s0, s1))
ORDER BY 1, 2, 3`,
    params,
  );
  // grouping(): 1 = by s0 only, 2 = by s1 only, 0 = both
  const startRows = rows.filter((r) => Number(r.g) === 1 && r.s0 !== null);
  return {
    start: startRows.map((r) => ({
      state: String(r.s0) as CustomerState,
      customers: Number(r.customers),
      spend12: Number(r.spend0),
    })),
    end: rows
      .filter((r) => Number(r.g) === 2)
      .map((r) => ({
        state: String(r.s1) as CustomerState,
        customers: Number(r.customers),
        spend12: Number(r.spend1),
      })),
    moves: rows
      .filter((r) => Number(r.g) === 0)
      .map((r) => ({
        from: r.s0 === null ? null : (String(r.s0) as CustomerState),
        to: String(r.s1) as CustomerState,
        customers: Number(r.customers),
      })),
    winBack: startRows
      .filter((r) => r.s0 === 'dormant' || r.s0 === 'churned')
      .map((r) => winBackRow({ ...r, state: r.s0 })),
  };
}
