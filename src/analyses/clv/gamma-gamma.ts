import { logGamma } from '../../stats/log-gamma.js';
import { fitLogParams } from './fit-log-params.js';
import type { Fit, GammaGammaParams, SpendGroup } from './types.js';

/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV: using
 * iso-value curves for customer base analysis", JMR 42(4); and the note "The Gamma-Gamma model of
 * monetary value", brucehardie.com/notes/025): a customer's transaction values are Gamma(p, ν) with
 * ν ~ Gamma(q, γ) across customers. Fitted on customers with x > 0 repeat purchases and their mean
 * repeat spend m.
 */

/** Σ n · log L(p, q, γ | x, m) — the note's equation (1) for the mean of x transactions. */
export function gammaGammaLogLikelihood(g: GammaGammaParams, groups: readonly SpendGroup[]): number {
  const { p, q, gamma } = g;
  const byX = new Map<number, number>();
  let ll = 0;
  for (const { x, m, n } of groups) {
    let c = byX.get(x);
    if (c === undefined) {
      c = logGamma(p * x + q) - logGamma(p * x) - logGamma(q) + q * Math.log(gamma) + p * x * Math.log(x);
      byX.set(x, c);
    }
    ll += n * (c + (p * x - 1) * Math.log(m) - (p * x + q) * Math.log(x * m + gamma));
  }
  return ll;
}

/**
 * The largest shape p the fit considers. When customers' order values show no spread around their own
 * mean that a gamma would explain, the likelihood keeps rising as p → ∞ along a ridge (γ → 0 with pγ
 * fixed) and Nelder–Mead would crawl along it for hundreds of thousands of evaluations; beyond 10⁴
 * the expected spend E[M] no longer changes in any digit that matters (published fits have p < 10).
 */
export const GAMMA_GAMMA_MAX_P = 1e4;

function meanSpend(groups: readonly SpendGroup[]): number {
  let n = 0;
  let sum = 0;
  for (const g of groups) {
    n += g.n * g.x;
    sum += g.n * g.x * g.m;
  }
  return n > 0 ? sum / n : 1;
}

/** Maximum-likelihood Gamma-Gamma parameters (customers with x > 0 and m > 0 only). */
export function fitGammaGamma(groups: readonly SpendGroup[]): Fit<GammaGammaParams> {
  const usable = groups.filter((g) => g.x > 0 && g.m > 0);
  const cap = (p: number) => Math.min(p, GAMMA_GAMMA_MAX_P);
  const fit = fitLogParams(
    ([p, q, gamma]) => gammaGammaLogLikelihood({ p: cap(p), q, gamma }, usable),
    // Start where the population mean spend pγ/(q − 1) equals the observed mean (money has a scale).
    [1, 2, Math.max(1e-9, meanSpend(usable))],
  );
  const [rawP, q, gamma] = fit.params;
  const p = cap(rawP);
  return {
    ...(rawP >= GAMMA_GAMMA_MAX_P ? { capped: ['p'] } : {}),
    params: { p, q, gamma },
    logLikelihood: fit.logLikelihood,
    customers: usable.reduce((s, g) => s + g.n, 0),
    groups: usable.length,
    evaluations: fit.evaluations,
    converged: fit.converged,
  };
}

/**
 * E[M | p, q, γ, m, x]: expected spend per transaction of a customer whose x repeat purchases
 * averaged m — the note's equation (5), a weighted mean of the population mean pγ/(q − 1) and m.
 * With x = 0 it is the population mean (needs q > 1).
 */
export function gammaGammaExpectedSpend(g: GammaGammaParams, x: number, m: number): number {
  const { p, q, gamma } = g;
  return (p * (gamma + x * m)) / (p * x + q - 1);
}
