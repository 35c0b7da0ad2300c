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
