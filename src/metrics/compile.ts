import { FupanError } from '../errors.js';
import type { Dialect } from '../warehouse/dialect.js';
import { LINE_DIMENSIONS } from './registry/dimensions.js';
import { METRIC_IMPLS, type MetricImpl } from './registry/metrics.js';
import { resolveMetric } from './registry/resolve.js';
import { paidLines, paidOrders } from './sources/paid.js';
import { placedOrders } from './sources/placed.js';
import { groupKeys, isGrain, type Source } from './sources/source.js';
import { spend } from './sources/spend.js';
import { targetsSource } from './sources/targets.js';
import { traffic } from './sources/traffic.js';
import type { CheckedSpec } from './spec.js';
import {
  and,
  bin,
  type Column,
  coalesce,
  col,
  dateLabel,
  type Expr,
  eq,
  type From,
  join,
  lit,
  type OrderItem,
  ref,
  type Select,
  safeDivide,
  select,
  subquery,
} from './sql/ast.js';
import { type CompiledSql, printSql } from './sql/print.js';
import type { Period } from './types.js';

export interface CompileOptions {
  weekStart?: 1 | 7;
  /** Put the spec's sort and limit into the SQL (off when rows are merged with comparisons first). */
  sortAndLimit?: boolean;
  /**
   * Grouping sets of the spec's dimensions (their union, in order): one statement for all of them,
   * rows tagged with `_g` (see `SourceRequest.sets`). The metrics must come from one source that
   * builds grouping sets (`groupingSetsPlan` says whether they do).
   */
  sets?: readonly (readonly string[])[];
  /** See `SourceRequest.schemaVersion`. */
  schemaVersion?: number;
}

const RATIO_METRICS: ReadonlySet<string> = new Set(
  Object.values(METRIC_IMPLS)
    .filter((m) => m.kind === 'ratio')
    .map((m) => m.name),
);
const TARGETS = targetsSource(RATIO_METRICS);

interface SourceUse {
  source: Source;
  measures: string[];
  /** The requested metric that first needed this source (for error messages). */
  neededBy: string;
}

/**
 * Plans which fact sources a spec needs and which base measures each computes. Paid metrics move to
 * order-line level when a line dimension (category, brand, sku, …) is grouped or filtered.
 */
function plan(spec: CheckedSpec): SourceUse[] {
  const used = [...spec.dimensions, ...spec.filters.map((f) => f.dimension)];
  const lineMode = used.some((d) => LINE_DIMENSIONS.has(d));
  const uses = new Map<Source, SourceUse>();
  const add = (source: Source, measure: string, neededBy: string) => {
    let use = uses.get(source);
    if (!use) {
      use = { source, measures: [], neededBy };
      uses.set(source, use);
    }
    if (!use.measures.includes(measure)) use.measures.push(measure);
  };
  const familySource = (m: MetricImpl): Source => {
    switch (m.family) {
      case 'paid':
        return lineMode || m.linesOnly ? paidLines : paidOrders;
      case 'placed':
        return placedOrders;
      case 'traffic':
        return traffic;
      case 'spend':
        return spend;
      default:
        throw new Error(`metric ${m.name} has no family`);
    }
  };
  const need = (name: string, neededBy: string): void => {
    const r = resolveMetric(name);
    if (r.kind === 'target') {
      add(TARGETS, name, neededBy);
    } else if (r.kind === 'target_completion') {
      need(r.of.name, neededBy);
      add(TARGETS, `${r.of.name}_target`, neededBy);
    } else if (r.def.ratio) {
      need(r.def.ratio.num, neededBy);
      need(r.def.ratio.den, neededBy);
    } else {
      add(familySource(r.def), name, neededBy);
    }
  };
  for (const m of spec.metrics) need(m, m);
  for (const use of uses.values()) {
    for (const d of spec.dimensions) {
      if (!use.source.supports(d)) {
        throw new FupanError(
          'QUERY_INVALID',
          `metric "${use.neededBy}" (from ${use.source.tables}) cannot be grouped by dimension "${d}"`,
        );
      }
    }
    for (const f of spec.filters) {
      if (!use.source.supports(f.dimension)) {
        throw new FupanError(
          'QUERY_INVALID',
          `metric "${use.neededBy}" (from ${use.source.tables}) cannot be filtered by dimension "${f.dimension}"`,
        );
      }
    }
  }
  return [...uses.values()];
}

/** The value of a requested metric over the joined per-source aggregates. */
function valueExpr(name: string): Expr {
  const r = resolveMetric(name);
  if (r.kind === 'target') return ref(name);
  if (r.kind === 'target_completion') return safeDivide(valueExpr(r.of.name), ref(`${r.of.name}_target`));
  const m = r.def;
  if (m.ratio) return safeDivide(valueExpr(m.ratio.num), valueExpr(m.ratio.den));
  // Additive metrics: a dimension combination missing from a source has nothing there.
  return coalesce(ref(name), lit(0));
}

/**
 * Builds the syntax tree of a checked spec over one or more periods. With several periods (the query
 * period and its comparisons, which must not overlap) every fact table is scanned once for all of them
 * and rows carry the period's index in `_p`.
 */
export function buildQuery(spec: CheckedSpec, periods: readonly Period[], opts: CompileOptions = {}): Select {
  const weekStart = opts.weekStart ?? 1;
  const uses = plan(spec);
  const dims = spec.dimensions;
  const sets = opts.sets;
  if (sets && !uses.every((u) => u.source.groupingSets)) {
    throw new Error(`grouping sets need sources that build them (${spec.metrics.join(', ')})`);
  }
  const keys = groupKeys({ dims, periods, sets });
  const parts = uses.map((use, i) => ({
    alias: `s${i}`,
    query: use.source.build({
      dims,
      filters: spec.filters,
      periods,
      weekStart,
      measures: use.measures,
      ...(sets ? { sets } : {}),
      ...(opts.schemaVersion !== undefined ? { schemaVersion: opts.schemaVersion } : {}),
    }),
  }));

  // Full outer join of the per-source aggregates on the grouping keys (sources turn missing text into
  // ''; with grouping sets the dimensions a set leaves out are NULL on both sides, hence IS NOT
  // DISTINCT FROM for them), then ratios over the joined sums.
  let from: From = subquery(parts[0].query, parts[0].alias);
  const keyOf = (d: string, upTo: number): Expr =>
    upTo === 1 ? col('s0', d) : coalesce(...parts.slice(0, upTo).map((p) => col(p.alias, d)));
  for (let i = 1; i < parts.length; i++) {
    const right = subquery(parts[i].query, parts[i].alias);
    from =
      keys.length === 0
        ? join('CROSS', from, right)
        : join(
            'FULL',
            from,
            right,
            and(
              ...keys.map((d) =>
                sets && dims.includes(d)
                  ? bin('IS NOT DISTINCT FROM', keyOf(d, i), col(parts[i].alias, d))
                  : eq(keyOf(d, i), col(parts[i].alias, d)),
              ),
            )!,
          );
  }
  const columns: Column[] = [
    ...keys.map((d) => ({ expr: keyOf(d, parts.length), as: d })),
    ...spec.metrics.map((m) => ({ expr: valueExpr(m), as: m })),
  ];
  const joined = select({ columns, from });

  const orderBy: OrderItem[] = [];
  if (opts.sortAndLimit) {
    for (const s of spec.sort) orderBy.push({ expr: ref(s.field), desc: s.desc });
  }
  for (const k of keys) {
    if (!orderBy.some((o) => o.expr.kind === 'col' && o.expr.name === k))
      orderBy.push({ expr: ref(k), desc: false });
  }
  // Date grains were grouped as the DATE a bucket starts on; the label is printed here.
  const output = (name: string): Expr => (isGrain(name) ? dateLabel(name, ref(name), weekStart) : ref(name));
  return select({
    columns: [...keys, ...spec.metrics].map((name) => ({ expr: output(name), as: name })),
    from: subquery(joined, 'q'),
    ...(orderBy.length > 0 ? { orderBy } : {}),
    ...(opts.sortAndLimit && spec.limit !== undefined ? { limit: spec.limit } : {}),
  });
}

/**
 * Whether one statement can group the spec by each of `sets` with the same sources and the same rows
 * as a query per set: the metrics come from sources that build grouping sets, and every set uses the
 * same sources as the union of the sets does (paid metrics at the same level: order lines, or orders).
 */
export function groupingSetsPlan(spec: CheckedSpec, sets: readonly (readonly string[])[]): boolean {
  const uses = plan(spec);
  if (!uses.every((u) => u.source.groupingSets)) return false;
  return sets.every((set) => {
    const alone = plan({ ...spec, dimensions: [...set] });
    return alone.length === uses.length && alone.every((u, i) => u.source === uses[i].source);
  });
}

/** Compiles a checked spec over its periods to SQL text and bound values. */
export function compileSpec(
  spec: CheckedSpec,
  periods: readonly Period[],
  dialect: Dialect,
  opts: CompileOptions = {},
): CompiledSql {
  return printSql(buildQuery(spec, periods, opts), dialect);
}
