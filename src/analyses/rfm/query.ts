import type { Param, Warehouse } from '../../warehouse/warehouse.js';

/**
 * RFM inputs, computed in the database. As of a day D (the state at the start of D): paid orders
 * with paid_date < D; recency = D − last paid date (days), frequency = paid orders, monetary = Σ
 * paid_total (GMV). Scores 1 … 5 (5 = most recent, most frequent, highest spend):
 * - quintiles (default): SQL ntile(5) ordered by recency DESC / frequency ASC / monetary ASC, ties
 *   broken by customer_id — the semantics of the W benchmark's RFM (bench/W.md (e));
 * - thresholds: four ascending cut points per measure, e.g. recency [30, 60, 90, 180] gives 5 for
 *   ≤ 30 days … 1 for > 180; frequency [2, 3, 5, 8] gives 1 for 1 order … 5 for ≥ 8.
 */
/** Larger than any recency in days (2,700 years), so that MAX − recency sorts recency descending. */
const MAX_RECENCY_DAYS = 1_000_000;

export type RfmScoring =
  | { kind: 'quintile' }
  | {
      kind: 'thresholds';
      recencyDays: readonly number[];
      frequency: readonly number[];
      monetary: readonly number[];
    };

/**
 * Two CTE definitions (without WITH): `<name>_c`, the customer measures, and `<name>`, the same plus
 * the scores r, f, m, as of a day.
 */
export function scoredCustomersCte(
  wh: Warehouse,
  asOf: string,
  scoring: RfmScoring,
  params: Param[],
  name = 's',
): string {
  const d = wh.dialect;
  const day = `CAST($${params.push(asOf)} AS DATE)`;
  const c = `${name}_c AS (
  SELECT customer_id, ${d.daysBetween('max(paid_date)', day)} AS recency, count(*) AS frequency,
    sum(paid_total) AS monetary
  FROM orders WHERE paid_at IS NOT NULL AND paid_date < ${day}
  GROUP BY customer_id
)`;
  let scores: string;
  let source = `${name}_c`;
  if (scoring.kind === 'quintile') {
    // Ties are broken by customer_id: rank the ids once (one string sort), then order each measure by
    // a single integer key (measure × 2³² + rank) instead of sorting strings three times.
    source = `(SELECT *, row_number() OVER (ORDER BY customer_id) AS id_rank FROM ${name}_c) ${name}_k`;
    const packed = (e: string) => `CAST(${e} AS BIGINT) * 4294967296 + id_rank`;
    scores = [
      `${d.ntile(5, packed(`${MAX_RECENCY_DAYS} - recency`))} AS r`,
      `${d.ntile(5, packed('frequency'))} AS f`,
      `${d.ntile(5, 'monetary ASC, id_rank ASC')} AS m`,
    ].join(', ');
  } else {
    const cuts = (name: string, xs: readonly number[]) => {
      if (xs.length !== 4 || xs.some((x, i) => !Number.isFinite(x) || (i > 0 && x < xs[i - 1]))) {
        throw new Error(`RFM ${name} thresholds must be 4 ascending numbers`);
      }
      return xs.map((x) => `$${params.push(x)}`);
    };
    const rc = cuts('recency', scoring.recencyDays);
    const up = (col: string, xs: string[]) =>
      `CASE ${[...xs]
        .reverse()
        .map((x, i) => `WHEN ${col} >= ${x} THEN ${5 - i}`)
        .join(' ')} ELSE 1 END`;
    scores = [
      `CASE ${rc.map((x, i) => `WHEN recency <= ${x} THEN ${5 - i}`).join(' ')} ELSE 1 END AS r`,
      `${up('frequency', cuts('frequency', scoring.frequency))} AS f`,
      `${up('monetary', cuts('monetary', scoring.monetary))} AS m`,
    ].join(', ');
  }
  return `${c}, ${name} AS (
  SELECT customer_id, recency, frequency, monetary, ${scores} FROM ${source}
)`;
}

export interface RfmCellRow {
  r: number;
  f: number;
  m: number;
  customers: number;
  gmv: number;
  recencySum: number;
  frequencySum: number;
}

/** Customers and their totals per (R, F, M) cell: at most 125 rows, whatever the customer count. */
export async function rfmCells(wh: Warehouse, asOf: string, scoring: RfmScoring): Promise<RfmCellRow[]> {
  const params: Param[] = [];
  const cte = scoredCustomersCte(wh, asOf, scoring, params);
  const rows = await wh.query(
    `WITH ${cte}
SELECT r, f, m, count(*) AS customers, ${wh.dialect.moneySum('monetary')} AS gmv,
  sum(recency) AS recency_sum, sum(frequency) AS frequency_sum
FROM s GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    params,
  );
  return rows.map((x) => ({
    r: Number(x.r),
    f: Number(x.f),
    m: Number(x.m),
    customers: Number(x.customers),
    gmv: Number(x.gmv),
    recencySum: Number(x.recency_sum),
    frequencySum: Number(x.frequency_sum),
  }));
}

export interface RfmMoveRow {
  /** Scores at the earlier date; null for customers who had not bought yet. */
  r0: number | null;
  f0: number | null;
  r1: number;
  f1: number;
  customers: number;
}

/** Customers per (R, F) at `from` × (R, F) at `to`: the input of the segment migration matrix. */
export async function rfmMoves(
  wh: Warehouse,
  from: string,
  to: string,
  scoring: RfmScoring,
): Promise<RfmMoveRow[]> {
  const params: Param[] = [];
  const before = scoredCustomersCte(wh, from, scoring, params, 's0');
  const after = scoredCustomersCte(wh, to, scoring, params, 's');
  const rows = await wh.query(
    `WITH ${before}, ${after}
SELECT s0.r AS r0, s0.f AS f0, s.r AS r1, s.f AS f1, count(*) AS customers
FROM s LEFT JOIN s0 ON s0.customer_id = s.customer_id
GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    params,
  );
  return rows.map((x) => ({
    r0: x.r0 === null ? null : Number(x.r0),
    f0: x.f0 === null ? null : Number(x.f0),
    r1: Number(x.r1),
    f1: Number(x.f1),
    customers: Number(x.customers),
  }));
}
