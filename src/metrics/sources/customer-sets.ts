import {
  agg,
  and,
  type Column,
  caseWhen,
  col,
  countAll,
  countIf,
  type Expr,
  eq,
  gt,
  join,
  lit,
  moneySum,
  ref,
  type Select,
  select,
  star,
  subquery,
  table,
  unionAll,
} from '../sql/ast.js';
import { groupKeys, groupRows, groupRowsFirst, PERIOD_KEY, type SourceRequest } from './source.js';

/** Names of the WITH queries (the source's statement is the only one with sets). */
const ROWS = 'order_rows';
const MIXED = 'repeat_customers';

/**
 * Per-customer measures of order rows grouped by each of the request's sets, without a (set, customer)
 * group per set for most customers. GROUPING SETS ((_p, set…, customer_id) …) builds one hash table of
 * about all the period's customers per set (3.8 M groups for seven splits of 0.6 M orders); instead:
 * 1. a customer with one order in a period (most of them) has, in every set, one value and that
 *    order's measures: their orders are grouped by the sets directly;
 * 2. the orders of customers with several go through the per-set customer grouping;
 * and the two parts' measures (all sums or counts) are added up per group. Exact: each customer is in
 * one part per period. Measured at 10.9 M lines, buyers and GMV by seven order dimensions over two
 * months: 356 -> 248 ms (median of 5) against grouping every customer's combinations of the
 * dimensions first. `measure` gives a measure over rows of one customer (and group).
 */
export function customerSets(rows: Select, req: SourceRequest, measure: (name: string) => Expr): Select {
  const periodKeys = req.periods.length > 1 ? [PERIOD_KEY] : [];
  const customerKeys = [...periodKeys, 'customer_id'];
  const all = select({ columns: [{ expr: star('o'), as: '*' }], from: table(ROWS, 'o') });
  const mixed = select({
    columns: customerKeys.map((k) => ({ expr: ref(k), as: k })),
    from: subquery(groupRows(all, customerKeys, [{ expr: countAll(), as: 'k' }]), 'k'),
    where: gt(ref('k'), lit(1)),
  });
  const ordersOf = (type: 'SEMI' | 'ANTI', extra: Column[] = []): Select =>
    select({
      columns: [{ expr: star('o'), as: '*' }, ...extra],
      from: join(
        type,
        table(ROWS, 'o'),
        table(MIXED, 'm'),
        and(...customerKeys.map((k) => eq(col('m', k), col('o', k))))!,
      ),
    });

  const measures = req.measures.map((m) => ({ expr: measure(m), as: m }));
  // one order: the customer's sums are the order's own
  const oneOrder = ordersOf('ANTI', [
    { expr: lit(1), as: 'n' },
    { expr: caseWhen([[gt(ref('refund'), lit(0)), lit(1)]], lit(0)), as: 'nref' },
  ]);
  const single = groupRowsFirst(oneOrder, req, [], measures, 'x');
  const perCustomer = groupRowsFirst(ordersOf('SEMI'), req, ['customer_id'], customerSums(), 'x');
  const several = groupRows(perCustomer, groupKeys(req), measures, 'y');

  const keys = groupKeys(req);
  return select({
    with: [
      { name: ROWS, query: rows },
      { name: MIXED, query: mixed },
    ],
    columns: [
      ...keys.map((k) => ({ expr: ref(k), as: k })),
      ...req.measures.map((m) => ({
        expr: measure(m).kind === 'moneySum' ? moneySum(ref(m)) : agg('sum', ref(m)),
        as: m,
      })),
    ],
    from: unionAll([single, several], 'u'),
    groupBy: keys.map(ref),
  });
}

/** A customer's sums over its order rows, named as the customer level of the paid source names them. */
function customerSums(): Column[] {
  return [
    { expr: agg('sum', ref('amount')), as: 'amount' },
    { expr: agg('sum', ref('refund')), as: 'refund' },
    { expr: countAll(), as: 'n' },
    { expr: countIf(gt(ref('refund'), lit(0))), as: 'nref' },
    { expr: agg('max', ref('is_new')), as: 'is_new' },
  ];
}
