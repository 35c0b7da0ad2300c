import { describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/warehouse/warehouse.js';

describe('Warehouse.queryColumns', () => {
  it('returns numeric columns as Float64Array in row order: BIGINT, DECIMAL (exact to the cent), DOUBLE, NULL → NaN', async () => {
    const wh = await Warehouse.open(':memory:');
    const c = await wh.queryColumns(
      `SELECT i AS k, CAST(i AS DECIMAL(18,2)) + CAST($1 AS DECIMAL(18,2)) AS money, i / 4 AS d,
         CASE WHEN i % 2 = 0 THEN i END AS maybe
       FROM range(5) t(i) ORDER BY i`,
      ['0.10'],
    );
    expect(Object.keys(c)).toEqual(['k', 'money', 'd', 'maybe']);
    expect(c.k).toBeInstanceOf(Float64Array);
    expect([...c.k]).toEqual([0, 1, 2, 3, 4]);
    // i + 0.10 as DECIMAL(18,2): the double nearest to each exact value, as query() gives them
    expect([...c.money]).toEqual([0.1, 1.1, 2.1, 3.1, 4.1]);
    expect([...c.d]).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect([...c.maybe]).toEqual([0, Number.NaN, 2, Number.NaN, 4]);
    const empty = await wh.queryColumns('SELECT 1 AS one WHERE false');
    expect(empty.one).toHaveLength(0);
    wh.close();
  });
});
