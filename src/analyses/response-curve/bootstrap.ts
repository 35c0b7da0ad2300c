import { geometricAdstock } from '../../stats/geometric-adstock.js';
import { hill } from '../../stats/hill.js';
import { mulberry32 } from '../../stats/mulberry32.js';
import { type CurveFit, fitResponseCurve, type ResponseCurve } from './model.js';

/**
 * Uncertainty of a fitted curve by a moving-block residual bootstrap (Künsch 1989; blocks of 7 days
 * keep the weekly pattern of the residuals): rebuild the series as fit + resampled residual blocks,
 * refit from the fit's own parameters, repeat. Seeded, so the same data give the same intervals.
 */
export function bootstrapCurves(
  spend: readonly number[],
  y: readonly number[],
  fit: CurveFit,
  opts: { replicates: number; seed: number; block?: number },
): ResponseCurve[] {
  const block = opts.block ?? 7;
  const c = fit.curve;
  const a = geometricAdstock(spend, c.theta);
  const fitted = a.map((v) => c.base + c.beta * hill(v, c.alpha, c.k));
  const resid = y.map((v, i) => v - fitted[i]);
  const n = y.length;
  const rand = mulberry32(opts.seed);
  const out: ResponseCurve[] = [];
  for (let b = 0; b < opts.replicates; b++) {
    const yb = new Array<number>(n);
    for (let i = 0; i < n; i += block) {
      const start = Math.floor(rand() * (n - block + 1));
      for (let j = 0; j < block && i + j < n; j++) yb[i + j] = Math.max(0, fitted[i + j] + resid[start + j]);
    }
    out.push(fitResponseCurve(spend, yb, { start: fit.z }).curve);
  }
  return out;
}

/** The q-quantile (0…1) of values, by linear interpolation between order statistics (R type 7). */
export function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((x, y) => x - y);
  if (s.length === 0) return Number.NaN;
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
}
