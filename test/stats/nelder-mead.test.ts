import { describe, expect, it } from 'vitest';
import { nelderMead } from '../../src/stats/nelder-mead.js';

describe('nelderMead', () => {
  it('finds the minimum of Rosenbrock’s function at (1, 1)', () => {
    const rosen = ([x, y]: readonly number[]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2;
    const r = nelderMead(rosen, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
    expect(r.value).toBeLessThan(1e-12);
  });

  it('treats non-finite values as outside the domain', () => {
    // minimum of (x − 2)² on x > 0, NaN elsewhere
    const r = nelderMead(([x]) => (x > 0 ? (x - 2) ** 2 : Number.NaN), [0.1]);
    expect(r.x[0]).toBeCloseTo(2, 6);
  });

  it('is deterministic', () => {
    const f = ([a, b, c]: readonly number[]) => (a - 1) ** 2 + 2 * (b + 3) ** 2 + Math.abs(c);
    expect(nelderMead(f, [0, 0, 1])).toEqual(nelderMead(f, [0, 0, 1]));
  });
});
