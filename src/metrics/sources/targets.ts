import { FupanError } from '../../errors.js';
import { monthSpan } from '../period.js';
import { DIMENSIONS } from '../registry/dimensions.js';
import {
  agg,
  and,
  caseWhen,
  cast,
  col,
  concat,
  type Expr,
  eq,
  gte,
  inList,
  lit,
  lte,
  or,
  param,
  ref,
  type Select,
  select,
  table,
} from '../sql/ast.js';
import {
  dateDim,
  filterCondition,
  groupKeys,
  groupRows,
  isGrain,
  PERIOD_KEY,
  type Source,
  type SourceRequest,
} from './source.js';

/**
 * Monthly targets. A measure `${m}_target` is Σ targets.target of metric m over the months the period
 * overlaps (the mean for ratio metrics). Rows with an empty dimension are store-level; when the query
 * groups or filters by one non-date dimension, the rows for that dimension are used.
 */
export function targetsSource(ratioMetrics: ReadonlySet<string>): Source {
  return {
    name: 'targets',
    tables: 'targets',
    supports: (dim) =>
      dim === 'month' ||
      dim === 'quarter' ||
      dim === 'year' ||
      (!isGrain(dim) && Object.hasOwn(DIMENSIONS, dim)),
    build: (req) => build(req, ratioMetrics),
  };
}

/** The one non-date dimension targets are split by in this query ('' for store-level rows). */
export function targetDimension(req: Pick<SourceRequest, 'dims' | 'filters'>): string {
  const dims = [...new Set([...req.dims, ...req.filters.map((f) => f.dimension)])].filter((d) => !isGrain(d));
  if (dims.length > 1) {
    throw new FupanError(
      'QUERY_INVALID',
      `targets are set per month for the whole store or for one dimension; they cannot be split by ${dims.join(' and ')}`,
    );
  }
  return dims[0] ?? '';
}

function build(req: SourceRequest, ratioMetrics: ReadonlySet<string>): Select {
  const g = (name: string) => col('g', name);
  const dimension = targetDimension(req);
  const monthStart = cast(concat(g('period'), lit('-01')), 'DATE');
  const dimExpr = (dim: string): Expr => {
    if (isGrain(dim)) return dateDim(dim, monthStart, req.weekStart);
    return g('dimension_value');
  };
  // Months of each period; statements with several periods only have non-overlapping month spans.
  const ranges = req.periods.map((p) => {
    const { first, last } = monthSpan(p);
    return and(gte(g('period'), param(first)), lte(g('period'), param(last)))!;
  });
  const metrics = req.measures.map((m) => m.slice(0, -'_target'.length));
  const rows = select({
    columns: [
      ...(ranges.length > 1 ? [{ expr: caseWhen(ranges.map((r, i) => [r, lit(i)])), as: PERIOD_KEY }] : []),
      ...req.dims.map((d) => ({ expr: dimExpr(d), as: d })),
      { expr: g('metric'), as: 'metric' },
      { expr: g('target'), as: 'target' },
    ],
    from: table('targets', 'g'),
    where: and(
      or(ranges[0], ...ranges.slice(1)),
      eq(g('dimension'), param(dimension)),
      inList(
        g('metric'),
        metrics.map((m) => param(m)),
      ),
      filterCondition(req.filters, dimExpr, req.weekStart),
    ),
  });
  return groupRows(
    rows,
    groupKeys(req),
    metrics.map((m) => ({
      expr: agg(
        ratioMetrics.has(m) ? 'avg' : 'sum',
        caseWhen([[eq(ref('metric'), param(m)), ref('target')]]),
      ),
      as: `${m}_target`,
    })),
  );
}
