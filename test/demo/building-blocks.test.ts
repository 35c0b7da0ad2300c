import { describe, expect, it } from 'vitest';
import { AliasTable } from '../../src/demo/alias-table.js';
import { addMonths, civil, dayNumber, lastCompleteMonth, utcOffset } from '../../src/demo/calendar.js';
import { geometricAdstock, hill } from '../../src/demo/media.js';
import { allocateLargestRemainder, formatFen } from '../../src/demo/money.js';
import { Rng } from '../../src/demo/random.js';
import { beta, gamma, lognormal, noiseFactor, poisson, zipfWeights } from '../../src/demo/samplers.js';
import { CNY_DATES, seasonalFactor } from '../../src/demo/seasonality.js';

const N = 200_000;
function moments(draw: () => number, n = N): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}

describe('Rng (xoshiro128**)', () => {
  it('is deterministic per seed and stream, and differs across them', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const seqA = Array.from({ length: 5 }, () => a.nextU32());
    expect(Array.from({ length: 5 }, () => b.nextU32())).toEqual(seqA);
    expect(new Rng(43).nextU32()).not.toBe(seqA[0]);
    expect(new Rng(42, 1).nextU32()).not.toBe(seqA[0]);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = new Rng(7);
    const { mean, variance } = moments(() => rng.next());
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 3);
  });
});

// Expected moments are the textbook ones (mean and variance of each distribution); tolerances are a
// few standard errors at n = 200,000.
describe('samplers', () => {
  it('poisson: mean = variance = λ (small λ by Knuth, large by the normal approximation)', () => {
    const rng = new Rng(1);
    for (const lambda of [0.7, 4, 55]) {
      const { mean, variance } = moments(() => poisson(rng, lambda));
      expect(Math.abs(mean - lambda)).toBeLessThan(4 * Math.sqrt(lambda / N)); // 4 standard errors
      expect(variance / lambda).toBeCloseTo(1, 1);
    }
    expect(poisson(rng, 0)).toBe(0);
  });

  it('gamma: mean kθ, variance kθ² (shape below and above 1)', () => {
    const rng = new Rng(2);
    for (const [k, theta] of [
      [0.4, 2],
      [3, 0.5],
    ]) {
      const { mean, variance } = moments(() => gamma(rng, k, theta));
      expect(mean / (k * theta)).toBeCloseTo(1, 1);
      expect(variance / (k * theta * theta)).toBeCloseTo(1, 1);
    }
  });

  it('beta: mean a/(a+b); lognormal: median e^mu; noiseFactor: mean 1', () => {
    const rng = new Rng(3);
    expect(moments(() => beta(rng, 1, 3)).mean).toBeCloseTo(0.25, 2);
    const xs = Array.from({ length: 50_001 }, () => lognormal(rng, Math.log(50), 0.7)).sort((x, y) => x - y);
    expect(xs[25_000] / 50).toBeCloseTo(1, 1);
    expect(moments(() => noiseFactor(rng, 0.3)).mean).toBeCloseTo(1, 2);
  });

  it('zipfWeights: 1/rank^s normalised', () => {
    const w = zipfWeights(3, 1);
    const h = 1 + 1 / 2 + 1 / 3;
    expect(w).toEqual([1 / h, 1 / 2 / h, 1 / 3 / h]);
  });

  it('AliasTable draws each index in proportion to its weight', () => {
    const rng = new Rng(4);
    const table = new AliasTable([1, 0, 3, 6]);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < N; i++) counts[table.draw(rng)]++;
    expect(counts[1]).toBe(0);
    expect(counts[0] / N).toBeCloseTo(0.1, 2);
    expect(counts[2] / N).toBeCloseTo(0.3, 2);
    expect(counts[3] / N).toBeCloseTo(0.6, 2);
    expect(() => new AliasTable([])).toThrow();
  });
});

describe('money', () => {
  it('formats fen with two decimals', () => {
    expect([0, 5, 100, 12345, 990, -250].map(formatFen)).toEqual([
      '0.00',
      '0.05',
      '1.00',
      '123.45',
      '9.90',
      '-2.50',
    ]);
  });

  it('allocates by largest remainder, summing exactly (hand-computed)', () => {
    expect(allocateLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    // 1000 over 4990 / 2990 / 1990 (Σ 9970): exact shares 500.50 / 299.90 / 199.60 fen; floors give 998,
    // the 2 fen left go to the largest remainders .90 and .60 → 500, 300, 200
    expect(allocateLargestRemainder(1000, [4990, 2990, 1990])).toEqual([500, 300, 200]);
    expect(allocateLargestRemainder(7, [0, 0])).toEqual([7, 0]);
    const out = [9, 9, 9, 9];
    allocateLargestRemainder(5, [3, 1, 1, 99], 3, out);
    expect(out).toEqual([3, 1, 1, 9]);
  });
});

describe('media transforms (Robyn reference values, shared/data README)', () => {
  it('geometric adstock θ = 0.5 of 100×5 → 100, 150, 175, 187.5, 193.75', () => {
    expect(geometricAdstock([100, 100, 100, 100, 100], 0.5)).toEqual([100, 150, 175, 187.5, 193.75]);
  });

  it('Hill α = 3 with inflexion 100 of 100,150,170,190,200', () => {
    const got = [100, 150, 170, 190, 200].map((x) => hill(x, 3, 100));
    const want = [0.5, 0.771428571, 0.830881109, 0.872757348, 0.888888889];
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i], 9);
    expect(hill(0, 3, 100)).toBe(0);
  });
});

describe('calendar and seasonality', () => {
  it('does month arithmetic and finds the last complete month in the store zone', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-11', 14)).toBe('2027-01');
    // 2026-11-30 20:00 UTC is already 2026-12-01 in Shanghai.
    expect(lastCompleteMonth(new Date('2026-11-30T20:00:00Z'), 'Asia/Shanghai')).toBe('2026-11');
    expect(lastCompleteMonth(new Date('2026-11-30T20:00:00Z'), 'UTC')).toBe('2026-10');
    expect(civil(dayNumber(2026, 10, 5))).toEqual({ year: 2026, month: 10, day: 5, isoDow: 1 });
  });

  it('writes the zone offset of the day (with daylight saving where the zone has it)', () => {
    expect(utcOffset(dayNumber(2026, 7, 1), 'Asia/Shanghai')).toBe('+08:00');
    expect(utcOffset(dayNumber(2026, 7, 1), 'Europe/Berlin')).toBe('+02:00');
    expect(utcOffset(dayNumber(2026, 1, 1), 'Europe/Berlin')).toBe('+01:00');
    expect(utcOffset(dayNumber(2026, 1, 1), 'UTC')).toBe('+00:00');
  });

  it('has the real Lunar New Year dates 2024–2027 and dips around them', () => {
    expect([2024, 2025, 2026, 2027].map((y) => CNY_DATES[y])).toEqual([
      [2, 10],
      [1, 29],
      [2, 17],
      [2, 6],
    ]);
    const cny = dayNumber(2026, 2, 17);
    expect(seasonalFactor(cny) / seasonalFactor(cny - 35)).toBeLessThan(0.5);
  });

  it('peaks on 11.11 (the biggest day), 6.18 and 12.12', () => {
    const f = (m: number, d: number) => seasonalFactor(dayNumber(2026, m, d));
    expect(f(11, 11)).toBeGreaterThan(5 * f(11, 20));
    expect(f(11, 11)).toBeGreaterThan(f(6, 18));
    expect(f(6, 18)).toBeGreaterThan(2 * f(6, 25));
    expect(f(12, 12)).toBeGreaterThan(2 * f(12, 19));
    expect(f(6, 10)).toBeGreaterThan(f(7, 10));
  });
});
