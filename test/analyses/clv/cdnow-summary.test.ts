import { describe, expect, it } from 'vitest';
import {
  bgnbdConditionalExpected,
  bgnbdExpected,
  bgnbdLogLikelihood,
  bgnbdPAlive,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  gammaGammaExpectedSpend,
  paretoNbdConditionalExpected,
  paretoNbdExpected,
  paretoNbdPAlive,
  type SpendGroup,
  type SummaryGroup,
} from '../../../src/analyses/clv/index.js';
import { cdnowSummaryRows } from '../../fixtures/cdnow/summary.js';

// The published CDNOW calibration summary (test/fixtures/cdnow/PROVENANCE.md).
const rows = cdnowSummaryRows();

function grouped<K extends string>(items: Array<Record<K, number>>): Array<Record<K | 'n', number>> {
  const map = new Map<string, Record<K | 'n', number>>();
  for (const item of items) {
    const key = JSON.stringify(item);
    const g = map.get(key);
    if (g) g.n++;
    else map.set(key, { ...item, n: 1 } as Record<K | 'n', number>);
  }
  return [...map.values()];
}

const summary: SummaryGroup[] = grouped(rows.map(([, x, tx, T]) => ({ x, tx, T })));
const spend: SpendGroup[] = grouped(rows.filter((r) => r[1] > 0).map(([, x, , , m]) => ({ x, m })));
/** |got − published| within half a unit of the published last digit. */
const published = (got: number, value: number, decimals: number) =>
  expect(Math.abs(got - value)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);

describe('BG/NBD on the published CDNOW summary', () => {
  const t0 = performance.now();
  const fit = fitBgNbd(summary);
  const ms = performance.now() - t0;

  it('reproduces Fader, Hardie & Lee (2005): r=0.243, α=4.414, a=0.793, b=2.426, LL ≈ −9582.4', () => {
    expect(fit.customers).toBe(2357);
    expect(fit.groups).toBeLessThan(1100); // 2,357 customers, 1,016 distinct (x, tx, T)
    published(fit.params.r, 0.243, 3);
    published(fit.params.alpha, 4.414, 3);
    published(fit.params.a, 0.793, 3);
    published(fit.params.b, 2.426, 3);
    published(fit.logLikelihood, -9582.4, 1);
    expect(fit.converged).toBe(true);
    expect(ms).toBeLessThan(2000);
  });

  it('is the maximum: the published rounded values give a lower likelihood', () => {
    expect(bgnbdLogLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, summary)).toBeLessThan(
      fit.logLikelihood,
    );
  });

  it('gives the paper’s conditional expectation for customer 1 (x=2, tx=30.43, T=38.86): 1.226 in 39 weeks', () => {
    expect(bgnbdConditionalExpected(fit.params, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
    expect(bgnbdPAlive(fit.params, 0, 0, 38.86)).toBe(1);
    // E[X(t)] of a new customer is the conditional expectation with no history
    expect(bgnbdExpected(fit.params, 39)).toBeCloseTo(bgnbdConditionalExpected(fit.params, 39, 0, 0, 0), 15);
  });

  it('predicts many-purchase customers without overflow', () => {
    const e = bgnbdConditionalExpected(fit.params, 39, 400, 38, 38.86);
    expect(Number.isFinite(e) && e > 0).toBe(true);
  });
});

describe('Gamma-Gamma on the 946 CDNOW customers with repeat purchases', () => {
  const fit = fitGammaGamma(spend);
  it('reproduces p=6.25, q=3.74 and γ=15.44 up to the summary file’s rounding of zbar', () => {
    expect(fit.customers).toBe(946);
    published(fit.params.p, 6.25, 2);
    published(fit.params.q, 3.74, 2);
    // zbar is rounded to cents in the file; from the raw transactions γ = 15.44 exactly
    // (cdnow-end-to-end.test.ts). Here it is 15.448.
    expect(Math.abs(fit.params.gamma - 15.44)).toBeLessThan(0.01);
  });
  it('shrinks a customer’s mean spend towards the population mean (note eq. 5)', () => {
    const mean = gammaGammaExpectedSpend(fit.params, 0, 0);
    expect(mean).toBeCloseTo((fit.params.p * fit.params.gamma) / (fit.params.q - 1), 12);
    const one = gammaGammaExpectedSpend(fit.params, 1, 100);
    expect(one).toBeGreaterThan(mean);
    expect(one).toBeLessThan(100);
  });
});

describe('Pareto/NBD on the published CDNOW summary', () => {
  const fit = fitParetoNbd(summary);
  it('reproduces r=0.553, α=10.578, s=0.606 and β=11.669 up to the file’s rounding of t_x and T', () => {
    published(fit.params.r, 0.553, 3);
    published(fit.params.alpha, 10.578, 3);
    published(fit.params.s, 0.606, 3);
    // 11.668 from the rounded summary; 11.669 from the raw transactions (end-to-end test)
    expect(Math.abs(fit.params.beta - 11.669)).toBeLessThan(0.002);
    expect(fit.converged).toBe(true);
  });
  it('has consistent expectations and P(alive)', () => {
    expect(paretoNbdConditionalExpected(fit.params, 39, 0, 0, 0)).toBeCloseTo(
      paretoNbdExpected(fit.params, 39),
      10,
    );
    const p = paretoNbdPAlive(fit.params, 2, 30.43, 38.86);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    expect(paretoNbdPAlive(fit.params, 2, 38.86, 38.86)).toBeCloseTo(1, 12);
  });
});
