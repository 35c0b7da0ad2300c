import { wholeMonths } from '../period.js';
import { LINE_DIMENSIONS } from '../registry/dimensions.js';
import {
  agg,
  and,
  bin,
  type Column,
  caseWhen,
  coalesce,
  col,
  countAll,
  countIf,
  dateParam,
  dateTrunc,
  type Expr,
  eq,
  type From,
  gt,
  gte,
  join,
  lit,
  lte,
  minus,
  moneySum,
  or,
  ref,
  type Select,
  scalar,
  select,
  star,
  subquery,
  table,
  times,
  unionAll,
} from '../sql/ast.js';
import type { Period } from '../types.js';
import { customerSets } from './customer-sets.js';
import {
  CUSTOMER_MONTHS,
  dateDim,
  filterCondition,
  finestGrain,
  groupKeys,
  groupRows,
  groupRowsFirst,
  hasSchema,
  isGrain,
  ORDER_ON_LINES,
  PERIOD_KEY,
  periodScope,
  type Source,
  type SourceRequest,
  TIER_ON_ORDERS,
  textDim,
} from './source.js';

/**
 * Paid orders (orders.paid_at set), dated by orders.paid_date. Built in levels so that distinct
 * counts never need count(DISTINCT): rows (orders, or order lines) → one row per order and group
 * (line level only) → one row per customer and group → one row per group.
 */
const ORDER_DIMS = ['store', 'channel', 'device', 'province', 'city', 'customer_type', 'member_tier'];
const CUSTOMER_MEASURES = new Set([
  'buyers',
  'new_buyers',
  'returning_buyers',
  'repeat_buyers',
  'returning_customers',
]);
const ORDER_MEASURES = new Set(['orders', 'refund_orders']);
const NEEDS_FACTS = new Set([
  'new_buyers',
  'returning_buyers',
  'new_buyer_gmv',
  'returning_buyer_gmv',
  'returning_customers',
]);

type Level = 'line' | 'order' | 'customer';

export const paidOrders: Source = paidSource(false);
export const paidLines: Source = paidSource(true);

function paidSource(lines: boolean): Source {
  return {
    name: lines ? 'paid order lines' : 'paid orders',
    tables: lines ? 'order_lines ⋈ orders ⋈ products' : 'orders',
    supports: (dim) => isGrain(dim) || ORDER_DIMS.includes(dim) || (lines && LINE_DIMENSIONS.has(dim)),
    groupingSets: true,
    build: (req) => build(req, lines),
  };
}

function build(req: SourceRequest, lines: boolean): Select {
  if (!lines && fromCustomerMonths(req)) return customerMonthsBuild(req);
  const used = new Set([...req.dims, ...req.filters.map((f) => f.dimension)]);
  const needFacts = used.has('customer_type') || req.measures.some((m) => NEEDS_FACTS.has(m));
  const needProducts = PRODUCT_DIMS.some((d) => used.has(d));
  const needCustomers = req.measures.some((m) => CUSTOMER_MEASURES.has(m));
  // orders carry their buyer's tier (orders.member_tier); older files join customers for it
  const tierJoin = used.has('member_tier') && !hasSchema(req, TIER_ON_ORDERS);
  const needOrders = needCustomers || req.measures.some((m) => ORDER_MEASURES.has(m));
  // Lines carry their order's paid date and customer (order_lines.order_paid_date, order_customer_id):
  // without order dimensions they are read alone, their periods' rows only, with no join to orders.
  const alone =
    lines && hasSchema(req, ORDER_ON_LINES) && !ORDER_DIMS.some((d) => d !== 'customer_type' && used.has(d));
  // Otherwise lines summed straight into groups read only their periods' order-id ranges (lineScope;
  // line columns as `l_<column>`). Lines rolled up to orders and customers keep one join over all
  // periods: measured at 10.9 M lines, per-period joins made those roll-ups slower (-30 % CPU for gmv
  // by sku over two months, +27 % for buyers by category over three).
  const pruned = lines && !needOrders && !alone;
  const l = (name: string) => (pruned ? col('o', `l_${name}`) : col('l', name));
  // The order's columns: the lines' own copies when they are read alone.
  const o = (name: string) => (alone ? col('l', ORDER_COPIES[name] ?? name) : col('o', name));

  // Order-level tables (first paid dates; customers, for an older file's tiers) join the orders
  // before their lines: after the order-id range subqueries DuckDB estimates the lines at 0 rows and
  // builds a later join's hash table on them (1.2 M lines instead of 0.2 M customers). Their columns
  // reach the rows as `o.f_first_paid_date` and `o.c_member_tier` there.
  const orderJoins = (orders: From): From => {
    let f = orders;
    if (needFacts) {
      f = join(
        'LEFT',
        f,
        subquery(firstPaid(req.periods), 'cf'),
        eq(col('cf', 'customer_id'), o('customer_id')),
      );
    }
    if (tierJoin) {
      f = join('LEFT', f, table('customers', 'c'), eq(col('c', 'customer_id'), o('customer_id')));
    }
    return f;
  };
  const carried: Column[] = [
    ...(needFacts ? [{ expr: col('cf', 'first_paid_date'), as: 'f_first_paid_date' }] : []),
    ...(tierJoin ? [{ expr: col('c', 'member_tier'), as: 'c_member_tier' }] : []),
  ];
  const scope = alone
    ? periodScope('order_lines', 'l', 'order_paid_date', req.periods)
    : pruned
      ? lineScope(req.periods, orderJoins(table('orders', 'o')), carried)
      : periodScope('orders', 'o', 'paid_date', req.periods);
  let from: From = pruned ? scope.from : orderJoins(scope.from);
  if (lines && !pruned && !alone)
    from = join('INNER', from, table('order_lines', 'l'), eq(l('order_id'), o('order_id')));
  // Lines summed straight into groups meet products only once summed per SKU (see productsAfter).
  const productsLater = lines && !needOrders && needProducts;
  if (needProducts && !productsLater) {
    from = join('LEFT', from, table('products', 'p'), eq(col('p', 'sku'), l('sku')));
  }

  // New in the row's period: first paid order ever on or after the period start and, grouped by a
  // date grain, inside the row's bucket (first_paid_date <= paid_date always holds).
  const grain = finestGrain(req.dims);
  const first = pruned ? o('f_first_paid_date') : col('cf', 'first_paid_date');
  const isNew = and(
    gte(first, scope.start),
    grain ? gte(first, dateTrunc(grain, o('paid_date'), req.weekStart)) : undefined,
  )!;

  const dimExpr = (dim: string): Expr => {
    if (isGrain(dim)) return dateDim(dim, o('paid_date'), req.weekStart);
    switch (dim) {
      case 'store':
        return textDim('o', 'store_id');
      case 'customer_type':
        return caseWhen([[isNew, lit('new')]], lit('returning'));
      case 'member_tier':
        if (!tierJoin) return textDim('o', 'member_tier');
        return pruned ? textDim('o', 'c_member_tier') : textDim('c', 'member_tier');
      case 'sku':
        return pruned ? textDim('o', 'l_sku') : textDim('l', 'sku');
      case 'price_band':
        return priceBand(l('unit_price'));
      case 'category':
      case 'subcategory':
      case 'brand':
        return textDim('p', dim);
      default:
        return textDim('o', dim);
    }
  };

  const amount = lines
    ? coalesce(
        l('paid_amount'),
        minus(times(l('quantity'), l('unit_price')), coalesce(l('discount'), lit(0))),
      )
    : o('paid_total');
  const refund = coalesce(lines ? l('refunded_amount') : o('refund_total'), lit(0));
  const isProductDim = (d: string) => productsLater && PRODUCT_DIMS.includes(d);
  const rowColumns: Column[] = [
    ...scope.keyColumns,
    ...req.dims.filter((d) => !isProductDim(d)).map((d) => ({ expr: dimExpr(d), as: d })),
    ...(productsLater ? [{ expr: l('sku'), as: SKU_KEY }] : []),
    { expr: o('order_id'), as: 'order_id' },
    { expr: o('customer_id'), as: 'customer_id' },
    { expr: amount, as: 'amount' },
    { expr: refund, as: 'refund' },
    { expr: needFacts ? caseWhen([[isNew, lit(1)]], lit(0)) : lit(0), as: 'is_new' },
  ];
  if (lines) rowColumns.push({ expr: l('quantity'), as: 'units' });

  const rows = select({
    columns: rowColumns,
    from,
    where: and(
      scope.where,
      filterCondition(
        req.filters.filter((f) => !isProductDim(f.dimension)),
        dimExpr,
        req.weekStart,
      ),
    ),
  });

  if (req.sets && !lines && needCustomers) return customerSets(rows, req, (m) => measure(m, 'customer'));

  // The first grouping groups by the request's grouping sets (when it has any); later ones by `_g`.
  let rel: Select = productsLater ? productsAfter(rows, req) : rows;
  let level: Level = lines ? 'line' : 'order';
  let firstGrouping = true;
  const perGroup = (from: Select, extra: string[], measures: Column[], alias: string): Select => {
    const grouped = firstGrouping
      ? groupRowsFirst(from, req, extra, measures, alias)
      : groupRows(from, [...groupKeys(req), ...extra], measures, alias);
    firstGrouping = false;
    return grouped;
  };
  // Lines go up to one row per order when orders are counted. Customer measures need only whether a
  // customer has two orders or more (repeat buyers, returning customers): from the lines themselves,
  // min(order_id) < max(order_id), one grouping fewer (buyers by category: 1.07 M order groups).
  const countsOrders = req.measures.some((m) => ORDER_MEASURES.has(m));
  if (lines && needOrders && countsOrders) {
    rel = perGroup(
      rel,
      ['order_id', 'customer_id'],
      [
        { expr: agg('sum', ref('amount')), as: 'amount' },
        { expr: agg('sum', ref('refund')), as: 'refund' },
        { expr: agg('sum', ref('units')), as: 'units' },
        { expr: agg('max', ref('is_new')), as: 'is_new' },
      ],
      'x',
    );
    level = 'order';
  }
  if (needCustomers) {
    rel = perGroup(
      rel,
      ['customer_id'],
      [
        { expr: agg('sum', ref('amount')), as: 'amount' },
        { expr: agg('sum', ref('refund')), as: 'refund' },
        ...(lines ? [{ expr: agg('sum', ref('units')), as: 'units' }] : []),
        ...(level === 'line'
          ? [
              {
                expr: caseWhen(
                  [[bin('<', agg('min', ref('order_id')), agg('max', ref('order_id'))), lit(2)]],
                  lit(1),
                ),
                as: 'n',
              },
            ]
          : [
              { expr: countAll(), as: 'n' },
              { expr: countIf(gt(ref('refund'), lit(0))), as: 'nref' },
            ]),
        { expr: agg('max', ref('is_new')), as: 'is_new' },
      ],
      'x',
    );
    level = 'customer';
  }
  return perGroup(
    rel,
    [],
    req.measures.map((m) => ({ expr: measure(m, level), as: m })),
    'r',
  );
}

/** The measures customer_months holds per customer and month (paid GMV, paid orders, cohort month). */
const CUSTOMER_MONTH_MEASURES = new Set([
  'gmv',
  'orders',
  'buyers',
  'new_buyers',
  'returning_buyers',
  'new_buyer_gmv',
  'returning_buyer_gmv',
  'repeat_buyers',
  'returning_customers',
]);

/**
 * Whether customer_months answers the request: measures it holds, no filters or grouping sets, by
 * month and customer type at most, and periods of whole calendar months — one month each unless
 * grouped by month (a customer in two months of a quarter is one buyer of the quarter, two rows).
 */
function fromCustomerMonths(req: SourceRequest): boolean {
  const byMonth = req.dims.includes('month');
  return (
    hasSchema(req, CUSTOMER_MONTHS) &&
    !req.sets &&
    req.filters.length === 0 &&
    req.dims.every((d) => d === 'month' || d === 'customer_type') &&
    req.measures.every((m) => CUSTOMER_MONTH_MEASURES.has(m)) &&
    req.periods.every((p) => {
      const n = wholeMonths(p);
      return n === 1 || (n > 1 && byMonth);
    })
  );
}

/**
 * Customer measures of whole months from customer_months: its rows are this source's customer level
 * (one per customer and month with paid orders: GMV, paid orders, and new when the cohort month is the
 * month), read for the periods' months with no grouping of orders. The new/returning split by month
 * is the orders' one: first paid in the row's month (the period's start is a month start). Measured
 * at 10.9 M lines, new and returning buyers and GMV of three months: 161 -> 73 ms.
 */
function customerMonthsBuild(req: SourceRequest): Select {
  const cm = (name: string) => col('cm', name);
  const scope = periodScope('customer_months', 'cm', 'month', req.periods);
  const isNew = eq(cm('cohort_month'), cm('month'));
  const dim = (d: string): Expr =>
    d === 'month'
      ? dateDim('month', cm('month'), req.weekStart)
      : caseWhen([[isNew, lit('new')]], lit('returning'));
  const rows = select({
    columns: [
      ...scope.keyColumns,
      ...req.dims.map((d) => ({ expr: dim(d), as: d })),
      { expr: cm('paid_gmv'), as: 'amount' },
      { expr: cm('paid_orders'), as: 'n' },
      { expr: caseWhen([[isNew, lit(1)]], lit(0)), as: 'is_new' },
    ],
    from: scope.from,
    where: scope.where,
  });
  return groupRows(
    rows,
    groupKeys(req),
    req.measures.map((m) => ({ expr: measure(m, 'customer'), as: m })),
  );
}

const PRODUCT_DIMS = ['category', 'subcategory', 'brand'];
/** The order columns order_lines carries, by the order's column name. */
const ORDER_COPIES: Readonly<Record<string, string>> = {
  customer_id: 'order_customer_id',
  paid_date: 'order_paid_date',
};
/** The raw SKU of a line, where products are joined after summing lines per SKU. */
const SKU_KEY = '_sku';

/**
 * Line rows summed per period, SKU, new-buyer flag and the dimensions that are not products', then
 * joined with products (and filtered by product dimensions): the same rows for line-level sums, as a
 * few thousand instead of millions. Joined per line, DuckDB built the hash table on the lines (their
 * count after the order-id range subqueries is estimated at 0), which cost more than the sums.
 */
function productsAfter(rows: Select, req: SourceRequest): Select {
  const periodKeys = req.periods.length > 1 ? [PERIOD_KEY] : [];
  const own = req.dims.filter((d) => !PRODUCT_DIMS.includes(d));
  const summed = groupRows(
    rows,
    [...periodKeys, ...own, SKU_KEY, 'is_new'],
    ['amount', 'refund', 'units'].map((m) => ({ expr: agg('sum', ref(m)), as: m })),
    'e',
  );
  const e = (name: string) => col('e', name);
  const dim = (d: string) => (PRODUCT_DIMS.includes(d) ? textDim('p', d) : e(d));
  return select({
    columns: [
      ...periodKeys.map((k) => ({ expr: e(k), as: k })),
      ...req.dims.map((d) => ({ expr: dim(d), as: d })),
      ...['amount', 'refund', 'units', 'is_new'].map((m) => ({ expr: e(m), as: m })),
    ],
    from: join('LEFT', subquery(summed, 'e'), table('products', 'p'), eq(col('p', 'sku'), e(SKU_KEY))),
    where: filterCondition(
      req.filters.filter((f) => PRODUCT_DIMS.includes(f.dimension)),
      dim,
      req.weekStart,
    ),
  });
}

/**
 * Customers whose first paid order lies within one of the periods: only they can be new in a period
 * (new = first paid on or after its start, and a buyer's first paid date is at most its end). Joining
 * just those keeps the hash table small (everyone else in the periods is returning); with a year-ago
 * comparison one range from the first start to the last end held 1.3 M customers, the periods 0.3 M.
 */
function firstPaid(periods: readonly Period[]): Select {
  const firstDate = col('f', 'first_paid_date');
  const [first, ...rest] = periods.map(
    (p) => and(gte(firstDate, dateParam(p.from)), lte(firstDate, dateParam(p.to)))!,
  );
  return select({
    columns: [
      { expr: col('f', 'customer_id'), as: 'customer_id' },
      { expr: firstDate, as: 'first_paid_date' },
    ],
    from: table('customer_facts', 'f'),
    where: or(first, ...rest),
  });
}

/** The order_lines columns the paid source reads. */
const LINE_COLUMNS = ['sku', 'quantity', 'unit_price', 'discount', 'paid_amount', 'refunded_amount'];

/**
 * Paid orders of the periods (`orders`: alias `o`, maybe joined with order-level tables whose `carried`
 * columns come along) joined with their lines, as one relation `o` (order columns, line columns as
 * `l_<column>`). Per period, the lines are also restricted to the range of order ids that the
 * period's orders span: implied by the join, so no result changes, but it lets the scan of
 * order_lines skip row groups by their min/max order_id (lines load in order-id order) instead of
 * reading the whole history for one month. An OR of ranges skips nothing, so several periods are one
 * branch each (UNION ALL), tagged with the period index `_p` and the period start `_start`.
 */
function lineScope(
  periods: readonly Period[],
  orders: From,
  carried: readonly Column[],
): {
  from: From;
  where?: Expr;
  keyColumns: Column[];
  start: Expr;
} {
  const inPeriod = (alias: string, p: Period) =>
    and(gte(col(alias, 'paid_date'), dateParam(p.from)), lte(col(alias, 'paid_date'), dateParam(p.to)))!;
  const bound = (fn: 'min' | 'max', p: Period) =>
    scalar(
      select({
        columns: [{ expr: agg(fn, col('b', 'order_id')), as: fn }],
        from: table('orders', 'b'),
        where: inPeriod('b', p),
      }),
    );
  const several = periods.length > 1;
  const branches = periods.map((p, i) =>
    select({
      columns: [
        { expr: star('o'), as: '*' },
        ...carried,
        ...LINE_COLUMNS.map((c) => ({ expr: col('l', c), as: `l_${c}` })),
        ...(several
          ? [
              { expr: lit(i), as: PERIOD_KEY },
              { expr: dateParam(p.from), as: '_start' },
            ]
          : []),
      ],
      from: join('INNER', orders, table('order_lines', 'l'), eq(col('l', 'order_id'), col('o', 'order_id'))),
      where: and(
        inPeriod('o', p),
        gte(col('l', 'order_id'), bound('min', p)),
        lte(col('l', 'order_id'), bound('max', p)),
      ),
    }),
  );
  return {
    from: several ? unionAll(branches, 'o') : subquery(branches[0], 'o'),
    keyColumns: several ? [{ expr: col('o', PERIOD_KEY), as: PERIOD_KEY }] : [],
    start: several ? col('o', '_start') : dateParam(periods[0].from),
  };
}

/** Price bands of a unit price in yuan (the dimension `price_band`; bounds in docs/metrics.md). */
export const PRICE_BANDS = [
  { value: 'under_100', below: 100 },
  { value: '100_to_300', below: 300 },
  { value: '300_plus', below: null },
] as const;

function priceBand(unitPrice: Expr): Expr {
  return caseWhen(
    PRICE_BANDS.filter((b) => b.below !== null).map((b) => [bin('<', unitPrice, lit(b.below)), lit(b.value)]),
    lit(PRICE_BANDS[PRICE_BANDS.length - 1].value),
  );
}

function measure(name: string, level: Level): Expr {
  const isNew = eq(ref('is_new'), lit(1));
  const isOld = eq(ref('is_new'), lit(0));
  const perCustomer = level === 'customer';
  switch (name) {
    case 'gmv':
      return moneySum(ref('amount'));
    case 'refunds':
      return moneySum(ref('refund'));
    case 'net_sales':
      return moneySum(minus(ref('amount'), ref('refund')));
    case 'units':
      return agg('sum', ref('units'));
    case 'new_buyer_gmv':
      return moneySum(caseWhen([[isNew, ref('amount')]]));
    case 'returning_buyer_gmv':
      return moneySum(caseWhen([[isOld, ref('amount')]]));
    case 'orders':
      return perCustomer ? agg('sum', ref('n')) : countAll();
    case 'refund_orders':
      return perCustomer ? agg('sum', ref('nref')) : countIf(gt(ref('refund'), lit(0)));
    case 'buyers':
      return countAll();
    case 'new_buyers':
      return countIf(isNew);
    case 'returning_buyers':
      return countIf(isOld);
    case 'repeat_buyers':
      return countIf(gte(ref('n'), lit(2)));
    case 'returning_customers':
      return countIf(bin('OR', isOld, gte(ref('n'), lit(2))));
    default:
      throw new Error(`paid source has no measure ${name}`);
  }
}
