import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortAnalysis, periodLabel, secondPurchase } from '../../src/analyses/cohorts/index.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { openCustomerShop } from './customer-shop.js';

// Expected values worked out by hand from test/fixtures/customers (README there).
describe('cohort retention on the customer fixture shop', () => {
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await openCustomerShop();
  });
  afterAll(() => wh.close());

  it('builds customer and revenue retention and LTV per monthly cohort', async () => {
    const a = await cohortAnalysis(wh, { asOf: '2026-04-30' });
    expect(a.lastPeriod).toBe('2026-04');
    const byCohort = Object.fromEntries(a.cohorts.map((c) => [c.cohort, c]));
    expect(Object.keys(byCohort)).toEqual(['2025-09', '2025-11', '2026-01', '2026-02', '2026-03', '2026-04']);
    // 2025-09: c10 only, never back; observed Sep..Apr = k 0..7
    expect(byCohort['2025-09'].retention).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    // 2025-11: c9, back in April (k = 5)
    expect(byCohort['2025-11'].active).toEqual([1, 0, 0, 0, 0, 1]);
    // 2026-01: c1, c2, c3; Feb c1 (200), Mar c2 (40), Apr c1 (100); Jan GMV 100+50+80+30 = 260
    const jan = byCohort['2026-01'];
    expect(jan.size).toBe(3);
    expect(jan.active).toEqual([3, 1, 1, 1]);
    expect(jan.gmv).toEqual([260, 200, 40, 100]);
    expect(jan.revenueRetention.map((r) => r?.toFixed(4))).toEqual(['1.0000', '0.7692', '0.1538', '0.3846']);
    // cumulative GMV per customer: 260/3, 460/3, 500/3, 600/3
    expect(jan.ltv).toEqual([86.67, 153.33, 166.67, 200]);
    // 2026-02: c4 (600), c5 (20); c4 again in March (240) and April (60)
    expect(byCohort['2026-02'].retention).toEqual([1, 0.5, 0.5]);
    expect(byCohort['2026-02'].gmv).toEqual([620, 240, 60]);
    // 2026-03: c6 and c7 (paid 23:30 on 31 March local time), both back in April
    expect(byCohort['2026-03'].active).toEqual([2, 2]);
    expect(byCohort['2026-04'].retention).toEqual([1]);
    // size-weighted: k1 = (0+0+1+1+2)/(1+1+3+2+2) = 4/9; k2 = 2/7; k3 = 1/5; k4 = 0/2; k5 = 1/2; k6, k7 = 0
    expect(a.average).toEqual([1, 4 / 9, 2 / 7, 1 / 5, 0, 1 / 2, 0, 0]);
  });

  it('splits cohorts by acquisition channel (falling back to the first order’s channel)', async () => {
    const a = await cohortAnalysis(wh, { asOf: '2026-04-30', split: 'channel', from: '2026-01-01' });
    const rows = a.cohorts.map((c) => [c.cohort, c.segment, c.size, c.active.join('/')]);
    expect(rows).toEqual([
      ['2026-01', '搜索', 1, '1/0/1/0'], // c2
      ['2026-01', '直播', 2, '2/1/0/1'], // c1, c3
      ['2026-02', '搜索', 1, '1/1/1'], // c4
      ['2026-02', '短视频', 1, '1/0/0'], // c5
      ['2026-03', '直播', 1, '1/1'], // c7
      ['2026-03', '短视频', 1, '1/1'], // c6
      ['2026-04', '搜索', 1, '1'], // c8: no acquisition channel, first order via 搜索
    ]);
  });

  it('builds weekly cohorts (weeks start on Monday)', async () => {
    const a = await cohortAnalysis(wh, { grain: 'week', asOf: '2026-04-30', from: '2026-03-30' });
    // week of Mon 2026-03-30: c7 (31 March); its 2 April order is in the same week, so k = 1..4 are 0
    expect(a.cohorts.map((c) => [c.cohort, c.active.join('/')])).toEqual([
      ['2026-03-30', '1/0/0/0/0'],
      ['2026-04-20', '1/0'], // c8, 25 April
    ]);
    expect(periodLabel('week', '2026-04-30', 1)).toBe('2026-04-27');
    expect(periodLabel('week', '2026-04-26', 7)).toBe('2026-04-26');
  });

  it('gives new buyers’ second-purchase rates within 30/60/90 days and the gap distribution', async () => {
    const s = await secondPurchase(wh, { asOf: '2026-04-30', from: '2026-01-01' });
    const rows = s.cohorts.map((c) => [c.cohort, c.size, c.rate30, c.rate60, c.rate90, c.complete30]);
    expect(rows).toEqual([
      // c1 after 15 days, c2 after 54, c3 never
      ['2026-01', 3, 1 / 3, 2 / 3, 2 / 3, true],
      // c4 the next day
      ['2026-02', 2, 0.5, 0.5, 0.5, true],
      // c7 after 2 days, c6 after 41; March + 30 days is past 30 April
      ['2026-03', 2, 0.5, 1, 1, true],
      ['2026-04', 1, 0, 0, 0, false],
    ]);
    expect(s.cohorts[2].complete60).toBe(false);
    // gaps: 1 (c4), 2 (c7) | 15 (c1) | 41 (c6), 54 (c2) | 141 (c9)
    expect(s.gaps?.filter((g) => g.customers > 0).map((g) => [g.days, g.customers])).toEqual([
      ['0–7', 2],
      ['15–30', 1],
      ['31–60', 2],
      ['91–180', 1],
    ]);
    // without the distribution: the same rates, one query fewer
    const rates = await secondPurchase(wh, { asOf: '2026-04-30', from: '2026-01-01', gaps: false });
    expect(rates).toEqual({ asOf: s.asOf, cohorts: s.cohorts });
  });
});
