import type { Param, Warehouse } from '../../warehouse/warehouse.js';
import { monthStart } from './customers-as-of.js';
import { type BoundaryRank, boundaryRank, boundaryRanksSql, quintileBoundsAt } from './quintile-bounds.js';

/**
 * Quintile RFM at two month starts D1 < D2 and the moves between them from ONE scan of
 * customer_months: the rows with month < D2 AND (next_month IS NULL OR next_month >= D1). A row with
 * month < D1 is a customer's state at D1 (`in1`); a row with next_month empty or ≥ D2 is the state at
 * D2 (`in2`). A customer without orders in [D1, D2) has one row that is both: scored under both days'
 * boundaries, no join. Only the customers who bought in [D1, D2) have two rows to pair (and the new
 * ones one); rows of months between two later ones are in neither state.
 */
export const isMonthStartPair = (from: string, to: string) =>
  from < to && monthStart(from) === from && monthStart(to) === to;

type Keys = Readonly<Record<string, string>>;

/** The states at D1 (`m0_c`, R and F only: the moves need no M) and D2 (`m1_c`) over one scan `m_x`. */
function statesCtes(wh: Warehouse, from: string, to: string, params: Param[]): string {
  const d1 = `CAST($${params.push(from)} AS DATE)`;
  const d2 = `CAST($${params.push(to)} AS DATE)`;
  const state = (name: string, day: string, flag: string) => `${name} AS (
  SELECT customer_id, ${wh.dialect.daysBetween('last_paid_date', day)} AS recency, frequency, monetary FROM m_x WHERE ${flag}
)`;
  return `m_x AS MATERIALIZED (
  SELECT customer_id, last_paid_date, cum_paid_orders AS frequency, cum_paid_gmv AS monetary,
    month < ${d1} AS in1, (next_month IS NULL OR next_month >= ${d2}) AS in2
  FROM customer_months WHERE month < ${d2} AND (next_month IS NULL OR next_month >= ${d1})
), ${state('m0_c', d1, 'in1')}, ${state('m1_c', d2, 'in2')}`;
}

const beforeKeys = (keys: Keys): Keys => ({ r: keys.r, f: keys.f });

export interface MonthMovesRanks {
  before: BoundaryRank[];
  after: BoundaryRank[];
}

/** The boundary ranks of both days in one statement (the first of the two). */
export async function monthMovesRanks(
  wh: Warehouse,
  from: string,
  to: string,
  keys: Keys,
): Promise<MonthMovesRanks> {
  const params: Param[] = [];
  const b0 = boundaryRanksSql('m0_c', 'm0', beforeKeys(keys));
  const b1 = boundaryRanksSql('m1_c', 'm1', keys);
  const rows = await wh.query(
    `WITH ${statesCtes(wh, from, to, params)}, ${b0.ctes}, ${b1.ctes}
SELECT 0 AS state, * FROM (${b0.select}) UNION ALL SELECT 1 AS state, * FROM (${b1.select})`,
    params,
  );
  return {
    before: rows.filter((x) => Number(x.state) === 0).map(boundaryRank),
    after: rows.filter((x) => Number(x.state) === 1).map(boundaryRank),
  };
}

/**
 * CTE definitions (without WITH) ending in `s`: one row per customer at D2 with its scores r, f, m
 * and measures recency, frequency, monetary at D2, and r0, f0 at D1 (NULL for customers new since).
 */
export function monthMovesCte(
  wh: Warehouse,
  from: string,
  to: string,
  keys: Keys,
  ranks: MonthMovesRanks,
  params: Param[],
): string {
  const d1 = `CAST($${params.push(from)} AS DATE)`;
  const d2 = `CAST($${params.push(to)} AS DATE)`;
  const states = statesCtes(wh, from, to, params);
  const q0 = quintileBoundsAt('m0_c', 'm0', beforeKeys(keys), ranks.before, params);
  const q1 = quintileBoundsAt('m1_c', 'm1', keys, ranks.after, params);
  const cross = (q: { bounds?: string }) => (q.bounds ? `, ${q.bounds}` : '');
  const ctes = [states, q0.ctes, q1.ctes].filter(Boolean);
  // every row scored at both days (`recency` is each day's own); only in1 rows keep r0, f0
  ctes.push(`m_s AS (
  SELECT customer_id, in1, in2, r0, f0, recency, frequency, monetary, ${q1.scores}
  FROM (
    SELECT customer_id, in1, in2, r AS r0, f AS f0, recency2 AS recency, frequency, monetary
    FROM (
      SELECT *, ${q0.scores} FROM (
        SELECT customer_id, in1, in2, ${wh.dialect.daysBetween('last_paid_date', d1)} AS recency,
          ${wh.dialect.daysBetween('last_paid_date', d2)} AS recency2, frequency, monetary
        FROM m_x
      ) m_y${cross(q0)}
    ) m_z
  ) m_w${cross(q1)}
)`);
  ctes.push(`s AS (
  SELECT r0, f0, r, f, m, recency, frequency, monetary FROM m_s WHERE in1 AND in2
  UNION ALL
  SELECT o.r0, o.f0, n.r, n.f, n.m, n.recency, n.frequency, n.monetary
  FROM (SELECT * FROM m_s WHERE in2 AND NOT in1) n
    LEFT JOIN (SELECT customer_id, r0, f0 FROM m_s WHERE in1 AND NOT in2) o ON o.customer_id = n.customer_id
)`);
  return ctes.join(', ');
}
