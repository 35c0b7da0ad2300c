import {
  agg,
  and,
  type Column,
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
const COMBOS = 'customer_combos';
const MIXED = 'mixed_customers';

/**
 * Per-customer measures of order rows grouped by each of the request's sets, without a (set, customer)
 * group per set for most customers. GROUPING SETS ((_p, set…, customer_id) …) builds one hash table of
 * about all the period's customers per set (3.8 M groups for seven splits of 0.6 M orders); instead:
 * 1. one row per period, customer and combination of all the request's dimensions (`combos`), with
 *    the customer measures of its orders;
 * 2. a customer with one combination in a period (most of them) has, in every set, one value and
 *    that row's measures: their rows are grouped by the sets directly;
 * 3. the others' combinations go through the per-set customer grouping as before;
 * and the two parts' measures (all sums or counts) are added up per group. Exact: each order is in
 * one combination. `measure` gives a measure over rows of one customer (and group).
 */
export function customerSets(rows: Select, req: SourceRequest, measure: (name: string) => Expr): Select {
  const periodKeys = req.periods.length > 1 ? [PERIOD_KEY] : [];
  const customerKeys = [...periodKeys, 'customer_id'];
  const combos = groupRows(rows, [...customerKeys, ...req.dims], customerSums('count'), 'x');
  const counts = groupRows(
    select({ columns: [{ expr: star('c'), as: '*' }], from: table(COMBOS, 'c') }),
    customerKeys,
    [{ expr: countAll(), as: 'k' }],
  );
  const mixed = select({
    columns: customerKeys.map((k) => ({ expr: ref(k), as: k })),
    from: subquery(counts, 'k'),
    where: gt(ref('k'), lit(1)),
  });
  const combosOf = (type: 'SEMI' | 'ANTI'): Select =>
    select({
      columns: [{ expr: star('c'), as: '*' }],
      from: join(
        type,
        table(COMBOS, 'c'),
        table(MIXED, 'm'),
        and(...customerKeys.map((k) => eq(col('m', k), col('c', k))))!,
      ),
    });

  const measures = req.measures.map((m) => ({ expr: measure(m), as: m }));
  const single = groupRowsFirst(combosOf('ANTI'), req, [], measures, 'x');
  const perCustomer = groupRowsFirst(combosOf('SEMI'), req, ['customer_id'], customerSums('sum'), 'x');
  const several = groupRows(perCustomer, groupKeys(req), measures, 'y');

  const keys = groupKeys(req);
  return select({
    with: [
      { name: COMBOS, query: combos },
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

/**
 * A customer's sums over order rows (`count`: counting them) or over rows that already hold such sums
 * (`sum`), named as the customer level of the paid source names them.
 */
function customerSums(over: 'count' | 'sum'): Column[] {
  const sum = (name: string) => agg('sum', ref(name));
  return [
    { expr: sum('amount'), as: 'amount' },
    { expr: sum('refund'), as: 'refund' },
    { expr: over === 'count' ? countAll() : sum('n'), as: 'n' },
    { expr: over === 'count' ? countIf(gt(ref('refund'), lit(0))) : sum('nref'), as: 'nref' },
    { expr: agg('max', ref('is_new')), as: 'is_new' },
  ];
}
