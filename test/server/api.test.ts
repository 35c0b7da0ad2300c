import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { serveFixture } from './helpers/serve-fixture.js';

const fx = serveFixture();
const get = (path: string, init?: RequestInit) => fetch(`${fx.server.url}${path}`, init);

/** A request with the path sent byte for byte (fetch would normalise `..`). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: fx.server.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /api/health and /api/meta', () => {
  it('health answers ok with the version and nothing about the machine', async () => {
    const res = await get('/api/health');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(JSON.stringify(body)).not.toContain(fx.dir);
  });

  it('meta lists registry metrics and dimensions with zh/en labels, tables and the data range', async () => {
    const meta = await (await get('/api/meta')).json();
    const gmv = meta.metrics.find((m: { name: string }) => m.name === 'gmv');
    expect(gmv.label).toEqual({ zh: '成交金额', en: 'GMV' });
    expect(gmv.format).toBe('money');
    expect(meta.dimensions.map((d: { name: string }) => d.name)).toContain('channel');
    // test/fixtures/shop: 17 orders, 19 lines; paid dates from 2025-10-10
    const orders = meta.tables.find((t: { table: string }) => t.table === 'orders');
    expect(orders).toMatchObject({ rows: 17, empty: false, from: '2025-10-10' });
    expect(meta.tables.find((t: { table: string }) => t.table === 'order_lines').rows).toBe(19);
    expect(meta.dataRange.from).toBe('2025-10-10');
    expect(meta.currency).toBe('CNY');
  });
});

describe('GET /api/query', () => {
  it('returns exactly the JSON rows `fupan query --format json` prints for the same arguments', async () => {
    const cases: Array<[string, string[]]> = [
      [
        'metrics=gmv,buyers&by=channel&month=2026-10',
        ['--metrics', 'gmv,buyers', '--by', 'channel', '--month', '2026-10'],
      ],
      [
        'metrics=gmv,orders,conversion&by=device&from=2026-09-01&to=2026-10-31&compare=mom,yoy&sort=gmv:desc&limit=2',
        [
          ...[
            '--metrics',
            'gmv,orders,conversion',
            '--by',
            'device',
            '--from',
            '2026-09-01',
            '--to',
            '2026-10-31',
          ],
          ...['--compare', 'mom,yoy', '--sort', 'gmv:desc', '--limit', '2'],
        ],
      ],
      [
        `metrics=gmv,atv&by=category&month=2026-10&filter=${encodeURIComponent('channel=直播')}`,
        ['--metrics', 'gmv,atv', '--by', 'category', '--month', '2026-10', '--filter', 'channel=直播'],
      ],
      ['metrics=gmv,gmv_target_completion', ['--metrics', 'gmv,gmv_target_completion']],
    ];
    // the server owns the database file: the CLI reads an identical copy made before it started
    const cli = (args: string[]) =>
      promisify(execFile)(process.execPath, [
        ...['--import', 'tsx', 'src/cli/main.ts', '--db', fx.copyPath],
        ...['query', ...args, '--format', 'json'],
      ]);
    const printed = await Promise.all(cases.map(([, args]) => cli(args)));
    for (const [i, [qs]] of cases.entries()) {
      const res = await get(`/api/query?${qs}`);
      expect(res.status, qs).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const api = await res.json();
      expect(api, qs).toEqual(JSON.parse(printed[i].stdout));
      expect(api.length, qs).toBeGreaterThan(0);
    }
  });

  it('refuses unknown metrics, dimensions and parameters with a JSON 400', async () => {
    for (const path of [
      '/api/query?metrics=nope&month=2026-10',
      '/api/query?metrics=gmv&by=nope&month=2026-10',
      '/api/query?metrics=gmv&month=2026-13',
      '/api/query?metrics=gmv&month=2026-10&colour=red',
      '/api/query?metrics=gmv&month=2026-10&month=2026-09',
      '/api/query?month=2026-10',
      '/api/query?metrics=gmv&month=2026-10&limit=-1',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      const body = await res.json();
      expect(Object.keys(body), path).toEqual(['error']);
      expect(typeof body.error.code).toBe('string');
      expect(body.error.message).not.toMatch(/SELECT|at .*\.ts|node_modules/);
    }
  });
});

describe('static files', () => {
  it('serves the dashboard with security headers', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="app">');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers traversal attempts with 404', async () => {
    for (const path of [
      '/../../../etc/passwd',
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/..%5c..%5cetc%5cpasswd',
      '/assets/..\\..\\package.json',
      '/index.html%00.js',
      '//etc/passwd',
      '/etc/passwd',
      '/assets/../../shop.duckdb',
      '/shop.duckdb',
    ]) {
      const res = await rawGet(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('root:');
    }
  });
});

describe('GET /api/report', () => {
  it('downloads the monthly review as fupan report writes it (Markdown, October GMV ¥988.00)', async () => {
    const res = await get('/api/report?month=2026-10&lang=zh&format=md');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="review-2026-10.zh.md"');
    const md = await res.text();
    expect(md).toContain('¥988.00');
  });

  it('HTML may style itself but never run a script', async () => {
    const res = await get('/api/report?month=2026-10&lang=en&format=html');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    expect(await res.text()).toContain('<svg');
  });

  it('refuses bad parameters (400) and months without data (404)', async () => {
    for (const qs of ['lang=fr', 'format=pdf', 'month=2026-1', "month=2026-10'--", 'x=1']) {
      expect((await get(`/api/report?${qs}`)).status, qs).toBe(400);
    }
    const none = await get('/api/report?month=2020-01&format=md');
    expect(none.status).toBe(404);
    expect((await none.json()).error.code).toBe('NO_DATA');
  });
});
