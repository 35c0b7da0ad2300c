import { describe, expect, it } from 'vitest';
import { fitLogParams } from '../../../src/analyses/clv/fit-log-params.js';
import {
  bgnbdLogLikelihood,
  bgnbdLogLikelihoodOf,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  gammaGammaLogLikelihood,
  gammaGammaLogLikelihoodOf,
  type HistoryColumns,
  historyColumns,
  paretoNbdLogLikelihood,
  type SpendColumns,
} from '../../../src/analyses/clv/index.js';
import { logGamma } from '../../../src/stats/log-gamma.js';
import { cdnowSummaryRows } from '../../fixtures/cdnow/summary.js';

// The models see distinct histories with a count n (a weighted likelihood). Fitting one row per
// customer must give the same likelihood and the same maximum. Data: the published CDNOW calibration
// summary (test/fixtures/cdnow/PROVENANCE.md), 2,357 customers in 1,016 distinct (x, tx, T).
// Parameters are compared to 1e-6 relative: the optimisers stop within a few 1e-7 of the maximum, where
// the likelihood is flat to its rounding (BG/NBD by BFGS, the others by Nelder–Mead); the likelihoods
// themselves agree to 1e-12.
const rows = cdnowSummaryRows();

const perCustomer: HistoryColumns = {
  x: Float64Array.from(rows, (r) => r[1]),
  tx: Float64Array.from(rows, (r) => r[2]),
  T: Float64Array.from(rows, (r) => r[3]),
  n: new Float64Array(rows.length).fill(1),
};
const grouped: HistoryColumns = (() => {
  const map = new Map<string, { x: number; tx: number; T: number; n: number }>();
  for (const [, x, tx, T] of rows) {
    const key = `${x}|${tx}|${T}`;
    const g = map.get(key);
    if (g) g.n++;
    else map.set(key, { x, tx, T, n: 1 });
  }
  return historyColumns([...map.values()]);
})();
const repeat = rows.filter((r) => r[1] > 0);
const spendPerCustomer: SpendColumns = {
  x: Float64Array.from(repeat, (r) => r[1]),
  m: Float64Array.from(repeat, (r) => r[4]),
  n: new Float64Array(repeat.length).fill(1),
};
const spendGrouped: SpendColumns = (() => {
  const map = new Map<string, { x: number; m: number; n: number }>();
  for (const [, x, , , m] of repeat) {
    const g = map.get(`${x}|${m}`);
    if (g) g.n++;
    else map.set(`${x}|${m}`, { x, m, n: 1 });
  }
  const list = [...map.values()];
  return {
    x: Float64Array.from(list, (g) => g.x),
    m: Float64Array.from(list, (g) => g.m),
    n: Float64Array.from(list, (g) => g.n),
  };
})();

const relative = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe('weighted (distinct histories × n) and per-customer fits agree', () => {
  it('groups the 2,357 customers into 1,016 histories and 946 repeat buyers into fewer spend groups', () => {
    expect(perCustomer.n.length).toBe(2357);
    expect(grouped.n.length).toBe(1016);
    expect(spendGrouped.n.length).toBeLessThan(946);
  });

  it('BG/NBD: the likelihood is equation (6) of Fader, Hardie & Lee (2005), summed customer by customer', () => {
    const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    // written out directly from the paper, one customer at a time, with no grouping or caching
    let want = 0;
    for (const [, x, tx, T] of rows) {
      const A1 = logGamma(p.r + x) - logGamma(p.r) + p.r * Math.log(p.alpha);
      const A2 = logGamma(p.a + p.b) + logGamma(p.b + x) - logGamma(p.b) - logGamma(p.a + p.b + x);
      const A3 = -(p.r + x) * Math.log(p.alpha + T);
      const A4 =
        x > 0 ? Math.log(p.a) - Math.log(p.b + x - 1) - (p.r + x) * Math.log(p.alpha + tx) : -Infinity;
      want += A1 + A2 + Math.log(Math.exp(A3) + Math.exp(A4));
    }
    expect(relative(bgnbdLogLikelihood(p, grouped), want)).toBeLessThan(1e-12);
    expect(relative(bgnbdLogLikelihood(p, perCustomer), want)).toBeLessThan(1e-12);
  });

  it('BG/NBD: the same maximum from 1,016 weighted histories as from 2,357 customers', () => {
    const a = fitBgNbd(grouped);
    const b = fitBgNbd(perCustomer);
    expect(a.groups).toBe(1016);
    expect(b.groups).toBe(2357);
    expect(a.customers).toBe(b.customers);
    for (const k of ['r', 'alpha', 'a', 'b'] as const)
      expect(relative(a.params[k], b.params[k])).toBeLessThan(1e-6);
    expect(relative(a.logLikelihood, b.logLikelihood)).toBeLessThan(1e-12);
  });

  it('BG/NBD: the analytic gradient is the slope of the likelihood (central differences)', () => {
    const ll = bgnbdLogLikelihoodOf(grouped);
    const p = { r: 0.3, alpha: 5, a: 0.6, b: 2 };
    const gradient = [0, 0, 0, 0];
    ll(p, gradient);
    (['r', 'alpha', 'a', 'b'] as const).forEach((k, i) => {
      const h = 1e-6 * p[k];
      const slope = (ll({ ...p, [k]: p[k] + h }) - ll({ ...p, [k]: p[k] - h })) / (2 * h);
      expect(relative(gradient[i], slope)).toBeLessThan(1e-5);
    });
  });

  it('BG/NBD: BFGS with the gradient reaches the maximum Nelder–Mead finds without it, in far fewer evaluations', () => {
    const ll = bgnbdLogLikelihoodOf(grouped);
    const withGradient = fitBgNbd(grouped);
    const simplex = fitLogParams(([r, alpha, a, b]) => ll({ r, alpha, a, b }), [1, 3.886, 1, 1]);
    const [r, alpha, a, b] = simplex.params;
    const nm = { r, alpha, a, b };
    for (const k of ['r', 'alpha', 'a', 'b'] as const)
      expect(relative(withGradient.params[k], nm[k])).toBeLessThan(1e-5);
    expect(withGradient.logLikelihood).toBeGreaterThanOrEqual(simplex.logLikelihood - 1e-8);
    expect(withGradient.evaluations).toBeLessThan(simplex.evaluations / 4);
  });

  it('Gamma-Gamma: the note’s equation (1) customer by customer, and the same maximum', () => {
    const g = { p: 6.25, q: 3.74, gamma: 15.44 };
    let want = 0;
    for (const [, x, , , m] of repeat) {
      want +=
        logGamma(g.p * x + g.q) -
        logGamma(g.p * x) -
        logGamma(g.q) +
        g.q * Math.log(g.gamma) +
        (g.p * x - 1) * Math.log(m) +
        g.p * x * Math.log(x) -
        (g.p * x + g.q) * Math.log(g.gamma + m * x);
    }
    expect(relative(gammaGammaLogLikelihood(g, spendGrouped), want)).toBeLessThan(1e-12);
    const a = fitGammaGamma(spendGrouped);
    const b = fitGammaGamma(spendPerCustomer);
    expect(a.customers).toBe(946);
    expect(b.customers).toBe(946);
    for (const k of ['p', 'q', 'gamma'] as const)
      expect(relative(a.params[k], b.params[k])).toBeLessThan(1e-6);
  });

  it('Gamma-Gamma: the analytic gradient is the slope, and BFGS reaches the Nelder–Mead maximum', () => {
    const ll = gammaGammaLogLikelihoodOf(spendGrouped);
    const g = { p: 5, q: 3, gamma: 12 };
    const gradient = [0, 0, 0];
    ll(g, gradient);
    (['p', 'q', 'gamma'] as const).forEach((k, i) => {
      const h = 1e-6 * g[k];
      const slope = (ll({ ...g, [k]: g[k] + h }) - ll({ ...g, [k]: g[k] - h })) / (2 * h);
      expect(relative(gradient[i], slope)).toBeLessThan(1e-5);
    });
    const withGradient = fitGammaGamma(spendGrouped);
    const simplex = fitLogParams(([p, q, gamma]) => ll({ p, q, gamma }), [1, 2, 35]);
    expect(relative(withGradient.params.p, simplex.params[0])).toBeLessThan(1e-5);
    expect(relative(withGradient.params.q, simplex.params[1])).toBeLessThan(1e-5);
    expect(relative(withGradient.params.gamma, simplex.params[2])).toBeLessThan(1e-5);
    expect(withGradient.evaluations).toBeLessThan(simplex.evaluations / 4);
  });

  it('Pareto/NBD: the same likelihood and the same maximum', () => {
    const p = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
    expect(relative(paretoNbdLogLikelihood(p, grouped), paretoNbdLogLikelihood(p, perCustomer))).toBeLessThan(
      1e-12,
    );
    const a = fitParetoNbd(grouped);
    const b = fitParetoNbd(perCustomer);
    for (const k of ['r', 'alpha', 's', 'beta'] as const)
      expect(relative(a.params[k], b.params[k])).toBeLessThan(1e-6);
  });
});
