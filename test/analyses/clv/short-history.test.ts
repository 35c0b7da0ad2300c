import { describe, expect, it } from 'vitest';
import { tailComplement } from '../../../src/analyses/clv/hyp2f1-tail.js';
import {
  bgnbdConditionalExpected,
  bgnbdExpected,
  bgnbdExpectedIfAlive,
  bgnbdPAlive,
  clvForecast,
  fitBgNbd,
  historyColumns,
  type SummaryGroup,
} from '../../../src/analyses/clv/index.js';
import { logGamma } from '../../../src/stats/log-gamma.js';

// Fifteen customers watched for four weeks: most bought once or twice at the start and stopped, a few
// kept buying every few days. Dropout is polarised, so the fitted Beta(a, b) has a + b < 1 and the
// ₂F₁ of E[Y(t)] for x = 0 has c = a + b − 1 < 0: before the fix every forecast threw
// "hyp2f1 needs c > 0".
const fixture: SummaryGroup[] = [
  { x: 0, tx: 0, T: 4, n: 3 },
  { x: 1, tx: 0.2, T: 4, n: 6 },
  { x: 2, tx: 0.4, T: 4, n: 2 },
  { x: 6, tx: 3.8, T: 4, n: 3 },
  { x: 7, tx: 4, T: 4, n: 1 },
];

/**
 * E[Y(t) | x, T, alive] from its definition, independently of any ₂F₁: while alive, purchases come at
 * rate λ and each one ends the customer's life with probability p, so E[Y(t) | λ, p] = (1 − e^(−λpt))/p;
 * over λ ~ Gamma(r+x, α+T) that is (1 − (1 + p·t/(α+T))^−(r+x))/p, and over p ~ Beta(a, b+x) the
 * integral below. The Beta density's end points are singular for a, b < 1, so each half is
 * integrated after the substitution p = u^(1/a) (near 0) or 1 − p = v^(1/b) (near 1), which turns
 * p^(a−1) dp into du/a; composite Simpson on 20,000 intervals per half.
 */
function expectedByQuadrature(
  r: number,
  alpha: number,
  a: number,
  b: number,
  t: number,
  x: number,
  T: number,
) {
  const s = r + x;
  const bx = b + x;
  const k = t / (alpha + T);
  const g = (p: number) => (p === 0 ? s * k : -Math.expm1(-s * Math.log1p(p * k)) / p);
  const logBeta = logGamma(a) + logGamma(bx) - logGamma(a + bx);
  const simpson = (f: (u: number) => number, hi: number, n: number) => {
    const h = hi / n;
    let sum = f(0) + f(hi);
    for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(i * h);
    return (sum * h) / 3;
  };
  const low = simpson(
    (u) => {
      const p = u ** (1 / a);
      return g(p) * (1 - p) ** (bx - 1);
    },
    0.5 ** a,
    20_000,
  );
  const high = simpson(
    (v) => {
      const q = v ** (1 / bx);
      return g(1 - q) * (1 - q) ** (a - 1);
    },
    0.5 ** bx,
    20_000,
  );
  return (low / a + high / bx) / Math.exp(logBeta);
}

describe('BG/NBD on a short history where the fit has a + b < 1', () => {
  const fit = fitBgNbd(fixture);
  const p = fit.params;

  it('fits an interior maximum with a + b < 1 (so c = a + b − 1 < 0 for x = 0)', () => {
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(15);
    expect(p.a + p.b).toBeLessThan(1);
    expect(p.a + p.b).toBeGreaterThan(0.3); // not a boundary fit: ≈ 0.47
  });

  it('gives E[Y(t) | alive] equal to the defining integral, for x = 0 (c < 0) and x > 0 (c > 0)', () => {
    for (const [t, x, T] of [
      [10, 0, 4],
      [52, 0, 4],
      [1, 0, 0],
      [26, 0, 0],
      [10, 1, 4],
      [10, 6, 4],
    ]) {
      const want = expectedByQuadrature(p.r, p.alpha, p.a, p.b, t, x, T);
      expect(Math.abs(bgnbdExpectedIfAlive(p, t, x, T) - want)).toBeLessThan(1e-7 * want);
    }
  });

  it('forecasts every customer (previously threw "hyp2f1 needs c > 0")', () => {
    expect(bgnbdExpected(p, 52)).toBeGreaterThan(0);
    const e = bgnbdConditionalExpected(p, 10, 1, 0.2, 4);
    expect(e).toBeCloseTo(
      bgnbdPAlive(p, 1, 0.2, 4) * expectedByQuadrature(p.r, p.alpha, p.a, p.b, 10, 1, 4),
      9,
    );
    const f = clvForecast(
      historyColumns(fixture),
      new Float64Array([0, 6 * 50, 2 * 40, 3 * 30, 20]),
      p,
      {
        p: 2,
        q: 3,
        gamma: 20,
      },
      { horizonDays: 365, months: 12, discountRate: 0.1, unitDays: 7 },
    );
    expect(Number.isFinite(f.clv) && f.clv > 0).toBe(true);
    // Σ n · P(alive) · E[Y(365 days) | alive], with the expectation by quadrature
    const want = fixture.reduce(
      (sum, g) =>
        sum +
        g.n *
          bgnbdPAlive(p, g.x, g.tx, g.T) *
          expectedByQuadrature(p.r, p.alpha, p.a, p.b, 365 / 7, g.x, g.T),
      0,
    );
    expect(Math.abs(f.expectedPurchases - want)).toBeLessThan(1e-7 * want);
    expect(f.expectedAlive).toBeGreaterThan(3); // the three x = 0 customers are alive for sure
    expect(f.expectedAlive).toBeLessThan(15);
  });
});

describe('tailComplement: c/(c − b) · [1 − (1 − z)^a ₂F₁(a, b; c; z)]', () => {
  it('is continuous through c = 0, where the c > 0 formula and the regularised series meet', () => {
    const above = tailComplement(0.9, 0.3, 1e-7, 0.7);
    const at = tailComplement(0.9, 0.3, 0, 0.7);
    const below = tailComplement(0.9, 0.3, -1e-7, 0.7);
    expect(Math.abs(above - at)).toBeLessThan(1e-5 * Math.abs(at));
    expect(Math.abs(below - at)).toBeLessThan(1e-5 * Math.abs(at));
  });

  it('matches the series it continues: c = −0.5, a = 1, b = 1, z = ½ by hand', () => {
    // ₂F₁(1, 1; −½; z) = Σ k!·zᵏ/(−½)ₖ. c·(₂F₁ − 1) = Σₖ≥₁ k! zᵏ / (½)ₖ₋₁ with (½)ₖ₋₁ = (2k−2)!/(4^(k−1) (k−1)!),
    // so each term is k·4^(k−1)(k−1)!²/(2k−2)! · zᵏ; summed here term by term to 200 terms.
    let g = 0;
    let ratio = 1; // 4^(k−1) (k−1)!² / (2k−2)!
    for (let k = 1; k <= 200; k++) {
      if (k > 1) ratio *= (4 * (k - 1) * (k - 1)) / ((2 * k - 2) * (2 * k - 3));
      g += k * ratio * 0.5 ** k;
    }
    const w = 0.5; // (1 − z)^a
    const want = (-0.5 * (1 - w) - w * g) / (-0.5 - 1);
    expect(tailComplement(1, 1, -0.5, 0.5)).toBeCloseTo(want, 12);
  });

  it('refuses c ≤ −1, where (c + 1)ₖ₋₁ can vanish', () => {
    expect(() => tailComplement(1, 1, -1, 0.5)).toThrow(RangeError);
  });
});
