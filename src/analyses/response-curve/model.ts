import { hill, hillDerivative } from '../../stats/hill.js';
import { type CurveData, type CurveFit, CurvePrep, fitCurve } from './fit.js';

/**
 * A paid channel's response curve, as in Meta's Robyn: GMV(day) = base + β · Hill(A(day)) with the
 * geometric adstock A(t) = spend(t) + θ · A(t − 1) and Hill(A) = A^α ÷ (A^α + K^α). `base` is what the
 * channel sells without spend (organic, returning buyers); β the most spend can add per day.
 */
export interface ResponseCurve {
  theta: number;
  alpha: number;
  /** Half-saturation, in adstocked yuan per day. */
  k: number;
  /** Spend-driven GMV per day at full saturation, yuan. */
  beta: number;
  /** GMV per day without spend, yuan. */
  base: number;
}

/**
 * Fits a curve to daily spend and response (see fit.ts): a shorthand for
 * `fitCurve(new CurvePrep({spend, y, ...data}))`.
 */
export function fitResponseCurve(
  spend: readonly number[],
  y: readonly number[],
  data: Omit<CurveData, 'spend' | 'y'> = {},
): CurveFit {
  return fitCurve(new CurvePrep({ spend, y, ...data }));
}

/** Spend-driven GMV per day at a steady daily spend s (adstock settles at s ÷ (1 − θ)). */
export function steadyResponse(c: ResponseCurve, s: number): number {
  return c.beta * hill(s / (1 - c.theta), c.alpha, c.k);
}

/** Marginal ROAS at a steady daily spend s: the GMV one more yuan a day brings. */
export function marginalRoas(c: ResponseCurve, s: number): number {
  return (c.beta * hillDerivative(s / (1 - c.theta), c.alpha, c.k)) / (1 - c.theta);
}

/** The daily spend where the marginal ROAS is highest (0 when α ≤ 1). */
export function peakMarginalSpend(c: ResponseCurve): number {
  if (c.alpha <= 1) return 0;
  // d/dA of A^(α−1)/(A^α+K^α)² vanishes at A = K · ((α − 1)/(α + 1))^(1/α).
  return (1 - c.theta) * c.k * ((c.alpha - 1) / (c.alpha + 1)) ** (1 / c.alpha);
}

/**
 * The 临界值: the daily spend beyond which one more yuan brings back less than one yuan of GMV
 * (marginal ROAS < 1), by bisection on the falling side of the curve; 0 when it never pays.
 */
export function breakEvenSpend(c: ResponseCurve): number {
  const lo0 = peakMarginalSpend(c);
  if (marginalRoas(c, lo0 || 1e-9) < 1) return 0;
  let lo = lo0;
  let hi = Math.max(1, lo0 * 2);
  while (marginalRoas(c, hi) >= 1 && hi < 1e12) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-9 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (marginalRoas(c, mid) >= 1) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
