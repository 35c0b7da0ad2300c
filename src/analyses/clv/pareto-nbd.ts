import { logHyp2f1 } from '../../stats/hyp2f1.js';
import { logGamma } from '../../stats/log-gamma.js';
import { logAddExp, logSubExp } from '../../stats/log-sum-exp.js';
import { fitLogParams } from './fit-log-params.js';
import type { Fit, ParetoNbdParams, SummaryGroup } from './types.js';

/**
 * The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987), in the form of Fader & Hardie 2005,
 * "A note on deriving the Pareto/NBD model and related expressions" (brucehardie.com/notes/009):
 * purchases at rate λ ~ Gamma(r, α) while alive, lifetimes exponential with μ ~ Gamma(s, β).
 */

/** log A₀ — equations (19) and (20) of the note. */
function logA0(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const [lo, hi, b] = alpha < beta ? [alpha, beta, r + x] : [beta, alpha, s + 1];
  const rsx = r + s + x;
  const diff = hi - lo;
  const q1 = hi + tx;
  const q2 = hi + T;
  const f1 = logHyp2f1(rsx, b, rsx + 1, diff / q1);
  const f2 = logHyp2f1(rsx, b, rsx + 1, diff / q2);
  // A₀ = F(tx)/(hi+tx)^(rsx) − F(T)/(hi+T)^(rsx) ≥ 0 (0 up to rounding when tx is close to T)
  const first = f1 - rsx * Math.log(q1);
  const second = f2 - rsx * Math.log(q2);
  return second >= first ? Number.NEGATIVE_INFINITY : logSubExp(first, second);
}

function logLikelihoodOne(p: ParetoNbdParams, x: number, tx: number, T: number, head: number): number {
  const { r, alpha, s, beta } = p;
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  if (tx === T) return head + alive;
  const died = Math.log(s) - Math.log(r + s + x) + logA0(p, x, tx, T);
  return head + logAddExp(alive, died);
}

function headTerm(p: ParetoNbdParams, x: number): number {
  return logGamma(p.r + x) - logGamma(p.r) + p.r * Math.log(p.alpha) + p.s * Math.log(p.beta);
}

/** Σ n · log L(r, α, s, β | x, tx, T) — equation (18) of the note. */
export function paretoNbdLogLikelihood(p: ParetoNbdParams, groups: readonly SummaryGroup[]): number {
  let ll = 0;
  for (const g of groups) ll += g.n * logLikelihoodOne(p, g.x, g.tx, g.T, headTerm(p, g.x));
  return ll;
}

/** Maximum-likelihood Pareto/NBD parameters (Nelder–Mead on log-parameters). */
export function fitParetoNbd(groups: readonly SummaryGroup[]): Fit<ParetoNbdParams> {
  const maxT = groups.reduce((m, g) => Math.max(m, g.T), 1e-9);
  const fit = fitLogParams(
    ([r, alpha, s, beta]) => paretoNbdLogLikelihood({ r, alpha, s, beta }, groups),
    [1, maxT / 10, 1, maxT / 10],
  );
  const [r, alpha, s, beta] = fit.params;
  return {
    params: { r, alpha, s, beta },
    logLikelihood: fit.logLikelihood,
    customers: groups.reduce((sum, g) => sum + g.n, 0),
    groups: groups.length,
    evaluations: fit.evaluations,
    converged: fit.converged,
  };
}

/** P(alive | x, tx, T) — equation (36) of the note. */
export function paretoNbdPAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const ll = logLikelihoodOne(p, x, tx, T, headTerm(p, x));
  return Math.exp(headTerm(p, x) + alive - ll);
}

/** E[Y(t) | x, tx, T] — equation (41) of the note (needs s ≠ 1). */
export function paretoNbdConditionalExpected(
  p: ParetoNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (t <= 0) return 0;
  const { r, alpha, s, beta } = p;
  const perAlive = ((r + x) * (beta + T)) / ((alpha + T) * (s - 1));
  return paretoNbdPAlive(p, x, tx, T) * perAlive * (1 - ((beta + T) / (beta + T + t)) ** (s - 1));
}

/** E[X(t)] of a new customer — equation (27) of the note. */
export function paretoNbdExpected(p: ParetoNbdParams, t: number): number {
  const { r, alpha, s, beta } = p;
  return ((r * beta) / (alpha * (s - 1))) * (1 - (beta / (beta + t)) ** (s - 1));
}
