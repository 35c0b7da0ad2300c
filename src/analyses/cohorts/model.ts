import type { CohortCellRow, CohortGrain, GapRow, SecondPurchaseRow } from './query.js';

/** One cohort's row of the retention matrices; index k = k periods after the first purchase. */
export interface Cohort {
  cohort: string;
  /** Split value ('' without a split). */
  segment: string;
  /** Customers whose first paid order fell in the cohort period (= active at k = 0). */
  size: number;
  /** Active customers at k; null where period k is after the last observed period. */
  active: Array<number | null>;
  /** active[k] ÷ size. */
  retention: Array<number | null>;
  gmv: Array<number | null>;
  /** gmv[k] ÷ gmv[0]. */
  revenueRetention: Array<number | null>;
  /** Cumulative GMV per customer of the cohort up to k (the LTV curve). */
  ltv: Array<number | null>;
}

/** Periods from one label to another: months between YYYY-MM labels, weeks between YYYY-MM-DD labels. */
export function periodsBetween(grain: CohortGrain, from: string, to: string): number {
  if (grain === 'month') {
    const [fy, fm] = from.split('-').map(Number);
    const [ty, tm] = to.split('-').map(Number);
    return (ty - fy) * 12 + (tm - fm);
  }
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / (7 * 86_400_000));
}

/** Builds the customer and revenue retention matrices and LTV curves from the cells. */
export function cohortMatrix(
  cells: readonly CohortCellRow[],
  grain: CohortGrain,
  lastPeriod: string,
  maxOffset = Number.POSITIVE_INFINITY,
): Cohort[] {
  const byKey = new Map<string, CohortCellRow[]>();
  for (const c of cells) {
    const key = `${c.cohort}\u0000${c.segment}`;
    const list = byKey.get(key) ?? [];
    list.push(c);
    byKey.set(key, list);
  }
  const out: Cohort[] = [];
  for (const list of byKey.values()) {
    const { cohort, segment } = list[0];
    const observed = Math.min(periodsBetween(grain, cohort, lastPeriod), maxOffset);
    if (observed < 0) continue;
    const active: Array<number | null> = Array.from({ length: observed + 1 }, () => 0);
    const gmv: Array<number | null> = Array.from({ length: observed + 1 }, () => 0);
    for (const c of list) {
      if (c.offset > observed) continue;
      active[c.offset] = c.customers;
      gmv[c.offset] = c.gmv;
    }
    const size = active[0] ?? 0;
    const gmv0 = gmv[0] ?? 0;
    let cumulative = 0;
    out.push({
      cohort,
      segment,
      size,
      active,
      retention: active.map((a) => (size > 0 && a !== null ? a / size : null)),
      gmv,
      revenueRetention: gmv.map((g) => (gmv0 > 0 && g !== null ? g / gmv0 : null)),
      ltv: gmv.map((g) => {
        cumulative += g ?? 0;
        return size > 0 ? Math.round((cumulative / size) * 100) / 100 : null;
      }),
    });
  }
  return out.sort((a, b) => a.cohort.localeCompare(b.cohort) || a.segment.localeCompare(b.segment));
}

/** Size-weighted mean retention at each k over the cohorts that have reached k. */
export function averageRetention(cohorts: readonly Cohort[]): Array<number | null> {
  const length = Math.max(0, ...cohorts.map((c) => c.active.length));
  return Array.from({ length }, (_, k) => {
    let active = 0;
    let size = 0;
    for (const c of cohorts) {
      const a = c.active[k];
      if (a === null || a === undefined) continue;
      active += a;
      size += c.size;
    }
    return size > 0 ? active / size : null;
  });
}

export interface SecondPurchase {
  cohort: string;
  size: number;
  rate30: number;
  rate60: number;
  rate90: number;
  /** Whether every customer of the cohort has had the full 30 / 60 / 90 days by `asOf`. */
  complete30: boolean;
  complete60: boolean;
  complete90: boolean;
}

/** New buyers' second-purchase rates within 30/60/90 days, per monthly cohort. */
export function secondPurchaseRates(rows: readonly SecondPurchaseRow[], asOf: string): SecondPurchase[] {
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`);
  return rows.map((r) => {
    const [y, m] = r.cohort.split('-').map(Number);
    const lastDayMs = Date.UTC(y, m, 0);
    const complete = (days: number) => lastDayMs + days * 86_400_000 <= asOfMs;
    const rate = (n: number) => (r.size > 0 ? n / r.size : 0);
    return {
      cohort: r.cohort,
      size: r.size,
      rate30: rate(r.within30),
      rate60: rate(r.within60),
      rate90: rate(r.within90),
      complete30: complete(30),
      complete60: complete(60),
      complete90: complete(90),
    };
  });
}

export interface GapBucket {
  /** Label such as "0–7", "8–14", "366+" (days). */
  days: string;
  customers: number;
  share: number;
}

/** The distribution of days between first and second order, with shares. */
export function gapDistribution(rows: readonly GapRow[], bounds: readonly number[]): GapBucket[] {
  const total = rows.reduce((s, r) => s + r.customers, 0);
  const count = (max: number | null) => rows.find((r) => r.maxDays === max)?.customers ?? 0;
  const buckets = bounds.map((b, i) => ({
    days: `${i === 0 ? 0 : bounds[i - 1] + 1}–${b}`,
    customers: count(b),
  }));
  buckets.push({ days: `${bounds[bounds.length - 1] + 1}+`, customers: count(null) });
  return buckets.map((b) => ({ ...b, share: total > 0 ? b.customers / total : 0 }));
}
