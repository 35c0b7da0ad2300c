import { marginalRoas, peakMarginalSpend, type ResponseCurve, steadyResponse } from './model.js';

/** Robyn's default channel constraints of its budget allocator: between half and twice today's spend. */
export const DEFAULT_BOUNDS = { low: 0.5, high: 2 } as const;

/** The spend on the falling side of the curve where the marginal ROAS equals λ (0 when it never reaches λ). */
export function spendAtMarginal(c: ResponseCurve, lambda: number): number {
  const peak = peakMarginalSpend(c);
  if (marginalRoas(c, peak || 1e-9) < lambda) return 0;
  let lo = peak;
  let hi = Math.max(1, 2 * peak);
  while (marginalRoas(c, hi) > lambda && hi < 1e12) hi *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (marginalRoas(c, mid) > lambda) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Splits the same total daily budget across channels so that marginal returns are equal (the optimum
 * of Σ β · Hill(sᵢ ÷ (1 − θᵢ)) on the concave side of the curves), each channel kept within
 * [low, high] × its current spend (Robyn's allocator defaults: curves are not trusted far from the
 * spend they were fitted on). Bisection on the common marginal ROAS λ.
 */
export function reallocate(
  curves: readonly ResponseCurve[],
  current: readonly number[],
  bounds: { low: number; high: number } = DEFAULT_BOUNDS,
): number[] {
  const total = current.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return current.map(() => 0);
  const at = (lambda: number) =>
    curves.map((c, i) =>
      Math.min(bounds.high * current[i], Math.max(bounds.low * current[i], spendAtMarginal(c, lambda))),
    );
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  let lo = 0;
  let hi = Math.max(1e-9, ...curves.map((c) => marginalRoas(c, peakMarginalSpend(c) || 1e-9)));
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (sum(at(mid)) > total) lo = mid;
    else hi = mid;
  }
  const plan = at((lo + hi) / 2);
  // Hand the last crumbs of the budget to the channel with the highest marginal ROAS, so Σ = total.
  const rest = total - sum(plan);
  const best = plan.reduce(
    (b, s, i) => (marginalRoas(curves[i], s) > marginalRoas(curves[b], plan[b]) ? i : b),
    0,
  );
  plan[best] += rest;
  return plan;
}

/** Expected spend-driven GMV per day of a spend plan. */
export function planResponse(curves: readonly ResponseCurve[], spend: readonly number[]): number {
  return curves.reduce((a, c, i) => a + steadyResponse(c, spend[i]), 0);
}
