import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthBefore, RFM_SEGMENTS, rfmAnalysis, rfmSegment } from '../../src/analyses/rfm/index.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { openCustomerShop } from './customer-shop.js';

// Worked by hand from test/fixtures/customers. As of 2026-05-01 (orders paid before it):
//   customer  recency  frequency  monetary
//   c1        16       4          450
//   c2        57       2          120
//   c3        96       1           30
//   c4        30       4          900
//   c5        70       1           20
//   c6        11       2          600
//   c7        29       2          140
//   c8         6       1           45
//   c9        21       2          300
//   c10      242       1           60
// ntile(5) over 10 customers puts 2 in each tile (ties broken by customer_id as text: c1 < c10 < c2 …):
//   R (recency desc): c10 c3 | c5 c2 | c4 c7 | c9 c1 | c6 c8
//   F (frequency asc): c10 c3 | c5 c8 | c2 c6 | c7 c9 | c1 c4
//   M (monetary asc):  c5 c3 | c8 c10 | c2 c7 | c9 c1 | c6 c4
// Segments (R, F): c1 (4,5) loyal, c2 (2,3) at_risk, c3 (1,1) lost, c4 (3,5) loyal, c5 (2,2) hibernating,
//   c6 (5,3) potential_loyalist, c7 (3,4) loyal, c8 (5,2) potential_loyalist, c9 (4,4) loyal, c10 (1,1) lost.
describe('RFM on the customer fixture shop', () => {
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await openCustomerShop();
  });
  afterAll(() => wh.close());

  it('scores quintiles with ntile semantics and counts segments with GMV and averages', async () => {
    const a = await rfmAnalysis(wh, { asOf: '2026-05-01' });
    expect(a.customers).toBe(10);
    expect(a.gmv).toBe(2665);
    const seg = Object.fromEntries(a.segments.map((s) => [s.segment, s]));
    expect(seg.loyal).toMatchObject({ customers: 4, gmv: 1790, avgRecencyDays: 24, avgFrequency: 3 });
    expect(seg.loyal.avgMonetary).toBe(447.5);
    expect(seg.potential_loyalist).toMatchObject({ customers: 2, gmv: 645 });
    expect(seg.lost).toMatchObject({ customers: 2, gmv: 90, avgRecencyDays: 169 });
    expect(seg.at_risk).toMatchObject({ customers: 1, gmv: 120 });
    expect(seg.hibernating).toMatchObject({ customers: 1, gmv: 20 });
    expect(seg.champions).toMatchObject({ customers: 0, gmv: 0, avgRecencyDays: null });
    expect(seg.loyal.gmvShare).toBeCloseTo(1790 / 2665, 12);
    expect(a.segments.map((s) => s.segment)).toEqual(RFM_SEGMENTS.map((s) => s.key));
    // cells: c4 is (3,5,5), c6 (5,3,5)
    expect(a.cells.find((c) => c.r === 3 && c.f === 5)).toEqual({ r: 3, f: 5, m: 5, customers: 1, gmv: 900 });
    expect(a.cells.reduce((s, c) => s + c.customers, 0)).toBe(10);
  });

  it('scores by thresholds when given', async () => {
    const a = await rfmAnalysis(wh, {
      asOf: '2026-05-01',
      // R: ≤30 → 5, ≤60 → 4, ≤90 → 3, ≤180 → 2, else 1; F: 1 order → 1, 2 → 2, 3 → 3, 4–5 → 4, ≥ 6 → 5
      scoring: {
        kind: 'thresholds',
        recencyDays: [30, 60, 90, 180],
        frequency: [2, 3, 4, 6],
        monetary: [50, 100, 300, 800],
      },
    });
    const seg = Object.fromEntries(a.segments.map((s) => [s.segment, s.customers]));
    // c1 (5,4) c4 (5,4) → champions; c6 (5,2) c7 (5,2) c9 (5,2) → potential loyalists; c8 (5,1) → new;
    // c2 (4,2) → potential loyalist; c5 (3,1) → about to sleep; c3 (2,1) → hibernating; c10 (1,1) → lost
    expect(seg).toMatchObject({
      champions: 2,
      potential_loyalist: 4,
      new: 1,
      about_to_sleep: 1,
      hibernating: 1,
      lost: 1,
    });
    // M: c4 900 ≥ 800 → 5, c1 450 → 4, c5 20 < 50 → 1
    const cell = (r: number, f: number, m: number) =>
      a.cells.find((c) => c.r === r && c.f === f && c.m === m);
    expect([cell(5, 4, 5)?.gmv, cell(5, 4, 4)?.gmv, cell(3, 1, 1)?.gmv]).toEqual([900, 450, 20]);
  });

  it('builds the month-over-month segment migration matrix', async () => {
    // As of 2026-04-01 (9 customers, tiles of 2,2,2,2,1):
    //   R: c10 c9 | c3 c1 | c5 c4 | c2 c6 | c7      F: c10 c3 | c5 c6 | c7 c9 | c2 c1 | c4
    //   c1 (2,4) at_risk, c2 (4,4) loyal, c3 (2,1) hibernating, c4 (3,5) loyal, c5 (3,2) about_to_sleep,
    //   c6 (4,2) potential_loyalist, c7 (5,3) potential_loyalist, c9 (1,3) at_risk, c10 (1,1) lost
    const a = await rfmAnalysis(wh, { asOf: '2026-05-01', migrationFrom: monthBefore('2026-05-01') });
    const m = a.migration!;
    expect(m.fromDay).toBe('2026-04-01');
    const cell = (from: string, to: string) =>
      m.counts[m.from.indexOf(from as never)][m.to.indexOf(to as never)];
    expect(cell('at_risk', 'loyal')).toBe(2); // c1, c9
    expect(cell('loyal', 'at_risk')).toBe(1); // c2
    expect(cell('loyal', 'loyal')).toBe(1); // c4
    expect(cell('hibernating', 'lost')).toBe(1); // c3
    expect(cell('about_to_sleep', 'hibernating')).toBe(1); // c5
    expect(cell('potential_loyalist', 'potential_loyalist')).toBe(1); // c6
    expect(cell('potential_loyalist', 'loyal')).toBe(1); // c7
    expect(cell('lost', 'lost')).toBe(1); // c10
    expect(cell('new', 'potential_loyalist')).toBe(1); // c8
    expect(m.counts.flat().reduce((s, v) => s + v, 0)).toBe(10);
    expect(m.stayed).toBe(3);
  });

  it('maps every (R, F) pair to exactly one segment', () => {
    for (let r = 1; r <= 5; r++) {
      for (let f = 1; f <= 5; f++) {
        const hits = RFM_SEGMENTS.filter((s) => r >= s.r[0] && r <= s.r[1] && f >= s.f[0] && f <= s.f[1]);
        expect(hits.map((h) => h.key)).toEqual([rfmSegment(r, f)]);
      }
    }
    expect(monthBefore('2026-03-31')).toBe('2026-02-28');
  });
});
