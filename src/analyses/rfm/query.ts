import type { Param, Warehouse } from '../../warehouse/warehouse.js';
import { type CustomerSource, customerSource, customersAsOfCte } from './customers-as-of.js';
import { isMonthStartPair, monthMovesCte, monthMovesRanks } from './month-moves.js';
import {
  type BoundaryRank,
  boundaryRank,
  boundaryRanksSql,
  quintileBounds,
  quintileBoundsAt,
} from './quintile-bounds.js';

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

/** The quintile keys: recency descending = ascending MAX − recency. */
const QUINTILE_KEYS = { r: `${MAX_RECENCY_DAYS} - recency`, f: 'frequency', m: 'monetary' } as const;

/** `<name>_a` (customersAsOfCte) and `<name>_c`: customer_id, recency, frequency, monetary. */
function measuresCte(
  wh: Warehouse,
  asOf: string,
  params: Param[],
  name: string,
  from: CustomerSource,
  materialized: boolean,
): string {
  const measures = customersAsOfCte(wh, asOf, params, `${name}_a`, { source: from });
  const day = `CAST($${params.push(asOf)} AS DATE)`;
  return `${measures}, ${name}_c AS${materialized ? ' MATERIALIZED' : ''} (
  SELECT customer_id, ${wh.dialect.daysBetween('last_day', day)} AS recency, frequency, monetary FROM ${name}_a
)`;
}

/**
 * Where the quintile boundaries of the customers as of a day lie (quintile-bounds.ts): the first of
 * the two statements of quintile scores from customer_months; scoredCustomersCte takes the result.
 */
export async function quintileRanks(wh: Warehouse, asOf: string): Promise<BoundaryRank[]> {
  const params: Param[] = [];
  const q = boundaryRanksSql('r_c', 'r', QUINTILE_KEYS);
  const rows = await wh.query(
    `WITH ${measuresCte(wh, asOf, params, 'r', 'months', true)}, ${q.ctes}\n${q.select}`,
    params,
  );
  return rows.map(boundaryRank);
}

/**
 * CTE definitions (without WITH) ending in `<name>`: the customer measures as of a day
 * (customersAsOfCte) with their scores r, f, m. Quintiles from customer_months take the boundary
 * ranks of quintileRanks when given (a selection, no sort), else rank the boundary groups in SQL.
 */
export function scoredCustomersCte(
  wh: Warehouse,
  asOf: string,
  scoring: RfmScoring,
  params: Param[],
  name = 's',
  from: CustomerSource = 'orders',
  ranks?: readonly BoundaryRank[],
): string {
  const d = wh.dialect;
  const bounds = scoring.kind === 'quintile' && from === 'months';
  let c = measuresCte(wh, asOf, params, name, from, bounds);
  let scores: string;
  let source = `${name}_c`;
  if (bounds) {
    const q = ranks
      ? quintileBoundsAt(source, name, QUINTILE_KEYS, ranks, params)
      : quintileBounds(source, name, QUINTILE_KEYS);
    if (q.ctes) c = `${c}, ${q.ctes}`;
    scores = q.scores;
    source = q.from;
  } else if (scoring.kind === 'quintile') {
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

const cellRow = (x: Record<string, unknown>): RfmCellRow => ({
  r: Number(x.r),
  f: Number(x.f),
  m: Number(x.m),
  customers: Number(x.customers),
  gmv: Number(x.gmv),
  recencySum: Number(x.recency_sum),
  frequencySum: Number(x.frequency_sum),
});

const moveRow = (x: Record<string, unknown>): RfmMoveRow => ({
  r0: x.r0 === null ? null : Number(x.r0),
  f0: x.f0 === null ? null : Number(x.f0),
  r1: Number(x.r1),
  f1: Number(x.f1),
  customers: Number(x.customers),
});

const CELL_AGGREGATES = (wh: Warehouse) =>
  `count(*) AS customers, ${wh.dialect.moneySum('s.monetary')} AS gmv, sum(s.recency) AS recency_sum, sum(s.frequency) AS frequency_sum`;

const ranksFor = async (wh: Warehouse, asOf: string, scoring: RfmScoring, src: CustomerSource) =>
  scoring.kind === 'quintile' && src === 'months' ? quintileRanks(wh, asOf) : undefined;

/** Customers and their totals per (R, F, M) cell: at most 125 rows, whatever the customer count. */
export async function rfmCells(wh: Warehouse, asOf: string, scoring: RfmScoring): Promise<RfmCellRow[]> {
  const params: Param[] = [];
  const src = await customerSource(wh);
  const cte = scoredCustomersCte(wh, asOf, scoring, params, 's', src, await ranksFor(wh, asOf, scoring, src));
  const rows = await wh.query(
    `WITH ${cte}
SELECT r, f, m, ${CELL_AGGREGATES(wh)}
FROM s GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    params,
  );
  return rows.map(cellRow);
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
  return (await rfmCellsAndMoves(wh, from, to, scoring)).moves;
}

/**
 * The cells at `to` and the moves from `from` to `to` in one query (each day scored once): GROUPING
 * SETS over the customers at `to` with their scores at `from`. Quintiles between two month starts
 * come from one scan of customer_months (month-moves.ts); other days join the two days' customers.
 */
export async function rfmCellsAndMoves(
  wh: Warehouse,
  from: string,
  to: string,
  scoring: RfmScoring,
): Promise<{ cells: RfmCellRow[]; moves: RfmMoveRow[] }> {
  const params: Param[] = [];
  const src = await customerSource(wh);
  let cte: string;
  if (scoring.kind === 'quintile' && src === 'months' && isMonthStartPair(from, to)) {
    const ranks = await monthMovesRanks(wh, from, to, QUINTILE_KEYS);
    cte = monthMovesCte(wh, from, to, QUINTILE_KEYS, ranks, params);
  } else {
    const before = scoredCustomersCte(
      wh,
      from,
      scoring,
      params,
      's0',
      src,
      await ranksFor(wh, from, scoring, src),
    );
    const after = scoredCustomersCte(
      wh,
      to,
      scoring,
      params,
      's1',
      src,
      await ranksFor(wh, to, scoring, src),
    );
    cte = `${before}, ${after}, s AS (
  SELECT s1.*, s0.r AS r0, s0.f AS f0 FROM s1 LEFT JOIN s0 ON s0.customer_id = s1.customer_id
)`;
  }
  const rows = await wh.query(
    `WITH ${cte}
SELECT grouping(r0, f0, m) AS g, r0, f0, r, f, m, ${CELL_AGGREGATES(wh)}
FROM s GROUP BY GROUPING SETS ((r, f, m), (r0, f0, r, f))
ORDER BY 1, 2, 3, 4, 5, 6`,
    params,
  );
  // grouping(r0, f0, m): a bit per column left out of the set, first column highest — 0b110 for the
  // cells, 0b001 for the moves
  return {
    cells: rows.filter((x) => Number(x.g) === 6).map(cellRow),
    moves: rows.filter((x) => Number(x.g) === 1).map((x) => moveRow({ ...x, r1: x.r, f1: x.f })),
  };
}
