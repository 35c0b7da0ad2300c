import { execFile } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readRuntimeFile, runtimeFilePath } from '../../src/server/runtime-file.js';
import { serveFixture } from './helpers/serve-fixture.js';

const fx = serveFixture();
const get = (path: string) => fetch(`${fx.server.url}${path}`);
const octoberGmv = async () => (await (await get('/api/query?metrics=gmv,orders&month=2026-10')).json())[0];

const HEADER =
  'order_id,placed_at,customer_id,paid_at,status,channel,device,province,item_total,paid_total,refund_total';

describe('imports while fupan serve owns the database', () => {
  it('writes a runtime file (owner-only) naming this process, port and token', () => {
    const info = readRuntimeFile(fx.dbPath);
    expect(info).toMatchObject({ pid: process.pid, port: fx.server.port, token: fx.server.token });
    expect(statSync(runtimeFilePath(fx.dbPath)).mode & 0o777).toBe(0o600);
  });

  it('a second `fupan serve` on the same database exits 2 naming the owner PID', async () => {
    const err = await promisify(execFile)(process.execPath, [
      ...['--import', 'tsx', 'src/cli/main.ts', '--db', fx.dbPath, 'serve', '--port', '0'],
    ]).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(2);
    expect((err as { stderr: string }).stderr).toContain(`in use by PID ${process.pid}`);
  });

  it('POST /api/import needs the bearer token, even on localhost', async () => {
    const res = await fetch(`${fx.server.url}/api/import?name=x.csv`, { method: 'POST', body: 'a,b\n1,2\n' });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('UNAUTHORIZED');
  });

  it('refuses mapping files and unknown tables over HTTP', async () => {
    const headers = { authorization: `Bearer ${fx.server.token}` };
    for (const qs of ['mapping=/etc/passwd', 'table=users', 'rejectsDir=/tmp']) {
      const res = await fetch(`${fx.server.url}/api/import?name=x.csv&${qs}`, {
        method: 'POST',
        headers,
        body: 'x',
      });
      expect(res.status, qs).toBe(400);
    }
  });

  it('imports a file through the API; the next query sees it, under a new data version', async () => {
    const before = await octoberGmv();
    const health = await (await get('/api/health')).json();
    const answered = await get('/api/query?metrics=gmv&month=2026-10');
    expect(answered.headers.get('x-fupan-data-version')).toBe(health.dataVersion);
    expect(answered.headers.get('x-fupan-period')).toBe('2026-10-01..2026-10-31');
    const csv = `${HEADER}\nN1,2026-10-15 10:00:00+08,u9,2026-10-15 10:05:00+08,paid,直播,app,广东,1234.50,1234.50,0\n`;
    const res = await fetch(`${fx.server.url}/api/import?name=new-orders.csv&table=orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fx.server.token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(res.status).toBe(200);
    const [result] = await res.json();
    expect(result).toMatchObject({ file: 'new-orders.csv', table: 'orders', inserted: 1, rejected: 0 });
    const after = await octoberGmv();
    const next = (await (await get('/api/health')).json()).dataVersion;
    expect(next).not.toBe(health.dataVersion);
    expect(next.split('.')[0]).toBe(health.dataVersion.split('.')[0]);
    expect(Number(next.split('.')[1])).toBe(Number(health.dataVersion.split('.')[1]) + 1);
    expect(after.orders).toBe(before.orders + 1);
    expect(Math.round(after.gmv * 100)).toBe(Math.round(before.gmv * 100) + 123450);
  });

  it('`fupan import` sends its files through the running server instead of failing on the lock', async () => {
    const before = await octoberGmv();
    const file = join(fx.dir, 'more-orders.csv');
    writeFileSync(
      file,
      `${HEADER}\nN2,2026-10-16 10:00:00+08,u9,2026-10-16 10:05:00+08,paid,直播,app,广东,99.90,99.90,0\n`,
    );
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [
      ...['--import', 'tsx', 'src/cli/main.ts', '--db', fx.dbPath, 'import', file, '--table', 'orders'],
    ]);
    expect(stderr).toContain(`PID ${process.pid}`);
    expect(stdout).toContain('1 inserted');
    const after = await octoberGmv();
    expect(Math.round(after.gmv * 100)).toBe(Math.round(before.gmv * 100) + 9990);
  });
});
