import type { Param } from '../../warehouse/warehouse.js';

/**
 * Quintile scores equal to SQL `ntile(5) OVER (ORDER BY key, customer_id)` for several keys, without
 * sorting every customer once per key. With n rows in (key, customer_id) order, ntile puts the
 * n mod 5 larger tiles first, so tile b + 1 starts at a known position P_b. The row at P_b is a
 * boundary: its key is the key at position P_b, its customer_id the one at rank P_b − (rows with a
 * smaller key) among the customers whose key equals the boundary's. A customer's score is 1 + the
 * number of boundaries at or before its (key, customer_id).
 *
 * Two ways to find the boundary rows:
 * - quintileBounds: one statement; each boundary group (the customers sharing a boundary's key) is
 *   ranked by a window. In practice the frequency key costs a sort of most customers (most share 1–3
 *   orders).
 * - boundaryRanksSql then quintileBoundsAt: a first statement gives the positions as numbers; the
 *   second selects the rows at those positions with quantile_disc (a selection, no sort), whose
 *   quantile must be a constant.
 */

/** Where a key's boundary b lies: P_b among n rows; the group of rows sharing its key. */
export interface BoundaryRank {
  key: string;
  b: number;
  n: number;
  pos: number;
  /** Rows with a smaller key, and rows with the boundary's key. */
  groupStart: number;
  groupSize: number;
  /** The boundary's key as text, and its SQL type: cast back, it is the key exactly. */
  k: string;
  type: string;
}

// P_b: the 0-based position of the first row of tile b + 1 (b = 1 … min(5, n) − 1)
const positionsCte = (rel: string, name: string) => `${name}_p AS (
  SELECT t.b, s.n, CASE WHEN t.b <= s.r THEN t.b * (s.q + 1) ELSE s.r * (s.q + 1) + (t.b - s.r) * s.q END AS pos
  FROM (SELECT n, g, q, n - q * g AS r FROM (
    SELECT n, g, CAST(floor(n / g) AS BIGINT) AS q FROM (SELECT count(*) AS n, least(5, count(*)) AS g FROM ${rel}) s0
    WHERE n > 0) s1) s,
    (VALUES (1), (2), (3), (4)) t(b)
  WHERE t.b < s.g
)`;

// the group of each boundary: its key, the rows before it and its size
const groupCte = (rel: string, name: string, x: string, key: string) => `${name}_b${x} AS (
  SELECT p.b, p.n, p.pos, h.k, h.before, h.cnt
  FROM ${name}_p p JOIN (
    SELECT k, cnt, sum(cnt) OVER (ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - cnt AS before
    FROM (SELECT ${key} AS k, count(*) AS cnt FROM ${rel} GROUP BY 1) h0
  ) h ON p.pos >= h.before AND p.pos < h.before + h.cnt
)`;

/**
 * 1 + the last boundary b at or before (key, customer_id): boundaries come in (key, customer_id)
 * order, so a CASE from b = 4 down stops at the first that holds (one comparison of keys for most
 * rows). A missing boundary (fewer than 5 rows) is NULL and never holds.
 */
function scoreSql(key: string, bs: readonly number[], k: (b: number) => string, id: (b: number) => string) {
  const whens = [...bs]
    .reverse()
    .map((b) => `WHEN ${key} > ${k(b)} OR (${key} = ${k(b)} AND customer_id >= ${id(b)}) THEN ${b + 1}`);
  return whens.length > 0 ? `CASE ${whens.join(' ')} ELSE 1 END` : '1';
}

/**
 * CTE definitions (without WITH, after `rel`, which must be materialized: it is read several times)
 * and the score expressions (`… AS r` for each key name) over `FROM rel, <name>_q`.
 */
export function quintileBounds(
  rel: string,
  name: string,
  keys: Readonly<Record<string, string>>,
): { ctes: string; scores: string; from: string } {
  const ctes = [positionsCte(rel, name)];
  const pivot: string[] = [];
  const scores: string[] = [];
  for (const [x, key] of Object.entries(keys)) {
    ctes.push(groupCte(rel, name, x, key));
    ctes.push(`${name}_i${x} AS (
  SELECT b.b, b.k, x.customer_id FROM ${name}_b${x} b JOIN (
    SELECT ${key} AS k, customer_id, row_number() OVER (PARTITION BY ${key} ORDER BY customer_id) AS rank_in_group
    FROM ${rel} WHERE ${key} IN (SELECT k FROM ${name}_b${x})
  ) x ON x.k = b.k AND x.rank_in_group = b.pos - b.before + 1
)`);
    for (const b of [1, 2, 3, 4]) {
      pivot.push(
        `(SELECT k FROM ${name}_i${x} WHERE b = ${b}) AS ${name}_${x}k${b}`,
        `(SELECT customer_id FROM ${name}_i${x} WHERE b = ${b}) AS ${name}_${x}i${b}`,
      );
    }
    scores.push(
      `${scoreSql(
        key,
        [1, 2, 3, 4],
        (b) => `${name}_${x}k${b}`,
        (b) => `${name}_${x}i${b}`,
      )} AS ${x}`,
    );
  }
  ctes.push(`${name}_q AS (SELECT ${pivot.join(',\n  ')})`);
  return { ctes: ctes.join(', '), scores: scores.join(', '), from: `${rel}, ${name}_q` };
}

/**
 * CTE definitions (without WITH, after materialized `rel`) and the SELECT whose rows are the
 * BoundaryRank of every key's boundaries (columns key, b, n, pos, group_start, group_size).
 */
export function boundaryRanksSql(
  rel: string,
  name: string,
  keys: Readonly<Record<string, string>>,
): { ctes: string; select: string } {
  const entries = Object.entries(keys);
  return {
    ctes: [positionsCte(rel, name), ...entries.map(([x, key]) => groupCte(rel, name, x, key))].join(', '),
    select: entries
      .map(
        ([x]) =>
          `SELECT '${x}' AS key, b, n, pos, before AS group_start, cnt AS group_size, CAST(k AS VARCHAR) AS k, typeof(k) AS type FROM ${name}_b${x}`,
      )
      .join('\nUNION ALL '),
  };
}

export const boundaryRank = (x: Record<string, unknown>): BoundaryRank => ({
  key: String(x.key),
  b: Number(x.b),
  n: Number(x.n),
  pos: Number(x.pos),
  groupStart: Number(x.group_start),
  groupSize: Number(x.group_size),
  k: String(x.k),
  type: sqlType(String(x.type)),
});

/** A numeric type name from typeof(): spliced into SQL, so nothing else passes. */
function sqlType(t: string): string {
  if (!/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|DOUBLE|DECIMAL\(\d+,\d+\))$/.test(t)) {
    throw new Error(`unexpected quintile key type ${t}`);
  }
  return t;
}

/**
 * The quantile at which quantile_disc over m values returns the one at 0-based index i. DuckDB (1.5)
 * takes the nearest rank, index ceil(m · q) − 1; aiming at the middle of (i, i + 1] keeps the
 * product's rounding error (a few ulps) far from an integer. rfm-quintile-bounds.test.ts holds DuckDB to
 * this on every index.
 */
export function discreteQuantile(i: number, m: number): number {
  if (!Number.isInteger(i) || i < 0 || i >= m) throw new Error(`no index ${i} among ${m} values`);
  return (i + 0.5) / m;
}

/**
 * The same CTE definitions and scores as quintileBounds, from the boundaries' ranks (boundaryRanksSql
 * on the same rows): the boundary keys are parameters, the customer_ids one quantile_disc over each
 * boundary group.
 */
export function quintileBoundsAt(
  rel: string,
  name: string,
  keys: Readonly<Record<string, string>>,
  ranks: readonly BoundaryRank[],
  params: Param[],
): { ctes: string; scores: string; from: string; bounds?: string } {
  const selections: string[] = [];
  const pivot: string[] = [];
  const scores: string[] = [];
  for (const [x, key] of Object.entries(keys)) {
    const mine = ranks.filter((r) => r.key === x).sort((a, b) => a.b - b.b);
    const k = new Map(mine.map((r) => [r.b, `CAST($${params.push(r.k)} AS ${r.type})`]));
    // one selection per group, for all the boundaries in it (e.g. two in the customers with 1 order)
    const groups = [...new Set(mine.map((r) => r.groupStart))];
    groups.forEach((start, g) => {
      const inGroup = mine.filter((r) => r.groupStart === start);
      const qs = inGroup.map((r) => `CAST(${discreteQuantile(r.pos - r.groupStart, r.groupSize)} AS DOUBLE)`);
      selections.push(
        `quantile_disc(customer_id, [${qs.join(', ')}]) FILTER (WHERE ${key} = ${k.get(inGroup[0].b)}) AS ${x}${g}`,
      );
      for (const [j, r] of inGroup.entries()) pivot.push(`${x}${g}[${j + 1}] AS ${name}_${x}i${r.b}`);
    });
    scores.push(
      `${scoreSql(
        key,
        mine.map((r) => r.b),
        (b) => k.get(b)!,
        (b) => `${name}_${x}i${b}`,
      )} AS ${x}`,
    );
  }
  if (selections.length === 0) return { ctes: '', scores: scores.join(', '), from: rel };
  const ctes = `${name}_q AS (SELECT ${pivot.join(', ')} FROM (SELECT ${selections.join(',\n  ')} FROM ${rel}) s)`;
  return { ctes, scores: scores.join(', '), from: `${rel}, ${name}_q`, bounds: `${name}_q` };
}
