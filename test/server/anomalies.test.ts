import { describe, expect, it } from 'vitest';
import { serveFixture } from './helpers/serve-fixture.js';

// GET /api/anomalies on the hand-made fixture shop (test/fixtures/shop): too little history for a
// baseline, so nothing is flagged, but the calendar is there: marketing_spend campaigns c3 (10-05) and
// c2 (10-20) run ≤ 31 days, c1 (2026-09-15…11-02, 49 days) is not a campaign, and the built-in 双11
// window starts 10-24.
const fx = serveFixture();
const get = (path: string) => fetch(`${fx.server.url}${path}`);

describe('GET /api/anomalies', () => {
  it('answers the documented shape: calendar days labelled, metrics without history listed', async () => {
    const res = await get('/api/anomalies?month=2026-10');
    expect(res.status).toBe(200);
    const j = await res.json();
    expect(j.period).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(j.metrics).toEqual(['gmv', 'orders', 'buyers', 'visitors', 'conversion', 'atv']);
    expect(j.threshold).toBe(3.5);
    expect(j.anomalies).toEqual([]);
    expect(j.runs).toEqual([]);
    expect(j.stockouts).toEqual([]);
    expect(j.unscored).toEqual(j.metrics);
    const known = j.known.map((k: { date: string; name: string; kind: string; source: string }) => [
      k.date,
      k.name,
      k.source,
    ]);
    expect(known).toEqual([
      ['2026-10-05', 'c3', 'data'],
      ['2026-10-20', 'c2', 'data'],
      ...[24, 25, 26, 27, 28, 29, 30, 31].map((d) => [`2026-10-${d}`, '双11', 'default']),
    ]);
  });

  it('takes a metric list and a from/to period', async () => {
    const j = await (await get('/api/anomalies?from=2026-10-01&to=2026-10-10&metric=gmv,atv')).json();
    expect(j.metrics).toEqual(['gmv', 'atv']);
    expect(j.period).toEqual({ from: '2026-10-01', to: '2026-10-10' });
    expect(j.known.map((k: { date: string }) => k.date)).toEqual(['2026-10-05']);
  });

  it('refuses bad parameters with 400 and a JSON error, injection strings included', async () => {
    const bad = [
      'month=2026-13',
      'month=2026-10&from=2026-10-01&to=2026-10-02',
      'from=2026-10-01',
      'from=2026-02-30&to=2026-03-01',
      'from=2026-10-10&to=2026-10-01',
      'from=2025-01-01&to=2026-10-31',
      'metric=nope',
      'metric=gmv,spend',
      'threshold=0',
      'threshold=abc',
      'x=1',
      `month=${encodeURIComponent("2026-10' OR '1'='1")}`,
      `metric=${encodeURIComponent('gmv); DROP TABLE orders; --')}`,
      `from=${encodeURIComponent("2026-10-01'; DELETE FROM orders; --")}&to=2026-10-31`,
      `${encodeURIComponent("month'")}=2026-10`,
    ];
    for (const q of bad) {
      const res = await get(`/api/anomalies?${q}`);
      expect(res.status, q).toBe(400);
      const body = await res.json();
      expect(body.error.code, q).toBe('USAGE');
      expect(typeof body.error.message).toBe('string');
    }
    // The orders are still there.
    const ok = await (await get('/api/explain?metric=gmv&month=2026-10&pairs=0')).json();
    expect(Math.round(ok.current * 100)).toBe(98_800);
  });
});
