/**
 * Anomalies of a daily KPI series against a seasonal baseline, on the log scale:
 *
 * - **weekday pattern** w(d): the median, per weekday, of a clean history day's log value minus the
 *   mean of the clean days within ±3 days (centred to mean 0);
 * - **trend** s: the Theil–Sen slope (median of pairwise slopes) of the deseasonalised clean history
 *   (up to 13 weeks before the first scored day), capped at ±0.5 % a day;
 * - **expected** log value of day t: the median over the 28 most recent clean days j < t (looking back
 *   at most 120 days) of their deseasonalised log value carried forward by the trend, d(j) + s · (t − j),
 *   plus w(t);
 * - **size**: the robust z = (log value − expected − c) ÷ σ with c and σ = 1.4826 × MAD the median and
 *   scaled median absolute deviation of the same residual over the 8 weeks before the first scored day
 *   (Iglewicz & Hoaglin 1993), and the change value ÷ expected − 1.
 *
 * Clean days are neither calendar days (festivals, holidays, campaigns: labelled, not flagged) nor
 * days already flagged, so a run of unusual days does not drag the baseline along. Counts and money
 * use log(x + 1); ratios (conversion, 客单价) log(x).
 */
export interface ScoreOptions {
  /** |z| at which a day is flagged (default 3.5). */
  threshold: number;
  /** … and |change| at least this (default 0.05: a 3 % wobble of a big shop is not news). */
  minChange: number;
  /** Ratio metrics are compared on log(x), counts and money on log(x + 1). */
  ratio: boolean;
}

export interface ScoredDay {
  /** Index in the series. */
  index: number;
  value: number;
  expected: number;
  /** value ÷ expected − 1. */
  change: number;
  z: number;
  flagged: boolean;
  /** Indices of the reference days for a cause search: the 4 latest clean days of the same weekday. */
  reference: number[];
}

export interface SeriesScore {
  days: ScoredDay[];
  /** Robust scale of the log residual, and the trend per day on the log scale. */
  sigma: number;
  slope: number;
}

const WINDOW = 28;
const LOOKBACK = 120;
const HISTORY = 56;
const TREND_DAYS = 91;
const MAX_SLOPE = 0.005;

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Theil–Sen slope of (x, y) points: the median of the pairwise slopes. */
export function theilSen(x: readonly number[], y: readonly number[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < x.length; i++)
    for (let j = i + 1; j < x.length; j++) if (x[j] !== x[i]) slopes.push((y[j] - y[i]) / (x[j] - x[i]));
  return slopes.length ? median(slopes) : 0;
}

/**
 * Scores the days of a series from `start` on against the history before it. `known[i]` marks
 * calendar days (left out of every baseline, scored but never flagged). Null when the history has
 * fewer than 14 clean days with a baseline.
 */
export function scoreSeries(
  values: readonly number[],
  known: readonly boolean[],
  start: number,
  opts: ScoreOptions,
): SeriesScore | null {
  const n = values.length;
  const log = values.map((v) =>
    opts.ratio ? (v > 0 ? Math.log(v) : Number.NaN) : Math.log(Math.max(0, v) + 1),
  );
  // History days without data (0) are not evidence of anything; in the scored range a 0 is news.
  const clean = log.map((l, i) => !known[i] && Number.isFinite(l) && (i >= start || values[i] > 0));
  const w = weekdayPattern(log, clean, start);
  const d = log.map((l, i) => l - w[i % 7]);
  const tx: number[] = [];
  const ty: number[] = [];
  for (let i = Math.max(0, start - TREND_DAYS); i < start; i++) {
    if (clean[i]) {
      tx.push(i);
      ty.push(d[i]);
    }
  }
  const slope = Math.max(-MAX_SLOPE, Math.min(MAX_SLOPE, theilSen(tx, ty)));
  const expectedLog = (t: number): number | null => {
    const xs: number[] = [];
    for (let j = t - 1; j >= Math.max(0, t - LOOKBACK) && xs.length < WINDOW; j--)
      if (clean[j]) xs.push(d[j] + slope * (t - j));
    return xs.length >= 7 ? median(xs) + w[t % 7] : null;
  };
  const resid: number[] = [];
  for (let i = Math.max(0, start - HISTORY); i < start; i++) {
    if (!clean[i]) continue;
    const e = expectedLog(i);
    if (e !== null) resid.push(log[i] - e);
  }
  if (resid.length < 14) return null;
  const center = median(resid);
  const sigma = Math.max(0.005, 1.4826 * median(resid.map((r) => Math.abs(r - center))));
  const days: ScoredDay[] = [];
  for (let t = start; t < n; t++) {
    const e = expectedLog(t);
    if (e === null || !Number.isFinite(log[t])) {
      clean[t] = false;
      continue;
    }
    const expected = Math.exp(e + center) - (opts.ratio ? 0 : 1);
    const z = (log[t] - e - center) / sigma;
    const change = expected > 0 ? values[t] / expected - 1 : 0;
    const flagged = !known[t] && Math.abs(z) >= opts.threshold && Math.abs(change) >= opts.minChange;
    if (flagged) clean[t] = false;
    days.push({ index: t, value: values[t], expected, change, z, flagged, reference: reference(t, clean) });
  }
  return { days, sigma, slope };
}

/** Weekday effects on the log scale from the clean history (centred; 0 for a weekday without data). */
function weekdayPattern(log: readonly number[], clean: readonly boolean[], start: number): number[] {
  const by: number[][] = [[], [], [], [], [], [], []];
  for (let i = Math.max(0, start - TREND_DAYS); i < start; i++) {
    if (!clean[i]) continue;
    let s = 0;
    let k = 0;
    for (let j = i - 3; j <= i + 3; j++) {
      if (j >= 0 && j < start && clean[j]) {
        s += log[j];
        k++;
      }
    }
    if (k >= 5) by[i % 7].push(log[i] - s / k);
  }
  const w = by.map((xs) => (xs.length ? median(xs) : 0));
  const mean = w.reduce((a, b) => a + b, 0) / 7;
  return w.map((x) => x - mean);
}

/** The 4 latest clean days of t's weekday within 12 weeks (empty when fewer than 2). */
function reference(t: number, clean: readonly boolean[]): number[] {
  const out: number[] = [];
  for (let j = t - 7; j >= Math.max(0, t - 84) && out.length < 4; j -= 7) if (clean[j]) out.push(j);
  return out.length >= 2 ? out : [];
}
