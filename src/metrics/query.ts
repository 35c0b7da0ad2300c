import type { Warehouse } from '../warehouse/warehouse.js';
import { type ComparisonRows, mergeComparisons, sortRows } from './compare.js';
import { compileSpec } from './compile.js';
import { comparisonPeriod, monthSpan } from './period.js';
import { metricDef } from './registry/resolve.js';
import { PERIOD_KEY } from './sources/source.js';
import { type CheckedSpec, checkSpec, outputFields } from './spec.js';
import type { CompiledSql } from './sql/print.js';
import type { Comparison, MetricRow, Period, QueryResult, QuerySpec } from './types.js';

export interface QueryOptions {
  /** 1 = weeks start on Monday (default), 7 = on Sunday (config `weekStart`). */
  weekStart?: 1 | 7;
}

/** One statement `query()` runs, and the periods it covers (rows carry `_p` when there are several). */
export interface PlannedStatement extends CompiledSql {
  periods: Period[];
}

export interface QueryPlan {
  statements: PlannedStatement[];
  comparisons: Array<{ comparison: Comparison; period: Period }>;
}

const samePeriod = (a: Period, b: Period) => a.from === b.from && a.to === b.to;

/** Periods whose month spans overlap cannot share one statement (targets are monthly). */
function overlaps(a: Period, b: Period): boolean {
  const x = monthSpan(a);
  const y = monthSpan(b);
  return x.first <= y.last && y.first <= x.last;
}

function plan(wh: Pick<Warehouse, 'dialect'>, spec: CheckedSpec, opts: QueryOptions): QueryPlan {
  const weekStart = opts.weekStart ?? 1;
  const comparisons = spec.compare.map((comparison) => ({
    comparison,
    period: comparisonPeriod(spec.period, comparison),
  }));
  const periods: Period[] = [spec.period];
  for (const c of comparisons) if (!periods.some((p) => samePeriod(p, c.period))) periods.push(c.period);
  const shareable = periods.every((p, i) => periods.every((q, j) => i === j || !overlaps(p, q)));
  const groups = shareable ? [periods] : periods.map((p) => [p]);
  const pushDown = comparisons.length === 0;
  return {
    statements: groups.map((ps) => ({
      ...compileSpec(spec, ps, wh.dialect, { weekStart, sortAndLimit: pushDown }),
      periods: ps,
    })),
    comparisons,
  };
}

/** The statements a spec compiles to, without running them (for `fupan query --sql`). */
export function planQuery(
  wh: Pick<Warehouse, 'dialect'>,
  spec: QuerySpec,
  opts: QueryOptions = {},
): QueryPlan {
  return plan(wh, checkSpec(spec), opts);
}

/**
 * Runs a metric query: `{metrics, dimensions, filters, period, compare, sort, limit}` → rows keyed by
 * dimension and metric names. Money is exact to the cent; ratios are fractions; comparisons add
 * `${m}_${c}_base` and `${m}_${c}` (relative change). Throws QUERY_INVALID for a bad spec.
 */
export async function query(wh: Warehouse, spec: QuerySpec, opts: QueryOptions = {}): Promise<QueryResult> {
  const checked = checkSpec(spec);
  const { statements, comparisons } = plan(wh, checked, opts);
  // Rows of every period, split by the period index of multi-period statements.
  const byPeriod = new Map<string, MetricRow[]>();
  for (const s of statements) {
    const rows = roundMoney(checked, (await wh.query(s.sql, s.params)) as MetricRow[]);
    for (const p of s.periods) byPeriod.set(`${p.from}/${p.to}`, []);
    for (const row of rows) {
      const index = s.periods.length > 1 ? Number(row[PERIOD_KEY]) : 0;
      if (s.periods.length > 1) delete row[PERIOD_KEY];
      const p = s.periods[index];
      byPeriod.get(`${p.from}/${p.to}`)!.push(row);
    }
  }
  const rowsOf = (p: Period) => byPeriod.get(`${p.from}/${p.to}`) ?? [];
  let rows = rowsOf(checked.period);
  if (comparisons.length > 0) {
    const bases: ComparisonRows[] = comparisons.map((c) => ({ ...c, rows: rowsOf(c.period) }));
    rows = sortRows(mergeComparisons(checked, rows, bases, opts.weekStart ?? 1), checked);
    if (checked.limit !== undefined) rows = rows.slice(0, checked.limit);
    const fields = outputFields(checked);
    rows = rows.map((row) => Object.fromEntries(fields.map((f) => [f, row[f] ?? null])));
  }
  return {
    rows,
    sql: statements.map((s) => s.sql),
    params: statements.map((s) => s.params),
    period: checked.period,
    comparisons,
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
