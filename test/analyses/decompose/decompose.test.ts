import { describe, expect, it } from 'vitest';
import {
  additiveSplit,
  binaryGrid,
  exactSplit,
  FEN,
  fromTicks,
  gmvFactors,
  lmdiFactors,
  logMean,
  orderFactors,
  ratioSplit,
  shapleyFactors,
} from '../../../src/analyses/decompose/index.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('product factors', () => {
  // GMV = visitors × conversion × 客单价: 1000 × 8 % × ¥400 = ¥32,000 → 1200 × 7 % × ¥375 = ¥31,500.
  // Shapley by hand (weights 1/3, 1/6, 1/6, 1/3 over the other factors at previous/current values):
  //   visitors   = 200 × (32/3 + 28/6 + 30/6 + 26.25/3)            = ¥5,816.666…
  //   conversion = −0.01 × (400000/3 + 480000/6 + 375000/6 + 450000/3) = −¥4,258.333…
  //   客单价      = −25 × (80/3 + 96/6 + 70/6 + 84/3)               = −¥2,058.333…
  // In fen: 581,666.67 / −425,833.33 / −205,833.33; floors leave 2 fen, remainders tie (⅔ each), so
  // the first two factors get one fen each.
  const prev = { visitors: 1000, buyers: 80, gmvFen: 3_200_000, orders: 100 };
  const cur = { visitors: 1200, buyers: 84, gmvFen: 3_150_000, orders: 120 };

  it('splits GMV into traffic, conversion and 客单价 to the fen (Shapley)', () => {
    const f = shapleyFactors([1000, 0.08, 400], [1200, 0.07, 375]);
    expect(f[0]).toBeCloseTo(5816.6666667, 6);
    expect(f[1]).toBeCloseTo(-4258.3333333, 6);
    expect(f[2]).toBeCloseTo(-2058.3333333, 6);
    expect(gmvFactors(prev, cur)).toEqual({
      method: 'shapley',
      visitorsFen: 581_667,
      conversionFen: -425_833,
      atvFen: -205_834,
    });
  });

  it('LMDI: L(Y₁,Y₀) · ln(x₁/x₀), exact in fen as well', () => {
    const L = logMean(31_500, 32_000);
    expect(L).toBeCloseTo(500 / Math.log(32_000 / 31_500), 9);
    const f = lmdiFactors([1000, 0.08, 400], [1200, 0.07, 375]);
    expect(f[0]).toBeCloseTo(L * Math.log(1.2), 9);
    expect(sum(f)).toBeCloseTo(-500, 9);
    const g = gmvFactors(prev, cur, 'lmdi')!;
    expect(g.visitorsFen + g.conversionFen + g.atvFen).toBe(-50_000);
    expect(g.visitorsFen).toBe(Math.round(L * Math.log(1.2) * 100));
    expect(() => lmdiFactors([0, 1], [1, 1])).toThrow(RangeError);
  });

  it('orders × AOV: 100 × ¥320 → 120 × ¥262.50; Shapley of two factors is the midpoint split', () => {
    // orders: 20 × (320 + 262.5)/2 = ¥5,825; AOV: −57.5 × (100 + 120)/2 = −¥6,325; sum −¥500.
    expect(orderFactors(prev, cur)).toEqual({ method: 'shapley', ordersFen: 582_500, aovFen: -632_500 });
  });

  it('is undefined without visitors or buyers', () => {
    expect(gmvFactors({ ...prev, visitors: 0 }, cur)).toBeNull();
    expect(orderFactors(prev, { ...cur, orders: 0 })).toBeNull();
  });
});

describe('mix vs rate', () => {
  // Simpson's paradox: both channels convert better, overall conversion falls from 9.2 % to 3.8 %.
  //   A: 900 visitors, 90 buyers (10 %) → 100 visitors, 11 buyers (11 %)
  //   B: 100 visitors,  2 buyers  (2 %) → 900 visitors, 27 buyers  (3 %)
  // Centre R̄ = (9.2 % + 3.8 %)/2 = 6.5 %. By hand:
  //   mix_A = −0.8 × (10.5 % − 6.5 %) = −3.2 pp,  rate_A = 0.5 × 1 pp = +0.5 pp
  //   mix_B = +0.8 × ( 2.5 % − 6.5 %) = −3.2 pp,  rate_B = 0.5 × 1 pp = +0.5 pp
  //   Σ = −6.4 + 1.0 = −5.4 pp = 3.8 % − 9.2 %.
  const simpson = [
    { values: ['A'], previous: { num: 90, den: 900 }, current: { num: 11, den: 100 } },
    { values: ['B'], previous: { num: 2, den: 100 }, current: { num: 27, den: 900 } },
  ];
  const totals = { previous: { num: 92, den: 1000 }, current: { num: 38, den: 1000 } };

  it("Simpson's paradox: every rate rises, the mix shift lowers the total", () => {
    const s = ratioSplit(simpson, totals)!;
    expect(s.change).toBeCloseTo(-0.054, 15);
    expect(s.terms.map((t) => t.mix)).toEqual([expect.closeTo(-0.032, 15), expect.closeTo(-0.032, 15)]);
    expect(s.terms.map((t) => t.rateEffect)).toEqual([expect.closeTo(0.005, 15), expect.closeTo(0.005, 15)]);
    expect(s.overlap).toBeCloseTo(0, 15);
    expect(s.terms[0].share).toEqual([0.9, 0.1]);
    expect(s.terms[1].rate).toEqual([0.02, 0.03]);
  });

  it('on the binary grid the contributions add up to the change exactly, in any order', () => {
    const s = ratioSplit(simpson, totals)!;
    const e = exactSplit(s, binaryGrid(1, 5));
    expect(e.grid.ticks).toBe(2 ** 40);
    const parts = [...e.terms.flatMap((t) => [t.mixTicks, t.rateTicks]), e.overlapTicks];
    expect(sum(parts)).toBe(e.changeTicks);
    const reported = parts.map((p) => fromTicks(p, e.grid));
    const change = fromTicks(e.changeTicks, e.grid);
    expect(sum(reported)).toBe(change);
    expect(sum([...reported].reverse())).toBe(change);
    expect(fromTicks(e.currentTicks, e.grid) - fromTicks(e.previousTicks, e.grid)).toBe(change);
    expect(fromTicks(e.terms[0].mixTicks, e.grid)).toBeCloseTo(-0.032, 12);
  });

  it('a buyer counted in two channels leaves an overlap that closes the sum', () => {
    // 10 distinct buyers overall but 11 by channel in the current period (one bought in both).
    const groups = [
      { values: ['A'], previous: { num: 5, den: 50 }, current: { num: 6, den: 60 } },
      { values: ['B'], previous: { num: 5, den: 50 }, current: { num: 5, den: 40 } },
    ];
    const s = ratioSplit(groups, { previous: { num: 10, den: 100 }, current: { num: 10, den: 100 } })!;
    // Channel-summed conversion 10 % → 11 %; overall 10 % → 10 %; overlap = 0 − 1 pp.
    expect(s.overlap).toBeCloseTo(-0.01, 15);
    expect(sum(s.terms.map((t) => t.mix + t.rateEffect)) + s.overlap).toBeCloseTo(0, 15);
  });

  it('a group new in the current period is all mix; buyers without traffic are rate', () => {
    const groups = [
      { values: ['old'], previous: { num: 10, den: 100 }, current: { num: 10, den: 100 } },
      { values: ['new'], previous: { num: 0, den: 0 }, current: { num: 1, den: 100 } },
      { values: [''], previous: { num: 1, den: 0 }, current: { num: 3, den: 0 } },
    ];
    const s = ratioSplit(groups, { previous: { num: 11, den: 100 }, current: { num: 14, den: 200 } })!;
    // R̃: 11/100 = 11 % → 14/200 = 7 %; centre 9 %. old: Δs −0.5 × (10 % − 9 %) = −0.5 pp;
    // new: +0.5 × (1 % − 9 %) = −4 pp, rate 0; '' : 3/200 − 1/100 = +0.5 pp (rate).
    expect(s.terms[0].mix).toBeCloseTo(-0.005, 15);
    expect(s.terms[1].mix).toBeCloseTo(-0.04, 15);
    expect(s.terms[1].rateEffect).toBe(0);
    expect(s.terms[2].rateEffect).toBeCloseTo(0.005, 15);
    expect(s.change).toBeCloseTo(-0.04, 15);
  });

  it('is undefined when a period has no denominator', () => {
    expect(ratioSplit(simpson, { ...totals, current: { num: 0, den: 0 } })).toBeNull();
  });

  it('additive metrics: mix + rate is each group’s own change, in whole fen', () => {
    // GMV by channel ¥600 + ¥400 = ¥1,000 → ¥600 + ¥900 = ¥1,500. Shares 60/40 → 40/60.
    // A: mix = −0.2 × 1250 = −250, rate = 0.5 × 500 = +250 → 0 (its own change);
    // B: mix = +250, rate = +250 → +500.
    const s = additiveSplit(
      [
        { values: ['A'], previous: { num: 60_000 }, current: { num: 60_000 } },
        { values: ['B'], previous: { num: 40_000 }, current: { num: 90_000 } },
      ],
      [100_000, 150_000],
    );
    const e = exactSplit(s, { kind: 'count', ticks: 1 });
    expect(e.terms.map((t) => [t.mixTicks, t.rateTicks, t.totalTicks])).toEqual([
      [-25_000, 25_000, 0],
      [25_000, 25_000, 50_000],
    ]);
    expect(e.overlapTicks).toBe(0);
    expect(FEN.ticks).toBe(100);
  });
});

describe('groups without a denominator in one period', () => {
  it('buyers of a channel that had no traffic last month still add up (report-shop case)', () => {
    // 信息流广告: 1 buyer, 0 visitors → 3 buyers, 60 visitors; 站内搜索: 2/100 → 4/100; '' : 0/0 → 1/0.
    const groups = [
      { values: ['信息流广告'], previous: { num: 1, den: 0 }, current: { num: 3, den: 60 } },
      { values: ['站内搜索'], previous: { num: 2, den: 100 }, current: { num: 4, den: 100 } },
      { values: [''], previous: { num: 0, den: 0 }, current: { num: 1, den: 0 } },
    ];
    const s = ratioSplit(groups, { previous: { num: 3, den: 100 }, current: { num: 8, den: 160 } })!;
    // R̃: 3/100 → 8/160 = 5 %; centre 4 %. 信息流广告: mix = 0.375 × (5 % − 4 %) = 0.375 pp, rate = −1 pp
    // (its buyer without traffic); 站内搜索: mix = −0.375 × (3 % − 4 %) = 0.375 pp, rate = 0.8125 × 2 pp
    // = 1.625 pp; '': rate = 1/160 = 0.625 pp. Σ = 2 pp.
    expect(s.terms.map((t) => [t.mix, t.rateEffect])).toEqual([
      [expect.closeTo(0.00375, 15), expect.closeTo(-0.01, 15)],
      [expect.closeTo(0.00375, 15), expect.closeTo(0.01625, 15)],
      [0, expect.closeTo(0.00625, 15)],
    ]);
    expect(s.change).toBeCloseTo(0.02, 15);
    expect(s.overlap).toBeCloseTo(0, 15);
    const e = exactSplit(s, binaryGrid(1, 7));
    expect(sum([...e.terms.flatMap((t) => [t.mixTicks, t.rateTicks]), e.overlapTicks])).toBe(e.changeTicks);
  });

  it('refuses a split that does not add up (a bug), instead of spreading a large residue', () => {
    const s = ratioSplit([{ values: ['A'], previous: { num: 1, den: 10 }, current: { num: 2, den: 10 } }], {
      previous: { num: 1, den: 10 },
      current: { num: 2, den: 10 },
    })!;
    expect(() => exactSplit({ ...s, overlap: 0.5 }, binaryGrid(1, 3))).toThrow(/does not add up/);
  });
});
