import { FupanError } from '../../errors.js';
import { METRICS } from '../../metrics/index.js';
import { LINE_DIMENSIONS } from '../../metrics/registry/dimensions.js';
import type { Period } from '../../metrics/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { type FactorMethod, type GmvTotals, gmvFactors, orderFactors } from '../decompose/index.js';
import { candidateDimensions, candidatePairs, compositionSplits, explainedMetric } from './candidates.js';
import { rollUp } from './cube.js';
import {
  type Cause,
  type DimensionSplit,
  noiseBasis,
  present,
  rankSplit,
  rankSplits,
  splitRows,
  topDrivers,
  totalCells,
  unitsFor,
} from './model.js';
import { comparedPeriods, type Versus } from './periods.js';
import { num, type TwoPeriodRows, twoPeriodRows, twoPeriodRowsSets } from './query.js';

/** Pairs are formed among the best single dimensions, this many. */
export const PAIRED_TOP = 5;

export interface ExplainOptions {
  metric: string;
  /** The month to explain, YYYY-MM. */
  month: string;
  vs?: Versus;
  /** Attribution of the GMV factors (default Shapley). */
  method?: FactorMethod;
  weekStart?: 1 | 7;
  /** Also search pairs of dimensions (default true). */
  pairs?: boolean;
  /** Pairs are searched among this many best single dimensions (default 5). */
  pairedTop?: number;
  /**
   * Grouped results shared between explanations of the same month (the report explains GMV, conversion
   * and 客单价: 客单价's composition is GMV's line cube). Keyed by metrics, dimensions and periods; a
   * result with more metrics by the same dimensions also answers.
   */
  memo?: Map<string, Promise<TwoPeriodRows>>;
}

/** GMV factors in yuan; their fen add up to the GMV change in fen exactly. */
export interface Factors {
  method: FactorMethod;
  visitors: number;
  conversion: number;
  atv: number;
}

export interface Explanation {
  metric: string;
  label: { zh: string; en: string };
  format: string;
  /** 'ratio' (numerator ÷ denominator: causes carry rates) or 'additive' (sums and counts). */
  type: 'ratio' | 'additive';
  period: { current: Period; previous: Period; vs: Versus };
  previous: number | null;
  current: number | null;
  /** current − previous (exact on the decomposition's grid). */
  change: number | null;
  /** change ÷ previous. */
  relativeChange: number | null;
  /** GMV only: visitors × conversion × 客单价. */
  factors?: Factors | null;
  /** GMV only: orders × AOV. */
  orderFactors?: { method: FactorMethod; orders: number; aov: number } | null;
  /** The dimension (or pair) that explains the change best; `causes` is its split. */
  dimension: string | null;
  /** Ranked causes along `dimension`; their totals (overlap row included) sum to `change` exactly. */
  causes: Cause[];
  mix: number | null;
  rate: number | null;
  overlap: number | null;
  /** Values across all dimensions and pairs that carry most of the change beyond their weight. */
  drivers: Cause[];
  /** Every dimension and pair searched, best first (causes trimmed to the top 5). */
  search: Array<Omit<DimensionSplit, 'causes'> & { causes: Cause[] }>;
  /** Ratio metrics with a money numerator: how its composition shifted across line dimensions. */
  composition: Array<Omit<DimensionSplit, 'causes'> & { causes: Cause[] }>;
  /** Grouped queries run (each covers both periods when the comparison allows). */
  queries: number;
}

/**
 * Why did a metric move between two months? Decomposes the change exactly (GMV into traffic,
 * conversion and 客单价; any metric into mix and rate per dimension value), searches every dimension
 * and pair of dimensions with one grouped query each, and ranks the values that explain the change.
 */
export async function explain(wh: Warehouse, opts: ExplainOptions): Promise<Explanation> {
  const m = explainedMetric(opts.metric);
  const periods = comparedPeriods(opts.month, opts.vs);
  const weekStart = opts.weekStart ?? 1;
  let queries = 0;
  // Results fetched together by grouping sets (prefetch) wait here for the split that reads them.
  const batch = new Map<string, Promise<TwoPeriodRows>>();
  const keyOf = (metrics: string[], dims: string[]) => JSON.stringify([metrics, dims, periods, weekStart]);
  // An earlier result by the same dimensions with more metrics answers too (its rows carry them all):
  // the report's conversion and 客单价 take their totals from GMV's (gmv, visitors, buyers, orders).
  const covering = (metrics: string[], dims: string[]): Promise<TwoPeriodRows> | undefined => {
    const rest = JSON.stringify([dims, periods, weekStart]);
    for (const [key, rows] of opts.memo ?? []) {
      const [has, ...other] = JSON.parse(key) as [string[], ...unknown[]];
      if (JSON.stringify(other) === rest && metrics.every((x) => has.includes(x))) return rows;
    }
    return undefined;
  };
  const fetch = async (metrics: string[], dims: string[]): Promise<TwoPeriodRows> => {
    const key = keyOf(metrics, dims);
    const hit = opts.memo?.get(key) ?? batch.get(key) ?? covering(metrics, dims);
    if (hit) return hit;
    queries += periods.comparison ? 1 : 2;
    const rows = twoPeriodRows(wh, metrics, dims, periods, weekStart);
    opts.memo?.set(key, rows);
    return rows;
  };
  // Several splits in one grouped query (GROUPING SETS) when the metric layer can; each result equals
  // the split's own query, so fetch() then finds it as if that had run.
  const prefetch = async (metrics: string[], sets: string[][]): Promise<void> => {
    const missing = sets.filter(
      (dims) =>
        !opts.memo?.has(keyOf(metrics, dims)) && !batch.has(keyOf(metrics, dims)) && !covering(metrics, dims),
    );
    if (missing.length < 2) return;
    const all = twoPeriodRowsSets(wh, metrics, missing, periods, weekStart);
    missing.forEach((dims, i) => {
      const rows = all.then((r) => r.splits[i]);
      rows.catch(() => undefined); // the failure surfaces through `await all` below
      batch.set(keyOf(metrics, dims), rows);
      opts.memo?.set(keyOf(metrics, dims), rows);
    });
    queries += (await all).statements;
  };
  const isGmv = opts.metric === 'gmv';
  const totalMetrics = isGmv ? ['gmv', 'visitors', 'buyers', 'orders'] : m.inputs;
  const totals = await fetch(totalMetrics, []);
  const units = unitsFor(m, totals);
  const cells = totalCells(m, totals);
  if (m.inputs.length === 2 && (!cells.previous.den || !cells.current.den)) {
    throw new FupanError(
      'NO_DATA',
      `${opts.metric} is undefined in ${!cells.previous.den ? periods.previous.from.slice(0, 7) : opts.month}: no ${m.inputs[1]}`,
    );
  }

  // Single dimensions first; then pairs of the most promising ones: the PAIRED_TOP best-scoring
  // dimensions with more than one value (a pair rarely explains what neither of its parts hints at).
  // For additive metrics, line dimensions (which scan order_lines) come from one grouped query by all
  // of them, and all pairs from one query by the top dimensions, rolled up (cube.ts).
  const additive = m.inputs.every((i) => METRICS[i].kind === 'sum' || METRICS[i].kind === 'count');
  const splits: DimensionSplit[] = [];
  const varied: string[] = [];
  const singles: DimensionSplit[] = [];
  const add = (dims: string[], rows: TwoPeriodRows): DimensionSplit | null => {
    const exact = splitRows(m, rows, totals, units);
    const split = exact ? rankSplit(dims, exact, units, noiseBasis(m)) : null;
    if (split) splits.push(split);
    return split;
  };
  const candidates = candidateDimensions(wh, m);
  const lineDims = additive ? candidates.filter((d) => LINE_DIMENSIONS.has(d)) : [];
  const lineCube = lineDims.length > 1 ? await fetch(m.inputs, lineDims) : null;
  await prefetch(
    m.inputs,
    candidates.filter((d) => !(lineCube && lineDims.includes(d))).map((d) => [d]),
  );
  for (const d of candidates) {
    const rows =
      lineCube && lineDims.includes(d)
        ? rollUp(lineCube, lineDims, [d], m.inputs)
        : await fetch(m.inputs, [d]);
    const split = add([d], rows);
    if (rows.keys.length > 1) {
      varied.push(d);
      if (split) singles.push(split);
    }
  }
  if (opts.pairs !== false) {
    const top = new Set(
      rankSplits(singles)
        .slice(0, opts.pairedTop ?? PAIRED_TOP)
        .map((s) => s.dimension),
    );
    const pairs = candidatePairs(
      wh,
      m,
      varied.filter((d) => top.has(d)),
    );
    // Pairs of order dimensions roll up from a cube of order dimensions only (order-level amounts, as
    // a direct query gives them); pairs with a line dimension from a cube of all the top dimensions.
    const cubes = new Map<boolean, { dims: string[]; rows: TwoPeriodRows }>();
    const cubeFor = async (withLines: boolean) => {
      let c = cubes.get(withLines);
      if (!c) {
        const dims = [...new Set(pairs.flat())].filter((d) => withLines || !LINE_DIMENSIONS.has(d));
        c = { dims, rows: await fetch(m.inputs, dims) };
        cubes.set(withLines, c);
      }
      return c;
    };
    await prefetch(
      m.inputs,
      pairs.filter((pair) => {
        const withLines = pair.some((d) => LINE_DIMENSIONS.has(d));
        const share = pairs.filter((p) => p.some((d) => LINE_DIMENSIONS.has(d)) === withLines).length > 1;
        return !(additive && share);
      }),
    );
    for (const pair of pairs) {
      const withLines = pair.some((d) => LINE_DIMENSIONS.has(d));
      const share = pairs.filter((p) => p.some((d) => LINE_DIMENSIONS.has(d)) === withLines).length > 1;
      if (additive && share) {
        const c = await cubeFor(withLines);
        add(pair, rollUp(c.rows, c.dims, pair, m.inputs));
      } else add(pair, await fetch(m.inputs, pair));
    }
  }
  const ranked = rankSplits(splits);
  const best = ranked[0];

  // Composition of a money numerator along line dimensions: one grouped query by all of them, rolled
  // up (line amounts are additive), and the numerator's totals once.
  const composition: DimensionSplit[] = [];
  const numerator = explainedMetric(m.inputs[0]);
  const compDims = compositionSplits(wh, m).map((d) => d[0]);
  if (compDims.length > 0) {
    const numTotals = await fetch([numerator.inputs[0]], []);
    const nUnits = unitsFor(numerator, numTotals);
    const cube = await fetch(numerator.inputs, compDims);
    for (const d of compDims) {
      const rows = compDims.length > 1 ? rollUp(cube, compDims, [d], numerator.inputs) : cube;
      const exact = splitRows(numerator, rows, numTotals, nUnits);
      if (exact) composition.push(rankSplit([d], exact, nUnits, noiseBasis(numerator)));
    }
  }

  const prevTicks = Math.round(
    (m.inputs.length === 2 ? cells.previous.num / cells.previous.den! : cells.previous.num) *
      units.grid.ticks,
  );
  const curTicks = Math.round(
    (m.inputs.length === 2 ? cells.current.num / cells.current.den! : cells.current.num) * units.grid.ticks,
  );
  const previous = present(prevTicks, units);
  const current = present(curTicks, units);
  const trim = (s: DimensionSplit) => ({
    ...s,
    causes: s.causes.filter((c) => c.kind === 'value').slice(0, 5),
  });
  const result: Explanation = {
    metric: opts.metric,
    label: m.def.label,
    format: m.def.format,
    type: m.inputs.length === 2 ? 'ratio' : 'additive',
    period: { current: periods.current, previous: periods.previous, vs: periods.vs },
    previous,
    current,
    change: present(curTicks - prevTicks, units),
    relativeChange: prevTicks === 0 ? null : (curTicks - prevTicks) / prevTicks,
    dimension: best?.dimension ?? null,
    causes: best?.causes ?? [],
    mix: best?.mix ?? null,
    rate: best?.rate ?? null,
    overlap: best?.overlap ?? null,
    drivers: topDrivers(ranked, 10),
    search: ranked.map(trim),
    // Price band first: the price mix is what moves 客单价 and AOV (docs/diagnosis.md); the rest by score.
    composition: rankSplits(composition)
      .sort((a, b) => Number(b.dimension === 'price_band') - Number(a.dimension === 'price_band'))
      .map(trim),
    queries,
  };
  if (isGmv) Object.assign(result, gmvParts(totals, opts.method ?? 'shapley'));
  return result;
}

function gmvParts(
  totals: TwoPeriodRows,
  method: FactorMethod,
): Pick<Explanation, 'factors' | 'orderFactors'> {
  const t = (row: Parameters<typeof num>[0]): GmvTotals => ({
    gmvFen: Math.round(num(row, 'gmv') * 100),
    visitors: num(row, 'visitors'),
    buyers: num(row, 'buyers'),
    orders: num(row, 'orders'),
  });
  const prev = t(totals.previous.get('[]'));
  const cur = t(totals.current.get('[]'));
  const f = gmvFactors(prev, cur, method);
  const o = orderFactors(prev, cur, method);
  return {
    factors: f && {
      method: f.method,
      visitors: f.visitorsFen / 100,
      conversion: f.conversionFen / 100,
      atv: f.atvFen / 100,
    },
    orderFactors: o && { method: o.method, orders: o.ordersFen / 100, aov: o.aovFen / 100 },
  };
}
