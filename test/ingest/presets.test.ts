import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/index.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { tempDir } from '../helpers/tmp.js';
import { count, openIn, write } from './helpers.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/shopify');

describe('Shopify "Export orders" preset', () => {
  const dir = tempDir();

  it('loads the real sample: 6 line rows → 5 orders; a multi-line order counts its Total once', async () => {
    const wh = await Warehouse.open(join(dir, 's.duckdb'), { allowedDirs: [FIXTURES] });
    // no --mapping: the headers identify the Shopify export
    const [r] = await importFiles(wh, [join(FIXTURES, 'orders_export_sample.csv')]);
    expect(r.mapping).toBe('shopify');
    expect([r.table, r.rowsRead, r.inserted]).toEqual(['order_lines', 6, 6]);
    expect(r.alsoLoaded).toEqual([{ table: 'orders', inserted: 5, updated: 0, unchanged: 0 }]);
    // Σ Total of the 5 orders, by hand: 1500 × 4 + 1700
    expect(await wh.query('SELECT count(*) AS n, sum(paid_total) AS gmv FROM orders')).toEqual([
      { n: 5, gmv: 7700 },
    ]);
    expect(
      await wh.query(
        "SELECT status, currency, item_total, discount_total, shipping_fee, paid_total, customer_id, placed_at, coupon_codes FROM orders WHERE order_id = '#71737'",
      ),
    ).toEqual([
      {
        status: 'placed', // financial status "pending"
        currency: 'BDT',
        item_total: 2000, // Subtotal 1600 + Discount Amount 400 = 600 + 1400 list prices
        discount_total: 400,
        shipping_fee: 100,
        paid_total: 1700,
        customer_id: 'guest:#71737', // e-mail and phone are redacted/empty
        placed_at: '2026-04-05T21:48:03.000Z', // 2026-04-06 01:48:03 +0400
        coupon_codes: 'UPSELL DISCOUNT',
      },
    ]);
    expect(
      await wh.query(
        "SELECT line_no, sku, quantity, unit_price FROM order_lines WHERE order_id = '#71737' ORDER BY line_no",
      ),
    ).toEqual([
      { line_no: 1, sku: 'Female Solid Perfume', quantity: 1, unit_price: 600 },
      {
        line_no: 2,
        sku: 'Apple Cider Vinegar Effervescent - Buy 1 Get 1 FREE - Color-free',
        quantity: 1,
        unit_price: 1400,
      },
    ]);
    // the orders derived from the lines are written first: every line carries its order's columns
    expect(
      await wh.query(
        `SELECT count(*) AS lines, count(*) FILTER (WHERE l.order_customer_id IS DISTINCT FROM o.customer_id
           OR l.order_paid_date IS DISTINCT FROM o.paid_date) AS off, count(l.order_customer_id) AS carried
         FROM order_lines l JOIN orders o USING (order_id)`,
      ),
    ).toEqual([{ lines: 6, off: 0, carried: 6 }]);
    wh.close();
  });

  it('an order with 3 lines is 1 order with its paid_total counted once', async () => {
    const wh = await Warehouse.open(join(dir, 's3.duckdb'), { allowedDirs: [FIXTURES] });
    const [r] = await importFiles(wh, [join(FIXTURES, 'orders_export_3lines.csv')], { mapping: 'shopify' });
    expect([r.rowsRead, r.inserted, r.alsoLoaded[0].inserted]).toEqual([7, 7, 5]);
    expect(await wh.query("SELECT count(*) AS lines FROM order_lines WHERE order_id = '#71737'")).toEqual([
      { lines: 3 },
    ]);
    expect(
      await wh.query("SELECT count(*) AS n, sum(paid_total) AS paid FROM orders WHERE order_id = '#71737'"),
    ).toEqual([{ n: 1, paid: 1700 }]);
    expect(await wh.query('SELECT sum(paid_total) AS gmv FROM orders')).toEqual([{ gmv: 7700 }]);
    wh.close();
  });
});

describe('invoice lines (UCI Online Retail style)', () => {
  const dir = tempDir();

  it('derives orders; C invoices are cancellations, negative quantities returns, blank customer a guest', async () => {
    const file = write(
      dir,
      'retail.csv',
      [
        'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
        '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom',
        '536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850,United Kingdom',
        '536366,22633,HAND WARMER UNION JACK,6,12/1/2010 8:28,1.85,,United Kingdom',
        'C536379,D,Discount,-1,12/1/2010 9:41,27.50,14527,United Kingdom',
        '536380,22961,JAM MAKING SET PRINTED,24,12/1/2010 9:41,1.45,17809.0,United Kingdom',
        '536380,22961,JAM MAKING SET PRINTED,-2,12/1/2010 9:41,1.45,17809.0,United Kingdom',
      ].join('\n'),
    );
    const wh = await openIn(dir);
    const [r] = await importFiles(wh, [file]);
    expect(r.mapping).toBe('invoice-lines');
    expect([r.rowsRead, r.inserted, r.alsoLoaded[0].inserted]).toEqual([6, 6, 4]);
    expect(
      await wh.query(
        'SELECT order_id, customer_id, status, paid_at IS NOT NULL AS paid, item_total, paid_total, refund_total FROM orders ORDER BY order_id',
      ),
    ).toEqual([
      // 6 × 2.55 + 6 × 3.39 = 15.30 + 20.34
      {
        order_id: '536365',
        customer_id: '17850',
        status: null,
        paid: true,
        item_total: 35.64,
        paid_total: 35.64,
        refund_total: null,
      },
      {
        order_id: '536366',
        customer_id: 'guest:536366',
        status: null,
        paid: true,
        item_total: 11.1,
        paid_total: 11.1,
        refund_total: null,
      },
      // 24 × 1.45 − 2 × 1.45 (a returned line inside the invoice)
      {
        order_id: '536380',
        customer_id: '17809',
        status: null,
        paid: true,
        item_total: 31.9,
        paid_total: 31.9,
        refund_total: null,
      },
      {
        order_id: 'C536379',
        customer_id: '14527',
        status: 'cancelled',
        paid: false,
        item_total: 0,
        paid_total: 0,
        refund_total: 27.5,
      },
    ]);
    expect(
      await wh.query("SELECT line_no, quantity FROM order_lines WHERE order_id = '536380' ORDER BY line_no"),
    ).toEqual([
      { line_no: 1, quantity: 24 },
      { line_no: 2, quantity: -2 },
    ]);
    // 2010-12-01 08:26 in the store zone (Asia/Shanghai)
    expect(await wh.query("SELECT placed_at FROM orders WHERE order_id = '536365'")).toEqual([
      { placed_at: '2010-12-01T00:26:00.000Z' },
    ]);
    wh.close();
  });
});

describe('CDNOW preset', () => {
  // the team's reference data (data/README.md), beside the repository
  const sample = join(process.cwd(), '../shared/data/cdnow/CDNOW_sample.txt');
  it.skipIf(!existsSync(sample))('loads CDNOW_sample.txt: one order per customer and day', async () => {
    const dir = tempDir();
    const wh = await Warehouse.open(join(dir, 'c.duckdb'), { allowedDirs: [dirname(sample)] });
    const [r] = await importFiles(wh, [sample], { mapping: 'cdnow' });
    // 6,919 rows; 6,696 distinct customer-days; 2,357 customers; Σ dollars 244,091.94 (awk over the file)
    expect([r.rowsRead, r.inserted, r.alsoLoaded[0].inserted]).toEqual([6919, 6919, 6696]);
    expect(
      await wh.query('SELECT count(DISTINCT customer_id) AS c, sum(paid_total) AS s FROM orders'),
    ).toEqual([{ c: 2357, s: 244091.94 }]);
    // customer 1 of the published summary: x = 2 repeat days in the 39-week calibration period
    expect(
      await wh.query(
        "SELECT count(*) - 1 AS x FROM orders WHERE customer_id = '1' AND paid_date <= DATE '1997-09-30'",
      ),
    ).toEqual([{ x: 2 }]);
    expect(await count(wh, 'customers')).toBe(2357);
    wh.close();
  });
});
