import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelPerformance, relativeChange } from '../../src/analyses/channels/index.js';
import { funnelAnalysis, funnelOf } from '../../src/analyses/funnel/index.js';
import { PLANTED, type PlantedShop, plantedShop } from './planted-shop.js';

// Expected values: independent SQL over the loaded tables, and the demo's ground-truth.json.
let shop: PlantedShop;
beforeAll(async () => {
  shop = await plantedShop();
}, 120_000);
afterAll(() => shop?.wh.close());

async function trafficSums(month: string, channel?: string) {
  const [r] = await shop.wh.query(
    `SELECT sum(visitors) AS visitors, sum(product_views) AS product_views, sum(add_to_carts) AS add_to_carts,
            sum(checkouts) AS checkouts FROM traffic_daily
     WHERE strftime(date, '%Y-%m') = ? ${channel ? 'AND channel = ?' : ''}`,
    channel ? [month, channel] : [month],
  );
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)]));
}

describe('funnel', () => {
  it('steps are the traffic sums and paid buyers; rates are step ÷ step before', async () => {
    const f = await funnelAnalysis(shop.wh, { month: PLANTED.endMonth, by: ['channel'] });
    const sql = await trafficSums(PLANTED.endMonth);
    const prevSql = await trafficSums(PLANTED.previousMonth);
    const real = shop.truth.planted.realised;
    expect(f.missing).toEqual([]);
    expect(f.total.steps.map((s) => s.step)).toEqual([
      'visitors',
      'product_views',
      'add_to_carts',
      'checkouts',
      'buyers',
    ]);
    for (const s of f.total.steps.slice(0, 4)) {
      expect(s.value).toBe(sql[s.step]);
      expect(s.previous).toBe(prevSql[s.step]);
    }
    const buyers = f.total.steps[4];
    expect(buyers.value).toBe(real.planted.buyers);
    expect(buyers.rate).toBeCloseTo(real.planted.buyers / sql.checkouts, 12);
    expect(buyers.ofVisitors).toBeCloseTo(real.planted.conversion, 6);
    expect(f.total.steps[2].dropOff).toBeCloseTo(1 - sql.add_to_carts / sql.product_views, 12);
    // Paid buyers per checkout fall most (the planted month's saturated 信息流广告 clicks).
    expect(f.total.weakest).toBe('buyers');
    const feed = f.groups.find((g) => g.values.channel === '信息流广告')!;
    expect(feed.steps[0].value).toBe(real.planted.channelVisitors.信息流广告);
    expect(feed.steps[4].value).toBe(real.planted.channelBuyers.信息流广告);
  });

  it('leaves out steps the data has no values for', () => {
    const f = funnelOf(
      {},
      { visitors: 100, product_views: 0, add_to_carts: 0, checkouts: 20, buyers: 10 },
      { visitors: 80, checkouts: 16, buyers: 4 },
      new Set(['product_views', 'add_to_carts']),
    );
    expect(f.steps.map((s) => [s.step, s.rate, s.previousRate])).toEqual([
      ['visitors', null, null],
      ['checkouts', 0.2, 0.2],
      ['buyers', 0.5, 0.25],
    ]);
    expect(f.weakest).toBeNull();
  });
});

describe('channel performance', () => {
  it('matches ground truth per channel; paid channels have ROAS, CAC, CPC and CTR', async () => {
    const c = await channelPerformance(shop.wh, { month: PLANTED.endMonth });
    const real = shop.truth.planted.realised;
    const feed = c.channels.find((r) => r.channel === '信息流广告')!;
    expect(feed.visitorShare.value).toBeCloseTo(real.changes.feedVisitorShare[1], 6);
    expect(feed.visitorShare.mom).toBeCloseTo(real.changes.feedVisitorShare[0], 6);
    for (const row of c.channels) {
      expect(row.metrics.gmv.value).toBe(real.planted.channelGmv[row.channel]);
      expect(row.metrics.gmv.mom).toBe(real.previous.channelGmv[row.channel]);
      expect(row.metrics.conversion.value).toBeCloseTo(real.planted.channelConversion[row.channel], 6);
      expect(row.metrics.spend.value).toBe(real.planted.spend[row.channel]);
      expect(row.paid).toBe(real.planted.spend[row.channel] > 0);
      if (!row.paid) expect(row.metrics.roas.value).toBeNull();
    }
    expect(feed.metrics.roas.value).toBeCloseTo(
      real.planted.channelGmv.信息流广告 / real.planted.spend.信息流广告,
      9,
    );
    expect(relativeChange(feed.metrics.visitors, 'mom')).toBeGreaterThan(1); // more than doubled
    expect(c.total.gmv.value).toBe(real.planted.gmv);
    expect(relativeChange(c.total.gmv, 'yoy')).toBeNull(); // 4 months of data: no same month last year
    const shares = c.channels.reduce((a, r) => a + (r.visitorShare.value ?? 0), 0);
    expect(shares).toBeCloseTo(1, 12);
  });
});
