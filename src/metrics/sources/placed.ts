import {
  and,
  bin,
  caseWhen,
  coalesce,
  col,
  countAll,
  type Expr,
  eq,
  type From,
  isNull,
  join,
  lit,
  minus,
  moneySum,
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
  hasSchema,
  isGrain,
  periodScope,
  type Source,
  type SourceRequest,
  TIER_ON_ORDERS,
  textDim,
} from './source.js';

/** All placed orders (paid or not, cancelled included), dated by orders.placed_date. */
const DIMS = ['store', 'channel', 'device', 'province', 'city', 'member_tier'];

export const placedOrders: Source = {
  name: 'placed orders',
  tables: 'orders (by placed_date)',
  supports: (dim) => isGrain(dim) || DIMS.includes(dim),
  build,
};

function build(req: SourceRequest): Select {
  const o = (name: string) => col('o', name);
  const used = new Set([...req.dims, ...req.filters.map((f) => f.dimension)]);
  const scope = periodScope('orders', 'o', 'placed_date', req.periods);
  let from: From = scope.from;
  // orders carry their buyer's tier (orders.member_tier); older files join customers for it
  const tierJoin = used.has('member_tier') && !hasSchema(req, TIER_ON_ORDERS);
  if (tierJoin) {
    from = join('LEFT', from, table('customers', 'c'), eq(col('c', 'customer_id'), o('customer_id')));
  }
  const dimExpr = (dim: string): Expr => {
    if (isGrain(dim)) return dateDim(dim, o('placed_date'), req.weekStart);
    if (dim === 'store') return textDim('o', 'store_id');
    if (dim === 'member_tier') return textDim(tierJoin ? 'c' : 'o', 'member_tier');
    return textDim('o', dim);
  };
  // Order value: what the buyer pays; an unpaid order exported with paid_total 0 is valued at
  // item_total − discount_total + shipping_fee.
  const value = caseWhen(
    [
      [
        bin('AND', isNull(o('paid_at')), eq(o('paid_total'), lit(0))),
        bin(
          '+',
          minus(o('item_total'), coalesce(o('discount_total'), lit(0))),
          coalesce(o('shipping_fee'), lit(0)),
        ),
      ],
    ],
    o('paid_total'),
  );
  const rows = select({
    columns: [
      ...scope.keyColumns,
      ...req.dims.map((d) => ({ expr: dimExpr(d), as: d })),
      { expr: value, as: 'amount' },
    ],
    from,
    where: and(scope.where, filterCondition(req.filters, dimExpr, req.weekStart)),
  });
  return groupRows(
    rows,
    groupKeys(req),
    req.measures.map((m) => {
      if (m === 'placed_amount') return { expr: moneySum(ref('amount')), as: m };
      if (m === 'placed_orders') return { expr: countAll(), as: m };
      throw new Error(`placed source has no measure ${m}`);
    }),
  );
}
