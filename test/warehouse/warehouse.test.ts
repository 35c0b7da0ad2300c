import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportSession } from '../../src/report/monthly.js';
import { TABLE_NAMES } from '../../src/schema/tables.js';
import { SCHEMA_VERSION } from '../../src/warehouse/migrations.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { tempDir } from '../helpers/tmp.js';

describe('Warehouse', () => {
  const dir = tempDir();

  it('creates every canonical table and records the schema version; reopening applies nothing', async () => {
    const path = join(dir, 'a.duckdb');
    const wh = await Warehouse.open(path);
    const tables = (await wh.query('SELECT table_name FROM information_schema.tables ORDER BY 1')).map(
      (r) => r.table_name,
    );
    for (const t of TABLE_NAMES) expect(tables).toContain(t);
    expect(await wh.query("SELECT value FROM _fupan_meta WHERE key = 'schema_version'")).toEqual([
      { value: String(SCHEMA_VERSION) },
    ]);
    wh.close();
    const again = await Warehouse.open(path);
    expect(await again.migrate()).toEqual([]);
    again.close();
  });

  it('withSetting restores the setting, also when a statement fails inside a transaction', async () => {
    const wh = await Warehouse.open(':memory:');
    const setting = async () =>
      (
        await wh.query(
          "SELECT current_setting('disabled_optimizers') AS v, current_setting('preserve_insertion_order') AS p",
        )
      )[0];
    const before = await setting();
    expect(before).toEqual({ v: '', p: true });
    const inside = await wh.withSetting('disabled_optimizers', 'join_order', setting);
    expect(inside.v).toBe('join_order');
    expect(await setting()).toEqual(before);
    // a failed statement aborts the transaction: nothing, the restoring SET included, runs until the
    // rollback, and the setting would outlive it
    await expect(
      wh.transaction(() =>
        wh.withSetting('preserve_insertion_order', false, () =>
          wh.withSetting('disabled_optimizers', 'join_order', () => wh.run("SELECT CAST('x' AS INTEGER)")),
        ),
      ),
    ).rejects.toThrow(/Could not convert/);
    expect(await setting()).toEqual(before);
    wh.close();
  });

  it('returns exact money, dates and ISO instants; binds parameters', async () => {
    const wh = await Warehouse.open(':memory:', { timeZone: 'Asia/Shanghai' });
    const rows = await wh.query(
      "SELECT CAST($1 AS DECIMAL(18,2)) + 0.2 AS m, DATE '2026-10-05' AS d, TIMESTAMPTZ '2026-10-31 23:30:00+08' AS t, count(*) AS n, $2 AS s FROM range(3)",
      ['0.1', "x'; DROP TABLE orders; --"],
    );
    expect(rows).toEqual([
      { m: 0.3, d: '2026-10-05', t: '2026-10-31T15:30:00.000Z', n: 3, s: "x'; DROP TABLE orders; --" },
    ]);
    // the session zone is the store's: a local date of an instant just after midnight in Shanghai
    const [local] = await wh.query(
      `SELECT ${wh.dialect.localDate("TIMESTAMPTZ '2026-10-31 16:30:00+00'", 'Asia/Shanghai')} AS d`,
    );
    expect(local.d).toBe('2026-11-01');
    wh.close();
  });

  it('bounds memory and spills beside the database file when asked (the report session)', async () => {
    const path = join(dir, 'm.duckdb');
    (await Warehouse.open(path)).close();
    const setting = async (wh: Warehouse, name: string) =>
      (await wh.query('SELECT current_setting($1) AS v', [name]))[0].v;
    const plain = await Warehouse.open(path, { readOnly: true });
    expect(await setting(plain, 'preserve_insertion_order')).toBe(true);
    plain.close();
    const session = reportSession({ FUPAN_MEMORY_LIMIT: '300MB' });
    expect(session).toEqual({ readOnly: true, memoryLimit: '300MB', preserveInsertionOrder: false });
    expect(reportSession({}).memoryLimit).toBe('500MB');
    const wh = await Warehouse.open(path, session);
    // DuckDB prints the limit in its own units: 300 MB = 286.1 MiB.
    expect(await setting(wh, 'memory_limit')).toBe('286.1 MiB');
    expect(await setting(wh, 'preserve_insertion_order')).toBe(false);
    expect(await setting(wh, 'temp_directory')).toBe(`${path}.tmp`);
    wh.close();
  });

  it('rolls back a failed transaction whole', async () => {
    const wh = await Warehouse.open(':memory:');
    await expect(
      wh.transaction(async () => {
        await wh.run("INSERT INTO products (sku) VALUES ('A')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await wh.query('SELECT count(*) AS n FROM products')).toEqual([{ n: 0 }]);
    wh.close();
  });

  it('refuses files outside the allowed folders and extension installs', async () => {
    const allowed = join(dir, 'in');
    const wh = await Warehouse.open(join(dir, 'b.duckdb'), { allowedDirs: [dir] });
    writeFileSync(join(dir, 'x.csv'), 'a\n1\n');
    expect(await wh.query(`SELECT a FROM read_csv('${join(dir, 'x.csv')}')`)).toEqual([{ a: 1 }]);
    await expect(wh.query("SELECT * FROM read_csv('/etc/passwd')")).rejects.toThrow(/Permission|disabled/);
    await expect(wh.exec('INSTALL httpfs')).rejects.toThrow();
    await expect(wh.exec('SET enable_external_access = true')).rejects.toThrow();
    expect(allowed).toBeTruthy();
    wh.close();
  });

  it('names the process holding the database when another writer has it', async () => {
    const path = join(dir, 'locked.duckdb');
    const wh = await Warehouse.open(path);
    const script = `
      import { Warehouse } from ${JSON.stringify(join(process.cwd(), 'src/warehouse/warehouse.ts'))};
      try { await Warehouse.open(${JSON.stringify(path)}); console.log('opened'); }
      catch (e) { console.log(e.code + ' ' + e.message); }`;
    const res = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(res.stdout).toMatch(new RegExp(`DB_IN_USE .*in use by PID ${process.pid}`));
    wh.close();
  });
});
