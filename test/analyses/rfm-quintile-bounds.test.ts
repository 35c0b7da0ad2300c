import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  boundaryRank,
  boundaryRanksSql,
  discreteQuantile,
  quintileBounds,
  quintileBoundsAt,
} from '../../src/analyses/rfm/quintile-bounds.js';
import type { Param, Warehouse } from '../../src/warehouse/warehouse.js';
import { Warehouse as W } from '../../src/warehouse/warehouse.js';

let wh: Warehouse;
beforeAll(async () => {
  wh = await W.open(':memory:', {});
});
afterAll(() => wh.close());

// quintileBoundsAt selects the row at a rank with quantile_disc; the index DuckDB picks for a
// quantile is DuckDB's own rule, so DuckDB itself is the reference: every index of several sizes.
describe('discreteQuantile', () => {
  it('makes quantile_disc return the value at every index', async () => {
    for (const m of [1, 2, 3, 4, 5, 7, 10, 11, 97, 1000, 65_537]) {
      const want = Array.from({ length: m }, (_, i) => i).filter(
        (i) => m <= 1000 || i % 997 === 0 || i >= m - 3,
      );
      const qs = want.map((i) => `CAST(${discreteQuantile(i, m)} AS DOUBLE)`).join(', ');
      const [row] = await wh.query(
        `SELECT CAST(quantile_disc(x, [${qs}]) AS VARCHAR) AS l FROM range(${m}) t(x)`,
      );
      expect(String(row.l)).toBe(`[${want.join(', ')}]`);
    }
    expect(() => discreteQuantile(3, 3)).toThrow();
  });
});

/** Seeded customer ids of mixed lengths (text order differs from number order). */
function ids(n: number, seed: number): string[] {
  let s = seed;
  const next = () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s;
  };
  return Array.from({ length: n }, (_, i) => `c${next() % 1000}-${i}`);
}

const KEYS = { a: 'a', b: 'b', c: 'c' } as const;

/** Scores from quintileBounds, from the two statements of boundary ranks, and from SQL ntile. */
async function scores(n: number, seed: number) {
  await wh.run('CREATE OR REPLACE TABLE t (customer_id VARCHAR, a INTEGER, b BIGINT, c DECIMAL(18,2))');
  // a: all tied; b: three values, most customers at 1 (like orders per customer); c: amounts with ties
  const rows = ids(n, seed).map(
    (id, i) => `('${id}', 7, ${i % 5 === 0 ? 3 : i % 3 === 0 ? 2 : 1}, ${(i % 7) * 1.25})`,
  );
  if (rows.length > 0) await wh.run(`INSERT INTO t VALUES ${rows.join(', ')}`);
  const ntile = await wh.query(
    `SELECT customer_id, ${Object.keys(KEYS)
      .map((x) => `ntile(5) OVER (ORDER BY ${x}, customer_id) AS ${x}`)
      .join(', ')} FROM t ORDER BY customer_id`,
  );
  const rel = `WITH v AS MATERIALIZED (SELECT * FROM t)`;
  const one = quintileBounds('v', 'q', KEYS);
  const bySort = await wh.query(
    `${rel}, ${one.ctes} SELECT customer_id, ${one.scores} FROM ${one.from} ORDER BY 1`,
  );
  const r = boundaryRanksSql('v', 'q', KEYS);
  const ranks = (await wh.query(`${rel}, ${r.ctes}\n${r.select}`)).map(boundaryRank);
  const params: Param[] = [];
  const two = quintileBoundsAt('v', 'q', KEYS, ranks, params);
  const byRank = await wh.query(
    `${rel}${two.ctes ? `, ${two.ctes}` : ''} SELECT customer_id, ${two.scores} FROM ${two.from} ORDER BY 1`,
    params,
  );
  return { ntile, bySort, byRank };
}

describe('quintile boundaries with ties at every boundary', () => {
  it('equal ntile(5) by (key, customer_id) for 0 to 12 rows and larger tables', async () => {
    for (const [n, seed] of [
      ...Array.from({ length: 13 }, (_, n) => [n, n + 1]),
      [101, 7],
      [1000, 42],
      [2003, 5],
    ]) {
      const { ntile, bySort, byRank } = await scores(n, seed);
      expect(bySort).toEqual(ntile);
      expect(byRank).toEqual(ntile);
    }
  });
});
