import type { Warehouse } from '../../warehouse/warehouse.js';
import {
  averageRetention,
  type Cohort,
  cohortMatrix,
  type GapBucket,
  gapDistribution,
  type SecondPurchase,
  secondPurchaseRates,
} from './model.js';
import { type CohortQuery, cohortCells, GAP_BUCKETS, gapRows, secondPurchaseRows } from './query.js';

export * from './model.js';
export * from './query.js';

export interface CohortAnalysis {
  grain: 'month' | 'week';
  split?: 'channel' | 'campaign';
  /** The last period observed (the period of asOf, else of the latest paid order). */
  lastPeriod: string;
  cohorts: Cohort[];
  /** Size-weighted retention by k over all cohorts (and splits) that reached k. */
  average: Array<number | null>;
}

/** Cohort retention (customers and revenue) and LTV curves, aggregated in the database. */
export async function cohortAnalysis(
  wh: Warehouse,
  q: CohortQuery & { maxOffset?: number } = {},
): Promise<CohortAnalysis> {
  const grain = q.grain ?? 'month';
  const cells = await cohortCells(wh, q);
  const lastPeriod = q.asOf ? periodLabel(grain, q.asOf, q.weekStart ?? 1) : latestPeriod(grain, cells);
  const cohorts = cohortMatrix(cells, grain, lastPeriod, q.maxOffset);
  return { grain, split: q.split, lastPeriod, cohorts, average: averageRetention(cohorts) };
}

export interface SecondPurchaseAnalysis {
  asOf: string;
  cohorts: SecondPurchase[];
  /**
   * Days between first and second paid order, over customers with a second order (all of history:
   * a query of its own; absent when not asked for).
   */
  gaps?: GapBucket[];
}

/** New buyers' second-purchase rates within 30/60/90 days and the first-to-second gap distribution. */
export async function secondPurchase(
  wh: Warehouse,
  q: { from?: string; to?: string; asOf: string; gaps?: boolean },
): Promise<SecondPurchaseAnalysis> {
  const rows = await secondPurchaseRows(wh, q);
  const cohorts = secondPurchaseRates(rows, q.asOf);
  if (q.gaps === false) return { asOf: q.asOf, cohorts };
  const gaps = await gapRows(wh, { asOf: q.asOf });
  return { asOf: q.asOf, cohorts, gaps: gapDistribution(gaps, GAP_BUCKETS) };
}

/** The label of the period containing a day: YYYY-MM, or the week's first day YYYY-MM-DD. */
export function periodLabel(grain: 'month' | 'week', day: string, weekStart: 1 | 7): string {
  if (grain === 'month') return day.slice(0, 7);
  const ms = Date.parse(`${day}T00:00:00Z`);
  const dow = new Date(ms).getUTCDay(); // 0 = Sunday
  const back = weekStart === 1 ? (dow + 6) % 7 : dow;
  return new Date(ms - back * 86_400_000).toISOString().slice(0, 10);
}

function latestPeriod(grain: 'month' | 'week', cells: ReadonlyArray<{ cohort: string; offset: number }>) {
  let latest = '';
  for (const c of cells) {
    const label = shift(grain, c.cohort, c.offset);
    if (label > latest) latest = label;
  }
  return latest;
}

function shift(grain: 'month' | 'week', label: string, k: number): string {
  if (grain === 'week')
    return new Date(Date.parse(`${label}T00:00:00Z`) + k * 7 * 86_400_000).toISOString().slice(0, 10);
  const [y, m] = label.split('-').map(Number);
  const total = y * 12 + (m - 1) + k;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}
