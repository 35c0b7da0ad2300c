import { geometricAdstock } from '../../stats/geometric-adstock.js';
import { hill, hillDerivative } from '../../stats/hill.js';
import { nelderMead } from '../../stats/nelder-mead.js';

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

export interface CurveFit {
  curve: ResponseCurve;
  /** The search coordinates (logit θ/0.95, log α, log K) of the fit: a warm start for refits. */
  z: number[];
  /** Residual sum of squares and R² of the fit. */
  sse: number;
  r2: number;
  days: number;
}

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const THETA_MAX = 0.95;

/** Least squares of y ≈ base + β · h with base, β ≥ 0 (closed form, clamped). */
export function linearPart(
  h: readonly number[],
  y: readonly number[],
): { base: number; beta: number; sse: number } {
  const n = h.length;
  let sh = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sh += h[i];
    sy += y[i];
  }
  const mh = sh / n;
  const my = sy / n;
  let shh = 0;
  let shy = 0;
  for (let i = 0; i < n; i++) {
    shh += (h[i] - mh) ** 2;
    shy += (h[i] - mh) * (y[i] - my);
  }
  let beta = shh > 0 ? Math.max(0, shy / shh) : 0;
  let base = my - beta * mh;
  if (base < 0) {
    base = 0;
    let s2 = 0;
    let s1 = 0;
    for (let i = 0; i < n; i++) {
      s2 += h[i] * h[i];
      s1 += h[i] * y[i];
    }
    beta = s2 > 0 ? Math.max(0, s1 / s2) : 0;
  }
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i] - base - beta * h[i]) ** 2;
  return { base, beta, sse };
}

function curveAt(z: readonly number[], spend: readonly number[], y: readonly number[]) {
  const theta = THETA_MAX * sigmoid(z[0]);
  const alpha = Math.exp(z[1]);
  const k = Math.exp(z[2]);
  if (alpha < 0.3 || alpha > 5) return null;
  const a = geometricAdstock(spend, theta);
  const h = a.map((v) => hill(v, alpha, k));
  return { theta, alpha, k, ...linearPart(h, y) };
}

/**
 * Fits the curve to daily spend and GMV by least squares: β and base in closed form for each
 * (θ, α, K), which Nelder–Mead searches on (logit θ/0.95, log α, log K) from a small grid of starts.
 * Deterministic: no randomness, fixed starts.
 */
export function fitResponseCurve(
  spend: readonly number[],
  y: readonly number[],
  opts: { start?: readonly number[] } = {},
): CurveFit {
  if (spend.length !== y.length || spend.length < 10) throw new RangeError('need ≥ 10 days of spend and GMV');
  const positive = spend.filter((s) => s > 0).sort((a, b) => a - b);
  const median = positive.length > 0 ? positive[Math.floor(positive.length / 2)] : 1;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  const sst = y.reduce((a, b) => a + (b - my) ** 2, 0) || 1;
  // Scaled to the total sum of squares, so the tolerances are relative.
  const f = (z: readonly number[]) => (curveAt(z, spend, y)?.sse ?? Number.POSITIVE_INFINITY) / sst;
  const starts: Array<readonly number[]> = [];
  if (opts.start) starts.push(opts.start);
  else {
    for (const theta of [0.1, 0.4, 0.7])
      for (const alpha of [1, 2])
        for (const kf of [0.5, 1.5, 4])
          starts.push([logit(theta / THETA_MAX), Math.log(alpha), Math.log(kf * median)]);
    starts.sort((a, b) => f(a) - f(b));
  }
  let best: readonly number[] = starts[0];
  let bestValue = Number.POSITIVE_INFINITY;
  for (const x0 of starts.slice(0, opts.start ? 1 : 3)) {
    const r = nelderMead(f, x0, { step: 0.4, fTol: 1e-8, xTol: 1e-5, maxIterations: 1500, maxRestarts: 2 });
    if (r.value < bestValue) {
      bestValue = r.value;
      best = r.x;
    }
  }
  const c = curveAt(best, spend, y)!;
  return {
    curve: { theta: c.theta, alpha: c.alpha, k: c.k, beta: c.beta, base: c.base },
    z: [...best],
    sse: c.sse,
    r2: 1 - c.sse / sst,
    days: y.length,
  };
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
