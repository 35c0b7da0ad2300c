import { describe, expect, it } from 'vitest';
import { logGamma } from '../../src/stats/log-gamma.js';

describe('logGamma', () => {
  // expected values from Python's math.lgamma (C library lgamma)
  it.each([
    [0.5, 0.5723649429247004],
    [1, 0],
    [3.7, 1.4280723266653883],
    [10, 12.801827480081467],
    [100, 359.1342053695754],
    [171.5, 709.1431630309282],
    [0.1, 2.2527126517342055],
    [1e-5, 11.512919692895824],
  ])('lnΓ(%s) = %s', (x, want) => {
    expect(logGamma(x)).toBeCloseTo(want, 12);
  });

  it('refuses x <= 0 and non-finite x', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(() => logGamma(-1.5)).toThrow(RangeError);
    expect(() => logGamma(Number.NaN)).toThrow(RangeError);
  });
});
