/**
 * Quintile scores equal to SQL `ntile(5) OVER (ORDER BY key, customer_id)` for several keys, without
 * sorting every customer once per key. With n rows in (key, customer_id) order, ntile puts the
 * n mod 5 larger tiles first, so tile b + 1 starts at a known position P_b. The row at P_b is a
 * boundary: its key comes from the key's histogram (one GROUP BY), its customer_id from sorting only
 * the customers whose key equals the boundary's. A customer's score is 1 + the number of boundaries
 * at or before its (key, customer_id).
 *
 * Only the keys whose boundary groups are large cost a sort (in practice the frequency key, where
 * most customers share 1–3 orders); recency days and amounts split into small groups.
 */

/**
 * CTE definitions (without WITH, after `rel`, which must be materialized: it is read several times)
 * and the score expressions (`… AS r` for each key name) over `FROM rel, <name>_q`.
 */
export function quintileBounds(
  rel: string,
  name: string,
  keys: Readonly<Record<string, string>>,
): { ctes: string; scores: string; from: string } {
  const ctes = [
    // P_b: the 0-based position of the first row of tile b + 1 (b = 1 … min(5, n) − 1)
    `${name}_p AS (
  SELECT t.b, CASE WHEN t.b <= s.r THEN t.b * (s.q + 1) ELSE s.r * (s.q + 1) + (t.b - s.r) * s.q END AS pos
  FROM (SELECT g, q, n - q * g AS r FROM (
    SELECT n, g, CAST(floor(n / g) AS BIGINT) AS q FROM (SELECT count(*) AS n, least(5, count(*)) AS g FROM ${rel}) s0
    WHERE n > 0) s1) s,
    (VALUES (1), (2), (3), (4)) t(b)
  WHERE t.b < s.g
)`,
  ];
  const pivot: string[] = [];
  const scores: string[] = [];
  for (const [x, key] of Object.entries(keys)) {
    // the group of each boundary and the boundary's 1-based rank inside it
    ctes.push(`${name}_b${x} AS (
  SELECT p.b, h.k, p.pos - h.before + 1 AS rank_in_group
  FROM ${name}_p p JOIN (
    SELECT k, cnt, sum(cnt) OVER (ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - cnt AS before
    FROM (SELECT ${key} AS k, count(*) AS cnt FROM ${rel} GROUP BY 1) h0
  ) h ON p.pos >= h.before AND p.pos < h.before + h.cnt
)`);
    ctes.push(`${name}_i${x} AS (
  SELECT b.b, b.k, x.customer_id FROM ${name}_b${x} b JOIN (
    SELECT ${key} AS k, customer_id, row_number() OVER (PARTITION BY ${key} ORDER BY customer_id) AS rank_in_group
    FROM ${rel} WHERE ${key} IN (SELECT k FROM ${name}_b${x})
  ) x ON x.k = b.k AND x.rank_in_group = b.rank_in_group
)`);
    const after: string[] = [];
    for (const b of [1, 2, 3, 4]) {
      const k = `${name}_${x}k${b}`;
      const id = `${name}_${x}i${b}`;
      pivot.push(
        `(SELECT k FROM ${name}_i${x} WHERE b = ${b}) AS ${k}`,
        `(SELECT customer_id FROM ${name}_i${x} WHERE b = ${b}) AS ${id}`,
      );
      // no boundary b (fewer than 5 customers): NULL, never after
      after.push(`CASE WHEN ${key} > ${k} OR (${key} = ${k} AND customer_id >= ${id}) THEN 1 ELSE 0 END`);
    }
    scores.push(`1 + ${after.join(' + ')} AS ${x}`);
  }
  ctes.push(`${name}_q AS (SELECT ${pivot.join(',\n  ')})`);
  return { ctes: ctes.join(', '), scores: scores.join(', '), from: `${rel}, ${name}_q` };
}
