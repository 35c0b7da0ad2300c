import { describe, expect, it } from 'vitest';
import { logAddExp, logSubExp } from '../../src/stats/log-sum-exp.js';

describe('logAddExp / logSubExp', () => {
  it('adds and subtracts in log space (hand-checked: ln 2 + ln 3 → ln 5)', () => {
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 15);
    expect(logSubExp(Math.log(5), Math.log(3))).toBeCloseTo(Math.log(2), 15);
  });
  it('does not overflow or underflow', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.log(2), 12);
    expect(logAddExp(-1000, Number.NEGATIVE_INFINITY)).toBe(-1000);
    expect(logSubExp(-1000, -1001)).toBeCloseTo(-1000 + Math.log(1 - Math.exp(-1)), 12);
    expect(logSubExp(3, 3)).toBe(Number.NEGATIVE_INFINITY);
    expect(() => logSubExp(1, 2)).toThrow(RangeError);
  });
});
