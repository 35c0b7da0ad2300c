import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repurchaseAnalysis } from '../../src/analyses/repurchase/index.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { openCustomerShop } from './customer-shop.js';

// Worked by hand from test/fixtures/customers.
describe('repurchase on the customer fixture shop', () => {
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await openCustomerShop();
  });
  afterAll(() => wh.close());

  it('gives repeat and returning customer rates by month, channel and membership', async () => {
    const a = await repurchaseAnalysis(wh, {
      period: { from: '2026-04-01', to: '2026-04-30' },
      trend: { from: '2026-01-01', to: '2026-04-30' },
    });
    // Jan: c1 (2 orders), c2, c3; Feb: c1, c4 (2 orders), c5; Mar: c2, c4, c6, c7; Apr: c1 c4 c6 c7 c8 c9 once each.
    // Returning (> 1 paid order up to the month's end): Jan c1; Feb c1 c4; Mar c2 c4; Apr all but c8.
    expect(a.byMonth.map((g) => [g.group, g.buyers, g.repeatBuyers, g.returningCustomers])).toEqual([
      ['2026-01', 3, 1, 1],
      ['2026-02', 3, 1, 2],
      ['2026-03', 4, 0, 2],
      ['2026-04', 6, 0, 5],
    ]);
    expect(a.byMonth[1].repeatRate).toBeCloseTo(1 / 3, 12);
    // April by the order's channel: 直播 c1 c7 c9; 搜索 c4 c8; 短视频 c6
    expect(a.byChannel.map((g) => [g.group, g.buyers, g.returningCustomerRate])).toEqual([
      ['直播', 3, 1],
      ['搜索', 2, 0.5],
      ['短视频', 1, 1],
    ]);
    // members (gold c1 c6, silver c4): 3 buyers, all returning; non-members c7 c8 c9: 2 of 3
    expect(a.members?.map((g) => [g.group, g.buyers, g.returningCustomers, g.returningCustomerRate])).toEqual(
      [
        ['member', 3, 3, 1],
        ['non_member', 3, 2, 2 / 3],
      ],
    );
    expect(a.byCategory).toEqual([]); // the fixture has no order lines
  });
});
