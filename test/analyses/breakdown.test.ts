import { describe, expect, it } from 'vitest';
import { breakdown, topN } from '../../src/analyses/breakdown/index.js';
import { alignByDay } from '../../src/analyses/day-align/index.js';

// Rows shaped like query() output with compare: ['mom', 'yoy']; expected values by hand.
const rows = [
  { channel: 'b', gmv: 300, gmv_mom_base: 100, gmv_mom: 2, gmv_yoy_base: 300, gmv_yoy: 0 },
  { channel: 'a', gmv: 600, gmv_mom_base: 300, gmv_mom: 1, gmv_yoy_base: null, gmv_yoy: null },
  { channel: 'c', gmv: 100, gmv_mom_base: 0, gmv_mom: null, gmv_yoy_base: 50, gmv_yoy: 1 },
  { channel: 'd', gmv: 0, gmv_mom_base: 100, gmv_mom: -1, gmv_yoy_base: 0, gmv_yoy: null },
];

describe('breakdown', () => {
  it('shares of the rows total, share change in points, largest first', () => {
    const b = breakdown(rows, 'channel', 'gmv');
    expect(b.total).toBe(1000);
    expect(b.totalMomBase).toBe(500);
    expect(b.items.map((i) => i.key)).toEqual(['a', 'b', 'c', 'd']);
    const [a, , c, d] = b.items;
    expect(a).toMatchObject({ value: 600, share: 0.6, shareMomBase: 0.6, mom: 1, yoy: null });
    expect(a.shareChangeMom).toBeCloseTo(0, 12);
    expect(c.shareChangeMom).toBeCloseTo(0.1, 12); // 100/1000 − 0/500
    expect(d.shareChangeMom).toBeCloseTo(-0.2, 12); // 0 − 100/500
  });

  it('folds the tail into one row from sums, never averaging changes', () => {
    const { top, rest } = topN(breakdown(rows, 'channel', 'gmv'), 2);
    expect(top.map((i) => i.key)).toEqual(['a', 'b']);
    expect(rest).toMatchObject({ key: null, count: 2, value: 100, momBase: 100, yoyBase: 50 });
    expect(rest?.share).toBeCloseTo(0.1, 12);
    expect(rest?.shareChangeMom).toBeCloseTo(0.1 - 0.2, 12);
    expect(rest?.mom).toBe(0); // (100 − 100) / 100
    expect(rest?.yoy).toBe(1); // (100 − 50) / 50
    expect(topN(breakdown(rows, 'channel', 'gmv'), 10).rest).toBeUndefined();
  });
});

describe('alignByDay', () => {
  it('lines up days of month; missing days are 0, days the base month lacks are null', () => {
    const days = alignByDay(
      [
        { day: '2026-10-02', gmv: 5 },
        { day: '2026-10-31', gmv: 7 },
      ],
      [{ day: '2026-09-02', gmv: 3 }],
      {
        dates: Array.from({ length: 31 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`),
        previousDays: 30,
        metrics: ['gmv'],
      },
    );
    expect(days[0]).toEqual({ day: 1, date: '2026-10-01', current: { gmv: 0 }, previous: { gmv: 0 } });
    expect(days[1]).toEqual({ day: 2, date: '2026-10-02', current: { gmv: 5 }, previous: { gmv: 3 } });
    expect(days[30]).toEqual({ day: 31, date: '2026-10-31', current: { gmv: 7 }, previous: null });
  });
});
