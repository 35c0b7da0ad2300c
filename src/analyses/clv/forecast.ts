import { bgnbdExpectedIfAlive, bgnbdPAlive } from './bgnbd.js';
import { distinctIndex, distinctPairs, type HistoryColumns } from './columns.js';
import { lifetimeValue } from './lifetime-value.js';
import type { BgNbdParams, GammaGammaParams } from './types.js';

export interface ClvForecast {
  /** From the day after calibrationEnd. */
  horizonDays: number;
  /** Σ P(alive) at calibrationEnd. */
  expectedAlive: number;
  /** Σ expected repeat purchases (paid days) over the horizon. */
  expectedPurchases: number;
  /** Σ discounted expected spend over `months` (BG/NBD × Gamma-Gamma). */
  clv: number;
  clvPerCustomer: number;
  months: number;
  discountRate: number;
}

/**
 * What a function of (x, T) is for every history, computed once per distinct (x, T) pair: the
 * BG/NBD expectations of a customer still alive depend on the history only through x and T.
 */
export function perXT(h: HistoryColumns, f: (x: number, T: number) => number): Float64Array {
  const xs = distinctIndex(h.x);
  const Ts = distinctIndex(h.T);
  const pairs = distinctPairs(xs.index, Ts.index, Ts.values.length);
  const values = new Float64Array(pairs.first.length);
  for (let k = 0; k < values.length; k++)
    values[k] = f(xs.values[pairs.first[k]], Ts.values[pairs.second[k]]);
  return Float64Array.from(pairs.index, (k) => values[k]);
}

/** E[Y(t) | x, tx, T] of every history (one customer's expectation, not the group's). */
export function conditionalExpectedColumns(p: BgNbdParams, t: number, h: HistoryColumns): Float64Array {
  const ifAlive = perXT(h, (x, T) => bgnbdExpectedIfAlive(p, t, x, T));
  return ifAlive.map((e, i) => e * bgnbdPAlive(p, h.x[i], h.tx[i], h.T[i]));
}

/**
 * Σ over customers of P(alive), expected purchases over the horizon and discounted CLV. A group's
 * expectations are P(alive) × a function of (x, T), and E[M] of Gamma-Gamma is linear in the mean
 * spend m, so a group needs only its Σ m (`meanSpendSum`).
 */
export function clvForecast(
  h: HistoryColumns,
  meanSpendSum: Float64Array,
  p: BgNbdParams,
  g: GammaGammaParams,
  o: { horizonDays: number; months: number; discountRate: number; unitDays: number },
): ClvForecast {
  const horizon = o.horizonDays / o.unitDays;
  const unitsPerMonth = 365.25 / 12 / o.unitDays;
  const purchases = perXT(h, (x, T) => bgnbdExpectedIfAlive(p, horizon, x, T));
  // discounted expected purchases over the months, per unit of spend, of a customer alive
  const discounted = perXT(h, (x, T) =>
    lifetimeValue((t) => bgnbdExpectedIfAlive(p, t, x, T), 1, o.months, o.discountRate, unitsPerMonth),
  );
  const newSpend = (g.p * g.gamma) / (g.q - 1);
  let expectedAlive = 0;
  let expectedPurchases = 0;
  let clv = 0;
  let customers = 0;
  for (let i = 0; i < h.n.length; i++) {
    const n = h.n[i];
    const x = h.x[i];
    const alive = bgnbdPAlive(p, x, h.tx[i], h.T[i]);
    customers += n;
    expectedAlive += n * alive;
    expectedPurchases += n * alive * purchases[i];
    const spendSum = x > 0 ? (g.p * (n * g.gamma + x * meanSpendSum[i])) / (g.p * x + g.q - 1) : n * newSpend;
    clv += alive * discounted[i] * spendSum;
  }
  return {
    horizonDays: o.horizonDays,
    expectedAlive,
    expectedPurchases,
    clv,
    clvPerCustomer: customers > 0 ? clv / customers : 0,
    months: o.months,
    discountRate: o.discountRate,
  };
}
