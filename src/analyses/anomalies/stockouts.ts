import { median } from './model.js';

/** A SKU that sold nothing for days on end although it normally sells every day (断货). */
export interface Stockout {
  sku: string;
  from: string;
  to: string;
  days: number;
  /** Median daily units and line GMV of the 28 days before the run. */
  expectedUnitsPerDay: number;
  expectedGmvPerDay: number;
}

/**
 * A run of L days without sales is a stock-out when L × the usual daily units ≥ 28: under a Poisson
 * count with dispersion 2 (units come in multi-unit lines) the chance of such a run is about e^−14
 * (≈ 1 in a million), so among 500 SKUs × 31 days one false alarm in about 60 months. The SKU must
 * usually sell at least 2 units a day, and the run last at least 2 days.
 */
export const STOCKOUT_MIN_EVIDENCE = 28;
export const STOCKOUT_MIN_UNITS = 2;

/**
 * Runs of consecutive days without sales, from `start` on, long enough for the SKU's usual sales to
 * make them improbable (see STOCKOUT_MIN_EVIDENCE; usual = the median daily units of the 28 days
 * before the run). `dates` are consecutive days; `cells` gives a SKU's units and GMV per day.
 */
export function findStockouts(
  dates: readonly string[],
  start: number,
  cells: ReadonlyMap<string, ReadonlyMap<string, Record<string, number>>>,
): Stockout[] {
  const skus = new Set<string>();
  for (const byValue of cells.values()) for (const sku of byValue.keys()) skus.add(sku);
  const out: Stockout[] = [];
  for (const sku of [...skus].sort()) {
    const units = dates.map((d) => cells.get(d)?.get(sku)?.units ?? 0);
    const gmv = dates.map((d) => cells.get(d)?.get(sku)?.gmv ?? 0);
    let t = start;
    while (t < dates.length) {
      if (units[t] !== 0 || t < 28) {
        t++;
        continue;
      }
      let end = t;
      while (end + 1 < dates.length && units[end + 1] === 0) end++;
      const before = units.slice(t - 28, t);
      const expected = median(before);
      const days = end - t + 1;
      if (days >= 2 && expected >= STOCKOUT_MIN_UNITS && days * expected >= STOCKOUT_MIN_EVIDENCE) {
        out.push({
          sku,
          from: dates[t],
          to: dates[end],
          days,
          expectedUnitsPerDay: expected,
          expectedGmvPerDay: Math.round(median(gmv.slice(t - 28, t)) * 100) / 100,
        });
      }
      t = end + 1;
    }
  }
  return out.sort((a, b) => a.from.localeCompare(b.from) || b.expectedGmvPerDay - a.expectedGmvPerDay);
}
