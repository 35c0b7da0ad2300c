import { query } from '../../metrics/index.js';
import type { MetricRow } from '../../metrics/types.js';
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
  const out: TwoPeriodRows = { keys: [], previous: new Map(), current: new Map() };
  const add = (target: Map<string, MetricRow>, row: MetricRow) => {
    const values = keyOf(dimensions, row);
    const k = JSON.stringify(values);
    if (!out.previous.has(k) && !out.current.has(k)) out.keys.push(values);
    target.set(k, row);
  };
  const spec = { metrics: [...metrics], dimensions: [...dimensions] };
  const c = periods.comparison;
  if (c) {
    const { rows } = await query(wh, { ...spec, period: periods.current, compare: [c] }, { weekStart });
    for (const row of rows) {
      add(out.current, row);
      add(
        out.previous,
        Object.fromEntries([
          ...dimensions.map((d) => [d, row[d]]),
          ...metrics.map((m) => [m, row[`${m}_${c}_base`] ?? 0]),
        ]),
      );
    }
  } else {
    for (const [target, period] of [
      [out.previous, periods.previous],
      [out.current, periods.current],
    ] as const) {
      const { rows } = await query(wh, { ...spec, period }, { weekStart });
      for (const row of rows) add(target, row);
    }
  }
  return out;
}

/** A numeric field of a row (0 when missing or empty). */
export const num = (row: MetricRow | undefined, field: string): number => {
  const v = row?.[field];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};
