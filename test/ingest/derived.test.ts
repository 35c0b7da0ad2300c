import { describe, expect, it } from 'vitest';
import { fastPath } from '../../src/ingest/fast-load.js';
import { importFiles } from '../../src/ingest/index.js';
import { refreshDerived } from '../../src/warehouse/derived.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { tempDir } from '../helpers/tmp.js';
import { count, openIn, write } from './helpers.js';

const snapshot = async (wh: Warehouse) => ({
  customers: await wh.query('SELECT customer_id FROM customers ORDER BY 1'),
  facts: await wh.query('SELECT * FROM customer_facts ORDER BY 1'),
  months: await wh.query('SELECT * FROM customer_months ORDER BY 1, 2'),
  dates: await wh.query('SELECT order_id, placed_date, paid_date FROM orders ORDER BY 1'),
});

describe('derived data after each import', () => {
  const dir = tempDir();

  it('customers and customer_facts updated for the touched customers equal a full rebuild', async () => {
    const wh = await openIn(dir, 'derived.duckdb');
    const head = 'order_id,placed_at,customer_id,paid_at,channel,paid_total\n';
    const files = [
      `${head}O1,2026-10-01 10:00,u1,2026-10-01 10:05,直播,10\nO2,2026-10-02 23:30,u1,2026-10-02 23:59:59,站内搜索,20\nO3,2026-10-03 10:00,u2,2026-10-03 10:00,直播,30\nO4,2026-10-03 10:00,u4,,直播,5\n`,
      // O2 moves to u3 (new customer), O3 is no longer paid, O5 is new for u1, O1 unchanged
      `${head}O1,2026-10-01 10:00,u1,2026-10-01 10:05,直播,10\nO2,2026-10-02 23:30,u3,2026-10-02 23:59:59,站内搜索,20\nO3,2026-10-03 10:00,u2,,直播,30\nO5,2026-09-30 16:30:00+00:00,u1,2026-09-30 16:30:00+00:00,信息流广告,7\n`,
      // a file without customer_id: O4 becomes a guest order (its own customer)
      'order_id,placed_at,paid_total\nO4,2026-10-05 10:00,6\n',
    ];
    for (const [i, text] of files.entries()) {
      const [r] = await importFiles(wh, [write(dir, `d${i}.csv`, text)], { table: 'orders' });
      expect(r.loadPath).toBe('typed');
      const incremental = await snapshot(wh);
      await refreshDerived(wh);
      expect(await snapshot(wh)).toEqual(incremental);
    }
    expect(
      await wh.query('SELECT customer_id, paid_orders, first_channel FROM customer_facts ORDER BY 1'),
    ).toEqual([
      { customer_id: 'u1', paid_orders: 2, first_channel: '信息流广告' },
      { customer_id: 'u3', paid_orders: 1, first_channel: '站内搜索' },
    ]);
    expect(await count(wh, 'customers')).toBe(5);
    wh.close();
  });

  it('customer_months after an overlapping re-import that changes amounts, customers and dates equals a rebuild', async () => {
    const wh = await openIn(dir, 'months.duckdb');
    const head = 'order_id,placed_at,customer_id,paid_at,paid_total\n';
    const files = [
      `${head}O1,2026-09-10 10:00,u1,2026-09-10 10:00,10\nO2,2026-09-20 10:00,u1,2026-09-20 10:00,20\nO3,2026-10-05 10:00,u1,2026-10-05 10:00,30\nO4,2026-10-06 10:00,u2,2026-10-06 10:00,40\nO5,2026-09-30 16:00:00+00:00,u2,,5\n`,
      // O1 unchanged; O2 costs 25 and is paid in November; O3 moves to u2; O5 is paid now (00:30 on
      // 1 October in Shanghai); O6 is new, late on 31 October
      `${head}O1,2026-09-10 10:00,u1,2026-09-10 10:00,10\nO2,2026-09-20 10:00,u1,2026-11-02 09:00,25\nO3,2026-10-05 10:00,u2,2026-10-05 10:00,30\nO5,2026-09-30 16:00:00+00:00,u2,2026-09-30 16:30:00+00:00,5\nO6,2026-10-31 23:00,u3,2026-10-31 23:30,7.5\n`,
    ];
    for (const [i, text] of files.entries()) {
      await importFiles(wh, [write(dir, `m${i}.csv`, text)], { table: 'orders' });
      const incremental = await snapshot(wh);
      await refreshDerived(wh);
      expect(await snapshot(wh)).toEqual(incremental);
    }
    const row = (
      customer_id: string,
      month: string,
      cohort_month: string,
      [paid_orders, paid_gmv, first_paid_date, last_paid_date]: [number, number, string, string],
      [cum_paid_orders, cum_paid_gmv]: [number, number],
      [next_month, next_paid_date]: [string | null, string | null],
    ) => ({
      customer_id,
      month,
      cohort_month,
      paid_orders,
      paid_gmv,
      first_paid_date,
      last_paid_date,
      cum_paid_orders,
      cum_paid_gmv,
      next_month,
      next_paid_date,
    });
    expect((await snapshot(wh)).months).toEqual([
      row(
        'u1',
        '2026-09-01',
        '2026-09-01',
        [1, 10, '2026-09-10', '2026-09-10'],
        [1, 10],
        ['2026-11-01', '2026-11-02'],
      ),
      row('u1', '2026-11-01', '2026-09-01', [1, 25, '2026-11-02', '2026-11-02'], [2, 35], [null, null]),
      row('u2', '2026-10-01', '2026-10-01', [3, 75, '2026-10-01', '2026-10-06'], [3, 75], [null, null]),
      row('u3', '2026-10-01', '2026-10-01', [1, 7.5, '2026-10-31', '2026-10-31'], [1, 7.5], [null, null]),
    ]);
    wh.close();
  });

  it('a large file hashed while loading: identical content under another name changes nothing', async () => {
    const wh = await openIn(dir, 'background.duckdb');
    const saved = fastPath.backgroundHashBytes;
    fastPath.backgroundHashBytes = 0;
    try {
      const text =
        'order_id,placed_at,customer_id,paid_total\nB1,2026-10-01 10:00,u1,10\nB2,2026-10-01 11:00,u2,20\n';
      const [r1] = await importFiles(wh, [write(dir, 'b1.csv', text)]);
      expect([r1.inserted, r1.skippedAsDuplicate, r1.contentHash.length]).toEqual([2, false, 64]);
      const before = await snapshot(wh);
      const [r2] = await importFiles(wh, [write(dir, 'b2.csv', text)]);
      expect([r2.inserted, r2.unchanged, r2.skippedAsDuplicate, r2.contentHash]).toEqual([
        0,
        2,
        true,
        r1.contentHash,
      ]);
      expect(await snapshot(wh)).toEqual(before);
      expect(await count(wh, '_fupan_imports')).toBe(1);
      // --force re-applies it: all rows unchanged, a second ledger entry
      const [r3] = await importFiles(wh, [write(dir, 'b3.csv', text)], { force: true });
      expect([r3.unchanged, r3.skippedAsDuplicate, r3.contentHash]).toEqual([2, false, r1.contentHash]);
      expect(await count(wh, '_fupan_imports')).toBe(2);
    } finally {
      fastPath.backgroundHashBytes = saved;
      wh.close();
    }
  });
});
