import type { Warehouse } from './warehouse.js';

/**
 * Keeps derived data consistent with the canonical tables. Ingest calls this inside the import's
 * transaction after loading orders or customers, so derived data never lags a committed import.
 *
 * - orders.placed_date / paid_date: the instants as dates in the store time zone (recomputed for all
 *   rows when the time zone changed since the last refresh);
 * - customers: a row for every customer_id seen in orders (only the id; imported attributes win);
 * - customer_facts: first/last paid date, lifetime paid orders and first channel per customer.
 */
export async function refreshDerived(wh: Warehouse): Promise<void> {
  const d = wh.dialect;
  const tz = wh.timeZone;
  const [meta] = await wh.query("SELECT value FROM _fupan_meta WHERE key = 'derived_time_zone'");
  const all = !meta || meta.value !== tz;
  await wh.transaction(async () => {
    await wh.run(
      `UPDATE orders SET placed_date = ${d.localDate('placed_at', tz)},
         paid_date = ${d.localDate('paid_at', tz)}
       ${all ? '' : 'WHERE placed_date IS NULL OR (paid_at IS NOT NULL AND paid_date IS NULL)'}`,
    );
    await wh.run("INSERT OR REPLACE INTO _fupan_meta VALUES ('derived_time_zone', $1)", [tz]);
    await wh.run(
      `INSERT INTO customers (customer_id)
       SELECT DISTINCT o.customer_id FROM orders o
       WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = o.customer_id)`,
    );
    await wh.run('DELETE FROM customer_facts');
    await wh.run(
      `INSERT INTO customer_facts
       SELECT customer_id,
              min(paid_at) AS first_paid_at,
              min(paid_date) AS first_paid_date,
              max(paid_date) AS last_paid_date,
              count(*) AS paid_orders,
              arg_min(channel, paid_at) AS first_channel
       FROM orders WHERE paid_at IS NOT NULL
       GROUP BY customer_id`,
    );
  });
}
