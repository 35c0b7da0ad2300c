import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gapRows, secondPurchaseRows } from '../../src/analyses/cohorts/index.js';
import { importFiles } from '../../src/ingest/index.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { runBeforeMigration2 } from '../helpers/before-migration.js';
import { tempDir } from '../helpers/tmp.js';

// Second purchases told from the first month's customer_months row (one order: next_paid_date; two on
// two days: the later one), from that month's orders (three or more orders, or two on one day), and —
// for the 30/60/90-day rates — the last day of a month with orders on two or more days standing in
// for the second one up to asOf. Every case against the SQL over all orders (a database from before
// customer_months, opened read-only) and, at 31 March, against days worked out by hand:
//   u1 5, 9, 20 Jan → 9 Jan, 4 days        u2 7 Jan 09:00 and 15:00, 25 Jan → 7 Jan, 0 days
//   u3 12 Jan 10:00 and 18:00 → 0 days      u4 28, 30, 31 Jan → 30 Jan, 2 days
//   u5 3 and 29 Jan → 26 days               u6 15 Jan, 10 Mar → 54 days
//   u7 three orders at 10 Jan 09:00, 2 Feb → 23 days
describe('second purchase from the first month’s row, its orders, or its last day', () => {
  const dir = tempDir('fupan-second-days-');
  const path = `${dir}/shop.duckdb`;
  const days = ['2026-01-20', '2026-01-29', '2026-01-31', '2026-02-15', '2026-03-31'];
  const run = async (w: Warehouse) => {
    const out: Record<string, unknown> = {};
    for (const asOf of days) {
      out[`rows ${asOf}`] = await secondPurchaseRows(w, { from: '2026-01-01', to: asOf, asOf });
      out[`all ${asOf}`] = await secondPurchaseRows(w, { asOf });
      out[`gaps ${asOf}`] = await gapRows(w, { asOf });
    }
    return out;
  };

  it('gives the days worked out by hand and the same rows as the SQL over all orders', async () => {
    const orders: Array<[string, string]> = [
      ['u1', '2026-01-05 10:00'],
      ['u1', '2026-01-09 10:00'],
      ['u1', '2026-01-20 10:00'],
      ['u2', '2026-01-07 09:00'],
      ['u2', '2026-01-07 15:00'],
      ['u2', '2026-01-25 10:00'],
      ['u3', '2026-01-12 10:00'],
      ['u3', '2026-01-12 18:00'],
      ['u4', '2026-01-28 10:00'],
      ['u4', '2026-01-30 10:00'],
      ['u4', '2026-01-31 10:00'],
      ['u5', '2026-01-03 10:00'],
      ['u5', '2026-01-29 10:00'],
      ['u6', '2026-01-15 10:00'],
      ['u6', '2026-03-10 10:00'],
      ['u7', '2026-01-10 09:00'],
      ['u7', '2026-01-10 09:00'],
      ['u7', '2026-01-10 09:00'],
      ['u7', '2026-02-02 10:00'],
    ];
    const file = `${dir}/orders.csv`;
    writeFileSync(
      file,
      [
        'order_id,placed_at,customer_id,paid_at,paid_total',
        ...orders.map(([c, at], i) => `O${i},${at},${c},${at},10`),
        '',
      ].join('\n'),
    );
    const wh = await Warehouse.open(path, { timeZone: 'Asia/Shanghai', allowedDirs: [dir] });
    await importFiles(wh, [file], { table: 'orders' });
    const fromMonths = await run(wh);
    expect(fromMonths['rows 2026-03-31']).toEqual([
      { cohort: '2026-01', size: 7, within30: 6, within60: 7, within90: 7 },
    ]);
    expect(fromMonths['gaps 2026-03-31']).toEqual([
      { maxDays: 7, customers: 4 },
      { maxDays: 30, customers: 2 },
      { maxDays: 60, customers: 1 },
    ]);
    // on 29 January u4 has not bought again (30 Jan), u5 has (29 Jan), u6 and u7 not yet
    expect(fromMonths['rows 2026-01-29']).toEqual([
      { cohort: '2026-01', size: 7, within30: 4, within60: 4, within90: 4 },
    ]);
    expect(await runBeforeMigration2(wh, path, run)).toEqual(fromMonths);
  });
});
