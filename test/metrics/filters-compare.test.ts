import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthPeriod, query } from '../../src/metrics/index.js';
import type { MetricRow, QuerySpec } from '../../src/metrics/types.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { openFixtureShop } from '../helpers/fixture-shop.js';

// Filters, comparisons, sorting. Every expected value below is computed by hand from test/fixtures/shop/*.csv.
// October 2026 paid orders (paid_date in October, store zone): S4 80 (u5, 直播, app), T1 230 (u1, 直播,
// app), T2 100 (u1, 搜索, pc), T3 200 refunded 200 (u2, 直播, app), T4 48 (u3, 短视频, app, store s2),
// T5 150 refunded 50 (u7, 直播, pc), T6 100 (u7, 直播, app), T7 80 (u8, 搜索, app).
// Not October: T8 (paid 11-01 00:10 +08), T9 and S5 (unpaid).

const OCT = monthPeriod('2026-10');
let wh: Warehouse;
beforeAll(async () => {
  wh = await openFixtureShop();
});
afterAll(() => wh.close());

const run = async (spec: Partial<QuerySpec> & { metrics: string[] }) =>
  (await query(wh, { period: OCT, ...spec })).rows;
const one = async (spec: Partial<QuerySpec> & { metrics: string[] }) => {
  const rows = await run(spec);
  expect(rows).toHaveLength(1);
  return rows[0];
};
const byKey = (rows: MetricRow[], dim: string) => Object.fromEntries(rows.map((r) => [String(r[dim]), r]));

describe('filters', () => {
  it('in / not_in / eq / neq on order dimensions, applied to every fact table', async () => {
    const live = await one({
      metrics: ['gmv', 'visitors', 'spend'],
      filters: [{ dimension: 'channel', op: 'in', values: ['直播'] }],
    });
    expect(live).toEqual({ gmv: 760, visitors: 180, spend: 150 });
    const notLive = await one({
      metrics: ['gmv'],
      filters: [{ dimension: 'channel', op: 'not_in', values: ['直播'] }],
    });
    expect(notLive.gmv).toBe(228); // 180 + 48
    const eq = await one({
      metrics: ['gmv'],
      filters: [{ dimension: 'province', op: 'eq', values: ['广东'] }],
    });
    expect(eq.gmv).toBe(330);
    const neq = await one({
      metrics: ['orders'],
      filters: [{ dimension: 'device', op: 'neq', values: ['app'] }],
    });
    expect(neq.orders).toBe(2);
  });

  it('a line-dimension filter moves order metrics to line level', async () => {
    const r = await one({
      metrics: ['gmv', 'orders'],
      filters: [{ dimension: 'category', op: 'eq', values: ['服饰'] }],
    });
    expect(r).toEqual({ gmv: 680, orders: 4 });
  });

  it('filter values are bound: injection attempts and full-width quotes match nothing', async () => {
    for (const value of ["'; DROP TABLE orders; --", "直播' OR '1'='1", '＇直播＇', '"直播"', '\\']) {
      const r = await one({
        metrics: ['gmv', 'orders'],
        filters: [{ dimension: 'channel', op: 'eq', values: [value] }],
      });
      expect(r).toEqual({ gmv: 0, orders: 0 });
    }
    expect((await one({ metrics: ['orders'] })).orders).toBe(8); // orders table intact
  });
});

describe('comparisons', () => {
  it('mom and yoy for the store', async () => {
    const r = await one({ metrics: ['gmv', 'buyers', 'conversion'], compare: ['mom', 'yoy'] });
    expect(r).toEqual({
      gmv: 988,
      buyers: 6,
      conversion: 0.02,
      gmv_mom_base: 316, // September 90 + 150 + 46 + 30
      gmv_mom: (988 - 316) / 316,
      buyers_mom_base: 4,
      buyers_mom: 0.5,
      conversion_mom_base: 4 / 200,
      conversion_mom: 0, // 0.02 vs 0.02
      gmv_yoy_base: 280, // 2025-10: Y1 200 + Y2 80
      gmv_yoy: (988 - 280) / 280,
      buyers_yoy_base: 2,
      buyers_yoy: 2,
      conversion_yoy_base: 2 / 50,
      conversion_yoy: (0.02 - 0.04) / 0.04,
    });
  });

  it('by channel: a channel selling only last month keeps a row; no base → empty change', async () => {
    const res = await query(wh, {
      metrics: ['gmv'],
      dimensions: ['channel'],
      period: OCT,
      compare: ['mom', 'yoy'],
    });
    expect(res.comparisons).toEqual([
      { comparison: 'mom', period: { from: '2026-09-01', to: '2026-09-30' } },
      { comparison: 'yoy', period: { from: '2025-10-01', to: '2025-10-31' } },
    ]);
    expect(res.sql).toHaveLength(1); // one scan of each fact table for all three periods
    expect(res.rows).toEqual([
      { channel: '搜索', gmv: 180, gmv_mom_base: 150, gmv_mom: 0.2, gmv_yoy_base: 80, gmv_yoy: 1.25 },
      {
        channel: '直播',
        gmv: 760,
        gmv_mom_base: 90,
        gmv_mom: (760 - 90) / 90,
        gmv_yoy_base: 200,
        gmv_yoy: 2.8,
      },
      { channel: '短视频', gmv: 48, gmv_mom_base: 46, gmv_mom: 2 / 46, gmv_yoy_base: 0, gmv_yoy: null },
      { channel: '私域', gmv: 0, gmv_mom_base: 30, gmv_mom: -1, gmv_yoy_base: 0, gmv_yoy: null },
    ]);
  });

  it('by day: buckets align by position (the 5th with the 5th); sort and limit apply after the merge', async () => {
    const rows = await run({ metrics: ['gmv'], dimensions: ['day'], compare: ['mom'] });
    const d = byKey(rows, 'day');
    expect(d['2026-10-05']).toEqual({ day: '2026-10-05', gmv: 0, gmv_mom_base: 90, gmv_mom: -1 }); // S1 09-05
    expect(d['2026-10-03']).toEqual({ day: '2026-10-03', gmv: 230, gmv_mom_base: 0, gmv_mom: null });
    expect(d['2026-10-12']).toMatchObject({ gmv_mom_base: 150 }); // S2 09-12
    const top = await run({
      metrics: ['gmv'],
      dimensions: ['day'],
      compare: ['mom'],
      sort: [{ field: 'gmv_mom_base', desc: true }],
      limit: 2,
    });
    expect(top.map((r) => [r.day, r.gmv_mom_base])).toEqual([
      ['2026-10-12', 150],
      ['2026-10-05', 90],
    ]);
  });

  it('periods whose months overlap run as separate statements', async () => {
    // 13 months: the mom base (2024-09 .. 2025-09) overlaps the yoy base (2024-10 .. 2025-10)
    const res = await query(wh, {
      metrics: ['gmv', 'gmv_target'],
      period: { from: '2025-10-01', to: '2026-10-31' },
      compare: ['mom', 'yoy'],
    });
    expect(res.sql).toHaveLength(3);
    expect(res.rows).toEqual([
      {
        gmv: 1584, // 280 + 316 + 988
        gmv_target: 1400, // 2026-09 400 + 2026-10 1000
        gmv_mom_base: 0, // 2024-09-01 .. 2025-09-30 holds no order
        gmv_mom: null,
        gmv_target_mom_base: null,
        gmv_target_mom: null,
        gmv_yoy_base: 280, // 2024-10-01 .. 2025-10-31 holds Y1 200 + Y2 80
        gmv_yoy: (1584 - 280) / 280,
        gmv_target_yoy_base: null,
        gmv_target_yoy: null,
      },
    ]);
  });

  it('a 12-month period: the mom and yoy periods coincide and are computed once', async () => {
    const res = await query(wh, {
      metrics: ['gmv'],
      period: { from: '2025-11-01', to: '2026-10-31' },
      compare: ['mom', 'yoy'],
    });
    expect(res.comparisons.map((c) => c.period)).toEqual([
      { from: '2024-11-01', to: '2025-10-31' },
      { from: '2024-11-01', to: '2025-10-31' },
    ]);
    expect(res.sql).toHaveLength(1);
    // current: September 316 + October 988; base: 2025-10 Y1 200 + Y2 80
    expect(res.rows).toEqual([
      { gmv: 1304, gmv_mom_base: 280, gmv_mom: 1024 / 280, gmv_yoy_base: 280, gmv_yoy: 1024 / 280 },
    ]);
  });

  it('targets compare month over month', async () => {
    const r = await one({ metrics: ['gmv_target'], compare: ['mom'] });
    expect(r).toEqual({ gmv_target: 1000, gmv_target_mom_base: 400, gmv_target_mom: 1.5 });
  });
});

describe('sorting and limits', () => {
  it('sorts by a metric descending and limits in SQL', async () => {
    const res = await query(wh, {
      metrics: ['gmv', 'orders'],
      dimensions: ['channel'],
      period: OCT,
      sort: [{ field: 'gmv', desc: true }],
      limit: 2,
    });
    expect(res.rows.map((r) => r.channel)).toEqual(['直播', '搜索']);
    expect(res.sql[0]).toContain('LIMIT 2');
  });
});
