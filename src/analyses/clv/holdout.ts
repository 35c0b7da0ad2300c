/** Holdout purchases of one frequency bucket: what the model expected and what happened. */
export interface FrequencyBucket {
  /** Calibration repeat purchases: "0" … "6", and "7+" for the rest. */
  x: string;
  customers: number;
  actual: number;
  predicted: number;
}

/**
 * Σ over customers of E[Y(t) | x, tx, T] over the holdout, against the actual holdout purchases, by
 * x. Columns per distinct history: x, customers n, Σ actual holdout purchases of the group, and one
 * customer's expected holdout purchases.
 */
export function holdoutByFrequency(
  h: { x: Float64Array; n: Float64Array; actual: Float64Array; expected: Float64Array },
  lastBucket = 7,
): FrequencyBucket[] {
  const buckets: FrequencyBucket[] = [];
  for (let x = 0; x <= lastBucket; x++) {
    buckets.push({ x: x === lastBucket ? `${x}+` : String(x), customers: 0, actual: 0, predicted: 0 });
  }
  for (let i = 0; i < h.n.length; i++) {
    const b = buckets[Math.min(h.x[i], lastBucket)];
    b.customers += h.n[i];
    b.actual += h.actual[i];
    b.predicted += h.n[i] * h.expected[i];
  }
  return buckets;
}

/** Cumulative repeat purchases of the cohort by the end of period k (k = 1, 2, …). */
export interface TrackingPoint {
  period: number;
  actual: number;
  predicted: number;
}

/**
 * The tracking curve of Fader, Hardie & Lee 2005 (fig. 3): cumulative repeat purchases of the
 * cohort against Σ over customers of E[X(t − birth)], at the end of each period of `periodDays` days.
 * `births` and `repeats` are in days from the cohort's first day; `expected(t)` is in periods.
 */
export function trackingCurve(
  births: ReadonlyArray<{ day: number; n: number }>,
  repeats: ReadonlyArray<{ day: number; n: number }>,
  expected: (t: number) => number,
  periodDays: number,
  periods: number,
): TrackingPoint[] {
  const out: TrackingPoint[] = [];
  const sorted = [...repeats].sort((a, b) => a.day - b.day);
  let i = 0;
  let actual = 0;
  for (let k = 1; k <= periods; k++) {
    const end = k * periodDays;
    while (i < sorted.length && sorted[i].day < end) actual += sorted[i++].n;
    let predicted = 0;
    for (const b of births) if (b.day < end) predicted += b.n * expected((end - b.day) / periodDays);
    out.push({ period: k, actual, predicted });
  }
  return out;
}
