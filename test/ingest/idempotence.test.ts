import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/index.js';
import { tempDir } from '../helpers/tmp.js';
import { count, openIn, write } from './helpers.js';

describe('idempotent imports', () => {
  const dir = tempDir();

  it('re-importing identical content changes nothing; an overlapping export updates by key', async () => {
    const wh = await openIn(dir);
    const head = 'order_id,placed_at,customer_id,paid_at,channel,item_total,paid_total\n';
    const first = write(
      dir,
      'oct-a.csv',
      `${head}A1,2026-10-01 10:00,u1,2026-10-01 10:05,直播,100,90\nA2,2026-10-02 10:00,u2,,直播,50,50\nA3,2026-10-03 10:00,u1,2026-10-03 10:01,站内搜索,30,30\n`,
    );
    const [r1] = await importFiles(wh, [first]);
    expect([r1.inserted, r1.updated, r1.unchanged]).toEqual([3, 0, 0]);
    const snapshot = await wh.query('SELECT * FROM orders ORDER BY order_id');

    const [again] = await importFiles(wh, [first]);
    expect(again.skippedAsDuplicate).toBe(true);
    expect([again.inserted, again.updated, again.unchanged]).toEqual([0, 0, 3]);
    expect(await wh.query('SELECT * FROM orders ORDER BY order_id')).toEqual(snapshot);
    expect(await count(wh, '_fupan_imports')).toBe(1);

    // A3 unchanged, A2 now paid (updated), A4 new; A1 absent from this export stays as it was
    const second = write(
      dir,
      'oct-b.csv',
      `${head}A2,2026-10-02 10:00,u2,2026-10-04 09:00,直播,50,50\nA3,2026-10-03 10:00,u1,2026-10-03 10:01,站内搜索,30,30\nA4,2026-10-04 10:00,u3,2026-10-04 10:00,直播,20,20\n`,
    );
    const [r2] = await importFiles(wh, [second]);
    expect([r2.rowsRead, r2.inserted, r2.updated, r2.unchanged]).toEqual([3, 1, 1, 1]);
    expect(await wh.query("SELECT paid_date FROM orders WHERE order_id = 'A2'")).toEqual([
      { paid_date: '2026-10-04' },
    ]);
    expect(await count(wh, 'orders')).toBe(4);
    // derived data was refreshed in the same transaction
    expect(await wh.query('SELECT customer_id, paid_orders FROM customer_facts ORDER BY 1')).toEqual([
      { customer_id: 'u1', paid_orders: 2 },
      { customer_id: 'u2', paid_orders: 1 },
      { customer_id: 'u3', paid_orders: 1 },
    ]);
    expect(await count(wh, 'customers')).toBe(3);

    // a file without the channel column updates the other columns and keeps the stored channel
    const third = write(
      dir,
      'oct-c.csv',
      'order_id,placed_at,customer_id,item_total,paid_total\nA4,2026-10-04 10:00,u3,25,25\n',
    );
    const [r3] = await importFiles(wh, [third]);
    expect([r3.inserted, r3.updated]).toEqual([0, 1]);
    expect(await wh.query("SELECT channel, paid_total, paid_at FROM orders WHERE order_id = 'A4'")).toEqual([
      { channel: '直播', paid_total: 25, paid_at: '2026-10-04T02:00:00.000Z' },
    ]);
    const ledger = await wh.query(
      'SELECT file, "table", rows_read, rows_inserted, rows_updated, rows_unchanged FROM _fupan_imports ORDER BY import_id',
    );
    expect(ledger.map((l) => [l.table, l.rows_inserted, l.rows_updated, l.rows_unchanged])).toEqual([
      ['orders', 3, 0, 0],
      ['orders', 1, 1, 1],
      ['orders', 0, 1, 0],
    ]);
    wh.close();
  });

  it('traffic by date+channel+device+store_id: an empty device is a key value, not a wildcard', async () => {
    const wh = await openIn(dir, 't.duckdb');
    const a = write(
      dir,
      'traffic-a.csv',
      '日期,渠道,终端,访客数\n2026-10-01,直播,app,100\n2026-10-01,直播,,150\n',
    );
    const [r1] = await importFiles(wh, [a]);
    expect(r1.table).toBe('traffic_daily');
    const b = write(
      dir,
      'traffic-b.csv',
      '日期,渠道,终端,访客数\n2026-10-01,直播,app,120\n2026-10-02,直播,,90\n',
    );
    const [r2] = await importFiles(wh, [b]);
    expect([r2.inserted, r2.updated, r2.unchanged]).toEqual([1, 1, 0]);
    expect(await wh.query('SELECT date, device, visitors FROM traffic_daily ORDER BY date, device')).toEqual([
      { date: '2026-10-01', device: '', visitors: 150 },
      { date: '2026-10-01', device: 'app', visitors: 120 },
      { date: '2026-10-02', device: '', visitors: 90 },
    ]);
    wh.close();
  });
});
