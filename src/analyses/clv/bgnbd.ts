import { logGamma } from '../../stats/log-gamma.js';
import { distinctIndex, type HistoryColumns, historyColumns, total } from './columns.js';
import { fitLogParams } from './fit-log-params.js';
import { tailComplement } from './hyp2f1-tail.js';
import type { BgNbdParams, Fit, SummaryGroup } from './types.js';

/**
 * The BG/NBD model (Fader, Hardie & Lee 2005, "'Counting your customers' the easy way: an
 * alternative to the Pareto/NBD model", Marketing Science 24(2); and the note "Implementing the
 * BG/NBD model", brucehardie.com/notes/004): purchases at Poisson rate λ ~ Gamma(r, α) while alive;
 * after each purchase the customer drops out with probability p ~ Beta(a, b).
 */

/**
 * Σ n · log L(r, α, a, b | x, tx, T) — equation (6) of the paper, in log space — as a function of
 * the parameters. The data are indexed once: each evaluation takes the log-gammas once per distinct
 * x and ln(α + t) once per distinct tx and T, then one exp and one log1p per history.
 */
export function bgnbdLogLikelihoodOf(
  groups: readonly SummaryGroup[] | HistoryColumns,
): (p: BgNbdParams) => number {
  const h = historyColumns(groups);
  const xs = distinctIndex(h.x);
  const txs = distinctIndex(h.tx);
  const Ts = distinctIndex(h.T);
  const common = new Float64Array(xs.values.length);
  const dropHead = new Float64Array(xs.values.length);
  const logTx = new Float64Array(txs.values.length);
  const logT = new Float64Array(Ts.values.length);
  const { n } = h;
  return ({ r, alpha, a, b }) => {
    const shared = logGamma(r) - r * Math.log(alpha) - logGamma(a + b) + logGamma(b);
    for (let k = 0; k < xs.values.length; k++) {
      const x = xs.values[k];
      // ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
      common[k] = logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x) - shared;
      dropHead[k] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY;
    }
    for (let k = 0; k < txs.values.length; k++) logTx[k] = Math.log(alpha + txs.values[k]);
    for (let k = 0; k < Ts.values.length; k++) logT[k] = Math.log(alpha + Ts.values[k]);
    let ll = 0;
    for (let i = 0; i < n.length; i++) {
      const k = xs.index[i];
      const rx = r + xs.values[k];
      const stillAlive = -rx * logT[Ts.index[i]];
      let l = stillAlive;
      if (dropHead[k] !== Number.NEGATIVE_INFINITY) {
        // log(e^stillAlive + e^droppedAfterLast), as logAddExp
        const droppedAfterLast = dropHead[k] - rx * logTx[txs.index[i]];
        const m = Math.max(stillAlive, droppedAfterLast);
        l = m + Math.log1p(Math.exp(-Math.abs(stillAlive - droppedAfterLast)));
      }
      ll += n[i] * (common[k] + l);
    }
    return ll;
  };
}

/** Σ n · log L(r, α, a, b | x, tx, T) — equation (6) of the paper, in log space. */
export function bgnbdLogLikelihood(p: BgNbdParams, groups: readonly SummaryGroup[] | HistoryColumns): number {
  return bgnbdLogLikelihoodOf(groups)(p);
}

/** Maximum-likelihood BG/NBD parameters for the groups (Nelder–Mead on log-parameters). */
export function fitBgNbd(groups: readonly SummaryGroup[] | HistoryColumns): Fit<BgNbdParams> {
  const h = historyColumns(groups);
  let maxT = 1e-9;
  for (let i = 0; i < h.T.length; i++) if (h.T[i] > maxT) maxT = h.T[i];
  const ll = bgnbdLogLikelihoodOf(h);
  const fit = fitLogParams(([r, alpha, a, b]) => ll({ r, alpha, a, b }), [1, maxT / 10, 1, 1]);
  const [r, alpha, a, b] = fit.params;
  return {
    params: { r, alpha, a, b },
    logLikelihood: fit.logLikelihood,
    customers: total(h.n),
    groups: h.n.length,
    evaluations: fit.evaluations,
    converged: fit.converged,
  };
}

/** P(alive | x, tx, T) — equation (13) of the paper. */
export function bgnbdPAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = p;
  const odds = Math.exp(Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + tx)));
  return 1 / (1 + odds);
}

/**
 * E[Y(t) | x, T, alive]: expected repeat purchases in the next t time units of a customer with x
 * repeat purchases and age T who is still alive — the paper's equation (10) without its P(alive)
 * factor: (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))].
 * It does not depend on tx. Finite for all a, b > 0, also where a + b + x − 1 ≤ 0 (tailComplement).
 */
export function bgnbdExpectedIfAlive(p: BgNbdParams, t: number, x: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  // c/(c − (b+x)) = (a+b+x−1)/(a−1) with c = a+b+x−1
  return tailComplement(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
}

/**
 * E[Y(t) | x, tx, T]: expected repeat purchases in the next t time units of a customer with this
 * history — equation (10) of the paper. With x = tx = T = 0 it is E[X(t)] of a new customer,
 * equation (7).
 */
export function bgnbdConditionalExpected(
  p: BgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (t <= 0) return 0;
  return bgnbdExpectedIfAlive(p, t, x, T) * bgnbdPAlive(p, x, tx, T);
}

/**
 * bgnbdConditionalExpected with E[Y(t) | x, T, alive] remembered per (t, x, T): it does not depend
 * on tx, and many customers share an (x, T) pair, so predictions for many customers compute each
 * ₂F₁ once. Same values as bgnbdConditionalExpected.
 */
export function bgnbdConditionalExpectedMemo(p: BgNbdParams): typeof bgnbdConditionalExpected {
  const ifAlive = new Map<string, number>();
  return (_p, t, x, tx, T) => {
    if (t <= 0) return 0;
    const key = `${t}|${x}|${T}`;
    let e = ifAlive.get(key);
    if (e === undefined) {
      e = bgnbdExpectedIfAlive(p, t, x, T);
      ifAlive.set(key, e);
    }
    return e * bgnbdPAlive(p, x, tx, T);
  };
}

/** E[X(t)]: expected repeat purchases of a customer in the first t time units after the first purchase. */
export function bgnbdExpected(p: BgNbdParams, t: number): number {
  return bgnbdConditionalExpected(p, t, 0, 0, 0);
}
