import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/index.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { tempDir } from '../helpers/tmp.js';
import { count, write } from './helpers.js';

describe('kill -9 mid-import', () => {
  const dir = tempDir();

  it('leaves the previous state: no partial rows, no ledger entry', async () => {
    const db = join(dir, 'k.duckdb');
    const head = 'order_id,placed_at,customer_id,item_total,paid_total\n';
    const small = write(
      dir,
      'small.csv',
      `${head}O1,2026-10-01 10:00,u1,10,10\nO2,2026-10-01 11:00,u2,20,20\n`,
    );
    const big = join(dir, 'big.csv');
    {
      const wh = await Warehouse.open(db, { allowedDirs: [dir] });
      await importFiles(wh, [small]);
      // 1,000,000 orders overlapping the small file's O1 and O2 (changed amounts)
      await wh.exec(
        `COPY (SELECT 'O' || i AS order_id, TIMESTAMP '2026-10-01 10:00' + to_seconds(i) AS placed_at,
                      'u' || (i % 50000) AS customer_id, 99.00 AS item_total, 99.00 AS paid_total
               FROM range(1, 1000001) t(i)) TO '${big}' (HEADER)`,
      );
      wh.close();
    }
    const script = `
      import { Warehouse } from ${JSON.stringify(join(process.cwd(), 'src/warehouse/warehouse.ts'))};
      import { importFiles } from ${JSON.stringify(join(process.cwd(), 'src/ingest/index.ts'))};
      const wh = await Warehouse.open(${JSON.stringify(db)}, { allowedDirs: [${JSON.stringify(dir)}] });
      let said = false;
      await importFiles(wh, [${JSON.stringify(big)}], {
        onProgress: (p) => { if (!said && p.done >= 0.75 * p.total) { said = true; process.stdout.write('loading\\n'); } },
      });
      process.stdout.write('done\\n');`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => {
      err += String(d);
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    child.stdout.on('data', (d) => {
      out += String(d);
      // validation is done and the load transaction is starting: kill it now
      if (out.includes('loading')) child.kill('SIGKILL');
    });
    const signal = await exited;
    expect(err).toBe('');
    expect(signal).toBe('SIGKILL');
    expect(out).not.toContain('done');

    const wh = await Warehouse.open(db, { allowedDirs: [dir] });
    expect(await count(wh, 'orders')).toBe(2);
    expect(await wh.query('SELECT order_id, paid_total FROM orders ORDER BY 1')).toEqual([
      { order_id: 'O1', paid_total: 10 },
      { order_id: 'O2', paid_total: 20 },
    ]);
    expect(await count(wh, '_fupan_imports')).toBe(1);
    // and the same file imports fine afterwards
    const [r] = await importFiles(wh, [big]);
    expect([r.inserted, r.updated, r.unchanged]).toEqual([999_998, 2, 0]);
    wh.close();
  });

  it('an import straight into an empty table, killed while it writes, leaves nothing', async () => {
    const db = join(dir, 'fresh.duckdb');
    const big = join(dir, 'fresh.csv');
    {
      const wh = await Warehouse.open(db, { allowedDirs: [dir] });
      await wh.exec(
        `COPY (SELECT 'F' || i AS order_id, TIMESTAMPTZ '2026-10-01 10:00:00+08' + to_seconds(i) AS placed_at,
                      'u' || (i % 50000) AS customer_id, 99.00 AS paid_total
               FROM range(1, 1000001) t(i)) TO '${big}' (HEADER)`,
      );
      wh.close();
    }
    const script = `
      import { Warehouse } from ${JSON.stringify(join(process.cwd(), 'src/warehouse/warehouse.ts'))};
      import { importFiles } from ${JSON.stringify(join(process.cwd(), 'src/ingest/index.ts'))};
      const wh = await Warehouse.open(${JSON.stringify(db)}, { allowedDirs: [${JSON.stringify(dir)}] });
      let said = false;
      await importFiles(wh, [${JSON.stringify(big)}], {
        onProgress: (p) => { if (!said && p.done >= 0.25 * p.total) { said = true; process.stdout.write('loading\\n'); } },
      });
      process.stdout.write('done\\n');`;
    const fileBytes = () => [db, `${db}.wal`].reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0);
    const before = fileBytes();
    let polling: NodeJS.Timeout | undefined;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => {
      err += String(d);
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    child.stdout.on('data', (d) => {
      out += String(d);
      // the fast path is starting: kill it once its INSERT has written data into the database file
      if (out.includes('loading') && !polling) {
        polling = setInterval(() => {
          if (fileBytes() > before + (2 << 20)) {
            clearInterval(polling);
            child.kill('SIGKILL');
          }
        }, 5);
      }
    });
    const signal = await exited;
    clearInterval(polling);
    expect(err).toBe('');
    expect(signal).toBe('SIGKILL');
    expect(out).not.toContain('done');
    expect(fileBytes()).toBeGreaterThan(before + (2 << 20));

    const wh = await Warehouse.open(db, { allowedDirs: [dir] });
    for (const t of ['orders', 'customers', 'customer_facts', '_fupan_imports'])
      expect(await count(wh, t)).toBe(0);
    const [r] = await importFiles(wh, [big]);
    expect([r.inserted, r.loadPath]).toEqual([1_000_000, 'typed']);
    expect(await count(wh, 'customers')).toBe(50_000);
    wh.close();
  });
});
