import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FupanError, isFupanError } from '../../src/errors.js';
import { importFiles } from '../../src/ingest/index.js';
import { tempDir } from '../helpers/tmp.js';
import { count, openIn, write } from './helpers.js';

async function refusal(p: Promise<unknown>): Promise<FupanError> {
  try {
    await p;
  } catch (e) {
    if (isFupanError(e)) return e;
    throw e;
  }
  throw new Error('expected the import to be refused');
}

const HEADER = '订单编号,下单时间,买家ID,实付金额,订单状态\n';

describe('CSV import: malformed rows and files', () => {
  const dir = tempDir();

  it('reports every bad row with line, column, value and reason and loads nothing', async () => {
    const wh = await openIn(dir, 'bad.duckdb');
    // line 1 header; line 2 ok; lines 3-4 one record with a quoted newline; line 5 bad money;
    // line 6 bad date and unknown status; line 7 ok
    const file = write(
      dir,
      'bad.csv',
      `${HEADER}A1,2026-10-05 12:00,u1,10.00,交易成功\nA2,2026-10-05 12:00,"u\n2",11.00,已付款\nA3,2026-10-05,u3,12.x,已付款\nA4,soon,u4,13,发货了吗\nA5,2026-10-06,u5,14,交易关闭\n`,
    );
    const e = await refusal(importFiles(wh, [file], { rejectsDir: dir }));
    expect(e.code).toBe('INGEST_BAD_ROW');
    const rejects = e.details.rejects as Array<{
      line: number;
      column: string;
      value: string;
      reason: string;
    }>;
    expect(rejects.map((r) => [r.line, r.column, r.value])).toEqual([
      [5, '实付金额', '12.x'],
      [6, '下单时间', 'soon'],
      [6, '订单状态', '发货了吗'],
    ]);
    expect(rejects[2].reason).toMatch(/unknown order status/);
    expect(e.details.line).toBe(5);
    expect(e.message).toMatch(/2 bad row\(s\); nothing was loaded/);
    expect(await count(wh, 'orders')).toBe(0);
    expect(await count(wh, '_fupan_imports')).toBe(0);
    const rejectsCsv = readFileSync(join(dir, 'bad.csv.rejects.csv'), 'utf8');
    expect(rejectsCsv.split('\n')[0]).toBe('\uFEFFfile,line,column,value,reason');
    expect(rejectsCsv).toContain(',5,实付金额,12.x,');

    // --skip-bad-rows: the 3 good rows load, the 2 bad ones are still reported
    const [r] = await importFiles(wh, [file], { skipBadRows: true, rejectsDir: dir });
    expect([r.rowsRead, r.inserted, r.rejected, r.rejects.length]).toEqual([5, 3, 2, 3]);
    expect(
      (await wh.query('SELECT order_id, customer_id FROM orders ORDER BY 1')).map((x) => x.order_id),
    ).toEqual(['A1', 'A2', 'A5']);
    expect((await wh.query("SELECT customer_id FROM orders WHERE order_id = 'A2'"))[0].customer_id).toBe(
      'u\n2',
    );
    wh.close();
  });

  it('refuses a file with an unterminated quote, naming the line', async () => {
    const wh = await openIn(dir, 'quote.duckdb');
    const file = write(
      dir,
      'quote.csv',
      `${HEADER}A1,2026-10-05,u1,10,交易成功\nA2,2026-10-05,"u2,11,交易成功\nA3,2026-10-05,u3,12,交易成功\n`,
    );
    const e = await refusal(importFiles(wh, [file]));
    expect(e.code).toBe('INGEST_BAD_FILE');
    expect(e.message).toMatch(/line 3: unterminated quote/);
    expect(await count(wh, 'orders')).toBe(0);
    wh.close();
  });

  it('refuses a row with too many fields and a file missing required columns', async () => {
    const wh = await openIn(dir, 'shape.duckdb');
    const wide = write(
      dir,
      'wide.csv',
      `${HEADER}A1,2026-10-05,u1,10,交易成功\nA2,2026-10-05,u2,11,交易成功,extra\n`,
    );
    const e1 = await refusal(importFiles(wh, [wide]));
    expect(e1.message).toMatch(/line 3: the row has 6 fields, the header has 5/);
    const missing = write(dir, 'missing.csv', '订单编号,买家ID,实付金额\nA1,u1,10\n');
    const e2 = await refusal(importFiles(wh, [missing], { table: 'orders' }));
    expect(e2.code).toBe('INGEST_MISSING_COLUMNS');
    expect(e2.message).toMatch(/placed_at \(下单时间/);
    expect(await count(wh, 'orders')).toBe(0);
    wh.close();
  });

  it('refuses a file outside the folders the warehouse may read', async () => {
    const other = tempDir();
    const wh = await openIn(dir, 'outside.duckdb');
    const file = write(other, 'o.csv', `${HEADER}A1,2026-10-05,u1,10,交易成功\n`);
    const e = await refusal(importFiles(wh, [file]));
    expect(e.message).toMatch(/outside the folders this database may read/);
    wh.close();
  });

  it('duplicate keys within one file: the last row wins and is counted', async () => {
    const wh = await openIn(dir, 'dup.duckdb');
    const file = write(
      dir,
      'dup.csv',
      `${HEADER}A1,2026-10-05,u1,10,已付款\nA2,2026-10-05,u2,11,已付款\nA1,2026-10-05,u1,12,交易成功\n`,
    );
    const [r] = await importFiles(wh, [file]);
    expect([r.rowsRead, r.inserted, r.duplicateKeys]).toEqual([3, 2, 1]);
    expect(await wh.query("SELECT paid_total, status FROM orders WHERE order_id = 'A1'")).toEqual([
      { paid_total: 12, status: 'completed' },
    ]);
    wh.close();
  });

  it('a refused file names its table and counts (products: 2 read, 1 rejected)', async () => {
    const wh = await openIn(dir, 'refused-products.duckdb');
    const file = write(dir, 'products-bad.csv', 'sku,title,unit_cost\nS1,shoe,abc\nS2,hat,3\n');
    const [r] = await importFiles(wh, [file], { keepGoing: true, rejectsDir: dir });
    expect(r).toMatchObject({ table: 'products', rowsRead: 2, rejected: 1, inserted: 0 });
    expect(r.error?.code).toBe('INGEST_BAD_ROW');
    expect(await count(wh, 'products')).toBe(0);
    wh.close();
  });

  it('keepGoing reports a refused file and imports the rest', async () => {
    const wh = await openIn(dir, 'keep.duckdb');
    const bad = write(dir, 'k1.csv', `${HEADER}A1,never,u1,10,交易成功\n`);
    const good = write(dir, 'k2.csv', `${HEADER}A2,2026-10-05,u2,10,交易成功\n`);
    const results = await importFiles(wh, [bad, good], { keepGoing: true, rejectsDir: dir });
    expect(results.map((r) => Boolean(r.error))).toEqual([true, false]);
    expect(results[0].error?.code).toBe('INGEST_BAD_ROW');
    // The refused file carries what was read and rejected; nothing of it was loaded.
    expect(results[0]).toMatchObject({ table: 'orders', rowsRead: 1, rejected: 1, inserted: 0 });
    expect(results[0].rejects[0]).toMatchObject({ line: 2, column: '下单时间', value: 'never' });
    expect(await count(wh, 'orders')).toBe(1);
    expect(existsSync(join(dir, 'k1.csv.rejects.csv'))).toBe(true);
    wh.close();
  });
});
