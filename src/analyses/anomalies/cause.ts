import type { MetricRow } from '../../metrics/types.js';
import { explainedMetric } from '../explain/candidates.js';
import { noiseBasis, rankSplit, rankSplits, splitRows, unitsFor } from '../explain/model.js';
import type { TwoPeriodRows } from '../explain/query.js';
import { LINE_CUBE, ORDER_CUBE, TRAFFIC_CUBE } from './query.js';

/** The dimension value that moved most on a flagged day, against the day's reference days. */
export interface AnomalyCause {
  dimension: string;
  value: string;
  /** The value's own metric on the day and its mean on the reference days (ratio metrics: its rate). */
  actual: number | null;
  expected: number | null;
  /** Its share of the denominator (ratio metrics) or of the metric (additive): reference days → day. */
  share: [number, number] | null;
  /** Its part of the day's deviation from the reference days (mix + rate), in the metric's unit. */
  contribution: number;
  /** contribution ÷ the day's deviation from the reference days. */
  shareOfChange: number | null;
  /** How much more of the deviation it carries than its weight (explain's surprise, 0…1). */
  surprise: number;
  /** No value stands out (surprise < 0.1): the day moved across the board (a shop-wide event). */
  broad: boolean;
}

/** Below this surprise no single value explains the day (see AnomalyCause.broad). */
export const BROAD = 0.1;

/** Per day (date), per dimension value: summed metrics. */
type DayCells = Map<string, Map<string, Record<string, number>>>;

/** The rows of the cause cubes, rolled up to each dimension a metric is searched along. */
export interface CauseData {
  /** dimension → day → value → metrics */
  byDimension: Map<string, DayCells>;
  /** Shop totals by day (the daily KPI rows). */
  totals: Map<string, MetricRow>;
}

const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function rollUp(rows: readonly MetricRow[], dim: string, metrics: readonly string[], into: DayCells): void {
  for (const r of rows) {
    const day = String(r.day);
    const value = String(r[dim] ?? '');
    let byValue = into.get(day);
    if (!byValue) {
      byValue = new Map();
      into.set(day, byValue);
    }
    let cell = byValue.get(value);
    if (!cell) {
      cell = {};
      byValue.set(value, cell);
    }
    for (const m of metrics) cell[m] = (cell[m] ?? 0) + n(r[m]);
  }
}

/** Rolls the order, traffic and line cubes up to each single dimension. */
export function causeData(
  cubes: { orders: MetricRow[]; traffic: MetricRow[]; lines: MetricRow[] },
  totals: Map<string, MetricRow>,
): CauseData {
  const byDimension = new Map<string, DayCells>();
  const get = (d: string) => {
    let c = byDimension.get(d);
    if (!c) {
      c = new Map();
      byDimension.set(d, c);
    }
    return c;
  };
  for (const d of ORDER_CUBE) rollUp(cubes.orders, d, ['gmv', 'orders', 'buyers'], get(d));
  for (const d of TRAFFIC_CUBE) rollUp(cubes.traffic, d, ['visitors'], get(d));
  // Line rows carry line GMV (paid amount, no shipping) and units: kept apart from the order cells.
  for (const d of LINE_CUBE) rollUp(cubes.lines, d, ['gmv', 'units'], get(`line:${d}`));
  return { byDimension, totals };
}

/** The dimensions a metric's day is searched along (cube name → reported dimension). */
export function causeDimensions(metric: string): string[] {
  switch (metric) {
    case 'gmv':
      return ['channel', 'device', 'customer_type', 'line:price_band', 'line:sku'];
    case 'orders':
    case 'buyers':
      return ['channel', 'device', 'customer_type'];
    case 'visitors':
    case 'conversion':
      return ['channel', 'device'];
    case 'atv':
      return ['channel', 'device', 'customer_type'];
    default:
      return [];
  }
}

/**
 * The likely cause of day `date`'s deviation in `metric`: the exact split (explain's mix/rate machinery,
 * src/analyses/explain) of the day against the sum of its reference days, along every searched
 * dimension; the best split by surprise and its most surprising value. The day is weighted × the
 * number of reference days so that both sides cover the same number of days.
 */
export function dayCause(
  data: CauseData,
  metric: string,
  date: string,
  refs: readonly string[],
): AnomalyCause | null {
  if (refs.length === 0) return null;
  const m = explainedMetric(metric);
  const k = refs.length;
  const totals: TwoPeriodRows = { keys: [[]], previous: new Map(), current: new Map() };
  const sumTotals = (days: readonly string[], w: number) => {
    const row: MetricRow = {};
    for (const i of m.inputs) row[i] = days.reduce((a, d) => a + n(data.totals.get(d)?.[i]), 0) * w;
    return row;
  };
  totals.previous.set('[]', sumTotals(refs, 1));
  totals.current.set('[]', sumTotals([date], k));
  const units = unitsFor(m, totals);
  const splits = [];
  for (const dim of causeDimensions(metric)) {
    const rows = twoSided(data, dim, m.inputs, date, refs);
    if (!rows) continue;
    const lineGmv = dim.startsWith('line:');
    const exact = splitRows(m, rows, totals, units);
    if (!exact) continue;
    const split = rankSplit([lineGmv ? dim.slice(5) : dim], exact, units, noiseBasis(m));
    splits.push(split);
  }
  const best = rankSplits(splits)[0];
  if (!best) return null;
  const values = best.causes.filter((c) => c.kind === 'value');
  const top =
    [...values].sort((a, b) => b.surprise - a.surprise || Math.abs(b.total) - Math.abs(a.total))[0] ?? null;
  if (!top || top.value === null) return null;
  const additive = m.inputs.length === 1;
  const change = sumChange(totals, m.inputs, k);
  const per = additive ? k : 1;
  const contribution = top.total / per;
  return {
    dimension: best.dimension,
    value: top.value,
    actual: top.own ? (additive ? (top.own[1] ?? 0) / k : top.own[1]) : null,
    expected: top.own ? (additive ? (top.own[0] ?? 0) / k : top.own[0]) : null,
    share: top.share,
    contribution,
    shareOfChange: change !== 0 ? contribution / change : null,
    surprise: top.surprise,
    broad: top.surprise < BROAD,
  };
}

/** The day's deviation from the reference days: per day (additive, current weighted × k) or of the rate. */
function sumChange(t: TwoPeriodRows, inputs: readonly string[], k: number): number {
  const p = t.previous.get('[]')!;
  const c = t.current.get('[]')!;
  if (inputs.length === 1) return (n(c[inputs[0]]) - n(p[inputs[0]])) / k;
  const r = (row: MetricRow) => (n(row[inputs[1]]) ? n(row[inputs[0]]) / n(row[inputs[1]]) : 0);
  return r(c) - r(p);
}

/** Two-period rows of one dimension: previous = Σ reference days, current = the day × their number. */
function twoSided(
  data: CauseData,
  dim: string,
  inputs: readonly string[],
  date: string,
  refs: readonly string[],
): TwoPeriodRows | null {
  // Order and traffic cells share a dimension's map (conversion: buyers from orders, visitors from
  // traffic, by channel); GMV along line dimensions reads the line cells.
  const cells = data.byDimension.get(dim);
  if (!cells) return null;
  const out: TwoPeriodRows = { keys: [], previous: new Map(), current: new Map() };
  const k = refs.length;
  const add = (target: Map<string, MetricRow>, day: string, w: number) => {
    for (const [value, cell] of cells.get(day) ?? []) {
      const key = JSON.stringify([value]);
      if (!out.previous.has(key) && !out.current.has(key)) out.keys.push([value]);
      let row = target.get(key);
      if (!row) {
        row = { [dim]: value };
        for (const i of inputs) row[i] = 0;
        target.set(key, row);
      }
      for (const i of inputs) row[i] = n(row[i]) + n(cell[i]) * w;
    }
  };
  for (const r of refs) add(out.previous, r, 1);
  add(out.current, date, k);
  for (const key of out.keys.map((v) => JSON.stringify(v))) {
    for (const t of [out.previous, out.current]) {
      if (!t.has(key)) t.set(key, Object.fromEntries(inputs.map((i) => [i, 0])));
    }
  }
  return out.keys.length > 0 ? out : null;
}

/** A shift in the composition of sales (line GMV) along a line dimension: the share that moved most. */
export interface CompositionShift {
  dimension: string;
  value: string;
  /** Share of line GMV on the reference days → on the day. */
  share: [number, number];
  /** The shift in units of its binomial standard error (units sold as the count). */
  z: number;
}

/**
 * For 客单价 (and GMV): the price band whose share of sales moved most beyond its noise on the day
 * against its reference days (the planted "items under ¥100 gain share" shows here); null when no
 * band moved by more than 2 standard errors.
 */
export function compositionShift(
  data: CauseData,
  date: string,
  refs: readonly string[],
  dim = 'price_band',
): CompositionShift | null {
  const cells = data.byDimension.get(`line:${dim}`);
  if (!cells || refs.length === 0) return null;
  const sum = (days: readonly string[]) => {
    const out = new Map<string, { gmv: number; units: number }>();
    for (const d of days) {
      for (const [v, c] of cells.get(d) ?? []) {
        const a = out.get(v) ?? { gmv: 0, units: 0 };
        a.gmv += n(c.gmv);
        a.units += n(c.units);
        out.set(v, a);
      }
    }
    return out;
  };
  const before = sum(refs);
  const day = sum([date]);
  const total = (m: Map<string, { gmv: number; units: number }>, k: 'gmv' | 'units') =>
    [...m.values()].reduce((a, c) => a + c[k], 0);
  const [g0, g1, u0, u1] = [
    total(before, 'gmv'),
    total(day, 'gmv'),
    total(before, 'units'),
    total(day, 'units'),
  ];
  if (!(g0 > 0 && g1 > 0 && u0 > 0 && u1 > 0)) return null;
  let best: CompositionShift | null = null;
  for (const v of [...new Set([...before.keys(), ...day.keys()])].sort()) {
    const s0 = (before.get(v)?.gmv ?? 0) / g0;
    const s1 = (day.get(v)?.gmv ?? 0) / g1;
    const s = (s0 + s1) / 2;
    const se = Math.sqrt(Math.max(s * (1 - s), 1e-12) * (1 / u0 + 1 / u1));
    const z = (s1 - s0) / se;
    if (Math.abs(z) > 2 && (!best || Math.abs(z) > Math.abs(best.z)))
      best = { dimension: dim, value: v, share: [s0, s1], z };
  }
  return best;
}
