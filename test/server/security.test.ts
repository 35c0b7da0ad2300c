import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveFixture } from './helpers/serve-fixture.js';

/** Served on all interfaces: every request needs the token (generated into the config on start). */
const fx = serveFixture({ host: '0.0.0.0' });
const local = () => `http://127.0.0.1:${fx.server.port}`;
const auth = () => ({ authorization: `Bearer ${fx.server.token}` });
const get = (path: string) => fetch(`${local()}${path}`, { headers: auth() });

const INJECTIONS = [
  "'; DROP TABLE orders; --",
  "read_blob('/etc/passwd')",
  "gmv) FROM read_csv('/etc/passwd') --",
  '＇；DROP TABLE orders；--',
  '" OR 1=1 --',
  '$1',
  '../../etc/passwd',
  'channel\u0000',
];

describe('off localhost: the access token', () => {
  it('is generated on first start, saved in the config readable by the owner only', () => {
    expect(fx.server.requireToken).toBe(true);
    expect(fx.server.tokenCreated).toBe(true);
    expect(fx.server.token.length).toBeGreaterThanOrEqual(40);
    const path = join(fx.dir, 'fupan.config.json');
    expect(JSON.parse(readFileSync(path, 'utf8')).serverToken).toBe(fx.server.token);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('is required on every API request and page; there are no default credentials', async () => {
    for (const path of [
      '/api/health',
      '/api/meta',
      '/api/query?metrics=gmv&month=2026-10',
      '/api/query.csv',
      '/',
    ]) {
      const none = await fetch(`${local()}${path}`);
      expect(none.status, path).toBe(401);
      const body = await none.json();
      expect(body.error.code).toBe('UNAUTHORIZED');
      for (const guess of ['admin', 'fupan', '', 'null', 'undefined']) {
        const res = await fetch(`${local()}${path}`, { headers: { authorization: `Bearer ${guess}` } });
        expect(res.status, `${path} ${guess}`).toBe(401);
      }
    }
    expect((await get('/api/health')).status).toBe(200);
  });

  it('opening the printed link sets the cookie the dashboard then uses', async () => {
    const res = await fetch(`${local()}/?token=${fx.server.token}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    expect((await fetch(`${local()}/api/meta`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${local()}/`, { headers: { cookie } })).status).toBe(200);
  });
});

describe('injection strings in every parameter', () => {
  const base: Record<string, string> = {
    metrics: 'gmv,orders',
    by: 'channel',
    from: '2026-10-01',
    to: '2026-10-31',
    compare: 'mom',
    sort: 'gmv:desc',
    limit: '5',
  };
  const url = (p: Record<string, string>, filter?: string) => {
    const q = new URLSearchParams(p);
    if (filter !== undefined) q.append('filter', filter);
    return `/api/query?${q}`;
  };

  it('answer 400, or exactly what a harmless value gives — and the data is intact afterwards', async () => {
    const before = await (await get('/api/query?metrics=gmv,orders&month=2026-10')).json();
    const harmlessFilter = await (await get(url(base, 'channel=no such channel'))).json();
    expect(harmlessFilter).toEqual([]);
    for (const s of INJECTIONS) {
      for (const name of Object.keys(base)) {
        const res = await get(url({ ...base, [name]: s }));
        expect([400], `${name}=${s}`).toContain(res.status);
        const body = await res.json();
        expect(Object.keys(body)).toEqual(['error']);
        expect(JSON.stringify(body)).not.toMatch(/SELECT |\.ts:\d|node_modules|\n\s+at /);
      }
      // as a filter value it is a bound parameter: no channel has that name
      const asValue = await get(url(base, `channel=${s}`));
      expect(asValue.status, s).toBe(200);
      expect(await asValue.json(), s).toEqual(harmlessFilter);
      // as a filter dimension it is refused
      expect((await get(url(base, `${s}=x`))).status, s).toBe(400);
      expect((await get(`/api/query.csv?metrics=${encodeURIComponent(s)}&month=2026-10`)).status).toBe(400);
    }
    expect(await (await get('/api/query?metrics=gmv,orders&month=2026-10')).json()).toEqual(before);
  });

  it('import parameters: names are sanitised, tables and mappings come only from the registry', async () => {
    for (const s of INJECTIONS) {
      for (const name of ['table', 'mapping']) {
        const res = await fetch(`${local()}/api/import?name=x.csv&${name}=${encodeURIComponent(s)}`, {
          method: 'POST',
          headers: auth(),
          body: 'a',
        });
        expect(res.status, `${name}=${s}`).toBe(400);
      }
    }
  });
});

describe('GET /api/query.csv', () => {
  it('escapes text that a spreadsheet would run, keeps numbers numeric', async () => {
    const header =
      'order_id,placed_at,customer_id,paid_at,status,channel,device,province,item_total,paid_total';
    const csv = [
      header,
      'X1,2026-10-05 10:00:00+08,u20,2026-10-05 10:01:00+08,paid,"=HYPERLINK(""http://x"",""y"")",app,广东,10.00,10.00',
      'X2,2026-10-05 11:00:00+08,u21,2026-10-05 11:01:00+08,paid,-1+1,app,广东,20.00,20.00',
      'X3,2026-10-05 12:00:00+08,u22,2026-10-05 12:01:00+08,paid,@SUM(A1),app,广东,30.00,30.00',
    ].join('\n');
    const imp = await fetch(`${local()}/api/import?name=evil.csv&table=orders`, {
      method: 'POST',
      headers: auth(),
      body: `${csv}\n`,
    });
    expect(imp.status).toBe(200);
    const res = await get(
      '/api/query.csv?metrics=gmv,orders&by=channel&month=2026-10&compare=mom&sort=channel:asc',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="fupan-gmv-orders-2026-10-01_2026-10-31\.csv"$/,
    );
    // read the bytes: Response.text() would drop the byte-order mark Excel needs
    const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
    expect(text[0]).toBe('\uFEFF');
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('channel,gmv,orders,gmv_mom_base,gmv_mom,orders_mom_base,orders_mom');
    expect(lines).toContain(`"'=HYPERLINK(""http://x"",""y"")",10,1,0,,0,`);
    expect(lines).toContain("'-1+1,20,1,0,,0,");
    expect(lines).toContain("'@SUM(A1),30,1,0,,0,");
    // 私域 sold only in September (30.00): a real negative number (−100 %) stays a number
    expect(lines).toContain('私域,0,0,30,-1,1,-1');
    // and the JSON rows are the same data
    const json = await (
      await get('/api/query?metrics=gmv,orders&by=channel&month=2026-10&compare=mom&sort=channel:asc')
    ).json();
    expect(json.find((r: { channel: string }) => r.channel === '-1+1').gmv).toBe(20);
  });
});
