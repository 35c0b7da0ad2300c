import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WarehousePool } from '../../src/warehouse/pool.js';
import { tableStats } from '../../src/warehouse/table-stats.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { tempDir } from '../helpers/tmp.js';

describe('WarehousePool', () => {
  const dir = tempDir();

  it('forks connections that share the instance, the store zone and the data', async () => {
    const owner = await Warehouse.open(join(dir, 'p.duckdb'), { timeZone: 'America/New_York' });
    await owner.run("INSERT INTO products (sku, category) VALUES ('A', '美妆'), ('B', '食品')");
    const pool = await WarehousePool.create(owner, 2);
    expect(pool.size).toBe(2);
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        pool.use(async (wh) => {
          const [r] = await wh.query(
            "SELECT (SELECT count(*) FROM products) AS n, current_setting('TimeZone') AS tz, $1 AS i",
            [i],
          );
          return r;
        }),
      ),
    );
    expect(results).toEqual([1, 2, 3, 4, 5].map((i) => ({ n: 2, tz: 'America/New_York', i })));
    await pool.close();
    // the owner stays usable after the forks close
    expect(await owner.query('SELECT count(*) AS n FROM products')).toEqual([{ n: 2 }]);
    owner.close();
  });
});

describe('WarehousePool.close', () => {
  it('lets running and queued work finish, then refuses new work', async () => {
    const owner = await Warehouse.open(':memory:');
    const pool = await WarehousePool.create(owner, 1);
    const slow = pool.use((wh) => wh.query('SELECT count(*) AS n FROM range(3000000)'));
    const queued = pool.use((wh) => wh.query('SELECT 42 AS x'));
    const closed = pool.close();
    await expect(pool.use((wh) => wh.query('SELECT 1'))).rejects.toThrow('shutting down');
    expect(await slow).toEqual([{ n: 3000000 }]);
    expect(await queued).toEqual([{ x: 42 }]);
    await closed;
    owner.close();
  });
});

describe('tableStats', () => {
  it('counts rows per canonical table and gives the date range of dated ones', async () => {
    const wh = await Warehouse.open(':memory:');
    await wh.run(
      "INSERT INTO traffic_daily (date, channel, visitors) VALUES ('2026-09-30', '直播', 10), ('2026-10-02', '直播', 5)",
    );
    await wh.run("INSERT INTO products (sku) VALUES ('A')");
    const stats = await tableStats(wh);
    expect(stats.find((s) => s.table === 'traffic_daily')).toEqual({
      table: 'traffic_daily',
      rows: 2,
      from: '2026-09-30',
      to: '2026-10-02',
    });
    expect(stats.find((s) => s.table === 'products')).toEqual({
      table: 'products',
      rows: 1,
      from: null,
      to: null,
    });
    expect(stats.find((s) => s.table === 'orders')).toEqual({
      table: 'orders',
      rows: 0,
      from: null,
      to: null,
    });
    wh.close();
  });
});
