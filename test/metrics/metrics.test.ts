import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthPeriod, query } from '../../src/metrics/index.js';
import type { MetricRow, QuerySpec } from '../../src/metrics/types.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { openFixtureShop } from '../helpers/fixture-shop.js';

// Every expected value below is computed by hand from test/fixtures/shop/*.csv.
// October 2026 paid orders (paid_date in October, store zone): S4 80 (u5, 直播, app), T1 230 (u1, 直播,
// app), T2 100 (u1, 搜索, pc), T3 200 refunded 200 (u2, 直播, app), T4 48 (u3, 短视频, app, store s2),
// T5 150 refunded 50 (u7, 直播, pc), T6 100 (u7, 直播, app), T7 80 (u8, 搜索, app).
// Not October: T8 (paid 11-01 00:10 +08), T9 and S5 (unpaid).

const OCT = monthPeriod('2026-10');
let wh: Warehouse;
beforeAll(async () => {
  wh = await openFixtureShop();
});
afterAll(() => wh.close());

const run = async (spec: Partial<QuerySpec> & { metrics: string[] }) =>
  (await query(wh, { period: OCT, ...spec })).rows;
const one = async (spec: Partial<QuerySpec> & { metrics: string[] }) => {
  const rows = await run(spec);
  expect(rows).toHaveLength(1);
  return rows[0];
};
const byKey = (rows: MetricRow[], dim: string) => Object.fromEntries(rows.map((r) => [String(r[dim]), r]));

describe('store totals, October 2026', () => {
  it('order metrics', async () => {
    const r = await one({
      metrics: ['gmv', 'net_sales', 'refunds', 'orders', 'buyers', 'atv', 'aov', 'units', 'refund_orders'],
    });
    expect(r).toEqual({
      gmv: 988, // 80 + 230 + 100 + 200 + 48 + 150 + 100 + 80
      net_sales: 738, // 988 − 250
      refunds: 250, // T3 200 + T5 50 (T4's empty refund_total counts 0)
      orders: 8,
      buyers: 6, // u5, u1, u2, u3, u7, u8
      atv: 164.67, // 988 / 6 = 164.666… → cents
      aov: 123.5, // 988 / 8
      units: 12, // S4 1, T1 1+1, T2 1+1, T3 2, T4 2, T5 1, T6 1, T7 1
      refund_orders: 2, // T3, T5
    });
  });

  it('placed metrics count every order placed in the month, paid or not', async () => {
    const r = await one({ metrics: ['placed_amount', 'placed_orders'] });
    // T1 230 + T2 100 + T3 200 + T4 48 + T5 150 + T6 100 + T7 80 + T8 100 (placed 10-31 23:55) + T9 65
    // (unpaid, payable 65); S4 was placed 09-30 23:50.
    expect(r).toEqual({ placed_amount: 1073, placed_orders: 9 });
  });

  it('placed amount of an unpaid order with paid_total 0 falls back to item_total − discount + shipping', async () => {
    const r = await one({ metrics: ['placed_amount', 'placed_orders'], period: monthPeriod('2026-09') });
    // S1 90 + S2 150 + S3 46 + S4 80 + S5 (100 − 0 + 0) + S6 30
    expect(r).toEqual({ placed_amount: 496, placed_orders: 6 });
  });

  it('rates', async () => {
    const r = await one({
      metrics: [
        'refund_rate',
        'return_rate',
        'repeat_rate',
        'returning_customer_rate',
        'new_buyer_gmv_share',
      ],
    });
    expect(r.refund_rate).toBeCloseTo(250 / 988, 12);
    expect(r.return_rate).toBe(2 / 8);
    expect(r.repeat_rate).toBe(2 / 6); // u1 (T1, T2), u7 (T5, T6)
    // returning u1, u2, u3 + u7 (2 orders in October) = 4 of 6
    expect(r.returning_customer_rate).toBe(4 / 6);
    expect(r.new_buyer_gmv_share).toBeCloseTo(410 / 988, 12);
  });

  it('new and returning buyers', async () => {
    const r = await one({
      metrics: ['new_buyers', 'returning_buyers', 'new_buyer_gmv', 'returning_buyer_gmv', 'repeat_buyers'],
    });
    expect(r).toEqual({
      new_buyers: 3, // u5 (first paid 10-01), u7, u8
      returning_buyers: 3, // u1, u2 (first 2025-10), u3 (first 2026-09)
      new_buyer_gmv: 410, // S4 80 + T5 150 + T6 100 + T7 80
      returning_buyer_gmv: 578, // T1 230 + T2 100 + T3 200 + T4 48
      repeat_buyers: 2,
    });
    // u1, u2, u3 returning + u7 with 2 orders in October
    expect((await one({ metrics: ['returning_customers'] })).returning_customers).toBe(4);
  });

  it('traffic, conversion, spend and its ratios', async () => {
    const r = await one({
      metrics: ['visitors', 'conversion', 'spend', 'impressions', 'clicks', 'roas', 'cac', 'cpc', 'ctr'],
    });
    expect(r).toEqual({
      visitors: 300, // 100 + 20 + 50 + 30 + 40 + 60 (the 2026-11-01 row is outside)
      conversion: 6 / 300,
      spend: 210, // 100.50 + 49.50 + 60.00
      impressions: 21000,
      clicks: 420,
      roas: 988 / 210,
      cac: 70, // 210 / 3 new buyers
      cpc: 0.5, // 210 / 420
      ctr: 420 / 21000,
    });
  });

  it('funnel steps are 0 when the traffic export has no such columns; new-buyer share', async () => {
    const r = await one({
      metrics: ['sessions', 'product_views', 'add_to_carts', 'checkouts', 'new_buyer_share'],
    });
    // traffic_daily.csv has only visitors; 3 new buyers (u5, u7, u8) of 6
    expect(r).toEqual({ sessions: 0, product_views: 0, add_to_carts: 0, checkouts: 0, new_buyer_share: 0.5 });
  });

  it('targets and completion', async () => {
    const r = await one({
      metrics: [
        'gmv_target',
        'gmv_target_completion',
        'orders_target_completion',
        'conversion_target_completion',
      ],
    });
    expect(r.gmv_target).toBe(1000);
    expect(r.gmv_target_completion).toBe(0.988); // 988 / 1000
    expect(r.orders_target_completion).toBe(0.8); // 8 / 10
    expect(r.conversion_target_completion).toBeCloseTo(0.02 / 0.025, 12);
  });

  it('targets over several months are summed; a metric without targets gets none', async () => {
    const r = await one({
      metrics: ['gmv_target', 'gmv_target_completion', 'buyers_target'],
      period: { from: '2026-09-01', to: '2026-10-31' },
    });
    // targets 400 + 1000; GMV September 90 + 150 + 46 + 30 = 316, plus October 988
    expect(r).toEqual({ gmv_target: 1400, gmv_target_completion: (316 + 988) / 1400, buyers_target: null });
  });

  it('an empty period gives zero sums and empty ratios', async () => {
    const r = await one({ metrics: ['gmv', 'buyers', 'atv', 'visitors'], period: monthPeriod('2027-01') });
    expect(r).toEqual({ gmv: 0, buyers: 0, atv: null, visitors: 0 });
  });
});

describe('by dimension', () => {
  it('channel: order, traffic, spend and target metrics joined on channel', async () => {
    const rows = await run({
      metrics: [
        'gmv',
        'orders',
        'buyers',
        'new_buyers',
        'visitors',
        'conversion',
        'spend',
        'roas',
        'repeat_rate',
      ],
      dimensions: ['channel'],
    });
    expect(rows.map((r) => r.channel)).toEqual(['搜索', '直播', '短视频']);
    const c = byKey(rows, 'channel');
    // 直播: S4 80, T1 230, T3 200, T5 150, T6 100; buyers u5, u1, u2, u7; new u5, u7; u7 twice
    expect(c.直播).toEqual({
      channel: '直播',
      gmv: 760,
      orders: 5,
      buyers: 4,
      new_buyers: 2,
      visitors: 180, // 100 + 20 + 60
      conversion: 4 / 180,
      spend: 150, // 100.50 + 49.50
      roas: 760 / 150,
      repeat_rate: 1 / 4,
    });
    // 搜索: T2 100 (u1), T7 80 (u8, new); no spend → ROAS empty
    expect(c.搜索).toEqual({
      channel: '搜索',
      gmv: 180,
      orders: 2,
      buyers: 2,
      new_buyers: 1,
      visitors: 80,
      conversion: 2 / 80,
      spend: 0,
      roas: null,
      repeat_rate: 0,
    });
    // 短视频: T4 48 (u3, returning); spend 60
    expect(c.短视频).toMatchObject({
      gmv: 48,
      orders: 1,
      buyers: 1,
      new_buyers: 0,
      visitors: 40,
      spend: 60,
      roas: 0.8,
    });
  });

  it('channel: the other ratios', async () => {
    const c = byKey(
      await run({
        metrics: [
          'net_sales',
          'aov',
          'atv',
          'new_buyer_gmv_share',
          'refund_rate',
          'return_rate',
          'returning_customer_rate',
          'cac',
          'units',
        ],
        dimensions: ['channel'],
      }),
      'channel',
    );
    // 直播: GMV 760, refunds T3 200 + T5 50, 5 orders (2 refunded), buyers u5 (new, 1 order), u1, u2
    // (returning), u7 (new, 2 orders); new-buyer GMV S4 80 + T5 150 + T6 100 = 330; spend 150 / 2 new
    expect(c.直播).toEqual({
      channel: '直播',
      net_sales: 510,
      aov: 152,
      atv: 190,
      new_buyer_gmv_share: 330 / 760,
      refund_rate: 250 / 760,
      return_rate: 0.4,
      returning_customer_rate: 0.75,
      cac: 75,
      units: 7, // S4 1 + T1 2 + T3 2 + T5 1 + T6 1
    });
  });

  it('channel targets come from the channel rows of the targets table', async () => {
    const c = byKey(
      await run({ metrics: ['gmv', 'gmv_target', 'gmv_target_completion'], dimensions: ['channel'] }),
      'channel',
    );
    expect(c.直播).toEqual({ channel: '直播', gmv: 760, gmv_target: 600, gmv_target_completion: 760 / 600 });
    expect(c.搜索).toEqual({ channel: '搜索', gmv: 180, gmv_target: 300, gmv_target_completion: 0.6 });
    expect(c.短视频).toEqual({ channel: '短视频', gmv: 48, gmv_target: null, gmv_target_completion: null });
  });

  it('device: orders joined with traffic on device', async () => {
    const d = byKey(
      await run({ metrics: ['gmv', 'buyers', 'visitors', 'conversion'], dimensions: ['device'] }),
      'device',
    );
    // app: S4 80, T1 230, T3 200, T4 48, T6 100, T7 80; buyers u5, u1, u2, u3, u7, u8; visitors 100+30+40+60
    expect(d.app).toEqual({ device: 'app', gmv: 738, buyers: 6, visitors: 230, conversion: 6 / 230 });
    // pc: T2 100 (u1), T5 150 (u7); visitors 20 + 50
    expect(d.pc).toEqual({ device: 'pc', gmv: 250, buyers: 2, visitors: 70, conversion: 2 / 70 });
  });

  it('channel × device', async () => {
    const rows = await run({ metrics: ['gmv', 'visitors'], dimensions: ['channel', 'device'] });
    expect(rows).toEqual([
      { channel: '搜索', device: 'app', gmv: 80, visitors: 30 },
      { channel: '搜索', device: 'pc', gmv: 100, visitors: 50 },
      { channel: '直播', device: 'app', gmv: 610, visitors: 160 }, // 80 + 230 + 200 + 100; 100 + 60
      { channel: '直播', device: 'pc', gmv: 150, visitors: 20 },
      { channel: '短视频', device: 'app', gmv: 48, visitors: 40 },
    ]);
  });

  it('store', async () => {
    const rows = await run({ metrics: ['gmv', 'visitors'], dimensions: ['store'] });
    expect(rows).toEqual([
      { store: 's1', gmv: 940, visitors: 260 }, // 988 − T4 48; 300 − 40
      { store: 's2', gmv: 48, visitors: 40 },
    ]);
  });

  it('category: line GMV (without shipping), an order counted in every category it touched', async () => {
    const rows = await run({
      metrics: ['gmv', 'orders', 'buyers', 'units', 'refunds', 'atv'],
      dimensions: ['category'],
    });
    expect(rows).toEqual([
      // 服饰: T1 92 + 138, T3 200, T5 150, T6 100; orders T1, T3, T5, T6; buyers u1, u2, u7; refunds 200 + 50
      { category: '服饰', gmv: 680, orders: 4, buyers: 3, units: 6, refunds: 250, atv: 226.67 },
      // 美妆: S4 80, T2 80, T7 80; buyers u5, u1, u8
      { category: '美妆', gmv: 240, orders: 3, buyers: 3, units: 3, refunds: 0, atv: 80 },
      // 食品: T4 2 × 20 − 0 (no paid_amount) + T2 20; buyers u3, u1
      { category: '食品', gmv: 60, orders: 2, buyers: 2, units: 3, refunds: 0, atv: 30 },
    ]);
  });

  it('brand, subcategory and sku', async () => {
    expect(await run({ metrics: ['gmv', 'units'], dimensions: ['brand'] })).toEqual([
      { brand: '丙', gmv: 60, units: 3 }, // C1
      { brand: '乙', gmv: 288, units: 2 }, // A2: T1 138 + T5 150
      { brand: '甲', gmv: 632, units: 7 }, // A1 92 + 200 + 100, B1 80 × 3
    ]);
    const sku = await run({
      metrics: ['gmv'],
      dimensions: ['sku'],
      sort: [{ field: 'gmv', desc: true }],
      limit: 2,
    });
    expect(sku).toEqual([
      { sku: 'A1', gmv: 392 },
      { sku: 'A2', gmv: 288 },
    ]);
    const sub = byKey(await run({ metrics: ['orders'], dimensions: ['subcategory'] }), 'subcategory');
    expect(sub.上衣.orders).toBe(3); // A1 in T1, T3, T6
  });

  it('price band of the line unit price (< ¥100, ¥100 to < ¥300, ≥ ¥300)', async () => {
    expect(await run({ metrics: ['gmv', 'units', 'orders'], dimensions: ['price_band'] })).toEqual([
      // A1 ¥100 and A2 ¥150: T1 92 + 138, T3 200, T5 150, T6 100; units 2 + 2 + 1 + 1
      { price_band: '100_to_300', gmv: 680, units: 6, orders: 4 },
      // B1 ¥80, C1 ¥20: S4 80, T2 80 + 20, T4 2 × 20, T7 80; units 1 + 2 + 2 + 1
      { price_band: 'under_100', gmv: 300, units: 6, orders: 4 },
    ]);
  });

  it('customer type', async () => {
    expect(await run({ metrics: ['buyers', 'orders', 'gmv'], dimensions: ['customer_type'] })).toEqual([
      { customer_type: 'new', buyers: 3, orders: 4, gmv: 410 }, // S4, T5, T6, T7
      { customer_type: 'returning', buyers: 3, orders: 4, gmv: 578 }, // T1, T2, T3, T4
    ]);
  });

  it('member tier (customers without a tier are "")', async () => {
    expect(await run({ metrics: ['gmv', 'buyers'], dimensions: ['member_tier'] })).toEqual([
      { member_tier: '', gmv: 160, buyers: 2 }, // u5 80, u8 80
      { member_tier: '普通', gmv: 48, buyers: 1 }, // u3
      { member_tier: '金卡', gmv: 580, buyers: 2 }, // u1 230 + 100, u7 150 + 100
      { member_tier: '银卡', gmv: 200, buyers: 1 }, // u2
    ]);
  });

  it('province and city', async () => {
    const p = byKey(await run({ metrics: ['gmv'], dimensions: ['province'] }), 'province');
    expect(p.广东.gmv).toBe(330); // T1 230 + T2 100
    const c = await run({
      metrics: ['orders'],
      dimensions: ['city'],
      filters: [{ dimension: 'city', op: 'eq', values: ['北京'] }],
    });
    expect(c).toEqual([{ city: '北京', orders: 2 }]);
  });

  it('day: new buyers are new in the day they first paid; the zone decides the day', async () => {
    const rows = await run({ metrics: ['gmv', 'new_buyers', 'returning_buyers'], dimensions: ['day'] });
    const d = byKey(rows, 'day');
    expect(rows.map((r) => r.day)).toEqual([
      '2026-10-01',
      '2026-10-03',
      '2026-10-08',
      '2026-10-10',
      '2026-10-12',
      '2026-10-15',
      '2026-10-25',
      '2026-10-31',
    ]);
    expect(d['2026-10-01']).toEqual({ day: '2026-10-01', gmv: 80, new_buyers: 1, returning_buyers: 0 }); // S4 00:05 +08
    expect(d['2026-10-12'].new_buyers).toBe(1); // u7's first order
    expect(d['2026-10-25']).toMatchObject({ new_buyers: 0, returning_buyers: 1 }); // u7 again
    expect(d['2026-10-31']).toMatchObject({ gmv: 80, new_buyers: 1 }); // T7 23:30 +08; T8 is November
  });

  it('month over two months: new relative to each month; visitors and spend per month', async () => {
    const rows = await run({
      metrics: ['gmv', 'buyers', 'new_buyers', 'visitors', 'spend'],
      dimensions: ['month'],
      period: { from: '2026-09-01', to: '2026-10-31' },
    });
    expect(rows).toEqual([
      // September: S1 90 (u1), S2 150 (u3 new), S3 46 (u4 new), S6 30 (u10 new)
      { month: '2026-09', gmv: 316, buyers: 4, new_buyers: 3, visitors: 200, spend: 80 },
      // October: u3 is returning now
      { month: '2026-10', gmv: 988, buyers: 6, new_buyers: 3, visitors: 300, spend: 210 },
    ]);
    // without a month grain, new is relative to the whole period: u3, u4, u10, u5, u7, u8
    const total = await one({
      metrics: ['new_buyers', 'buyers'],
      period: { from: '2026-09-01', to: '2026-10-31' },
    });
    expect(total).toEqual({ new_buyers: 6, buyers: 8 }); // u1, u3, u4, u10, u5, u2, u7, u8
  });

  it('week and quarter labels (weeks start on Monday by default, Sunday on request)', async () => {
    const w = await run({
      metrics: ['orders'],
      dimensions: ['week'],
      period: { from: '2026-10-01', to: '2026-10-04' },
    });
    expect(w).toEqual([{ week: '2026-09-28', orders: 2 }]); // Thu 10-01 and Sat 10-03 in the week of Mon 09-28
    const sunday = await query(
      wh,
      { metrics: ['orders'], dimensions: ['week'], period: { from: '2026-10-01', to: '2026-10-04' } },
      { weekStart: 7 },
    );
    expect(sunday.rows).toEqual([{ week: '2026-09-27', orders: 2 }]); // Sun 09-27; 10-04 is empty
    expect(await run({ metrics: ['orders'], dimensions: ['quarter', 'year'] })).toEqual([
      { quarter: '2026-Q4', year: '2026', orders: 8 },
    ]);
  });
});
