import { describe, expect, it } from 'vitest';
import { largestRemainder } from '../../src/stats/largest-remainder.js';

// Expected values computed by hand with Hamilton's method (floor, then the largest remainders).
describe('largestRemainder', () => {
  it('hands the missing units to the largest remainders', () => {
    expect(largestRemainder(10, [3.3, 3.3, 3.4])).toEqual([3, 3, 4]);
    expect(largestRemainder(100, [33.34, 33.33, 33.33])).toEqual([34, 33, 33]);
  });

  it('breaks ties by position', () => {
    expect(largestRemainder(2, [0.5, 0.5, 0.5, 0.5])).toEqual([1, 1, 0, 0]);
  });

  it('handles negative parts (floor of −1.3 is −2, remainder 0.7)', () => {
    expect(largestRemainder(-3, [-1.3, -1.7])).toEqual([-1, -2]);
    expect(largestRemainder(0, [2.5, -2.5])).toEqual([3, -3]);
  });

  it('absorbs a residue larger than the number of parts, and takes units back', () => {
    expect(largestRemainder(7, [1, 1])).toEqual([4, 3]);
    expect(largestRemainder(-1, [0.2, 0.1])).toEqual([0, -1]);
    expect(largestRemainder(5, [2.9999999999, 2.0000000001])).toEqual([3, 2]);
  });

  it('always sums to the total', () => {
    const parts = Array.from({ length: 50 }, (_, i) => Math.sin(i) * 1000);
    const total = Math.round(parts.reduce((a, b) => a + b, 0)) + 3;
    expect(largestRemainder(total, parts).reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('rejects bad input', () => {
    expect(() => largestRemainder(1.5, [1])).toThrow(RangeError);
    expect(() => largestRemainder(1, [Number.NaN])).toThrow(RangeError);
    expect(() => largestRemainder(1, [])).toThrow(RangeError);
    expect(largestRemainder(0, [])).toEqual([]);
  });
});
