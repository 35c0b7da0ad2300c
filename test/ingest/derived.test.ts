import { describe, expect, it } from 'vitest';
import { fastPath } from '../../src/ingest/fast-load.js';
import { importFiles } from '../../src/ingest/index.js';
import type { TableName } from '../../src/schema/tables.js';
import { refreshDerived } from '../../src/warehouse/derived.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { tempDir } from '../helpers/tmp.js';
import { count, openIn, write } from './helpers.js';

const snapshot = async (wh: Warehouse) => ({
  customers: await wh.query('SELECT customer_id FROM customers ORDER BY 1'),
  facts: await wh.query('SELECT * FROM customer_facts ORDER BY 1'),
  months: await wh.query('SELECT * FROM customer_months ORDER BY 1, 2'),
  dates: await wh.query('SELECT order_id, placed_date, paid_date, member_tier FROM orders ORDER BY 1'),
  lines: await wh.query(
    'SELECT order_id, line_no, order_paid_date, order_customer_id FROM order_lines ORDER BY 1, 2',
  ),
});

/** Imports one file, then checks that the derived data the import left equals a full rebuild. */
async function importAndCompare(wh: Warehouse, path: string, table: TableName) {
  const [r] = await importFiles(wh, [path], { table });
  const incremental = await snapshot(wh);
  await refreshDerived(wh);
  expect(await snapshot(wh)).toEqual(incremental);
  return r;
}

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
      const r = await importAndCompare(wh, write(dir, `d${i}.csv`, text), 'orders');
      expect(r.loadPath).toBe('typed');
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
    for (const [i, text] of files.entries())
      await importAndCompare(wh, write(dir, `m${i}.csv`, text), 'orders');
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

  for (const fast of [true, false]) {
    it(`orders.member_tier follows the customers, imported before or after the orders (${fast ? 'fast' : 'validating'} path)`, async () => {
      const wh = await openIn(dir, `tiers-${fast}.duckdb`);
      const saved = fastPath.enabled;
      fastPath.enabled = fast;
      try {
        const tiers = async () =>
          Object.fromEntries(
            (await wh.query('SELECT order_id, member_tier FROM orders ORDER BY 1')).map((r) => [
              r.order_id,
              r.member_tier,
            ]),
          );
        const step = async (name: string, text: string, table: TableName) => {
          await importAndCompare(wh, write(dir, `${name}-${fast}.csv`, text), table);
          return tiers();
        };
        const customers = 'customer_id,member_tier\n';
        const orders = 'order_id,placed_at,customer_id,paid_at,paid_total\n';
        await step('c1', `${customers}u1,金卡\nu2,银卡\nu3,\n`, 'customers');
        // orders take the tier while they are inserted; u4 has no customers row yet
        expect(
          await step(
            'o1',
            `${orders}O1,2026-10-01 10:00,u1,2026-10-01 10:00,10\nO2,2026-10-02 10:00,u2,2026-10-02 10:00,20\nO3,2026-10-03 10:00,u4,,30\nO4,2026-10-03 11:00,u3,2026-10-03 11:00,40\n`,
            'orders',
          ),
        ).toEqual({ O1: '金卡', O2: '银卡', O3: null, O4: null });
        // u1 moves up, u2 loses the tier, u4 arrives with one, u3 unchanged
        expect(await step('c2', `${customers}u1,钻石\nu2,\nu3,\nu4,普通\n`, 'customers')).toEqual({
          O1: '钻石',
          O2: null,
          O3: '普通',
          O4: null,
        });
        // O2 changes buyer; a new order of u4
        expect(
          await step(
            'o2',
            `${orders}O2,2026-10-02 10:00,u1,2026-10-02 10:00,20\nO5,2026-10-04 10:00,u4,2026-10-04 10:00,50\n`,
            'orders',
          ),
        ).toEqual({ O1: '钻石', O2: '钻石', O3: '普通', O4: null, O5: '普通' });
        // the same customers file again changes nothing
        expect(await step('c3', `${customers}u1,钻石\nu2,\nu3,\nu4,普通\n`, 'customers')).toEqual({
          O1: '钻石',
          O2: '钻石',
          O3: '普通',
          O4: null,
          O5: '普通',
        });
      } finally {
        fastPath.enabled = saved;
        wh.close();
      }
    });
  }

  for (const fast of [true, false]) {
    it(`order_lines carry their order's paid date and customer, whichever file comes first (${fast ? 'fast' : 'validating'} path)`, async () => {
      const wh = await openIn(dir, `lines-${fast}.duckdb`);
      const saved = fastPath.enabled;
      fastPath.enabled = fast;
      try {
        const carried = async () =>
          (
            await wh.query(
              'SELECT order_id, line_no, CAST(order_paid_date AS VARCHAR) AS d, order_customer_id AS c FROM order_lines ORDER BY 1, 2',
            )
          ).map((r) => `${r.order_id}/${r.line_no} ${r.d} ${r.c}`);
        const step = async (name: string, text: string, table: TableName) => {
          await importAndCompare(wh, write(dir, `${name}-l${fast}.csv`, text), table);
          return carried();
        };
        const lines = 'order_id,line_no,sku,quantity,unit_price\n';
        const orders = 'order_id,placed_at,customer_id,paid_at,paid_total\n';
        // lines before their orders: nothing to carry yet
        expect(await step('l1', `${lines}O1,1,A,1,10\nO1,2,B,2,5\nO2,1,A,1,10\n`, 'order_lines')).toEqual([
          'O1/1 null null',
          'O1/2 null null',
          'O2/1 null null',
        ]);
        // O1 paid late on 31 October in Shanghai (16:30 UTC is 00:30 on 1 November), O2 not paid
        expect(
          await step(
            'o1',
            `${orders}O1,2026-10-31 10:00,u1,2026-10-31 16:30:00+00:00,20\nO2,2026-10-31 11:00,u2,,10\n`,
            'orders',
          ),
        ).toEqual(['O1/1 2026-11-01 u1', 'O1/2 2026-11-01 u1', 'O2/1 null u2']);
        // O2 is paid now and changes buyer; O3's lines arrive after their order
        await step(
          'o2',
          `${orders}O2,2026-10-31 11:00,u3,2026-11-02 09:00,10\nO3,2026-11-03 10:00,u1,2026-11-03 10:00,7\n`,
          'orders',
        );
        expect(await step('l2', `${lines}O3,1,C,1,7\nO2,2,B,1,5\n`, 'order_lines')).toEqual([
          'O1/1 2026-11-01 u1',
          'O1/2 2026-11-01 u1',
          'O2/1 2026-11-02 u3',
          'O2/2 2026-11-02 u3',
          'O3/1 2026-11-03 u1',
        ]);
      } finally {
        fastPath.enabled = saved;
        wh.close();
      }
    });
  }

  it('a file the fast path gives up on inside its transaction leaves the connection as it was', async () => {
    const wh = await openIn(dir, 'declined.duckdb');
    const settings = async () =>
      (
        await wh.query(
          "SELECT current_setting('disabled_optimizers') AS o, current_setting('preserve_insertion_order') AS p",
        )
      )[0];
    const before = await settings();
    await importFiles(wh, [write(dir, 'dc.csv', 'customer_id,member_tier\nu1,金卡\n')], {
      table: 'customers',
    });
    // ¥ is for the validating path: the fast path's INSERT fails and its transaction rolls back
    const [r] = await importFiles(
      wh,
      [
        write(
          dir,
          'do.csv',
          'order_id,placed_at,customer_id,paid_at,paid_total\nO1,2026-10-01 10:00,u1,2026-10-01 10:00,¥10\n',
        ),
      ],
      { table: 'orders' },
    );
    expect([r.loadPath, r.inserted]).toEqual(['validating', 1]);
    expect(await wh.query('SELECT member_tier, paid_total FROM orders')).toEqual([
      { member_tier: '金卡', paid_total: 10 },
    ]);
    expect(await settings()).toEqual(before);
    wh.close();
  });

  // Scans skip row groups by their paid_date range, which only works if orders stay in the order
  // they were exported (by time); the join that gives each order its tier must not reorder them.
  it('orders keep the order of the file while they take their tiers', async () => {
    const wh = await openIn(dir, 'order.duckdb');
    const n = 300_000;
    const customers = ['customer_id,member_tier'];
    for (let i = 0; i < n / 4; i++) customers.push(`u${i},${i % 3 ? '金卡' : ''}`);
    const orders = ['order_id,placed_at,customer_id,paid_at,paid_total'];
    for (let i = 0; i < n; i++) {
      const id = `O${String(i).padStart(8, '0')}`;
      orders.push(`${id},2026-10-01 10:00,u${(i * 7919) % (n / 2)},2026-10-01 10:00,10`);
    }
    await importFiles(wh, [write(dir, 'tc.csv', customers.join('\n'))], { table: 'customers' });
    await importFiles(wh, [write(dir, 'to.csv', orders.join('\n'))], { table: 'orders' });
    const [r] = await wh.query(
      `SELECT count(*) FILTER (WHERE prev > order_id) AS inversions, count(member_tier) AS tiered
       FROM (SELECT order_id, member_tier, lag(order_id) OVER (ORDER BY rowid) AS prev FROM orders)`,
    );
    // u0 … u74999 exist, two in three with a tier; orders go to u0 … u149999
    expect(Number(r.tiered)).toBe(100_000);
    // a few rows swap places where parallel readers meet (a join built on the file swaps a fifth)
    expect(Number(r.inversions)).toBeLessThan(n / 100);
    wh.close();
  }, 60_000);

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
