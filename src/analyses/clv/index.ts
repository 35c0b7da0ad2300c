import type { Warehouse } from '../../warehouse/warehouse.js';
import { bgnbdExpected, fitBgNbd } from './bgnbd.js';
import type { HistoryColumns } from './columns.js';
import { type ClvForecast, clvForecast, conditionalExpectedColumns } from './forecast.js';
import { fitGammaGamma } from './gamma-gamma.js';
import { type FrequencyBucket, holdoutByFrequency, type TrackingPoint, trackingCurve } from './holdout.js';
import { fitParetoNbd } from './pareto-nbd.js';
import { type ClvWindow, clvColumns, daysFrom, trackingRows } from './query.js';
import type { BgNbdParams, Fit, GammaGammaParams, ParetoNbdParams } from './types.js';

export * from './bgnbd.js';
export * from './columns.js';
export { type CustomerPrediction, customerPredictions } from './customers.js';
export * from './forecast.js';
export * from './gamma-gamma.js';
export * from './holdout.js';
export * from './lifetime-value.js';
export * from './pareto-nbd.js';
export {
  type ClvColumns,
  type ClvWindow,
  clvColumns,
  spendRows,
  summaryRows,
  trackingRows,
} from './query.js';
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

/** Fits BG/NBD and Gamma-Gamma (and Pareto/NBD) on the calibration period; forecasts; validates on the holdout. */
export async function customerLifetimeValue(wh: Warehouse, opts: ClvOptions): Promise<ClvResult> {
  const unitDays = opts.unitDays ?? 7;
  const { summary, spend } = await clvColumns(wh, opts);
  const histories: HistoryColumns = {
    x: summary.x,
    tx: summary.txDays.map((d) => d / unitDays),
    T: summary.TDays.map((d) => d / unitDays),
    n: summary.n,
  };
  const bgnbd = fitBgNbd(histories);
  const gammagamma = fitGammaGamma({
    x: spend.x,
    m: spend.repeatValue.map((v, i) => v / spend.x[i]),
    n: spend.n,
  });
  const result: ClvResult = {
    calibrationEnd: opts.calibrationEnd,
    unitDays,
    customers: bgnbd.customers,
    bgnbd,
    gammagamma,
    forecast: clvForecast(histories, summary.meanSpendSum, bgnbd.params, gammagamma.params, {
      horizonDays: opts.horizonDays ?? 365,
      months: opts.months ?? 12,
      discountRate: opts.discountRate ?? 0.1,
      unitDays,
    }),
  };
  if (opts.paretoNbd) result.paretonbd = fitParetoNbd(histories);
  if (opts.holdoutEnd && opts.holdoutEnd > opts.calibrationEnd) {
    result.holdout = await holdout(
      wh,
      opts,
      opts.holdoutEnd,
      histories,
      summary.holdout,
      bgnbd.params,
      unitDays,
    );
  }
  return result;
}

async function holdout(
  wh: Warehouse,
  w: ClvWindow,
  holdoutEnd: string,
  histories: HistoryColumns,
  actual: Float64Array,
  p: BgNbdParams,
  unitDays: number,
): Promise<ClvHoldout> {
  const length = daysFrom(w.calibrationEnd, holdoutEnd) / unitDays;
  const byFrequency = holdoutByFrequency({
    x: histories.x,
    n: histories.n,
    actual,
    expected: conditionalExpectedColumns(p, length, histories),
  });
  const total = (k: 'actual' | 'predicted') => byFrequency.reduce((s, b) => s + b[k], 0);
  const actualSum = total('actual');
  const predicted = total('predicted');
  const rows = await trackingRows(wh, w);
  const periods = Math.ceil((daysFrom(rows.start, holdoutEnd) + 1) / unitDays);
  const tracking = trackingCurve(rows.births, rows.repeats, (t) => bgnbdExpected(p, t), unitDays, periods);
  const last = tracking[tracking.length - 1];
  return {
    holdoutEnd,
    length,
    actual: actualSum,
    predicted,
    error: actualSum > 0 ? (predicted - actualSum) / actualSum : 0,
    byFrequency,
    tracking,
    cumulativeError: last && last.actual > 0 ? (last.predicted - last.actual) / last.actual : 0,
  };
}
