import { agg, and, col, type Expr, ref, type Select, select } from '../sql/ast.js';
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

/** traffic_daily: visitors and funnel steps per day, channel, device and store. */
const MEASURES = ['visitors', 'sessions', 'product_views', 'add_to_carts', 'checkouts'];
const DIMS: Record<string, string> = { channel: 'channel', device: 'device', store: 'store_id' };

export const traffic: Source = {
  name: 'traffic',
  tables: 'traffic_daily',
  supports: (dim) => isGrain(dim) || Object.hasOwn(DIMS, dim),
  groupingSets: true,
  build,
};

function build(req: SourceRequest): Select {
  const t = (name: string) => col('t', name);
  const dimExpr = (dim: string): Expr =>
    isGrain(dim) ? dateDim(dim, t('date'), req.weekStart) : textDim('t', DIMS[dim]);
  const scope = periodScope('traffic_daily', 't', 'date', req.periods);
  const rows = select({
    columns: [
      ...scope.keyColumns,
      ...req.dims.map((d) => ({ expr: dimExpr(d), as: d })),
      ...req.measures.map((m) => ({ expr: t(m), as: m })),
    ],
    from: scope.from,
    where: and(scope.where, filterCondition(req.filters, dimExpr, req.weekStart)),
  });
  return groupRowsFirst(
    rows,
    req,
    [],
    req.measures.map((m) => {
      if (!MEASURES.includes(m)) throw new Error(`traffic source has no measure ${m}`);
      return { expr: agg('sum', ref(m)), as: m };
    }),
  );
}
