import type { Warehouse } from '../warehouse/warehouse.js';
import { type ComparisonRows, mergeComparisons, sortRows } from './compare.js';
import { compileSpec } from './compile.js';
import { comparisonPeriod } from './period.js';
import { metricDef } from './registry/resolve.js';
import { type CheckedSpec, checkSpec, outputFields } from './spec.js';
import type { CompiledSql } from './sql/print.js';
import type { MetricRow, Period, QueryResult, QuerySpec } from './types.js';

export interface QueryOptions {
  /** 1 = weeks start on Monday (default), 7 = on Sunday (config `weekStart`). */
  weekStart?: 1 | 7;
}

/** One statement `query()` runs: for the query period or one comparison period. */
export interface PlannedStatement extends CompiledSql {
  period: Period;
  comparison?: 'mom' | 'yoy';
}

/** The statements a spec compiles to, without running them (for `fupan query --sql`). */
export function planQuery(
  wh: Pick<Warehouse, 'dialect'>,
  spec: QuerySpec,
  opts: QueryOptions = {},
): PlannedStatement[] {
  const checked = checkSpec(spec);
  return statements(wh, checked, opts);
}

function statements(
  wh: Pick<Warehouse, 'dialect'>,
  spec: CheckedSpec,
  opts: QueryOptions,
): PlannedStatement[] {
  const weekStart = opts.weekStart ?? 1;
  const pushDown = spec.compare.length === 0;
  const out: PlannedStatement[] = [
    {
      ...compileSpec(spec, spec.period, wh.dialect, { weekStart, sortAndLimit: pushDown }),
      period: spec.period,
    },
  ];
  for (const comparison of spec.compare) {
    const period = comparisonPeriod(spec.period, comparison);
    out.push({ ...compileSpec(spec, period, wh.dialect, { weekStart }), period, comparison });
  }
  return out;
}

/**
 * Runs a metric query: `{metrics, dimensions, filters, period, compare, sort, limit}` → rows keyed by
 * dimension and metric names. Money is exact to the cent; ratios are fractions; comparisons add
 * `${m}_${c}_base` and `${m}_${c}` (relative change). Throws QUERY_INVALID for a bad spec.
 */
export async function query(wh: Warehouse, spec: QuerySpec, opts: QueryOptions = {}): Promise<QueryResult> {
  const checked = checkSpec(spec);
  const weekStart = opts.weekStart ?? 1;
  const planned = statements(wh, checked, opts);
  const results: MetricRow[][] = [];
  for (const s of planned)
    results.push(roundMoney(checked, (await wh.query(s.sql, s.params)) as MetricRow[]));
  let rows = results[0];
  if (checked.compare.length > 0) {
    const bases: ComparisonRows[] = planned.slice(1).map((s, i) => ({
      comparison: s.comparison!,
      period: s.period,
      rows: results[i + 1],
    }));
    rows = sortRows(mergeComparisons(checked, rows, bases, weekStart), checked);
    if (checked.limit !== undefined) rows = rows.slice(0, checked.limit);
    const fields = outputFields(checked);
    rows = rows.map((row) => Object.fromEntries(fields.map((f) => [f, row[f] ?? null])));
  }
  return {
    rows,
    sql: planned.map((s) => s.sql),
    params: planned.map((s) => s.params),
    period: checked.period,
    comparisons: planned.slice(1).map((s) => ({ comparison: s.comparison!, period: s.period })),
  };
}

/** Money values to whole cents (sums already are; ratios like 客单价 get rounded here). */
function roundMoney(spec: CheckedSpec, rows: MetricRow[]): MetricRow[] {
  const money = spec.metrics.filter((m) => metricDef(m).format === 'money');
  if (money.length === 0) return rows;
  for (const row of rows) {
    for (const m of money) {
      const v = row[m];
      if (typeof v === 'number') row[m] = Math.round(v * 100) / 100;
    }
  }
  return rows;
}
