import { describe, expect, it } from 'vitest';
import { hyp2f1, logHyp2f1 } from '../../src/stats/hyp2f1.js';

const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe('hyp2f1', () => {
  it('matches closed forms (Abramowitz & Stegun 15.1.3, 15.1.6, 15.1.8)', () => {
    expect(hyp2f1(1, 1, 2, 0.5)).toBeCloseTo(-Math.log(0.5) / 0.5, 14);
    expect(hyp2f1(1, 1, 2, 0.99)).toBeCloseTo(-Math.log(0.01) / 0.99, 12);
    expect(hyp2f1(1, 1, 2, -0.5)).toBeCloseTo(Math.log(1.5) / 0.5, 14);
    expect(hyp2f1(0.5, 0.5, 1.5, 0.36)).toBeCloseTo(Math.asin(0.6) / 0.6, 14);
    expect(hyp2f1(2.5, 0.7, 0.7, 0.3)).toBeCloseTo(0.7 ** -2.5, 14);
  });

  // expected values from scipy.special.hyp2f1 1.17
  it.each([
    [3.5, -0.3, 2.2, 0.7, 0.3899043607708629],
    [0.5, 1.5, 2.5, -0.8, 0.8286330788585125],
    [0.2426, 2.4259, 0.7929 + 2.4259 - 1, 78 / (4.4136 + 78), 2.3869873559381],
    [0.242594 + 2, 2.425906 + 2, 0.792922 + 2.425906 + 1, 39 / (4.4136 + 38.86 + 39), 4.574264127157109],
    [20.2, 21.5, 22.7, 0.95, 6.026796383091403e24],
  ])('₂F₁(%s, %s; %s; %s) = %s as scipy', (a, b, c, z, want) => {
    expect(rel(hyp2f1(a, b, c, z), want)).toBeLessThan(1e-12);
  });

  it('stays finite in log space where ₂F₁ overflows', () => {
    // ₂F₁(a, b; b; z) = (1 − z)^(−a)
    expect(logHyp2f1(500, 300, 300, 0.9)).toBeCloseTo(-500 * Math.log(0.1), 9);
    expect(hyp2f1(500, 300, 300, 0.9)).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses arguments outside its domain', () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 0, 0.5)).toThrow(RangeError);
    expect(() => logHyp2f1(1, -1, 1, 0.5 + 0.6)).toThrow(RangeError);
  });
});
