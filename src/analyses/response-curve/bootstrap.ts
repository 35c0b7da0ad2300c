import { mulberry32 } from '../../stats/mulberry32.js';
import { type CurveFit, type CurvePrep, fitCurve } from './fit.js';
import type { ResponseCurve } from './model.js';

/**
 * Uncertainty of a fitted curve by a moving-block residual bootstrap (Künsch 1989; blocks of 7 days
 * keep the weekly pattern of the residuals): rebuild the series as fit + resampled residual blocks and
 * refit (α, K and the linear part) from the fit's own parameters with θ held at its estimate — the
 * profile over θ is the expensive part, and θ trades off against K with little effect on the marginal
 * ROAS at the spend observed. Seeded, so the same data give the same intervals.
 */
export function bootstrapCurves(
  prep: CurvePrep,
  fit: CurveFit,
  opts: { replicates: number; seed: number; block?: number },
): ResponseCurve[] {
  const block = opts.block ?? 7;
  const n = fit.fittedWeeks.length;
  const rand = mulberry32(opts.seed);
  const out: ResponseCurve[] = [];
  const yb = new Float64Array(n);
  for (let b = 0; b < opts.replicates; b++) {
    for (let i = 0; i < n; i += block) {
      const start = Math.floor(rand() * Math.max(1, n - block + 1));
      for (let j = 0; j < block && i + j < n; j++)
        yb[i + j] = Math.max(0, fit.fittedWeeks[i + j] + fit.residWeeks[Math.min(n - 1, start + j)]);
    }
    out.push(fitCurve(prep, { y: yb, start: fit.z }).curve);
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
