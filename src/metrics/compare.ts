import { bucketLabels } from './period.js';
import { resolveMetric } from './registry/resolve.js';
import { isGrain } from './sources/source.js';
import type { CheckedSpec } from './spec.js';
import type { Comparison, MetricRow, Period } from './types.js';

export interface ComparisonRows {
  comparison: Comparison;
  period: Period;
  rows: MetricRow[];
}

/** True for metrics whose value is 0 (not unknown) on a row the period has no data for. */
export function isAdditive(metric: string): boolean {
  const r = resolveMetric(metric);
  return r.kind === 'registry' && r.def.kind !== 'ratio';
}

/**
 * Joins comparison-period rows onto current rows by dimension values. Date buckets are matched by
 * position within their period (the 1st day of the base month with the 1st day of this month, the
 * 3rd week with the 3rd week, …); base buckets past the end of the current period are dropped. A
 * dimension value found only in a comparison period still gets a row (additive metrics 0, ratios
 * empty), so a channel that stopped selling is not hidden.
 */
export function mergeComparisons(
  spec: CheckedSpec,
  current: MetricRow[],
  bases: ComparisonRows[],
  weekStart: 1 | 7,
): MetricRow[] {
  const dims = spec.dimensions;
  const key = (row: MetricRow) => JSON.stringify(dims.map((d) => row[d]));
  const merged = new Map<string, MetricRow>();
  for (const row of current) merged.set(key(row), { ...row });

  for (const base of bases) {
    const labelMaps = new Map<string, Map<string, string>>();
    for (const d of dims) {
      if (!isGrain(d)) continue;
      const from = bucketLabels(base.period, d, weekStart);
      const to = bucketLabels(spec.period, d, weekStart);
      labelMaps.set(d, new Map(from.flatMap((label, i) => (i < to.length ? [[label, to[i]]] : []))));
    }
    for (const row of base.rows) {
      const dimValues: MetricRow = {};
      let dropped = false;
      for (const d of dims) {
        const map = labelMaps.get(d);
        const v = map ? map.get(String(row[d])) : row[d];
        if (v === undefined) dropped = true;
        dimValues[d] = v ?? null;
      }
      if (dropped) continue;
      const k = key(dimValues);
      let target = merged.get(k);
      if (!target) {
        target = { ...dimValues };
        for (const m of spec.metrics) target[m] = isAdditive(m) ? 0 : null;
        merged.set(k, target);
      }
      for (const m of spec.metrics) target[`${m}_${base.comparison}_base`] = row[m] ?? null;
    }
  }

  const out = [...merged.values()];
  for (const row of out) {
    for (const base of bases) {
      for (const m of spec.metrics) {
        const baseField = `${m}_${base.comparison}_base`;
        if (!(baseField in row)) row[baseField] = isAdditive(m) ? 0 : null;
        row[`${m}_${base.comparison}`] = change(row[m], row[baseField]);
      }
    }
  }
  return out;
}

/** Relative change (cur − base) ÷ base; null when either is missing or base is 0. */
export function change(cur: unknown, base: unknown): number | null {
  if (typeof cur !== 'number' || typeof base !== 'number' || base === 0) return null;
  return (cur - base) / base;
}

/** Sorts rows by the spec's sort fields, then dimensions ascending; nulls last. Returns a new array. */
export function sortRows(rows: MetricRow[], spec: CheckedSpec): MetricRow[] {
  const keys = [...spec.sort];
  for (const d of spec.dimensions) if (!keys.some((k) => k.field === d)) keys.push({ field: d, desc: false });
  return [...rows].sort((a, b) => {
    for (const { field, desc } of keys) {
      const x = a[field];
      const y = b[field];
      if (x === y) continue;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      const c = x < y ? -1 : 1;
      return desc ? -c : c;
    }
    return 0;
  });
}
