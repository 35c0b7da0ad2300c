import { METRICS } from '../../metrics/index.js';
import type { ExactTerm } from '../decompose/exact.js';
import {
  additiveSplit,
  binaryGrid,
  type Cell,
  COUNT,
  type ExactSplit,
  exactSplit,
  type Grid,
  type GroupInput,
  ratioSplit,
} from '../decompose/index.js';
import type { ExplainedMetric } from './candidates.js';
import { num, type TwoPeriodRows } from './query.js';

/** One dimension value's part of the change (`kind: 'overlap'` closes the sum, see mix-rate.ts). */
export interface Cause {
  /** Dimension name, or two names joined by ' × ' for a pair. */
  dimension: string;
  /** The value (pair values joined by ' × '); null for the overlap row. */
  value: string | null;
  /** The values by dimension ({} for the overlap row). */
  values: Record<string, string>;
  kind: 'value' | 'overlap';
  mix: number;
  rate: number;
  total: number;
  /** Share of the denominator (ratio metrics) or of the metric (additive), previous and current. */
  share: [number, number] | null;
  /** The group's own value of the metric (ratio metrics: its rate), previous and current. */
  own: [number | null, number | null] | null;
  /**
   * How much more of the change this value carries than a uniform change would give it, beyond its
   * sampling noise, as a fraction of |change|; 0 when it does not push in the direction of the change.
   */
  surprise: number;
}

export interface DimensionSplit {
  dimensions: string[];
  dimension: string;
  mix: number;
  rate: number;
  overlap: number;
  /** The largest surprise of a value (pairs × 0.9, so a pair must beat its parts clearly). */
  score: number;
  causes: Cause[];
}

/** Numbers in a split: money sums are split in fen, so ticks of the grid are fen, reported in yuan. */
export interface Units {
  grid: Grid;
  /** Input units per reported unit: 100 for money sums (fen → yuan), else 1. */
  per: number;
}

const PAIR_PENALTY = 0.9;
const money = (m: ExplainedMetric) => m.def.format === 'money' && m.inputs.length === 1;

/** Cell of a row: numerator and denominator of a ratio, or the additive value (money in fen). */
function cellOf(m: ExplainedMetric, row: Parameters<typeof num>[0]): Cell {
  return m.inputs.length === 2
    ? { num: num(row, m.inputs[0]), den: num(row, m.inputs[1]) }
    : { num: Math.round(num(row, m.inputs[0]) * (money(m) ? 100 : 1)) };
}

/** The grid of an explanation, fixed from the totals so every split reports the same change. */
export function unitsFor(m: ExplainedMetric, totals: TwoPeriodRows): Units {
  if (m.inputs.length === 1) return { grid: COUNT, per: money(m) ? 100 : 1 };
  const ratio = (row: Parameters<typeof num>[0]) => {
    const c = cellOf(m, row);
    return c.den ? Math.abs(c.num / c.den) : 0;
  };
  const maxAbs = 64 * Math.max(ratio(totals.previous.get('[]')), ratio(totals.current.get('[]')), 1e-9);
  return { grid: binaryGrid(maxAbs, 1024), per: 1 };
}

/** Previous and current value of the metric (cells of the no-dimension rows). */
export function totalCells(m: ExplainedMetric, totals: TwoPeriodRows): { previous: Cell; current: Cell } {
  return { previous: cellOf(m, totals.previous.get('[]')), current: cellOf(m, totals.current.get('[]')) };
}

/** The exact split of the metric across one dimension or pair; null when a ratio is undefined. */
export function splitRows(
  m: ExplainedMetric,
  rows: TwoPeriodRows,
  totals: TwoPeriodRows,
  units: Units,
): ExactSplit | null {
  const groups: GroupInput[] = rows.keys.map((values) => {
    const k = JSON.stringify(values);
    return { values, previous: cellOf(m, rows.previous.get(k)), current: cellOf(m, rows.current.get(k)) };
  });
  const t = totalCells(m, totals);
  if (m.inputs.length === 2) {
    const split = ratioSplit(groups, t);
    return split ? exactSplit(split, units.grid) : null;
  }
  return exactSplit(additiveSplit(groups, [t.previous.num, t.current.num]), units.grid);
}

/** A number of ticks in reported units. */
export const present = (ticks: number, u: Units): number => ticks / u.grid.ticks / u.per;

/**
 * Which input of the metric counts independent events (orders, buyers, visitors): the sampling noise
 * of a group's rate is about rate ÷ √count. 'value' for additive counts, null when unknown (money).
 */
export type NoiseBasis = 'num' | 'den' | 'value' | null;

export function noiseBasis(m: ExplainedMetric): NoiseBasis {
  const counted = (name: string) => METRICS[name].kind !== 'sum' || METRICS[name].format === 'integer';
  if (m.inputs.length === 1) return counted(m.inputs[0]) ? 'value' : null;
  if (counted(m.inputs[0])) return 'num';
  return counted(m.inputs[1]) ? 'den' : null;
}

/**
 * About two standard errors of a term's contribution (0 without a noise model): the rate effect
 * s̄ · Δr with se(r) ≈ r ÷ √count, and the mix effect Δs · (r̄ − R̄) with the binomial se of a share
 * of the denominator's total count.
 */
function noiseTicks(
  t: ExactTerm,
  basis: NoiseBasis,
  ctx: { center: number; den: [number, number] },
  u: Units,
) {
  if (basis === null) return 0;
  const counts = basis === 'den' ? t.den : t.value;
  if (!counts || counts[0] <= 0 || counts[1] <= 0) return 0;
  if (basis === 'value') return 2 * Math.sqrt(counts[0] + counts[1]) * u.grid.ticks;
  const r = ((t.rate[0] ?? 0) + (t.rate[1] ?? 0)) / 2;
  const sBar = (t.share[0] + t.share[1]) / 2;
  const rateSe = sBar * Math.abs(r) * Math.sqrt(1 / counts[0] + 1 / counts[1]);
  const [n0, n1] = ctx.den;
  const shareVar = (s: number, n: number) => (n > 0 ? (s * (1 - s)) / n : 0);
  const mixSe = Math.abs(r - ctx.center) * Math.sqrt(shareVar(t.share[0], n0) + shareVar(t.share[1], n1));
  return 2 * Math.hypot(rateSe, mixSe) * u.grid.ticks;
}

/**
 * Causes of one split, ranked by |total| (ties by value), the overlap row last; and its score: the
 * largest surprise of a value after taking off about two standard errors of its rate effect (so small,
 * noisy groups do not win by chance).
 */
export function rankSplit(
  dims: readonly string[],
  exact: ExactSplit,
  u: Units,
  basis: NoiseBasis = null,
): DimensionSplit {
  const dimension = dims.join(' × ');
  const change = exact.changeTicks;
  const sign = change < 0 ? -1 : 1;
  const spread = change - exact.overlapTicks;
  const noise = {
    center: exact.terms.reduce(
      (a, t) => a + ((t.share[0] + t.share[1]) / 2) * (((t.rate[0] ?? 0) + (t.rate[1] ?? 0)) / 2),
      0,
    ),
    den: [0, 1].map((i) => exact.terms.reduce((a, t) => a + (t.den?.[i] ?? 0), 0)) as [number, number],
  };
  const scale =
    change !== 0 ? Math.abs(change) : Math.max(1, ...exact.terms.map((t) => Math.abs(t.totalTicks)));
  const causes: Cause[] = exact.terms.map((t) => ({
    dimension,
    value: t.values.join(' × '),
    values: Object.fromEntries(dims.map((d, i) => [d, t.values[i]])),
    kind: 'value',
    mix: present(t.mixTicks, u),
    rate: present(t.rateTicks, u),
    total: present(t.totalTicks, u),
    share: t.share,
    own: exact.kind === 'ratio' ? t.rate : [t.value[0] / u.per, t.value[1] / u.per],
    surprise: Math.max(0, sign * (t.totalTicks - t.weight * spread) - noiseTicks(t, basis, noise, u)) / scale,
  }));
  causes.sort(
    (a, b) => Math.abs(b.total) - Math.abs(a.total) || String(a.value).localeCompare(String(b.value)),
  );
  causes.push({
    dimension,
    value: null,
    values: {},
    kind: 'overlap',
    mix: 0,
    rate: present(exact.overlapTicks, u),
    total: present(exact.overlapTicks, u),
    share: null,
    own: null,
    surprise: 0,
  });
  const best = Math.max(0, ...causes.map((c) => c.surprise));
  return {
    dimensions: [...dims],
    dimension,
    mix: present(sumOf(exact.terms.map((t) => t.mixTicks)), u),
    rate: present(sumOf(exact.terms.map((t) => t.rateTicks)), u),
    overlap: present(exact.overlapTicks, u),
    score: dims.length > 1 ? best * PAIR_PENALTY : best,
    causes,
  };
}

const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Splits ranked by score (ties: fewer dimensions, then name). */
export function rankSplits(splits: DimensionSplit[]): DimensionSplit[] {
  return [...splits].sort(
    (a, b) =>
      b.score - a.score ||
      a.dimensions.length - b.dimensions.length ||
      a.dimension.localeCompare(b.dimension),
  );
}

/**
 * The values across all splits that carry the most surprise. A value of a pair is listed only when it
 * carries more than each of its two single values (otherwise the single value says it more simply).
 */
export function topDrivers(splits: DimensionSplit[], n: number): Cause[] {
  const all = splits.flatMap((s) => s.causes.filter((c) => c.kind === 'value' && c.surprise > 0));
  const single = new Map<string, number>();
  for (const c of all) {
    const dims = Object.keys(c.values);
    if (dims.length === 1) single.set(JSON.stringify([dims[0], c.values[dims[0]]]), c.surprise);
  }
  const kept = all.filter((c) =>
    Object.entries(c.values).every(
      ([d, v]) =>
        Object.keys(c.values).length === 1 || c.surprise > (single.get(JSON.stringify([d, v])) ?? 0),
    ),
  );
  kept.sort((a, b) => b.surprise - a.surprise || a.dimension.localeCompare(b.dimension));
  return kept.slice(0, n);
}
