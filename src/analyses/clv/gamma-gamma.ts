import { digamma } from '../../stats/digamma.js';
import { logGamma } from '../../stats/log-gamma.js';
import { distinctIndex, type SpendColumns, spendColumns, total } from './columns.js';
import { fitLogParams } from './fit-log-params.js';
import type { Fit, GammaGammaParams, SpendGroup } from './types.js';

/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV: using
 * iso-value curves for customer base analysis", JMR 42(4); and the note "The Gamma-Gamma model of
 * monetary value", brucehardie.com/notes/025): a customer's transaction values are Gamma(p, ν) with
 * ν ~ Gamma(q, γ) across customers. Fitted on customers with x > 0 repeat purchases and their mean
 * repeat spend m.
 */

/**
 * Σ n · log L(p, q, γ | x, m) — the note's equation (1) for the mean of x transactions — as a
 * function of the parameters: ln m and x·m are taken once, the log-gammas once per distinct x, so
 * an evaluation costs one logarithm per group.
 *
 * Given `gradient`, it also writes ∂/∂(p, q, γ) there (ψ the digamma function, per customer):
 * ∂/∂p = x[ψ(px+q) − ψ(px) + ln x + ln m − ln(xm+γ)], ∂/∂q = ψ(px+q) − ψ(q) + ln γ − ln(xm+γ),
 * ∂/∂γ = q/γ − (px+q)/(xm+γ).
 */
export function gammaGammaLogLikelihoodOf(
  groups: readonly SpendGroup[] | SpendColumns,
): (g: GammaGammaParams, gradient?: number[]) => number {
  const s = spendColumns(groups);
  const xs = distinctIndex(s.x);
  const logM = s.m.map(Math.log);
  const xm = s.x.map((x, i) => x * s.m[i]);
  const common = new Float64Array(xs.values.length);
  // per distinct x: Σ n and Σ n ln m (constant), Σ n ln(xm+γ) and Σ n/(xm+γ) (per evaluation)
  const nByX = new Float64Array(xs.values.length);
  const logMByX = new Float64Array(xs.values.length);
  for (let i = 0; i < s.n.length; i++) {
    nByX[xs.index[i]] += s.n[i];
    logMByX[xs.index[i]] += s.n[i] * logM[i];
  }
  const logByX = new Float64Array(xs.values.length);
  const invByX = new Float64Array(xs.values.length);
  return ({ p, q, gamma }, gradient) => {
    const shared = logGamma(q) - q * Math.log(gamma);
    for (let k = 0; k < xs.values.length; k++) {
      const x = xs.values[k];
      common[k] = logGamma(p * x + q) - logGamma(p * x) - shared + p * x * Math.log(x);
    }
    let ll = 0;
    if (!gradient) {
      for (let i = 0; i < s.n.length; i++) {
        const px = p * s.x[i];
        ll += s.n[i] * (common[xs.index[i]] + (px - 1) * logM[i] - (px + q) * Math.log(xm[i] + gamma));
      }
      return ll;
    }
    logByX.fill(0);
    invByX.fill(0);
    for (let i = 0; i < s.n.length; i++) {
      const k = xs.index[i];
      const px = p * s.x[i];
      const log = Math.log(xm[i] + gamma);
      ll += s.n[i] * (common[k] + (px - 1) * logM[i] - (px + q) * log);
      logByX[k] += s.n[i] * log;
      invByX[k] += s.n[i] / (xm[i] + gamma);
    }
    const psiQ = digamma(q);
    const logGammaParam = Math.log(gamma);
    let dp = 0;
    let dq = 0;
    let dGamma = 0;
    for (let k = 0; k < xs.values.length; k++) {
      const x = xs.values[k];
      const N = nByX[k];
      const psiPXQ = digamma(p * x + q);
      dp += x * (N * (psiPXQ - digamma(p * x) + Math.log(x)) + logMByX[k] - logByX[k]);
      dq += N * (psiPXQ - psiQ + logGammaParam) - logByX[k];
      dGamma += (N * q) / gamma - (p * x + q) * invByX[k];
    }
    gradient[0] = dp;
    gradient[1] = dq;
    gradient[2] = dGamma;
    return ll;
  };
}

/** Σ n · log L(p, q, γ | x, m) — the note's equation (1) for the mean of x transactions. */
export function gammaGammaLogLikelihood(
  g: GammaGammaParams,
  groups: readonly SpendGroup[] | SpendColumns,
): number {
  return gammaGammaLogLikelihoodOf(groups)(g);
}

/**
 * The largest shape p the fit considers. When customers' order values show no spread around their own
 * mean that a gamma would explain, the likelihood keeps rising as p → ∞ along a ridge (γ → 0 with pγ
 * fixed) and Nelder–Mead would crawl along it for hundreds of thousands of evaluations; beyond 10⁴
 * the expected spend E[M] no longer changes in any digit that matters (published fits have p < 10).
 */
export const GAMMA_GAMMA_MAX_P = 1e4;

function meanSpend(s: SpendColumns): number {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < s.n.length; i++) {
    n += s.n[i] * s.x[i];
    sum += s.n[i] * s.x[i] * s.m[i];
  }
  return n > 0 ? sum / n : 1;
}

/** The groups with x > 0 and m > 0, the ones the model describes. */
function usableColumns(groups: readonly SpendGroup[] | SpendColumns): SpendColumns {
  const s = spendColumns(groups);
  const keep: number[] = [];
  for (let i = 0; i < s.n.length; i++) if (s.x[i] > 0 && s.m[i] > 0) keep.push(i);
  if (keep.length === s.n.length) return s;
  return {
    x: Float64Array.from(keep, (i) => s.x[i]),
    m: Float64Array.from(keep, (i) => s.m[i]),
    n: Float64Array.from(keep, (i) => s.n[i]),
  };
}

/**
 * Maximum-likelihood Gamma-Gamma parameters (customers with x > 0 and m > 0 only): BFGS with the
 * analytic gradient on log-parameters, Nelder–Mead if that does not converge (fitLogParams).
 */
export function fitGammaGamma(groups: readonly SpendGroup[] | SpendColumns): Fit<GammaGammaParams> {
  const usable = usableColumns(groups);
  const cap = (p: number) => Math.min(p, GAMMA_GAMMA_MAX_P);
  const ll = gammaGammaLogLikelihoodOf(usable);
  const fit = fitLogParams(
    ([p, q, gamma]) => ll({ p: cap(p), q, gamma }),
    // Start where the population mean spend pγ/(q − 1) equals the observed mean (money has a scale).
    [1, 2, Math.max(1e-9, meanSpend(usable))],
    ([p, q, gamma], gradient) => {
      const v = ll({ p: cap(p), q, gamma }, gradient);
      if (p > GAMMA_GAMMA_MAX_P) gradient[0] = 0; // flat beyond the cap
      return v;
    },
  );
  const [rawP, q, gamma] = fit.params;
  const p = cap(rawP);
  return {
    ...(rawP >= GAMMA_GAMMA_MAX_P ? { capped: ['p'] } : {}),
    params: { p, q, gamma },
    logLikelihood: fit.logLikelihood,
    customers: total(usable.n),
    groups: usable.n.length,
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
