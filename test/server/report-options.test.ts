import { describe, expect, it } from 'vitest';
import { serveFixture } from './helpers/serve-fixture.js';

// GET /api/report's options for `fupan report` through the server: shop and reproducible.
const fx = serveFixture();
const get = (path: string) => fetch(`${fx.server.url}${path}`);

describe('GET /api/report options', () => {
  it('reproducible=1 leaves the generation time out: two downloads are identical', async () => {
    const q = '/api/report?month=2026-10&lang=en&format=md&reproducible=1';
    const a = await (await get(q)).text();
    const b = await (await get(`${q}&shop=shop`)).text();
    expect(a).toContain('¥988.00');
    expect(b).toBe(a); // the default shop name is the database file's: shop.duckdb → "shop"
    expect(a).not.toMatch(/Generated/i);
  });

  it('shop is text in the report, escaped in HTML; control characters and bad values are refused', async () => {
    const html = await (
      await get(
        `/api/report?month=2026-10&format=html&reproducible=1&shop=${encodeURIComponent('<script>alert(1)</script>')}`,
      )
    ).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
    for (const q of [
      `shop=${encodeURIComponent('a\u0000b')}`,
      `shop=${'x'.repeat(201)}`,
      'reproducible=2',
      'sections=funnel',
      'sections=',
      `reproducible=${encodeURIComponent("1'; DROP TABLE orders; --")}`,
    ]) {
      const res = await get(`/api/report?month=2026-10&format=md&${q}`);
      expect(res.status, q).toBe(400);
      expect((await res.json()).error.code).toBe('USAGE');
    }
  });

  it('sections picks the analysis sections; each choice is its own download', async () => {
    const md = async (q: string) =>
      (await get(`/api/report?month=2026-10&format=md&reproducible=1${q}`)).text();
    const all = await md('');
    const none = await md('&sections=none');
    const customers = await md('&sections=customers');
    expect(all).toContain('## 客户洞察');
    expect(none).not.toContain('## 客户洞察');
    expect(customers).toContain('## 客户洞察');
    expect(customers).not.toContain('## 渠道表现评估');
    expect(none.slice(0, none.indexOf('\n## 附录'))).toBe(all.slice(0, all.indexOf('\n## 渠道表现评估')));
    expect(await md('&sections=all')).toBe(all);
  });
});
