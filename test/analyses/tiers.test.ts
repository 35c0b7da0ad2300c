import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bgnbdPAlive, gammaGammaExpectedSpend } from '../../src/analyses/clv/index.js';
import { dayAfter, recallList, tierAnalysis } from '../../src/analyses/tiers/index.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { openCustomerShop } from './customer-shop.js';

const thresholds = DEFAULT_CONFIG.thresholds; // high ≥ 300 a month, medium ≥ 100, dormant 90 d, churned 180 d

// Worked by hand from test/fixtures/customers. Monthly spend = GMV of the last 12 calendar months ÷ months
// since the first purchase month (≤ 12). At the start of 2026-05-01 (months up to April):
//   c1 450/4 = 112.5 medium; c2 120/4 = 30 low; c3 recency 96 → dormant; c4 900/3 = 300 high (boundary);
//   c5 20/3 low; c6 600/2 = 300 high; c7 140/2 = 70 low; c8 45/1 low; c9 300/6 = 50 low; c10 recency 242 → churned.
// At the start of 2026-04-01 (months up to March):
//   c1 350/3 medium; c2 120/3 low; c3 30/3 low (recency 66); c4 840/2 high; c5 20/2 low; c6 500/1 high;
//   c7 70/1 low; c9 recency 132 → dormant; c10 recency 212 → churned; c8 not a customer yet.
describe('value tiers, lifecycle and win-back on the customer fixture shop', () => {
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await openCustomerShop();
  });
  afterAll(() => wh.close());

  it('counts tiers at the start and end of April and the movement between them', async () => {
    const a = await tierAnalysis(wh, { from: '2026-04-01', to: '2026-04-30', thresholds });
    const counts = (s: typeof a.start) => Object.fromEntries(s.map((x) => [x.state, x.customers]));
    expect(counts(a.start)).toEqual({ high: 2, medium: 1, low: 4, dormant: 1, churned: 1 });
    expect(counts(a.end)).toEqual({ high: 2, medium: 1, low: 5, dormant: 1, churned: 1 });
    expect(a.end.find((s) => s.state === 'high')?.spend12).toBe(1500);
    const m = a.movement;
    const cell = (f: string, t: string) => m.counts[m.from.indexOf(f as never)][m.to.indexOf(t as never)];
    expect(cell('low', 'dormant')).toBe(1); // c3
    expect(cell('dormant', 'low')).toBe(1); // c9, won back
    expect(cell('new', 'low')).toBe(1); // c8
    expect(cell('high', 'high')).toBe(2); // c4, c6
    expect(cell('low', 'low')).toBe(3); // c2, c5, c7
    expect([m.up, m.down]).toEqual([1, 1]);
  });

  it('computes the win-back rate (召回率): dormant at the start who bought in the period ÷ dormant', async () => {
    const april = await tierAnalysis(wh, { from: '2026-04-01', to: '2026-04-30', thresholds });
    // c9 dormant on 1 April (132 days), bought 100 on 10 April; c10 churned, did not buy
    expect(april.winBack).toEqual({
      rate: 1,
      dormant: 1,
      returned: 1,
      gmv: 100,
      churnedRate: 0,
      churned: 1,
      churnedReturned: 0,
      churnedGmv: 0,
    });
    // On 1 March c9 is dormant (101 days) and c10 churned (181 days); neither buys in March
    const march = await tierAnalysis(wh, { from: '2026-03-01', to: '2026-03-31', thresholds });
    expect([march.winBack.rate, march.winBack.dormant, march.winBack.churned]).toEqual([0, 1, 1]);
    expect(dayAfter('2026-02-28')).toBe('2026-03-01');
  });

  it('exports a recall list for a lifecycle state or an RFM segment, highest GMV first', async () => {
    const dormant = await recallList(wh, { asOf: '2026-05-01', segment: 'dormant', thresholds });
    expect(dormant).toEqual([
      {
        customer_id: 'c3',
        state: 'dormant',
        segment: 'lost',
        r: 1,
        f: 1,
        m: 1,
        last_paid_date: '2026-01-25',
        recency_days: 96,
        orders: 1,
        gmv: 30,
      },
    ]);
    const loyal = await recallList(wh, { asOf: '2026-05-01', segment: 'loyal', thresholds, limit: 3 });
    expect(loyal.map((r) => [r.customer_id, r.gmv])).toEqual([
      ['c4', 900],
      ['c1', 450],
      ['c9', 300],
    ]);
    await expect(recallList(wh, { asOf: '2026-05-01', segment: 'vip', thresholds })).rejects.toThrow(
      /unknown/,
    );
  });

  it('adds P(alive), expected purchases and CLV from fitted parameters', async () => {
    const bgnbd = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const gammagamma = { p: 6.25, q: 3.74, gamma: 15.44 };
    const clv = { bgnbd, gammagamma, unitDays: 7, horizonDays: 365, months: 12, discountRate: 0.1 };
    const rows = await recallList(wh, { asOf: '2026-05-01', segment: 'loyal', thresholds, limit: 2, clv });
    const c1 = rows.find((r) => r.customer_id === 'c1')!;
    // c1: paid days 01-05, 01-20, 02-10, 04-15 → x = 3, tx = 100 days, T = 115 days (to 30 April)
    expect(c1.p_alive).toBeCloseTo(bgnbdPAlive(bgnbd, 3, 100 / 7, 115 / 7), 4);
    expect(c1.expected_purchases).toBeGreaterThan(0);
    // repeat spend (50 + 200 + 100) / 3 shrunk towards the population mean
    const spend = gammaGammaExpectedSpend(gammagamma, 3, 350 / 3);
    expect(c1.clv).toBeGreaterThan(0);
    expect(c1.clv).toBeLessThan((c1.expected_purchases ?? 0) * spend);
  });
});
