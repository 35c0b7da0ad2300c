import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/metrics/compile.js';
import { monthPeriod, previousPeriod, query, querySets } from '../../src/metrics/index.js';
import { checkSpec } from '../../src/metrics/spec.js';
import type { QuerySpec } from '../../src/metrics/types.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { openFixtureShop } from '../helpers/fixture-shop.js';

const OCT = monthPeriod('2026-10');
let wh: Warehouse;
beforeAll(async () => {
  wh = await openFixtureShop();
});
afterAll(() => wh.close());

const ORDER_SETS = [
  ['store'],
  ['channel'],
  ['device'],
  ['province'],
  ['city'],
  ['customer_type'],
  ['member_tier'],
];
const PAIRS = [
  ['channel', 'device'],
  ['channel', 'member_tier'],
  ['device', 'member_tier'],
  ['customer_type', 'member_tier'],
];

describe('grouping sets: one statement for several splits', () => {
  it('prints GROUP BY GROUPING SETS with grouping_id, reads tiers from orders (an older file joins customers once), and EXPLAINs on DuckDB', async () => {
    const spec = checkSpec({
      metrics: ['gmv', 'buyers'],
      dimensions: ['channel', 'device', 'member_tier'],
      period: OCT,
    });
    const { sql, params } = compileSpec(spec, [OCT, previousPeriod(OCT)], wh.dialect, {
      sets: PAIRS.slice(0, 3),
    });
    expect(sql).toContain(
      'GROUP BY GROUPING SETS (("_p", "channel", "device", "customer_id"), ("_p", "channel", "member_tier", "customer_id"), ("_p", "device", "member_tier", "customer_id"))',
    );
    expect(sql).toContain('grouping_id("channel", "device", "member_tier") AS "_g"');
    expect(sql).not.toContain('"customers"');
    expect(sql).toContain('coalesce(o."member_tier", \'\') AS "member_tier"');
    const older = compileSpec(spec, [OCT, previousPeriod(OCT)], wh.dialect, {
      sets: PAIRS.slice(0, 3),
      schemaVersion: 2,
    });
    expect(older.sql.match(/"customers" AS c/g)).toHaveLength(1);
    expect(params).not.toContain(undefined);
    const plan = await wh.query(`EXPLAIN ${sql}`, params);
    expect(plan.length).toBeGreaterThan(0);
  });

  it('metrics from two sources: each groups by the sets, joined on the set and its values (NULL-safe)', () => {
    const spec = checkSpec({ metrics: ['conversion'], dimensions: ['channel', 'device'], period: OCT });
    const { sql } = compileSpec(spec, [OCT], wh.dialect, { sets: [['channel'], ['device']] });
    expect(sql.match(/GROUP BY GROUPING SETS/g)?.length).toBeGreaterThanOrEqual(2);
    expect(sql).toContain('"channel" IS NOT DISTINCT FROM');
    // a source that builds no grouping sets (placed orders) cannot take part
    const placed = checkSpec({ metrics: ['placed_amount', 'gmv'], dimensions: ['channel'], period: OCT });
    expect(() => compileSpec(placed, [OCT], wh.dialect, { sets: [['channel'], []] })).toThrow(
      /sources that build them/,
    );
  });

  // Each result must equal query() by that set exactly (rows, order, values), whatever path it took.
  const cases: Array<{ name: string; spec: QuerySpec; sets: string[][] }> = [
    {
      name: '客单价 by each order dimension, mom',
      spec: { metrics: ['gmv', 'buyers'], period: OCT, compare: ['mom'] },
      sets: ORDER_SETS,
    },
    {
      name: '客单价 by pairs out of the union’s order, one period (one query per set)',
      spec: { metrics: ['gmv', 'buyers'], period: OCT },
      sets: PAIRS,
    },
    {
      name: '客单价 by pairs, mom',
      spec: { metrics: ['gmv', 'buyers'], period: OCT, compare: ['mom'] },
      sets: PAIRS,
    },
    {
      name: 'GMV and orders by order dimensions, one period',
      spec: { metrics: ['gmv', 'orders'], period: OCT },
      sets: ORDER_SETS,
    },
    {
      name: 'GMV by line dimensions and a pair, yoy',
      spec: { metrics: ['gmv', 'units'], period: OCT, compare: ['yoy'] },
      sets: [['category'], ['price_band'], ['customer_type', 'brand']],
    },
    {
      name: 'buyers by line dimensions (orders rolled up per group first)',
      spec: { metrics: ['buyers', 'orders'], period: OCT, compare: ['mom'] },
      sets: [['category'], ['price_band']],
    },
    {
      name: 'conversion (two sources, with a value only one of them has): one statement',
      spec: { metrics: ['buyers', 'visitors'], period: OCT, compare: ['mom'] },
      sets: [['channel'], ['device']],
    },
    {
      name: 'repurchase by channel and member tier, mom, largest groups first, top 3',
      spec: {
        metrics: ['buyers', 'repeat_buyers', 'repeat_rate', 'returning_customers'],
        period: OCT,
        compare: ['mom'],
        sort: [{ field: 'buyers', desc: true }],
        limit: 3,
      },
      sets: [['channel'], ['member_tier']],
    },
    {
      name: 'channel performance (paid, traffic and spend) by channel and the shop total, mom and yoy',
      spec: {
        metrics: ['visitors', 'conversion', 'gmv', 'atv', 'new_buyers', 'spend', 'roas', 'cac', 'ctr'],
        period: OCT,
        compare: ['mom', 'yoy'],
      },
      sets: [['channel'], []],
    },
    {
      name: 'order and line dimensions mixed: one query per set',
      spec: { metrics: ['gmv'], period: OCT },
      sets: [['channel'], ['category']],
    },
  ];
  for (const c of cases) {
    it(`${c.name}: each set equals its own query`, async () => {
      const results = await querySets(wh, c.spec, c.sets);
      expect(results).toHaveLength(c.sets.length);
      for (const [i, set] of c.sets.entries()) {
        const alone = await query(wh, { ...c.spec, dimensions: set });
        expect(results[i].rows, set.join(' × ')).toEqual(alone.rows);
        expect(results[i].rows.length).toBeGreaterThan(0);
      }
    });
  }

  it('one statement when batched: its SQL has the grouping sets; mixed sets fall back to plain queries', async () => {
    const [batched] = await querySets(
      wh,
      { metrics: ['gmv', 'buyers'], period: OCT, compare: ['mom'] },
      PAIRS,
    );
    expect(batched.sql).toHaveLength(1);
    expect(batched.sql[0]).toContain('GROUPING SETS');
    // sorted and limited with comparisons: still one statement (rows are sorted after the merge)
    const sorted = {
      metrics: ['buyers'],
      period: OCT,
      compare: ['mom' as const],
      sort: [{ field: 'buyers', desc: true }],
    };
    const [both] = await querySets(wh, sorted, [['channel'], ['member_tier']]);
    expect(both.sql).toHaveLength(1);
    const [alone] = await querySets(wh, { ...sorted, compare: [] }, [['channel'], ['member_tier']]);
    expect(alone.sql[0]).not.toContain('GROUPING SETS');
    const [mixed] = await querySets(wh, { metrics: ['gmv'], period: OCT }, [['channel'], ['category']]);
    expect(mixed.sql[0]).not.toContain('GROUPING SETS');
    const [conversion] = await querySets(
      wh,
      { metrics: ['conversion', 'buyers', 'visitors'], period: OCT, compare: ['mom'] },
      [['channel'], ['device'], ['channel', 'device']],
    );
    expect(conversion.sql).toHaveLength(1);
  });
});
