/**
 * Anomalies of a daily KPI series against a seasonal baseline: the baseline of a day is the median of
 * the same weekday in the 4 weeks before (weekday pattern, robust to one unusual week); the day's log
 * ratio to it is standardised by the median and MAD (× 1.4826) of the log ratios of the history
 * before the month (robust z, Iglewicz & Hoaglin 1993). Days with |z| ≥ threshold are flagged.
 */
export interface DayPoint {
  date: string;
  value: number;
}

export interface ScoredDay {
  date: string;
  value: number;
  baseline: number;
  /** value ÷ baseline − 1. */
  change: number;
  z: number;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** log((x + ε)/(b + ε)) with ε = 1 for counts and small money values. */
const logRatio = (x: number, b: number) => Math.log((x + 1) / (b + 1));

/** Same-weekday median of the 4 weeks before each day (null with fewer than 3 of them). */
export function seasonalBaseline(values: readonly number[]): Array<number | null> {
  return values.map((_, i) => {
    const prior = [7, 14, 21, 28].map((k) => values[i - k]).filter((v): v is number => v !== undefined);
    return prior.length >= 3 ? median(prior) : null;
  });
}

/**
 * Scores the days from index `start` on (the month) against the history before it; null when the
 * history has fewer than 14 days with a baseline or no spread.
 */
export function scoreDays(series: readonly DayPoint[], start: number): ScoredDay[] | null {
  const values = series.map((p) => p.value);
  const base = seasonalBaseline(values);
  const hist: number[] = [];
  for (let i = 0; i < start; i++) if (base[i] !== null) hist.push(logRatio(values[i], base[i]!));
  if (hist.length < 14) return null;
  const center = median(hist);
  const scale = 1.4826 * median(hist.map((h) => Math.abs(h - center)));
  if (!(scale > 0)) return null;
  const out: ScoredDay[] = [];
  for (let i = start; i < series.length; i++) {
    const b = base[i];
    if (b === null) continue;
    out.push({
      date: series[i].date,
      value: values[i],
      baseline: b,
      change: b === 0 ? 0 : values[i] / b - 1,
      z: (logRatio(values[i], b) - center) / scale,
    });
  }
  return out;
}
