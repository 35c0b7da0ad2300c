import { describe, expect, it } from 'vitest';
import { serveFixture } from './helpers/serve-fixture.js';

/**
 * GET /api/funnel and /api/channels on the hand-made fixture shop (test/fixtures/shop): the numbers are
 * counted by hand from its CSV files (October 2026 against September).
 */
const fx = serveFixture();
const get = (path: string) => fetch(`${fx.server.url}${path}`);
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies
const json = async (path: string): Promise<any> => {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  return res.json();
};

const INJECTIONS = [
  "'; DROP TABLE orders; --",
  "read_blob('/etc/passwd')",
  '＇；DROP TABLE orders；--',
  '../../etc/passwd',
  '%2e%2e%2f',
  'channel\u0000',
];

describe('GET /api/funnel', () => {
  it('visitors → paid buyers for the shop and by channel, counted by hand', async () => {
    const f = await json('/api/funnel?month=2026-10&by=channel');
    expect(f.period.current).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(f.period.previous).toEqual({ from: '2026-09-01', to: '2026-09-30' });
    // the fixture's traffic export has visitors only: the three middle steps are left out
    expect(f.missing).toEqual(['product_views', 'add_to_carts', 'checkouts']);
    // October visitors 100 + 20 + 50 + 30 + 40 + 60 = 300, September 100 + 100 = 200
    const [visitors, buyers] = f.total.steps;
    expect(visitors).toMatchObject({ step: 'visitors', value: 300, previous: 200 });
    // paid buyers: October u1 u2 u3 u5 u7 u8 = 6, September 4; 6/300 = 4/200 = 2 %
    expect(buyers).toMatchObject({ step: 'buyers', value: 6, previous: 4, rate: 0.02, rateChange: 0 });
    const live = f.groups.find((g: { values: { channel: string } }) => g.values.channel === '直播');
    // 直播: 100 + 20 + 60 = 180 visitors (September 100), largest first
    expect(f.groups[0]).toBe(live);
    expect(live.steps[0]).toMatchObject({ value: 180, previous: 100 });
  });

  it('answers the same JSON as the library would for the default month, and refuses bad parameters', async () => {
    expect(await json('/api/funnel')).toEqual(await json('/api/funnel?month=2026-10&vs=previous'));
    const bad = ['by=store', 'by=channel,channel', 'month=2026-13', 'vs=lastyear', 'x=1'];
    for (const q of bad) expect((await get(`/api/funnel?${q}`)).status, q).toBe(400);
    for (const name of ['month', 'vs', 'by']) {
      for (const v of INJECTIONS) {
        const res = await get(`/api/funnel?${name}=${encodeURIComponent(v)}`);
        expect(res.status, `${name}=${v}`).toBe(400);
        const body = await res.json();
        expect(body.error.code).toBe('USAGE');
        expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|SELECT/);
      }
    }
  });
});

describe('GET /api/channels', () => {
  it('channel table of October with the month before and last year, counted by hand', async () => {
    const r = await json('/api/channels?month=2026-10');
    expect(r.sql).toBeUndefined();
    expect(r.period).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    const live = r.channels[0];
    expect(live.channel).toBe('直播');
    // GMV S4 80 + T1 230 + T3 200 + T5 150 + T6 100 = 760; spend 100.50 + 49.50 = 150
    expect(live.metrics.gmv).toEqual({ value: 760, mom: 90, yoy: 200 });
    expect(live.metrics.spend.value).toBe(150);
    expect(live.metrics.roas.value).toBeCloseTo(760 / 150, 12);
    expect(live.metrics.visitors.value).toBe(180);
    expect(live.visitorShare.value).toBeCloseTo(180 / 300, 12);
    // new buyers u5, u7 → CAC 150 / 2
    expect(live.metrics.cac.value).toBe(75);
    // 搜索 has no spend: ROAS and CAC mean nothing there
    const search = r.channels.find((c: { channel: string }) => c.channel === '搜索');
    expect(search.paid).toBe(false);
    expect(search.metrics.roas.value).toBeNull();
    expect(r.total.gmv.value).toBe(988);
  });

  it('refuses bad parameters', async () => {
    for (const q of ['month=2026-1', 'vs=yoy', 'month=2026-10&x=1']) {
      expect((await get(`/api/channels?${q}`)).status, q).toBe(400);
    }
    for (const v of INJECTIONS) {
      expect((await get(`/api/channels?month=${encodeURIComponent(v)}`)).status, v).toBe(400);
    }
  });
});

describe('GET /api/health', () => {
  it('carries a data version that stays put while nothing is imported', async () => {
    const a = await json('/api/health');
    const b = await json('/api/health');
    expect(a.dataVersion).toMatch(/^[0-9a-f]{8}\.0$/);
    expect(b.dataVersion).toBe(a.dataVersion);
  });
});
