import { digamma } from '../../stats/digamma.js';
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
 *
 * Given `gradient`, it also writes ∂/∂(r, α, a, b) there. With w the weight of the "dropped after the
 * last purchase" term in the sum of equation (6), ∂/∂r = ψ(r+x) − ψ(r) + ln α − (1−w) ln(α+T) −
 * w ln(α+tx); ∂/∂α = r/α − (r+x)[(1−w)/(α+T) + w/(α+tx)]; ∂/∂a = ψ(a+b) − ψ(a+b+x) + w/a;
 * ∂/∂b = ψ(a+b) + ψ(b+x) − ψ(b) − ψ(a+b+x) − w/(b+x−1) (ψ the digamma function).
 */
export function bgnbdLogLikelihoodOf(
  groups: readonly SummaryGroup[] | HistoryColumns,
): (p: BgNbdParams, gradient?: number[]) => number {
  const h = historyColumns(groups);
  const xs = distinctIndex(h.x);
  const txs = distinctIndex(h.tx);
  const Ts = distinctIndex(h.T);
  const common = new Float64Array(xs.values.length);
  const dropHead = new Float64Array(xs.values.length);
  const logTx = new Float64Array(txs.values.length);
  const logT = new Float64Array(Ts.values.length);
  const invTx = new Float64Array(txs.values.length);
  const invT = new Float64Array(Ts.values.length);
  // per distinct x: Σ n, and Σ n·w of the gradient
  const nByX = new Float64Array(xs.values.length);
  for (let i = 0; i < h.n.length; i++) nByX[xs.index[i]] += h.n[i];
  const wByX = new Float64Array(xs.values.length);
  const { n } = h;
  return ({ r, alpha, a, b }, gradient) => {
    const shared = logGamma(r) - r * Math.log(alpha) - logGamma(a + b) + logGamma(b);
    for (let k = 0; k < xs.values.length; k++) {
      const x = xs.values[k];
      // ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
      common[k] = logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x) - shared;
      dropHead[k] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY;
    }
    for (let k = 0; k < txs.values.length; k++) logTx[k] = Math.log(alpha + txs.values[k]);
    for (let k = 0; k < Ts.values.length; k++) logT[k] = Math.log(alpha + Ts.values[k]);
    if (!gradient) {
      let ll = 0;
      for (let i = 0; i < n.length; i++) {
        const k = xs.index[i];
        const rx = r + xs.values[k];
        const stillAlive = -rx * logT[Ts.index[i]];
        let l = stillAlive;
        if (dropHead[k] !== Number.NEGATIVE_INFINITY) {
          // log(e^stillAlive + e^droppedAfterLast), as logAddExp
          const droppedAfterLast = dropHead[k] - rx * logTx[txs.index[i]];
          l =
            Math.max(stillAlive, droppedAfterLast) +
            Math.log1p(Math.exp(-Math.abs(stillAlive - droppedAfterLast)));
        }
        ll += n[i] * (common[k] + l);
      }
      return ll;
    }
    for (let k = 0; k < txs.values.length; k++) invTx[k] = 1 / (alpha + txs.values[k]);
    for (let k = 0; k < Ts.values.length; k++) invT[k] = 1 / (alpha + Ts.values[k]);
    wByX.fill(0);
    let ll = 0;
    let dr = 0;
    let dAlpha = 0;
    for (let i = 0; i < n.length; i++) {
      const k = xs.index[i];
      const rx = r + xs.values[k];
      const j = Ts.index[i];
      const stillAlive = -rx * logT[j];
      let l = stillAlive;
      let w = 0;
      if (dropHead[k] !== Number.NEGATIVE_INFINITY) {
        const droppedAfterLast = dropHead[k] - rx * logTx[txs.index[i]];
        const e = Math.exp(-Math.abs(stillAlive - droppedAfterLast));
        l = Math.max(stillAlive, droppedAfterLast) + Math.log1p(e);
        w = droppedAfterLast > stillAlive ? 1 / (1 + e) : e / (1 + e);
      }
      const ni = n[i];
      ll += ni * (common[k] + l);
      if (w === 0) {
        dr -= ni * logT[j];
        dAlpha -= ni * rx * invT[j];
      } else {
        const m = txs.index[i];
        dr -= ni * ((1 - w) * logT[j] + w * logTx[m]);
        dAlpha -= ni * rx * ((1 - w) * invT[j] + w * invTx[m]);
        wByX[k] += ni * w;
      }
    }
    const psiR = digamma(r);
    const psiAB = digamma(a + b);
    const psiB = digamma(b);
    let da = 0;
    let db = 0;
    for (let k = 0; k < xs.values.length; k++) {
      const x = xs.values[k];
      const N = nByX[k];
      const psiABX = digamma(a + b + x);
      dr += N * (digamma(r + x) - psiR + Math.log(alpha));
      dAlpha += (N * r) / alpha;
      da += N * (psiAB - psiABX) + (x > 0 ? wByX[k] / a : 0);
      db += N * (psiAB + digamma(b + x) - psiB - psiABX) - (x > 0 ? wByX[k] / (b + x - 1) : 0);
    }
    gradient[0] = dr;
    gradient[1] = dAlpha;
    gradient[2] = da;
    gradient[3] = db;
    return ll;
  };
}

/** Σ n · log L(r, α, a, b | x, tx, T) — equation (6) of the paper, in log space. */
export function bgnbdLogLikelihood(p: BgNbdParams, groups: readonly SummaryGroup[] | HistoryColumns): number {
  return bgnbdLogLikelihoodOf(groups)(p);
}

/**
 * Maximum-likelihood BG/NBD parameters for the groups: BFGS on log-parameters with the analytic
 * gradient (tens of likelihood evaluations where Nelder–Mead needs hundreds); Nelder–Mead takes
 * over from where BFGS stopped if it did not converge.
 */
export function fitBgNbd(groups: readonly SummaryGroup[] | HistoryColumns): Fit<BgNbdParams> {
  const h = historyColumns(groups);
  let maxT = 1e-9;
  for (let i = 0; i < h.T.length; i++) if (h.T[i] > maxT) maxT = h.T[i];
  const ll = bgnbdLogLikelihoodOf(h);
  const fit = fitLogParams(
    ([r, alpha, a, b]) => ll({ r, alpha, a, b }),
    [1, maxT / 10, 1, 1],
    ([r, alpha, a, b], g) => ll({ r, alpha, a, b }, g),
  );
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
