import { logGamma } from '../../stats/log-gamma.js';
import { logAddExp } from '../../stats/log-sum-exp.js';
import { fitLogParams } from './fit-log-params.js';
import { hyp2f1Tail } from './hyp2f1-tail.js';
import type { BgNbdParams, Fit, SummaryGroup } from './types.js';

/**
 * The BG/NBD model (Fader, Hardie & Lee 2005, "'Counting your customers' the easy way: an
 * alternative to the Pareto/NBD model", Marketing Science 24(2); and the note "Implementing the
 * BG/NBD model", brucehardie.com/notes/004): purchases at Poisson rate λ ~ Gamma(r, α) while alive;
 * after each purchase the customer drops out with probability p ~ Beta(a, b).
 */

/** Σ n · log L(r, α, a, b | x, tx, T) — equation (6) of the paper, in log space. */
export function bgnbdLogLikelihood(p: BgNbdParams, groups: readonly SummaryGroup[]): number {
  const { r, alpha, a, b } = p;
  const byX = new Map<number, number>();
  const common = (x: number) => {
    let v = byX.get(x);
    if (v === undefined) {
      // ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
      v =
        logGamma(r + x) -
        logGamma(r) +
        r * Math.log(alpha) +
        logGamma(a + b) +
        logGamma(b + x) -
        logGamma(b) -
        logGamma(a + b + x);
      byX.set(x, v);
    }
    return v;
  };
  let ll = 0;
  for (const g of groups) {
    const stillAlive = -(r + g.x) * Math.log(alpha + g.T);
    const droppedAfterLast =
      g.x > 0
        ? Math.log(a) - Math.log(b + g.x - 1) - (r + g.x) * Math.log(alpha + g.tx)
        : Number.NEGATIVE_INFINITY;
    ll += g.n * (common(g.x) + logAddExp(stillAlive, droppedAfterLast));
  }
  return ll;
}

/** Maximum-likelihood BG/NBD parameters for the groups (Nelder–Mead on log-parameters). */
export function fitBgNbd(groups: readonly SummaryGroup[]): Fit<BgNbdParams> {
  const maxT = groups.reduce((m, g) => Math.max(m, g.T), 1e-9);
  const fit = fitLogParams(
    ([r, alpha, a, b]) => bgnbdLogLikelihood({ r, alpha, a, b }, groups),
    [1, maxT / 10, 1, 1],
  );
  const [r, alpha, a, b] = fit.params;
  return {
    params: { r, alpha, a, b },
    logLikelihood: fit.logLikelihood,
    customers: groups.reduce((s, g) => s + g.n, 0),
    groups: groups.length,
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
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  // ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; z) with (α+T)/(α+T+t) = 1 − z
  const tail = hyp2f1Tail(r + x, b + x, a + b + x - 1, z);
  const head = (a + b + x - 1) / (a - 1);
  return head * (1 - tail) * bgnbdPAlive(p, x, tx, T);
}

/**
 * bgnbdConditionalExpected with the ₂F₁ tail remembered per (t, x, T): it does not depend on tx, and
 * millions of customers share a few thousand (x, T) pairs, so a forecast over many histories computes
 * each tail once. Same values as bgnbdConditionalExpected.
 */
export function bgnbdConditionalExpectedMemo(p: BgNbdParams): typeof bgnbdConditionalExpected {
  const tails = new Map<string, number>();
  const { r, alpha, a, b } = p;
  return (_p, t, x, tx, T) => {
    if (t <= 0) return 0;
    const key = `${t}|${x}|${T}`;
    let tail = tails.get(key);
    if (tail === undefined) {
      tail = hyp2f1Tail(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
      tails.set(key, tail);
    }
    return ((a + b + x - 1) / (a - 1)) * (1 - tail) * bgnbdPAlive(p, x, tx, T);
  };
}

/** E[X(t)]: expected repeat purchases of a customer in the first t time units after the first purchase. */
export function bgnbdExpected(p: BgNbdParams, t: number): number {
  return bgnbdConditionalExpected(p, t, 0, 0, 0);
}
