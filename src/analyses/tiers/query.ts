import type { Param, Warehouse } from '../../warehouse/warehouse.js';
import { type CustomerState, dayBefore, type TierThresholds } from './states.js';

/**
 * Two CTE definitions (without WITH): `<name>_c` (first and last paid day, 12-month spend per
 * customer with a paid order before `asOf`) and `<name>` (customer_id, state) — see states.ts.
 * Money is compared exactly: spend ≥ threshold × months rather than spend ÷ months ≥ threshold.
 */
export function stateCte(
  wh: Warehouse,
  asOf: string,
  t: TierThresholds,
  params: Param[],
  name = 't',
): string {
  const d = wh.dialect;
  const p = (v: Param) => `$${params.push(v)}`;
  const day = `CAST(${p(asOf)} AS DATE)`;
  const last = `CAST(${p(dayBefore(asOf))} AS DATE)`;
  const recency = d.daysBetween('last_day', day);
  const months = `LEAST(12, ${d.monthsBetween('first_day', last)} + 1)`;
  return `${name}_c AS (
  SELECT customer_id, min(paid_date) AS first_day, max(paid_date) AS last_day,
    sum(CASE WHEN ${d.monthsBetween('paid_date', last)} <= 11 THEN paid_total ELSE 0 END) AS spend12
  FROM orders WHERE paid_at IS NOT NULL AND paid_date < ${day}
  GROUP BY customer_id
), ${name} AS (
  SELECT customer_id, last_day, spend12, CASE
    WHEN ${recency} >= ${p(t.churnedDays)} THEN 'churned'
    WHEN ${recency} >= ${p(t.dormantDays)} THEN 'dormant'
    WHEN spend12 >= ${p(t.highValueMonthlySpend)} * ${months} THEN 'high'
    WHEN spend12 >= ${p(t.mediumValueMonthlySpend)} * ${months} THEN 'medium'
    ELSE 'low' END AS state
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
    `WITH ${stateCte(wh, asOf, t, params)}
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
  const rows = await wh.query(
    `WITH ${stateCte(wh, from, t, params, 't0')}, ${stateCte(wh, to, t, params, 't1')}
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

/** Dormant and churned customers at the start of [from, to] and how many bought in it. */
export async function winBackRows(
  wh: Warehouse,
  from: string,
  to: string,
  t: TierThresholds,
): Promise<WinBackRow[]> {
  const params: Param[] = [];
  const cte = stateCte(wh, from, t, params);
  const a = `CAST($${params.push(from)} AS DATE)`;
  const b = `CAST($${params.push(to)} AS DATE)`;
  const rows = await wh.query(
    `WITH ${cte}, p AS (
  SELECT customer_id, sum(paid_total) AS gmv FROM orders
  WHERE paid_at IS NOT NULL AND paid_date >= ${a} AND paid_date <= ${b}
  GROUP BY customer_id
)
SELECT t.state AS state, count(*) AS customers, count(p.customer_id) AS returned,
  ${wh.dialect.moneySum('coalesce(p.gmv, 0)')} AS gmv
FROM t LEFT JOIN p ON p.customer_id = t.customer_id
WHERE t.state IN ('dormant', 'churned')
GROUP BY 1 ORDER BY 1`,
    params,
  );
  return rows.map((r) => ({
    state: String(r.state) as 'dormant' | 'churned',
    customers: Number(r.customers),
    returned: Number(r.returned),
    gmv: Number(r.gmv),
  }));
}
