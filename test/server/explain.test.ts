import { describe, expect, it } from 'vitest';
import { serveFixture } from './helpers/serve-fixture.js';

// GET /api/explain on the hand-made fixture shop: the same analysis as `fupan explain --format json`.
const fx = serveFixture();
const get = (path: string) => fetch(`${fx.server.url}${path}`);

describe('GET /api/explain', () => {
  it('conversion: causes add up to the change; gmv: factors add up to the cent', async () => {
    const res = await get('/api/explain?metric=conversion&month=2026-10');
    expect(res.status).toBe(200);
    const j = await res.json();
    expect(j.metric).toBe('conversion');
    expect(j.causes.reduce((a: number, c: { total: number }) => a + c.total, 0)).toBe(j.change);
    const g = await (await get('/api/explain?metric=gmv&month=2026-10&pairs=0')).json();
    const fen = (x: number) => Math.round(x * 100);
    expect(fen(g.factors.visitors) + fen(g.factors.conversion) + fen(g.factors.atv)).toBe(fen(g.change));
    expect(fen(g.current)).toBe(98_800); // 988 yuan of paid October orders (test/metrics/metrics.test.ts)
  });

  it('refuses bad parameters with 400', async () => {
    for (const q of ['metric=nope', 'month=2026-13', 'vs=lastyear', 'pairs=2', 'x=1']) {
      expect((await get(`/api/explain?${q}`)).status, q).toBe(400);
    }
  });
});
