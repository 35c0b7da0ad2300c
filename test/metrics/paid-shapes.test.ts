import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/metrics/compile.js';
import { monthPeriod, planQuery, previousPeriod } from '../../src/metrics/index.js';
import { checkSpec } from '../../src/metrics/spec.js';
import type { Filter, Period } from '../../src/metrics/types.js';
import { refreshDerived } from '../../src/warehouse/derived.js';
import { SCHEMA_VERSION } from '../../src/warehouse/migrations.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { generateAndLoad } from '../demo/load-shop.js';
import { tempDir } from '../helpers/tmp.js';

// The paid source's statement shapes (lines summed per SKU before products are joined; order-level
// tables joined before the lines) against straightforward SQL, on a seeded demo shop of 13 months
// in which some customers lose their member tier or their customers row, over three periods in one
// statement (rows tagged `_p`) as the report's comparisons run them.
const OCT = monthPeriod('2026-10');
const PERIODS: Period[] = [OCT, previousPeriod(OCT), monthPeriod('2025-10')];
let wh: Warehouse;

beforeAll(async () => {
  ({ wh } = await generateAndLoad(tempDir('fupan-shapes-'), {
    endMonth: '2026-10',
    months: 13,
    scale: 0.1,
    seed: 7,
    threads: 1,
  }));
  await wh.exec(`UPDATE customers SET member_tier = NULL WHERE customer_id LIKE '%3'`);
  await wh.exec(`DELETE FROM customers WHERE customer_id LIKE '%7'`);
  // what an import of customers does to orders.member_tier (refreshDerived syncs all of them)
  await refreshDerived(wh);
  await wh.exec(`DELETE FROM customers WHERE customer_id LIKE '%7'`);
}, 60_000);
afterAll(() => wh?.close());

/** The metric layer's rows for several periods in one statement. */
async function compiled(metrics: string[], dimensions: string[], filters: Filter[] = []) {
  const spec = checkSpec({ metrics, dimensions, filters, period: OCT });
  const { sql, params } = compileSpec(spec, PERIODS, wh.dialect);
  return wh.query(sql, params);
}

/** Paid order lines of the periods with every dimension spelled out (no code shared with the compiler). */
const PAID_LINES = `
  periods(_p, lo, hi) AS (VALUES ${PERIODS.map((p, i) => `(${i}, DATE '${p.from}', DATE '${p.to}')`).join(', ')}),
  firsts AS (SELECT customer_id, min(paid_date) AS first_paid FROM orders WHERE paid_at IS NOT NULL GROUP BY 1),
  paid_lines AS (
    SELECT p._p, o.order_id, o.customer_id, coalesce(o.channel, '') AS channel, coalesce(o.device, '') AS device,
      coalesce(pr.category, '') AS category, coalesce(pr.brand, '') AS brand, coalesce(l.sku, '') AS sku,
      CASE WHEN l.unit_price < 100 THEN 'under_100' WHEN l.unit_price < 300 THEN '100_to_300' ELSE '300_plus' END AS price_band,
      CASE WHEN f.first_paid >= p.lo THEN 'new' ELSE 'returning' END AS customer_type,
      coalesce(c.member_tier, '') AS member_tier,
      coalesce(l.paid_amount, l.quantity * l.unit_price - coalesce(l.discount, 0)) AS amount,
      coalesce(l.refunded_amount, 0) AS refund, l.quantity
    FROM orders o JOIN periods p ON o.paid_date BETWEEN p.lo AND p.hi
    JOIN order_lines l ON l.order_id = o.order_id
    LEFT JOIN products pr ON pr.sku = l.sku
    LEFT JOIN customers c ON c.customer_id = o.customer_id
    JOIN firsts f ON f.customer_id = o.customer_id
    WHERE o.paid_at IS NOT NULL)`;

const LINE_SUMS = `CAST(sum(amount) AS DECIMAL(18,2)) AS gmv, CAST(sum(refund) AS DECIMAL(18,2)) AS refunds,
  sum(quantity) AS units,
  coalesce(CAST(sum(CASE WHEN customer_type = 'new' THEN amount END) AS DECIMAL(18,2)), 0) AS new_buyer_gmv`;

describe('paid order lines summed into groups', () => {
  it('the shop has what the shapes must handle', async () => {
    const [row] = await wh.query(
      `WITH ${PAID_LINES}
       SELECT count(DISTINCT CASE WHEN member_tier = '' THEN customer_id END) AS no_tier,
              count(DISTINCT _p) AS periods, count(DISTINCT category) AS categories FROM paid_lines`,
    );
    expect(row.no_tier).toBeGreaterThan(10);
    expect(row.periods).toBe(3);
    expect(row.categories).toBeGreaterThan(3);
  });

  it('by product dimensions × price band × customer type × member tier', async () => {
    const dims = ['category', 'brand', 'price_band', 'customer_type', 'member_tier'];
    const expected = await wh.query(
      `WITH ${PAID_LINES}
       SELECT _p, ${dims.join(', ')}, ${LINE_SUMS} FROM paid_lines GROUP BY ALL ORDER BY ALL`,
    );
    const got = await compiled(['gmv', 'refunds', 'units', 'new_buyer_gmv'], dims);
    expect(got.length).toBeGreaterThan(100);
    expect(got).toEqual(expected);
  });

  // Buyers by a product dimension count a customer once per value; repeat buyers have two orders or
  // more with that value (from the lines' order ids when no order count is asked for).
  it('buyers, repeat buyers and returning customers by category and customer type, with and without orders', async () => {
    const perCustomer = `WITH ${PAID_LINES}, pc AS (
        SELECT _p, category, customer_type, customer_id, count(DISTINCT order_id) AS n FROM paid_lines GROUP BY ALL)
      SELECT _p, category, customer_type, count(*) AS buyers, count(CASE WHEN n >= 2 THEN 1 END) AS repeat_buyers,
        count(CASE WHEN customer_type = 'returning' OR n >= 2 THEN 1 END) AS returning_customers`;
    const metrics = ['buyers', 'repeat_buyers', 'returning_customers'];
    const dims = ['category', 'customer_type'];
    const expected = await wh.query(`${perCustomer} FROM pc GROUP BY ALL ORDER BY ALL`);
    const got = await compiled(metrics, dims);
    expect(got.length).toBeGreaterThan(20);
    expect(got.some((r) => Number(r.repeat_buyers) > 0)).toBe(true);
    expect(got).toEqual(expected);
    const withOrders = await wh.query(`${perCustomer}, sum(n) AS orders FROM pc GROUP BY ALL ORDER BY ALL`);
    expect(await compiled([...metrics, 'orders'], dims)).toEqual(withOrders);
  });

  it('filtered by a product dimension and an order dimension, by brand and SKU', async () => {
    const [{ category }] = await wh.query(
      `SELECT category FROM products GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const expected = await wh.query(
      `WITH ${PAID_LINES}
       SELECT _p, brand, sku, ${LINE_SUMS} FROM paid_lines
       WHERE category = $1 AND channel <> $2 GROUP BY ALL ORDER BY ALL`,
      [String(category), '直播'],
    );
    const got = await compiled(
      ['gmv', 'refunds', 'units', 'new_buyer_gmv'],
      ['brand', 'sku'],
      [
        { dimension: 'category', op: 'eq', values: [String(category)] },
        { dimension: 'channel', op: 'neq', values: ['直播'] },
      ],
    );
    expect(got.length).toBeGreaterThan(20);
    expect(got).toEqual(expected);
  });
});

/** Paid orders of the periods, one row each, every dimension spelled out. */
const PAID_ORDERS = `
  periods(_p, lo, hi) AS (VALUES ${PERIODS.map((p, i) => `(${i}, DATE '${p.from}', DATE '${p.to}')`).join(', ')}),
  firsts AS (SELECT customer_id, min(paid_date) AS first_paid FROM orders WHERE paid_at IS NOT NULL GROUP BY 1),
  paid AS (
    SELECT p._p, o.order_id, o.customer_id, coalesce(o.channel, '') AS channel, coalesce(o.device, '') AS device,
      coalesce(o.province, '') AS province,
      CASE WHEN f.first_paid >= p.lo THEN 'new' ELSE 'returning' END AS customer_type,
      coalesce(c.member_tier, '') AS member_tier, o.paid_total, coalesce(o.refund_total, 0) AS refund
    FROM orders o JOIN periods p ON o.paid_date BETWEEN p.lo AND p.hi
    LEFT JOIN customers c ON c.customer_id = o.customer_id
    JOIN firsts f ON f.customer_id = o.customer_id
    WHERE o.paid_at IS NOT NULL)`;

const CUSTOMER_METRICS = [
  'buyers',
  'new_buyers',
  'returning_buyers',
  'repeat_buyers',
  'returning_customers',
  'orders',
  'refund_orders',
  'gmv',
  'refunds',
  'net_sales',
  'new_buyer_gmv',
  'returning_buyer_gmv',
];

/** The metrics by one set, per customer first (count(DISTINCT) would not give repeat buyers). */
function bySet(set: string[]): string {
  const keys = ['_p', ...set].join(', ');
  const money = (e: string) => `coalesce(CAST(sum(${e}) AS DECIMAL(18,2)), 0)`;
  return `WITH ${PAID_ORDERS},
    per_customer AS (
      SELECT ${keys}, customer_id, count(*) AS n, count(CASE WHEN refund > 0 THEN 1 END) AS nref,
        sum(paid_total) AS amount, sum(refund) AS refund, max(customer_type) = 'new' AS is_new
      FROM paid GROUP BY ALL)
    SELECT ${keys}, count(*) AS buyers, count(CASE WHEN is_new THEN 1 END) AS new_buyers,
      count(CASE WHEN NOT is_new THEN 1 END) AS returning_buyers,
      count(CASE WHEN n >= 2 THEN 1 END) AS repeat_buyers,
      count(CASE WHEN NOT is_new OR n >= 2 THEN 1 END) AS returning_customers,
      sum(n) AS orders, sum(nref) AS refund_orders, ${money('amount')} AS gmv, ${money('refund')} AS refunds,
      ${money('amount - refund')} AS net_sales, ${money('CASE WHEN is_new THEN amount END')} AS new_buyer_gmv,
      ${money('CASE WHEN NOT is_new THEN amount END')} AS returning_buyer_gmv
    FROM per_customer GROUP BY ALL ORDER BY ALL`;
}

describe('paid orders per customer by several sets in one statement', () => {
  const union = ['channel', 'device', 'province', 'customer_type', 'member_tier'];
  const sets = [
    ['channel'],
    ['device'],
    ['province'],
    ['member_tier'],
    ['channel', 'device'],
    ['channel', 'customer_type'],
    ['customer_type', 'member_tier'],
  ];

  it('the shop has customers with several channels and devices in a period', async () => {
    const [row] = await wh.query(
      `WITH ${PAID_ORDERS}, c AS (
         SELECT _p, customer_id, count(DISTINCT channel) AS channels, count(DISTINCT device) AS devices
         FROM paid GROUP BY ALL)
       SELECT count(CASE WHEN channels > 1 THEN 1 END) AS channels,
              count(CASE WHEN devices > 1 THEN 1 END) AS devices,
              count(CASE WHEN channels = 1 AND devices = 1 THEN 1 END) AS single FROM c`,
    );
    expect(row.channels).toBeGreaterThan(20);
    expect(row.devices).toBeGreaterThan(20);
    expect(row.single).toBeGreaterThan(Number(row.channels));
  });

  it('every set equals its own straightforward query, in all three periods', async () => {
    const spec = checkSpec({ metrics: CUSTOMER_METRICS, dimensions: union, period: OCT });
    const { sql, params } = compileSpec(spec, PERIODS, wh.dialect, { sets });
    expect(sql).toContain('ANTI JOIN');
    const rows = await wh.query(sql, params);
    for (const set of sets) {
      const g = union.reduce((id, d, j) => (set.includes(d) ? id : id + 2 ** (union.length - 1 - j)), 0);
      const got = rows
        .filter((r) => r._g === g)
        .map(({ _g, ...r }) =>
          Object.fromEntries(Object.entries(r).filter(([k]) => !union.includes(k) || set.includes(k))),
        );
      const expected = await wh.query(bySet(set));
      expect(got.length, set.join(' × ')).toBeGreaterThan(5);
      expect(got, set.join(' × ')).toEqual(expected);
    }
  });
});

// orders carry the buyer's tier (schema version 3); a file from before it, opened read-only, joins
// customers instead, and opened writable it is migrated: the rows are the same on all three.
describe('customer measures of whole months from customer_months', () => {
  const CUSTOMER = [
    'gmv',
    'orders',
    'buyers',
    'new_buyers',
    'returning_buyers',
    'new_buyer_gmv',
    'returning_buyer_gmv',
    'repeat_buyers',
    'returning_customers',
  ];
  const QUARTER: Period = { from: '2026-08-01', to: '2026-10-31' };
  /** The rows and whether the statement read customer_months, from it or (schema 1) from orders. */
  const run = async (
    metrics: string[],
    dimensions: string[],
    periods: readonly Period[],
    o: { filters?: Filter[]; orders?: boolean } = {},
  ) => {
    const spec = checkSpec({ metrics, dimensions, filters: o.filters ?? [], period: periods[0] });
    const { sql, params } = compileSpec(spec, periods, wh.dialect, o.orders ? { schemaVersion: 1 } : {});
    return { rows: await wh.query(sql, params), months: sql.includes('"customer_months"') };
  };

  it('gives the rows of the orders, months alone and by month and customer type', async () => {
    const shapes: Array<[string[], readonly Period[]]> = [
      [[], PERIODS],
      [['customer_type'], PERIODS],
      [['month'], [QUARTER, monthPeriod('2025-10')]],
      [['month', 'customer_type'], [QUARTER]],
    ];
    for (const [dims, periods] of shapes) {
      const months = await run(CUSTOMER, dims, periods);
      const orders = await run(CUSTOMER, dims, periods, { orders: true });
      expect([months.months, orders.months], dims.join(' × ')).toEqual([true, false]);
      expect(months.rows.length).toBeGreaterThan(0);
      expect(months.rows, dims.join(' × ')).toEqual(orders.rows);
    }
  });

  it('equals plain SQL over orders: new and returning buyers and GMV per month', async () => {
    const { rows } = await run(
      ['new_buyers', 'returning_buyers', 'new_buyer_gmv', 'repeat_buyers'],
      ['month'],
      [QUARTER],
    );
    const expected = await wh.query(
      `WITH firsts AS (SELECT customer_id, min(paid_date) AS first_paid FROM orders WHERE paid_at IS NOT NULL GROUP BY 1),
       per AS (
         SELECT strftime(o.paid_date, '%Y-%m') AS month, o.customer_id, sum(o.paid_total) AS gmv, count(*) AS n,
           max(CASE WHEN strftime(f.first_paid, '%Y-%m') = strftime(o.paid_date, '%Y-%m') THEN 1 ELSE 0 END) AS is_new
         FROM orders o JOIN firsts f USING (customer_id)
         WHERE o.paid_at IS NOT NULL AND o.paid_date BETWEEN DATE '2026-08-01' AND DATE '2026-10-31' GROUP BY 1, 2)
       SELECT month, count(*) FILTER (WHERE is_new = 1) AS new_buyers, count(*) FILTER (WHERE is_new = 0) AS returning_buyers,
         coalesce(CAST(sum(gmv) FILTER (WHERE is_new = 1) AS DECIMAL(18,2)), 0) AS new_buyer_gmv,
         count(*) FILTER (WHERE n >= 2) AS repeat_buyers
       FROM per GROUP BY 1 ORDER BY 1`,
    );
    expect(expected.length).toBe(3);
    expect(rows).toEqual(expected);
  });

  it('leaves other requests to the orders', async () => {
    const cases: Array<[string[], string[], readonly Period[], Filter[]]> = [
      [['buyers'], [], [{ from: '2026-10-05', to: '2026-10-31' }], []], // not whole months
      [['buyers'], [], [QUARTER], []], // a quarter's buyers are not the months' sum
      [['buyers'], [], PERIODS, [{ dimension: 'channel', op: 'eq', values: ['直播'] }]],
      [['buyers', 'refunds'], [], PERIODS, []], // refunds are not in customer_months
      [['buyers'], ['channel'], PERIODS, []],
    ];
    for (const [metrics, dims, periods, filters] of cases) {
      expect((await run(metrics, dims, periods, { filters })).months, metrics.join(',')).toBe(false);
    }
  });
});

describe('member tier from orders.member_tier, from customers, and after the migration', () => {
  const metrics = ['gmv', 'orders', 'buyers', 'repeat_buyers', 'new_buyers'];
  const shapes: Array<{ dims: string[]; filters?: Filter[] }> = [
    { dims: ['member_tier'] },
    { dims: ['member_tier', 'category'] },
    { dims: ['channel'], filters: [{ dimension: 'member_tier', op: 'in', values: ['金卡会员', ''] }] },
  ];
  const rowsOf = async (w: Warehouse, tierFromCustomers: boolean) => {
    const out = [];
    for (const { dims, filters = [] } of shapes) {
      const spec = checkSpec({ metrics, dimensions: dims, filters, period: OCT });
      const { sql, params } = compileSpec(
        spec,
        PERIODS,
        w.dialect,
        tierFromCustomers ? { schemaVersion: 2 } : {},
      );
      expect(sql.includes('"customers"'), dims.join(' × ')).toBe(tierFromCustomers);
      out.push(await w.query(sql, params));
    }
    return out;
  };

  it('gives the same rows', async () => {
    const fromOrders = await rowsOf(wh, false);
    expect(fromOrders[0].length).toBeGreaterThan(10); // three periods × the tiers and ''
    expect(await rowsOf(wh, true)).toEqual(fromOrders);
    // the file as an older fupan left it: schema version 2, no orders.member_tier
    await wh.exec("UPDATE _fupan_meta SET value = '2' WHERE key = 'schema_version'");
    await wh.exec('ALTER TABLE orders DROP COLUMN member_tier');
    const path = wh.path;
    wh.close();
    const old = await Warehouse.open(path, { readOnly: true, timeZone: 'Asia/Shanghai' });
    try {
      expect(old.schemaVersion).toBe(2);
      const [plan] = planQuery(old, { metrics, dimensions: ['member_tier'], period: OCT }).statements;
      expect(plan.sql).toContain('"customers"');
      expect(await rowsOf(old, true)).toEqual(fromOrders);
    } finally {
      old.close();
    }
    wh = await Warehouse.open(path, { timeZone: 'Asia/Shanghai' });
    expect(wh.schemaVersion).toBe(SCHEMA_VERSION);
    expect(await rowsOf(wh, false)).toEqual(fromOrders);
  });
});
