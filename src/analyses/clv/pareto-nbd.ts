import { logHyp2f1 } from '../../stats/hyp2f1.js';
import { logGamma } from '../../stats/log-gamma.js';
import { logAddExp, logSubExp } from '../../stats/log-sum-exp.js';
import { distinctIndex, distinctPairs, type HistoryColumns, historyColumns, total } from './columns.js';
import { fitLogParams } from './fit-log-params.js';
import type { Fit, ParetoNbdParams, SummaryGroup } from './types.js';

/**
 * The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987), in the form of Fader & Hardie 2005,
 * "A note on deriving the Pareto/NBD model and related expressions" (brucehardie.com/notes/009):
 * purchases at rate λ ~ Gamma(r, α) while alive, lifetimes exponential with μ ~ Gamma(s, β).
 */

/** ln F(t) − (r+s+x)·ln(hi + t), the part of log A₀ that depends on (x, one time t): equations (19)–(20). */
function logA0Part(p: ParetoNbdParams, x: number, t: number): number {
  const { r, alpha, s, beta } = p;
  const [lo, hi, b] = alpha < beta ? [alpha, beta, r + x] : [beta, alpha, s + 1];
  const rsx = r + s + x;
  const q = hi + t;
  return logHyp2f1(rsx, b, rsx + 1, (hi - lo) / q) - rsx * Math.log(q);
}

/** log A₀ from its two parts: A₀ = F(tx)/(hi+tx)^(rsx) − F(T)/(hi+T)^(rsx) ≥ 0 (0 up to rounding when tx is close to T). */
function logA0(first: number, second: number): number {
  return second >= first ? Number.NEGATIVE_INFINITY : logSubExp(first, second);
}

function logLikelihoodOne(p: ParetoNbdParams, x: number, tx: number, T: number, head: number): number {
  const { r, alpha, s, beta } = p;
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  if (tx === T) return head + alive;
  const died = Math.log(s) - Math.log(r + s + x) + logA0(logA0Part(p, x, tx), logA0Part(p, x, T));
  return head + logAddExp(alive, died);
}

function headTerm(p: ParetoNbdParams, x: number): number {
  return logGamma(p.r + x) - logGamma(p.r) + p.r * Math.log(p.alpha) + p.s * Math.log(p.beta);
}

/**
 * Σ n · log L(r, α, s, β | x, tx, T) — equation (18) of the note — as a function of the parameters.
 * The two ₂F₁ of A₀ depend on (x, tx) and on (x, T) only, so each evaluation computes them once per
 * distinct pair (far fewer than histories), and the logarithms once per distinct x and T.
 */
export function paretoNbdLogLikelihoodOf(
  groups: readonly SummaryGroup[] | HistoryColumns,
): (p: ParetoNbdParams) => number {
  const h = historyColumns(groups);
  const xs = distinctIndex(h.x);
  const txs = distinctIndex(h.tx);
  const Ts = distinctIndex(h.T);
  const xTx = distinctPairs(xs.index, txs.index, txs.values.length);
  const xT = distinctPairs(xs.index, Ts.index, Ts.values.length);
  const head = new Float64Array(xs.values.length);
  const diedHead = new Float64Array(xs.values.length);
  const logAlphaT = new Float64Array(Ts.values.length);
  const sLogBetaT = new Float64Array(Ts.values.length);
  const partTx = new Float64Array(xTx.first.length);
  const partT = new Float64Array(xT.first.length);
  return (p) => {
    const { r, alpha, s, beta } = p;
    for (let k = 0; k < xs.values.length; k++) {
      head[k] = headTerm(p, xs.values[k]);
      diedHead[k] = Math.log(s) - Math.log(r + s + xs.values[k]);
    }
    for (let k = 0; k < Ts.values.length; k++) {
      logAlphaT[k] = Math.log(alpha + Ts.values[k]);
      sLogBetaT[k] = s * Math.log(beta + Ts.values[k]);
    }
    // ₂F₁ parts only where a history has tx < T (when tx = T the customer cannot have died in between)
    partTx.fill(Number.NaN);
    partT.fill(Number.NaN);
    let ll = 0;
    for (let i = 0; i < h.n.length; i++) {
      const k = xs.index[i];
      const x = xs.values[k];
      const j = Ts.index[i];
      const T = Ts.values[j];
      const alive = -(r + x) * logAlphaT[j] - sLogBetaT[j];
      let l = alive;
      if (h.tx[i] !== T) {
        const a = xTx.index[i];
        const c = xT.index[i];
        if (Number.isNaN(partTx[a])) partTx[a] = logA0Part(p, x, h.tx[i]);
        if (Number.isNaN(partT[c])) partT[c] = logA0Part(p, x, T);
        l = logAddExp(alive, diedHead[k] + logA0(partTx[a], partT[c]));
      }
      ll += h.n[i] * (head[k] + l);
    }
    return ll;
  };
}

/** Σ n · log L(r, α, s, β | x, tx, T) — equation (18) of the note. */
export function paretoNbdLogLikelihood(
  p: ParetoNbdParams,
  groups: readonly SummaryGroup[] | HistoryColumns,
): number {
  return paretoNbdLogLikelihoodOf(groups)(p);
}

/** Maximum-likelihood Pareto/NBD parameters (Nelder–Mead on log-parameters). */
export function fitParetoNbd(groups: readonly SummaryGroup[] | HistoryColumns): Fit<ParetoNbdParams> {
  const h = historyColumns(groups);
  let maxT = 1e-9;
  for (let i = 0; i < h.T.length; i++) if (h.T[i] > maxT) maxT = h.T[i];
  const ll = paretoNbdLogLikelihoodOf(h);
  const fit = fitLogParams(([r, alpha, s, beta]) => ll({ r, alpha, s, beta }), [1, maxT / 10, 1, maxT / 10]);
  const [r, alpha, s, beta] = fit.params;
  return {
    params: { r, alpha, s, beta },
    logLikelihood: fit.logLikelihood,
    customers: total(h.n),
    groups: h.n.length,
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
