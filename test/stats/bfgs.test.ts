import { describe, expect, it } from 'vitest';
import { bfgs } from '../../src/stats/bfgs.js';

describe('bfgs', () => {
  it('finds the minimum of Rosenbrock’s function at (1, 1) from (−1.2, 1)', () => {
    const r = bfgs(
      ([x, y], g) => {
        g[0] = -400 * x * (y - x * x) - 2 * (1 - x);
        g[1] = 200 * (y - x * x);
        return 100 * (y - x * x) ** 2 + (1 - x) ** 2;
      },
      [-1.2, 1],
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 8);
    expect(r.x[1]).toBeCloseTo(1, 8);
    // a quasi-Newton method takes tens of steps here (Nelder–Mead takes well over a hundred)
    expect(r.iterations).toBeLessThan(60);
  });

  it('solves a quadratic: the minimum of ½xᵀAx − bᵀx is A⁻¹b', () => {
    // A = [[4, 1, 0], [1, 3, 1], [0, 1, 2]], b = [1, 2, 3], solved by hand: 4x + y = 1, x + 3y + z = 2,
    // y + 2z = 3 → x = (1 − y)/4, z = (3 − y)/2, (1 − y)/4 + 3y + (3 − y)/2 = 2 → 9y = 1: (2/9, 1/9, 13/9)
    const A = [
      [4, 1, 0],
      [1, 3, 1],
      [0, 1, 2],
    ];
    const b = [1, 2, 3];
    const r = bfgs(
      (x, g) => {
        let v = 0;
        for (let i = 0; i < 3; i++) {
          const Ax = A[i].reduce((s, a, j) => s + a * x[j], 0);
          g[i] = Ax - b[i];
          v += 0.5 * x[i] * Ax - b[i] * x[i];
        }
        return v;
      },
      [0, 0, 0],
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(2 / 9, 8);
    expect(r.x[1]).toBeCloseTo(1 / 9, 8);
    expect(r.x[2]).toBeCloseTo(13 / 9, 8);
  });

  it('backs away from points outside the domain (non-finite values)', () => {
    // minimum of x − ln x at x = 1, NaN for x ≤ 0; the first full step from 5 would land at x < 0
    const r = bfgs(
      ([x], g) => {
        g[0] = 1 - 1 / x;
        return x > 0 ? x - Math.log(x) : Number.NaN;
      },
      [5],
      { maxStep: 10 },
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 8);
  });
});
