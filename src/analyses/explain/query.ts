import { query, querySets } from '../../metrics/index.js';
import type { Comparison, MetricRow, Period } from '../../metrics/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import type { ComparedPeriods } from './periods.js';

/** Rows of both periods keyed by the dimension values (JSON of the values in dimension order). */
export interface TwoPeriodRows {
  keys: string[][];
  previous: Map<string, MetricRow>;
  current: Map<string, MetricRow>;
}

const keyOf = (dims: readonly string[], row: MetricRow) => dims.map((d) => String(row[d] ?? ''));

/**
 * `metrics` by `dimensions` in both periods. When the previous period is the metric layer's `mom` or
 * `yoy` comparison this is one statement that scans each fact table once for both periods; otherwise
 * two statements. Dimension values present in one period only get zeros in the other.
 */
export async function twoPeriodRows(
  wh: Warehouse,
  metrics: readonly string[],
  dimensions: readonly string[],
  periods: ComparedPeriods,
  weekStart: 1 | 7,
): Promise<TwoPeriodRows> {
  return (await twoPeriodRowsSets(wh, metrics, [dimensions], periods, weekStart)).splits[0];
}

/**
 * `twoPeriodRows` by each of several sets of dimensions, in one statement (or one per period) for all
 * of them when the metric layer can group the metrics by grouping sets (`querySets`), and how many
 * statements ran.
 */
export async function twoPeriodRowsSets(
  wh: Warehouse,
  metrics: readonly string[],
  sets: readonly (readonly string[])[],
  periods: ComparedPeriods,
  weekStart: 1 | 7,
): Promise<{ splits: TwoPeriodRows[]; statements: number }> {
  let statements = 0;
  const run = async (period: Period, compare: Comparison[]): Promise<MetricRow[][]> => {
    const spec = { metrics: [...metrics], period, ...(compare.length ? { compare } : {}) };
    const results =
      sets.length === 1
        ? [await query(wh, { ...spec, dimensions: [...sets[0]] }, { weekStart })]
        : await querySets(wh, spec, sets, { weekStart });
    statements += new Set(results.flatMap((r) => r.sql)).size;
    return results.map((r) => r.rows);
  };
  const c = periods.comparison;
  if (c) {
    const bySet = await run(periods.current, [c]);
    const splits = sets.map((dimensions, i) => {
      const out = emptyRows();
      for (const row of bySet[i]) {
        add(out, dimensions, out.current, row);
        add(
          out,
          dimensions,
          out.previous,
          Object.fromEntries([
            ...dimensions.map((d) => [d, row[d]]),
            ...metrics.map((m) => [m, row[`${m}_${c}_base`] ?? 0]),
          ]),
        );
      }
      return out;
    });
    return { splits, statements };
  }
  const previous = await run(periods.previous, []);
  const current = await run(periods.current, []);
  const splits = sets.map((dimensions, i) => {
    const out = emptyRows();
    for (const row of previous[i]) add(out, dimensions, out.previous, row);
    for (const row of current[i]) add(out, dimensions, out.current, row);
    return out;
  });
  return { splits, statements };
}

const emptyRows = (): TwoPeriodRows => ({ keys: [], previous: new Map(), current: new Map() });

/** Adds a row to one period of `out`, registering its key on first sight (in either period). */
function add(out: TwoPeriodRows, dims: readonly string[], target: Map<string, MetricRow>, row: MetricRow) {
  const values = keyOf(dims, row);
  const k = JSON.stringify(values);
  if (!out.previous.has(k) && !out.current.has(k)) out.keys.push(values);
  target.set(k, row);
}

/** A numeric field of a row (0 when missing or empty). */
export const num = (row: MetricRow | undefined, field: string): number => {
  const v = row?.[field];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};
