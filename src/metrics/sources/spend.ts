import { agg, and, col, type Expr, moneySum, ref, type Select, select } from '../sql/ast.js';
import {
  dateDim,
  filterCondition,
  groupRowsFirst,
  isGrain,
  periodScope,
  type Source,
  type SourceRequest,
  textDim,
} from './source.js';

/** marketing_spend: spend, impressions and clicks per day and channel. */
export const spend: Source = {
  name: 'marketing spend',
  tables: 'marketing_spend',
  supports: (dim) => isGrain(dim) || dim === 'channel',
  groupingSets: true,
  build,
};

const MEASURES = ['spend', 'impressions', 'clicks'];

function build(req: SourceRequest): Select {
  const s = (name: string) => col('s', name);
  const dimExpr = (dim: string): Expr =>
    isGrain(dim) ? dateDim(dim, s('date'), req.weekStart) : textDim('s', 'channel');
  const scope = periodScope('marketing_spend', 's', 'date', req.periods);
  const rows = select({
    columns: [
      ...scope.keyColumns,
      ...req.dims.map((d) => ({ expr: dimExpr(d), as: d })),
      ...MEASURES.map((m) => ({ expr: s(m), as: m })),
    ],
    from: scope.from,
    where: and(scope.where, filterCondition(req.filters, dimExpr, req.weekStart)),
  });
  return groupRowsFirst(
    rows,
    req,
    [],
    req.measures.map((m) => {
      if (m === 'spend') return { expr: moneySum(ref(m)), as: m };
      if (m === 'impressions' || m === 'clicks') return { expr: agg('sum', ref(m)), as: m };
      throw new Error(`spend source has no measure ${m}`);
    }),
  );
}
