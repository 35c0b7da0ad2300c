import type { Dialect } from './dialect.js';
import { isEmpty } from './table-stats.js';
import type { Warehouse } from './warehouse.js';

/**
 * What an import changed in orders, so that only the affected derived rows are recomputed:
 * - `'all'`: the orders table held no rows before (every order is new): customers and customer_facts
 *   are rebuilt from all orders;
 * - `'none'`: no order was written (e.g. a customers file: it can only add customers);
 * - otherwise a table name or parenthesised SELECT with a `customer_id` column: every customer whose
 *   orders were inserted or changed (for a changed order, both its old and its new customer).
 */
export type OrderChange = 'all' | 'none' | string;

/**
 * What an import changed in customers, for orders.member_tier: `'all'` (customers held no rows
 * before), `'none'`, or a table name or parenthesised SELECT with the `customer_id` of every
 * customer inserted or changed.
 */
export type CustomerChange = 'all' | 'none' | string;

/**
 * What an import wrote to orders, for the order columns carried on order_lines: `'all'` (orders held
 * no rows before), `'none'`, or a table name or parenthesised SELECT with the `order_id` of every
 * order inserted or changed.
 */
export type WrittenOrders = 'all' | 'none' | string;

/**
 * UPDATE of order_lines.order_paid_date and order_customer_id to their order's where they differ, for
 * the orders of `written` (see WrittenOrders; all when empty). Lines take them when they are inserted
 * (their orders imported first); this brings them along when orders arrive or change afterwards.
 */
export function syncLineOrdersSql(written: string): string {
  const only = written ? ` AND o.order_id IN (SELECT order_id FROM ${written})` : '';
  return `UPDATE order_lines SET order_paid_date = o.paid_date, order_customer_id = o.customer_id FROM orders o
WHERE o.order_id = order_lines.order_id AND (order_lines.order_paid_date IS DISTINCT FROM o.paid_date
  OR order_lines.order_customer_id IS DISTINCT FROM o.customer_id)${only}`;
}

/**
 * UPDATE of orders.member_tier to customers.member_tier where the two differ, for the customers of
 * `touched` (see CustomerChange; all when empty). Orders take the tier when they are inserted; this
 * brings them along when customers change afterwards.
 */
export function syncMemberTiersSql(touched: string): string {
  const only = touched ? ` AND c.customer_id IN (SELECT customer_id FROM ${touched})` : '';
  return `UPDATE orders SET member_tier = c.member_tier FROM customers c
WHERE c.customer_id = orders.customer_id AND orders.member_tier IS DISTINCT FROM c.member_tier${only}`;
}

/**
 * customer_facts of the customers in `where` (all when empty), aggregated straight from orders and
 * written by the same statement (the caller deleted their previous rows).
 */
async function insertFacts(wh: Warehouse, where: string): Promise<void> {
  await wh.run(
    `INSERT INTO customer_facts
     SELECT customer_id,
            min(paid_at) AS first_paid_at,
            min(paid_date) AS first_paid_date,
            max(paid_date) AS last_paid_date,
            count(*) AS paid_orders,
            arg_min(channel, paid_at) AS first_channel
     FROM orders WHERE paid_at IS NOT NULL ${where ? `AND ${where}` : ''}
     GROUP BY customer_id`,
  );
}

/**
 * INSERT of the customer_months rows of the customers in `where` (all when empty), from orders: one
 * GROUP BY customer × month, then one window per customer (ordered by month) for the running totals,
 * the cohort month and the next month (and its first paid day). Used by refreshDerived and by the migration that adds the table.
 */
export function insertCustomerMonthsSql(d: Dialect, where: string): string {
  return `INSERT INTO customer_months (customer_id, month, cohort_month, paid_orders, paid_gmv, first_paid_date,
  last_paid_date, cum_paid_orders, cum_paid_gmv, next_month, next_paid_date)
SELECT customer_id, month, first_value(month) OVER w, paid_orders, paid_gmv, first_paid_date, last_paid_date,
  CAST(sum(paid_orders) OVER w AS BIGINT), CAST(sum(paid_gmv) OVER w AS DECIMAL(18,2)), lead(month) OVER w, lead(first_paid_date) OVER w
FROM (
  SELECT customer_id, ${d.dateTrunc('month', 'paid_date', 1)} AS month, count(*) AS paid_orders,
    ${d.moneySum('paid_total')} AS paid_gmv, min(paid_date) AS first_paid_date, max(paid_date) AS last_paid_date
  FROM orders WHERE paid_at IS NOT NULL ${where ? `AND ${where}` : ''}
  GROUP BY 1, 2
) m
WINDOW w AS (PARTITION BY customer_id ORDER BY month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
}

/**
 * Whether the database has customer_months (schema version 2 or later). A writable open has migrated;
 * a read-only one never does, so an older file is asked once (on a connection of its own, so that the
 * question stays out of the report's query traces).
 */
export async function hasCustomerMonths(wh: Warehouse): Promise<boolean> {
  if (!wh.readOnly) return true;
  let known = customerMonthsKnown.get(wh);
  if (known === undefined) {
    const conn = await wh.fork();
    try {
      const [row] = await conn.query("SELECT value FROM _fupan_meta WHERE key = 'schema_version'");
      known = Number(row?.value ?? 0) >= 2;
    } finally {
      conn.close();
    }
    customerMonthsKnown.set(wh, known);
  }
  return known;
}
const customerMonthsKnown = new WeakMap<Warehouse, boolean>();

/**
 * Adds the customer ids of table or subquery `from` (rows matching `where`, over alias x) that
 * customers does not have yet; `distinct` unless `from` has each id once.
 */
async function insertMissingCustomers(
  wh: Warehouse,
  from: string,
  where: string,
  distinct = true,
): Promise<void> {
  await wh.run(
    `INSERT INTO customers (customer_id)
     SELECT ${distinct ? 'DISTINCT ' : ''}x.customer_id FROM ${from} x
     WHERE ${where ? `${where} AND ` : ''}NOT EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = x.customer_id)`,
  );
}

/**
 * syncMemberTiersSql for `touched` (all customers when ''); a full pass also clears the tier of orders
 * whose customer has no row (imports never delete customers).
 */
async function syncMemberTiers(wh: Warehouse, touched: string): Promise<void> {
  await wh.run(syncMemberTiersSql(touched));
  if (touched) return;
  await wh.run(
    'UPDATE orders SET member_tier = NULL WHERE member_tier IS NOT NULL AND customer_id NOT IN (SELECT customer_id FROM customers)',
  );
}

/** syncLineOrdersSql for `written` (all orders when ''), skipped while there are no lines. */
async function syncLineOrders(wh: Warehouse, written: string): Promise<void> {
  if (await isEmpty(wh, 'order_lines')) return;
  await wh.run(syncLineOrdersSql(written));
  if (written) return;
  // imports never delete orders; a full pass also clears the columns of lines without an order
  await wh.run(
    `UPDATE order_lines SET order_paid_date = NULL, order_customer_id = NULL
     WHERE (order_paid_date IS NOT NULL OR order_customer_id IS NOT NULL)
       AND order_id NOT IN (SELECT order_id FROM orders)`,
  );
}

/**
 * Keeps derived data consistent with the canonical tables. Ingest calls this inside the import's
 * transaction after loading orders or customers, so derived data never lags a committed import.
 *
 * - orders.placed_date / paid_date: the instants as dates in the store time zone (recomputed for all
 *   rows when the time zone changed since the last refresh);
 * - customers: a row for every customer_id seen in orders (only the id; imported attributes win);
 * - customer_facts: first/last paid date, lifetime paid orders and first channel per customer;
 * - customer_months: paid orders and GMV per customer × month, with running totals (insertCustomerMonthsSql);
 * - orders.member_tier: the customer's tier, for the customers `customers` names (syncMemberTiersSql);
 * - order_lines.order_paid_date / order_customer_id: the order's, for the orders `orders` names
 *   (syncLineOrdersSql).
 *
 * Without `change` everything is checked (rows with missing local dates are filled, customers and
 * customer_facts and customer_months rebuilt from all orders). With `change` (ingest, which computes the local dates while
 * inserting) only the customers it names are recomputed; a changed time zone still recomputes all.
 */
export async function refreshDerived(
  wh: Warehouse,
  change?: OrderChange,
  customers: CustomerChange = 'none',
  orders: WrittenOrders = 'none',
): Promise<void> {
  const d = wh.dialect;
  const tz = wh.timeZone;
  const [meta] = await wh.query("SELECT value FROM _fupan_meta WHERE key = 'derived_time_zone'");
  const all = !meta || meta.value !== tz;
  if (!all && change === 'none' && customers === 'none' && orders === 'none') return;
  await wh.transaction(async () => {
    // orders.member_tier: written orders took it while inserting; changed customers pass it on (an
    // UPDATE of committed rows: updating the rows this transaction appended would be slow)
    if (all || change === undefined || customers === 'all') await syncMemberTiers(wh, '');
    else if (customers !== 'none') await syncMemberTiers(wh, customers);
    if (all || change === undefined) {
      await wh.run(
        `UPDATE orders SET placed_date = ${d.localDate('placed_at', tz)},
           paid_date = ${d.localDate('paid_at', tz)}
         ${all ? '' : 'WHERE placed_date IS NULL OR (paid_at IS NOT NULL AND paid_date IS NULL)'}`,
      );
      await wh.run("INSERT OR REPLACE INTO _fupan_meta VALUES ('derived_time_zone', $1)", [tz]);
    }
    // order_lines carry their order's paid date and customer: lines written now took them while
    // inserting (from orders as they stood); lines of the orders written now follow their order
    if (all || change === undefined || orders === 'all') await syncLineOrders(wh, '');
    else if (orders !== 'none') await syncLineOrders(wh, orders);
    if (all || change === undefined || change === 'all') {
      await wh.run('DELETE FROM customer_facts');
      await insertFacts(wh, '');
      await wh.run('DELETE FROM customer_months');
      await wh.run(insertCustomerMonthsSql(d, ''));
      // every customer with a paid order is in customer_facts now: the others come from unpaid orders
      await insertMissingCustomers(wh, 'customer_facts', '', false);
      await insertMissingCustomers(wh, 'orders', 'x.paid_at IS NULL');
      return;
    }
    if (change === 'none') return;
    const touched = `SELECT customer_id FROM ${change}`;
    await wh.run(`DELETE FROM customer_facts WHERE customer_id IN (${touched})`);
    await insertFacts(wh, `customer_id IN (${touched})`);
    await wh.run(`DELETE FROM customer_months WHERE customer_id IN (${touched})`);
    await wh.run(insertCustomerMonthsSql(d, `customer_id IN (${touched})`));
    await insertMissingCustomers(wh, `(${touched})`, 'x.customer_id IS NOT NULL');
  });
}
