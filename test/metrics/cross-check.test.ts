import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS, monthPeriod, query } from '../../src/metrics/index.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { openFixtureShop, openFixtureShopRaw } from '../helpers/fixture-shop.js';

// query() against independent, hand-written SQL over the same database (no code shared with the
// compiler). Store zone Asia/Shanghai; periods are local dates.
let wh: Warehouse;
beforeAll(async () => {
  wh = await openFixtureShop();
});
afterAll(() => wh.close());

const OCT = monthPeriod('2026-10');
const LOCAL_PAID = "CAST(timezone('Asia/Shanghai', paid_at) AS DATE)";

describe('query() equals hand-written SQL', () => {
  it('GMV, orders, buyers, refunds by channel', async () => {
    const expected = await wh.query(
      `SELECT coalesce(channel, '') AS channel, CAST(sum(paid_total) AS DECIMAL(18,2)) AS gmv,
              count(*) AS orders, count(DISTINCT customer_id) AS buyers,
              CAST(sum(coalesce(refund_total, 0)) AS DECIMAL(18,2)) AS refunds
       FROM orders WHERE paid_at IS NOT NULL AND ${LOCAL_PAID} BETWEEN DATE '2026-10-01' AND DATE '2026-10-31'
       GROUP BY 1 ORDER BY 1`,
    );
    const got = await query(wh, {
      metrics: ['gmv', 'orders', 'buyers', 'refunds'],
      dimensions: ['channel'],
      period: OCT,
    });
    expect(got.rows).toEqual(expected);
  });

  it('line GMV, orders and buyers by category', async () => {
    const expected = await wh.query(
      `SELECT p.category, CAST(sum(coalesce(l.paid_amount, l.quantity * l.unit_price - coalesce(l.discount, 0))) AS DECIMAL(18,2)) AS gmv,
              count(DISTINCT o.order_id) AS orders, count(DISTINCT o.customer_id) AS buyers, sum(l.quantity) AS units
       FROM orders o JOIN order_lines l USING (order_id) JOIN products p USING (sku)
       WHERE o.paid_at IS NOT NULL AND CAST(timezone('Asia/Shanghai', o.paid_at) AS DATE) BETWEEN DATE '2026-10-01' AND DATE '2026-10-31'
       GROUP BY 1 ORDER BY 1`,
    );
    const got = await query(wh, {
      metrics: ['gmv', 'orders', 'buyers', 'units'],
      dimensions: ['category'],
      period: OCT,
    });
    expect(got.rows).toEqual(expected);
  });

  it('new vs returning buyers from the whole order history, by month', async () => {
    const expected = await wh.query(
      `WITH paid AS (SELECT customer_id, paid_total, ${LOCAL_PAID} AS d FROM orders WHERE paid_at IS NOT NULL),
            firsts AS (SELECT customer_id, min(d) AS first_d FROM paid GROUP BY 1)
       SELECT strftime(d, '%Y-%m') AS month,
              CASE WHEN date_trunc('month', first_d) = date_trunc('month', d) THEN 'new' ELSE 'returning' END AS customer_type,
              count(DISTINCT customer_id) AS buyers, CAST(sum(paid_total) AS DECIMAL(18,2)) AS gmv
       FROM paid JOIN firsts USING (customer_id)
       WHERE d BETWEEN DATE '2026-09-01' AND DATE '2026-10-31'
       GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const got = await query(wh, {
      metrics: ['buyers', 'gmv'],
      dimensions: ['month', 'customer_type'],
      period: { from: '2026-09-01', to: '2026-10-31' },
    });
    expect(got.rows).toEqual(expected);
  });

  it('conversion by channel × device from two fact tables', async () => {
    const expected = await wh.query(
      `WITH b AS (SELECT channel, device, count(DISTINCT customer_id) AS buyers FROM orders
                  WHERE paid_at IS NOT NULL AND ${LOCAL_PAID} BETWEEN DATE '2026-10-01' AND DATE '2026-10-31' GROUP BY ALL),
            v AS (SELECT channel, device, sum(visitors) AS visitors FROM traffic_daily
                  WHERE date BETWEEN DATE '2026-10-01' AND DATE '2026-10-31' GROUP BY ALL)
       SELECT channel, device, coalesce(b.buyers, 0) AS buyers, coalesce(v.visitors, 0) AS visitors,
              b.buyers / v.visitors AS conversion
       FROM b FULL JOIN v USING (channel, device) ORDER BY 1, 2`,
    );
    const got = await query(wh, {
      metrics: ['buyers', 'visitors', 'conversion'],
      dimensions: ['channel', 'device'],
      period: OCT,
    });
    expect(got.rows).toEqual(expected);
  });

  it('daily GMV over the whole history', async () => {
    const expected = await wh.query(
      `SELECT strftime(${LOCAL_PAID}, '%Y-%m-%d') AS day, CAST(sum(paid_total) AS DECIMAL(18,2)) AS gmv, count(*) AS orders
       FROM orders WHERE paid_at IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    const got = await query(wh, {
      metrics: ['gmv', 'orders'],
      dimensions: ['day'],
      period: { from: '2025-01-01', to: '2026-12-31' },
    });
    expect(got.rows).toEqual(expected);
  });
});

describe('the shop imported by src/ingest equals the same CSVs loaded raw', () => {
  it('every metric by channel, by category and by day with comparisons', async () => {
    const raw = await openFixtureShopRaw();
    try {
      const specs = [
        {
          metrics: Object.keys(METRICS),
          dimensions: ['channel'],
          period: OCT,
          compare: ['mom' as const, 'yoy' as const],
        },
        {
          metrics: ['gmv', 'orders', 'buyers', 'units', 'refunds'],
          dimensions: ['category', 'customer_type'],
          period: OCT,
        },
        {
          metrics: ['gmv', 'placed_amount', 'new_buyers'],
          dimensions: ['day'],
          period: { from: '2025-10-01', to: '2026-11-30' },
        },
      ];
      for (const spec of specs) expect((await query(wh, spec)).rows).toEqual((await query(raw, spec)).rows);
    } finally {
      raw.close();
    }
  });
});
