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
      `reproducible=${encodeURIComponent("1'; DROP TABLE orders; --")}`,
    ]) {
      const res = await get(`/api/report?month=2026-10&format=md&${q}`);
      expect(res.status, q).toBe(400);
      expect((await res.json()).error.code).toBe('USAGE');
    }
  });
});
