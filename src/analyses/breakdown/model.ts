import type { MetricRow } from '../../metrics/types.js';

/** One group of a breakdown (a channel, a category, …) with its share and changes. */
export interface BreakdownItem {
  /** Dimension value as the query returned it ('' or null when the source field was empty). */
  key: string | null;
  value: number;
  /** value ÷ total of the breakdown. */
  share: number | null;
  /** Last month's value and share (null when the query had no MoM base for the group). */
  momBase: number | null;
  shareMomBase: number | null;
  /** share − shareMomBase, a difference of fractions (percentage points ÷ 100). */
  shareChangeMom: number | null;
  /** Relative changes as the metric layer computed them. */
  mom: number | null;
  yoy: number | null;
  yoyBase: number | null;
}

export interface Breakdown {
  dimension: string;
  metric: string;
  total: number;
  totalMomBase: number | null;
  items: BreakdownItem[];
}

function num(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function sumOrNull(values: Array<number | null>): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? present.reduce((a, b) => a + b, 0) : null;
}

function change(cur: number, base: number | null): number | null {
  return base === null || base === 0 ? null : (cur - base) / base;
}

/**
 * Shares and changes of `metric` across the values of `dimension`, largest first (ties by key).
 * Shares are of the sum over the rows, so they add up to 100 % also for line-level metrics whose
 * total differs from the order-level total. Expects rows from a query with `compare: ['mom', 'yoy']`.
 */
export function breakdown(rows: MetricRow[], dimension: string, metric: string): Breakdown {
  const base = rows.map((r) => ({
    key: r[dimension] === null || r[dimension] === undefined ? null : String(r[dimension]),
    value: num(r[metric]) ?? 0,
    momBase: num(r[`${metric}_mom_base`]),
    yoyBase: num(r[`${metric}_yoy_base`]),
    mom: num(r[`${metric}_mom`]),
    yoy: num(r[`${metric}_yoy`]),
  }));
  const total = base.reduce((a, b) => a + b.value, 0);
  const totalMomBase = sumOrNull(base.map((b) => b.momBase));
  const items = base.map((b): BreakdownItem => {
    const share = total === 0 ? null : b.value / total;
    const shareMomBase = totalMomBase ? (b.momBase ?? 0) / totalMomBase : null;
    return {
      ...b,
      share,
      shareMomBase,
      shareChangeMom: share === null || shareMomBase === null ? null : share - shareMomBase,
    };
  });
  items.sort((a, b) => b.value - a.value || String(a.key).localeCompare(String(b.key)));
  return { dimension, metric, total, totalMomBase, items };
}

/**
 * The first `n` items and the rest folded into one (key `null`, `count` items). Shares, bases and
 * changes of the rest are recomputed from the sums, never averaged.
 */
export function topN(
  b: Breakdown,
  n: number,
): { top: BreakdownItem[]; rest?: BreakdownItem & { count: number } } {
  if (b.items.length <= n) return { top: b.items };
  const tail = b.items.slice(n);
  const value = tail.reduce((a, i) => a + i.value, 0);
  const momBase = sumOrNull(tail.map((i) => i.momBase));
  const yoyBase = sumOrNull(tail.map((i) => i.yoyBase));
  const share = b.total === 0 ? null : value / b.total;
  const shareMomBase = b.totalMomBase ? (momBase ?? 0) / b.totalMomBase : null;
  return {
    top: b.items.slice(0, n),
    rest: {
      key: null,
      count: tail.length,
      value,
      share,
      momBase,
      shareMomBase,
      shareChangeMom: share === null || shareMomBase === null ? null : share - shareMomBase,
      mom: change(value, momBase),
      yoy: change(value, yoyBase),
      yoyBase,
    },
  };
}
