import { SCHEMA_VERSION } from '../warehouse/migrations.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { type ComparisonRows, mergeComparisons, sortRows } from './compare.js';
import { compileSpec, groupingSetsPlan } from './compile.js';
import { comparisonPeriod, monthSpan } from './period.js';
import { metricDef } from './registry/resolve.js';
import { GROUPING_KEY, PERIOD_KEY } from './sources/source.js';
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

type PlanWarehouse = Pick<Warehouse, 'dialect'> & { schemaVersion?: number };

function plan(
  wh: PlanWarehouse,
  spec: CheckedSpec,
  opts: QueryOptions,
  sets?: readonly (readonly string[])[],
): QueryPlan {
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
      ...compileSpec(spec, ps, wh.dialect, {
        weekStart,
        sortAndLimit: pushDown && !sets,
        ...(sets ? { sets } : {}),
        ...(wh.schemaVersion !== undefined && wh.schemaVersion < SCHEMA_VERSION
          ? { schemaVersion: wh.schemaVersion }
          : {}),
      }),
      periods: ps,
    })),
    comparisons,
  };
}

/** The statements a spec compiles to, without running them (for `fupan query --sql`). */
export function planQuery(wh: PlanWarehouse, spec: QuerySpec, opts: QueryOptions = {}): QueryPlan {
  return plan(wh, checkSpec(spec), opts);
}

/**
 * Runs a metric query: `{metrics, dimensions, filters, period, compare, sort, limit}` → rows keyed by
 * dimension and metric names. Money is exact to the cent; ratios are fractions; comparisons add
 * `${m}_${c}_base` and `${m}_${c}` (relative change). Throws QUERY_INVALID for a bad spec.
 */
export async function query(wh: Warehouse, spec: QuerySpec, opts: QueryOptions = {}): Promise<QueryResult> {
  const checked = checkSpec(spec);
  const p = plan(wh, checked, opts);
  const results: MetricRow[][] = [];
  for (const s of p.statements) results.push((await wh.query(s.sql, s.params)) as MetricRow[]);
  return finish(checked, p, results, opts);
}

/**
 * `query()` of the spec grouped by each of `sets` (lists of dimensions; the spec has none), in one
 * statement per period group with GROUP BY GROUPING SETS when the metrics allow it
 * (`groupingSetsPlan`), else one query per set. Each result equals `query()` of the spec by that set.
 */
export async function querySets(
  wh: Warehouse,
  spec: QuerySpec,
  sets: readonly (readonly string[])[],
  opts: QueryOptions = {},
): Promise<QueryResult[]> {
  if ((spec.dimensions ?? []).length > 0) throw new Error('querySets: the sets give the dimensions');
  const specs = sets.map((set) => checkSpec({ ...spec, dimensions: [...set] }));
  const keys = specs.map((c) => JSON.stringify([...c.dimensions].sort()));
  const union = [...new Set(sets.flat())];
  const checked = checkSpec({ ...spec, dimensions: union });
  // Rows come back ordered by period, set, then the union's dimensions: a set's own order when its
  // dimensions follow the union's. With comparisons every set's rows are merged, sorted and limited
  // in JavaScript (finish), as query() does; without, sort and limit stay with the one-query path.
  const compared = checked.compare.length > 0;
  const inUnionOrder =
    compared ||
    sets.every((set) => set.every((d, i) => i === 0 || union.indexOf(set[i - 1]) < union.indexOf(d)));
  if (
    sets.length < 2 ||
    new Set(keys).size < sets.length ||
    !inUnionOrder ||
    (!compared && (checked.sort.length > 0 || checked.limit !== undefined)) ||
    !groupingSetsPlan(
      checked,
      specs.map((c) => c.dimensions),
    )
  ) {
    const out: QueryResult[] = [];
    for (const set of sets) out.push(await query(wh, { ...spec, dimensions: [...set] }, opts));
    return out;
  }
  const p = plan(
    wh,
    checked,
    opts,
    specs.map((c) => c.dimensions),
  );
  // grouping_id over the union: bit (n − 1 − i) set when union[i] is not in the set.
  const setOf = new Map(
    specs.map((c, i) => [
      union.reduce((id, d, j) => (c.dimensions.includes(d) ? id : id + 2 ** (union.length - 1 - j)), 0),
      i,
    ]),
  );
  const results = specs.map((): MetricRow[][] => []);
  for (const s of p.statements) {
    const bySet = specs.map((): MetricRow[] => []);
    for (const row of (await wh.query(s.sql, s.params)) as MetricRow[]) {
      const i = setOf.get(Number(row[GROUPING_KEY]));
      if (i === undefined) throw new Error(`querySets: unexpected grouping ${String(row[GROUPING_KEY])}`);
      delete row[GROUPING_KEY];
      for (const d of union) if (!specs[i].dimensions.includes(d)) delete row[d];
      bySet[i].push(row);
    }
    for (const [i, rows] of bySet.entries()) results[i].push(rows);
  }
  return specs.map((c, i) =>
    finish(c, { statements: p.statements, comparisons: p.comparisons }, results[i], opts),
  );
}

/** Rows of a plan's statements (in statement order) → the query's result. */
function finish(checked: CheckedSpec, p: QueryPlan, results: MetricRow[][], opts: QueryOptions): QueryResult {
  const { statements, comparisons } = p;
  // Rows of every period, split by the period index of multi-period statements.
  const byPeriod = new Map<string, MetricRow[]>();
  statements.forEach((s, k) => {
    const rows = roundMoney(checked, results[k]);
    for (const p of s.periods) byPeriod.set(`${p.from}/${p.to}`, []);
    for (const row of rows) {
      const index = s.periods.length > 1 ? Number(row[PERIOD_KEY]) : 0;
      if (s.periods.length > 1) delete row[PERIOD_KEY];
      const p = s.periods[index];
      byPeriod.get(`${p.from}/${p.to}`)!.push(row);
    }
  });
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
