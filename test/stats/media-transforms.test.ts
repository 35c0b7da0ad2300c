import { describe, expect, it } from 'vitest';
import { geometricAdstock } from '../../src/stats/geometric-adstock.js';
import { hill, hillDerivative, hillSaturation } from '../../src/stats/hill.js';
import { mulberry32 } from '../../src/stats/mulberry32.js';

// Reference values of Meta's Robyn transforms, as quoted in the shared reference data (data/README.md).
describe('Robyn transforms', () => {
  it('geometric adstock of 100 × 5 with θ = 0.5 is 100, 150, 175, 187.5, 193.75 (exactly)', () => {
    expect(geometricAdstock([100, 100, 100, 100, 100], 0.5)).toEqual([100, 150, 175, 187.5, 193.75]);
    expect(geometricAdstock([100, 0, 0], 0)).toEqual([100, 0, 0]);
    expect(() => geometricAdstock([1], 1)).toThrow(RangeError);
  });

  it('Hill of 100, 150, 170, 190, 200 with α = 3, γ = 0.5 (inflexion 100) to the 9 published decimals', () => {
    const published = [0.5, 0.771428571, 0.830881109, 0.872757348, 0.888888889];
    const got = hillSaturation([100, 150, 170, 190, 200], 3, 0.5);
    for (const [i, v] of got.entries()) expect(Math.abs(v - published[i])).toBeLessThan(5e-10);
    expect(hill(0, 3, 100)).toBe(0);
  });

  it('the derivative matches a central difference', () => {
    const h = 1e-4;
    for (const [x, a, k] of [
      [50, 1.3, 100],
      [200, 3, 100],
      [10, 1, 30],
    ]) {
      const numeric = (hill(x + h, a, k) - hill(x - h, a, k)) / (2 * h);
      expect(hillDerivative(x, a, k)).toBeCloseTo(numeric, 8);
    }
  });
});

describe('mulberry32', () => {
  it('is deterministic for a seed and uniform in [0, 1)', () => {
    // Regression values of this implementation of the public-domain algorithm for seed 42.
    const u = mulberry32(42);
    expect([u(), u(), u()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
    const v = mulberry32(7);
    let mean = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = v();
      expect(x >= 0 && x < 1).toBe(true);
      mean += x / 10_000;
    }
    expect(mean).toBeCloseTo(0.5, 1);
  });
});
