import type { Warehouse } from './warehouse.js';

/**
 * What an import changed in orders, so that only the affected derived rows are recomputed:
 * - `'all'`: the orders table held no rows before (every order is new): customers and customer_facts
 *   are rebuilt from orders in one pass;
 * - `'none'`: no order was written (e.g. a customers file: it can only add customers);
 * - otherwise a table name or parenthesised SELECT with a `customer_id` column: every customer whose
 *   orders were inserted or changed (for a changed order, both its old and its new customer).
 */
export type OrderChange = 'all' | 'none' | string;

const AGG = '_fupan_customer_agg';
const paid = 'FILTER (WHERE paid_at IS NOT NULL)';

/**
 * One pass over the orders of the customers in `where` (all when empty): every customer id seen and
 * its facts (paid_orders 0 for customers without a paid order), into a temp table; then the missing
 * customers and the customer_facts rows are written from it.
 */
async function rebuildCustomers(wh: Warehouse, where: string): Promise<void> {
  await wh.exec(`DROP TABLE IF EXISTS ${AGG}`);
  await wh.exec(
    `CREATE TEMP TABLE ${AGG} AS SELECT customer_id,
       min(paid_at) ${paid} AS first_paid_at,
       min(paid_date) ${paid} AS first_paid_date,
       max(paid_date) ${paid} AS last_paid_date,
       count(*) ${paid} AS paid_orders,
       arg_min(channel, paid_at) ${paid} AS first_channel
     FROM orders ${where} GROUP BY customer_id`,
  );
  await wh.run(
    `INSERT INTO customers (customer_id) SELECT a.customer_id FROM ${AGG} a
     WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = a.customer_id)`,
  );
  await wh.run(
    `INSERT INTO customer_facts SELECT customer_id, first_paid_at, first_paid_date, last_paid_date, paid_orders,
       first_channel FROM ${AGG} WHERE paid_orders > 0`,
  );
  await wh.exec(`DROP TABLE ${AGG}`);
}

/**
 * Keeps derived data consistent with the canonical tables. Ingest calls this inside the import's
 * transaction after loading orders or customers, so derived data never lags a committed import.
 *
 * - orders.placed_date / paid_date: the instants as dates in the store time zone (recomputed for all
 *   rows when the time zone changed since the last refresh);
 * - customers: a row for every customer_id seen in orders (only the id; imported attributes win);
 * - customer_facts: first/last paid date, lifetime paid orders and first channel per customer.
 *
 * Without `change` everything is checked (rows with missing local dates are filled, customers and
 * customer_facts rebuilt from all orders). With `change` (ingest, which computes the local dates while
 * inserting) only the customers it names are recomputed; a changed time zone still recomputes all.
 */
export async function refreshDerived(wh: Warehouse, change?: OrderChange): Promise<void> {
  const d = wh.dialect;
  const tz = wh.timeZone;
  const [meta] = await wh.query("SELECT value FROM _fupan_meta WHERE key = 'derived_time_zone'");
  const all = !meta || meta.value !== tz;
  if (!all && change === 'none') return;
  await wh.transaction(async () => {
    if (all || change === undefined) {
      await wh.run(
        `UPDATE orders SET placed_date = ${d.localDate('placed_at', tz)},
           paid_date = ${d.localDate('paid_at', tz)}
         ${all ? '' : 'WHERE placed_date IS NULL OR (paid_at IS NOT NULL AND paid_date IS NULL)'}`,
      );
      await wh.run("INSERT OR REPLACE INTO _fupan_meta VALUES ('derived_time_zone', $1)", [tz]);
    }
    if (all || change === undefined || change === 'all') {
      await wh.run('DELETE FROM customer_facts');
      return rebuildCustomers(wh, '');
    }
    if (change === 'none') return;
    const touched = `(SELECT customer_id FROM ${change} WHERE customer_id IS NOT NULL)`;
    await wh.run(`DELETE FROM customer_facts WHERE customer_id IN ${touched}`);
    await rebuildCustomers(wh, `WHERE customer_id IN ${touched}`);
  });
}
