import type { Warehouse } from '../../warehouse/warehouse.js';
import { bgnbdConditionalExpectedMemo, bgnbdExpected, bgnbdPAlive, fitBgNbd } from './bgnbd.js';
import { fitGammaGamma, gammaGammaExpectedSpend } from './gamma-gamma.js';
import { type FrequencyBucket, holdoutByFrequency, type TrackingPoint, trackingCurve } from './holdout.js';
import { lifetimeValue } from './lifetime-value.js';
import { fitParetoNbd } from './pareto-nbd.js';
import { type ClvWindow, daysFrom, spendRows, summaryRows, trackingRows } from './query.js';
import type {
  BgNbdParams,
  Fit,
  GammaGammaParams,
  ParetoNbdParams,
  SpendGroup,
  SummaryGroup,
} from './types.js';

export * from './bgnbd.js';
export { type CustomerPrediction, customerPredictions } from './customers.js';
export * from './gamma-gamma.js';
export * from './holdout.js';
export * from './lifetime-value.js';
export * from './pareto-nbd.js';
export { type ClvWindow, spendRows, summaryRows, trackingRows } from './query.js';
export * from './types.js';

export interface ClvOptions extends ClvWindow {
  /** Days per time unit of the fit (7 = weeks, the papers' unit). Parameters α, β are per unit. */
  unitDays?: number;
  /** Also fit the Pareto/NBD model. */
  paretoNbd?: boolean;
  /** Forecast horizon for expected purchases, in days (default 365). */
  horizonDays?: number;
  /** CLV horizon in months (default 12) … */
  months?: number;
  /** … discounted at this annual rate (default 0.10). */
  discountRate?: number;
}

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

export interface ClvHoldout {
  holdoutEnd: string;
  /** Holdout length in time units. */
  length: number;
  actual: number;
  predicted: number;
  /** (predicted − actual) ÷ actual. */
  error: number;
  byFrequency: FrequencyBucket[];
  /** Cumulative repeat purchases of the cohort per time unit, from its first day to holdoutEnd. */
  tracking: TrackingPoint[];
  /** The tracking curve's last point: cumulative actual vs predicted at the end of the holdout. */
  cumulativeError: number;
}

export interface ClvResult {
  calibrationEnd: string;
  unitDays: number;
  customers: number;
  bgnbd: Fit<BgNbdParams>;
  gammagamma: Fit<GammaGammaParams>;
  paretonbd?: Fit<ParetoNbdParams>;
  forecast: ClvForecast;
  holdout?: ClvHoldout;
}

type Group = SummaryGroup & { holdout: number; meanSpendSum: number };

/** Fits BG/NBD and Gamma-Gamma (and Pareto/NBD) on the calibration period; forecasts; validates on the holdout. */
export async function customerLifetimeValue(wh: Warehouse, opts: ClvOptions): Promise<ClvResult> {
  const unitDays = opts.unitDays ?? 7;
  const groups: Group[] = (await summaryRows(wh, opts)).map((r) => ({
    x: r.x,
    tx: r.txDays / unitDays,
    T: r.TDays / unitDays,
    n: r.n,
    holdout: r.holdout,
    meanSpendSum: r.meanSpendSum,
  }));
  const spend: SpendGroup[] = (await spendRows(wh, opts)).map((r) => ({
    x: r.x,
    m: r.repeatValue / r.x,
    n: r.n,
  }));
  const bgnbd = fitBgNbd(groups);
  const gammagamma = fitGammaGamma(spend);
  const result: ClvResult = {
    calibrationEnd: opts.calibrationEnd,
    unitDays,
    customers: bgnbd.customers,
    bgnbd,
    gammagamma,
    forecast: forecast(groups, bgnbd.params, gammagamma.params, opts, unitDays),
  };
  if (opts.paretoNbd) result.paretonbd = fitParetoNbd(groups);
  if (opts.holdoutEnd && opts.holdoutEnd > opts.calibrationEnd) {
    result.holdout = await holdout(wh, opts, opts.holdoutEnd, groups, bgnbd.params, unitDays);
  }
  return result;
}

function forecast(
  groups: readonly Group[],
  p: BgNbdParams,
  g: GammaGammaParams,
  opts: ClvOptions,
  unitDays: number,
): ClvForecast {
  const horizonDays = opts.horizonDays ?? 365;
  const months = opts.months ?? 12;
  const discountRate = opts.discountRate ?? 0.1;
  let expectedAlive = 0;
  let expectedPurchases = 0;
  let clv = 0;
  let customers = 0;
  const expected = bgnbdConditionalExpectedMemo(p);
  for (const grp of groups) {
    customers += grp.n;
    expectedAlive += grp.n * bgnbdPAlive(p, grp.x, grp.tx, grp.T);
    const e = (t: number) => expected(p, t, grp.x, grp.tx, grp.T);
    expectedPurchases += grp.n * e(horizonDays / unitDays);
    // E[M] is linear in m, so the group's Σ E[M] needs only Σ m.
    const spendSum =
      grp.x > 0
        ? (g.p * (grp.n * g.gamma + grp.x * grp.meanSpendSum)) / (g.p * grp.x + g.q - 1)
        : grp.n * gammaGammaExpectedSpend(g, 0, 0);
    clv += lifetimeValue(e, spendSum, months, discountRate, 365.25 / 12 / unitDays);
  }
  return {
    horizonDays,
    expectedAlive,
    expectedPurchases,
    clv,
    clvPerCustomer: customers > 0 ? clv / customers : 0,
    months,
    discountRate,
  };
}

async function holdout(
  wh: Warehouse,
  w: ClvWindow,
  holdoutEnd: string,
  groups: readonly Group[],
  p: BgNbdParams,
  unitDays: number,
): Promise<ClvHoldout> {
  const length = daysFrom(w.calibrationEnd, holdoutEnd) / unitDays;
  const expected = bgnbdConditionalExpectedMemo(p);
  const byFrequency = holdoutByFrequency(groups, (t, x, tx, T) => expected(p, t, x, tx, T), length);
  const actual = byFrequency.reduce((s, b) => s + b.actual, 0);
  const predicted = byFrequency.reduce((s, b) => s + b.predicted, 0);
  const rows = await trackingRows(wh, w);
  const periods = Math.ceil((daysFrom(rows.start, holdoutEnd) + 1) / unitDays);
  const tracking = trackingCurve(rows.births, rows.repeats, (t) => bgnbdExpected(p, t), unitDays, periods);
  const last = tracking[tracking.length - 1];
  return {
    holdoutEnd,
    length,
    actual,
    predicted,
    error: actual > 0 ? (predicted - actual) / actual : 0,
    byFrequency,
    tracking,
    cumulativeError: last && last.actual > 0 ? (last.predicted - last.actual) / last.actual : 0,
  };
}
