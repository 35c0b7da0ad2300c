import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dayAfter,
  stateCounts,
  stateMoves,
  type TierThresholds,
  tierAnalysis,
  tierRows,
  winBackRows,
} from '../../src/analyses/tiers/index.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { importFiles } from '../../src/ingest/index.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { tempDir } from '../helpers/tmp.js';
import { openCustomerShop } from './customer-shop.js';

const thresholds = DEFAULT_CONFIG.thresholds; // high ≥ 300 a month, medium ≥ 100, dormant 90 d, churned 180 d

/** tierRows for a whole month (one scan of customer_months) and the per-day queries (stateCte) it replaces. */
async function bothPaths(wh: Warehouse, month: string, t: TierThresholds) {
  const [y, m] = month.split('-').map(Number);
  const from = `${month}-01`;
  const to = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const end = dayAfter(to);
  const rows = await tierRows(wh, from, to, end, t);
  const perDay = {
    start: await stateCounts(wh, from, t),
    end: await stateCounts(wh, end, t),
    moves: await stateMoves(wh, from, end, t),
    winBack: await winBackRows(wh, from, to, t),
  };
  return { rows, perDay };
}

// The month's start and end states from customer_months in one pass must equal the states taken day by
// day, for every month of the hand-made shop (from before its first order to after its last) and with
// thresholds that make dormancy and churn short and the 12-month window matter.
describe('value tiers of a whole month equal the states taken at both days', () => {
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await openCustomerShop();
  });
  afterAll(() => wh.close());

  const short = {
    highValueMonthlySpend: 150,
    mediumValueMonthlySpend: 40.5,
    dormantDays: 20,
    churnedDays: 45,
  };
  it('on the customer fixture shop, every month from 2025-08 to 2026-06', async () => {
    for (const t of [thresholds, short]) {
      for (const month of [
        '2025-08',
        '2025-09',
        '2025-10',
        '2025-11',
        '2025-12',
        '2026-01',
        '2026-02',
      ].concat(['2026-03', '2026-04', '2026-05', '2026-06'])) {
        const { rows, perDay } = await bothPaths(wh, month, t);
        expect(rows, `${month} ${t.dormantDays}`).toEqual(perDay);
      }
    }
  });
});

// April 2026 on a shop written for the cases the one pass pairs rows for: W0 = 2025-04-01 and
// W1 = 2025-05-01 are the starts of the 12-month windows of 1 April and 1 May.
//   n1 new in April 500 → high (500 ÷ 1 month);  n2 new, two orders 40 + 40 → low
//   b1 200 in March, 250 in April: medium (200 ÷ 1) → medium (450 ÷ 2)
//   d1 600 on 2025-11-10, 100 in April: dormant (142 days) → medium (700 ÷ 6 ≥ 100), won back
//   c1 400 on 2025-04-20, 50 on 2026-04-02: churned (346 days; spend12 400) → low (spend12 50 ÷ 12)
//   w1 1200 on 2025-03-15, 300 on 2025-04-10, 3000 on 2026-03-20: medium (3300 ÷ 12) → medium (3000 ÷ 12)
//   q1 100 on 2025-01-10: churned → churned, spend12 0
//   h1 400 on 1 Feb, 1 Mar and 1 Apr: high (800 ÷ 2) → high (1200 ÷ 3)
//   l1 450 on 2026-01-15: medium (450 ÷ 3; 76 days) → dormant (106 days)
describe('value tiers of April on a shop with every pairing case', () => {
  const dir = tempDir('fupan-tiers-');
  let wh: Warehouse;
  beforeAll(async () => {
    const orders: Array<[string, string, number]> = [
      ['n1', '2026-04-10', 500],
      ['n2', '2026-04-05', 40],
      ['n2', '2026-04-25', 40],
      ['b1', '2026-03-05', 200],
      ['b1', '2026-04-20', 250],
      ['d1', '2025-11-10', 600],
      ['d1', '2026-04-15', 100],
      ['c1', '2025-04-20', 400],
      ['c1', '2026-04-02', 50],
      ['w1', '2025-03-15', 1200],
      ['w1', '2025-04-10', 300],
      ['w1', '2026-03-20', 3000],
      ['q1', '2025-01-10', 100],
      ['h1', '2026-02-01', 400],
      ['h1', '2026-03-01', 400],
      ['h1', '2026-04-01', 400],
      ['l1', '2026-01-15', 450],
    ];
    const file = `${dir}/orders.csv`;
    writeFileSync(
      file,
      [
        'order_id,placed_at,customer_id,paid_at,paid_total',
        ...orders.map(([c, day, total], i) => `O${i},${day} 09:00,${c},${day} 10:00,${total}`),
        '',
      ].join('\n'),
    );
    wh = await Warehouse.open(`${dir}/shop.duckdb`, { timeZone: 'Asia/Shanghai', allowedDirs: [dir] });
    await importFiles(wh, [file], { table: 'orders' });
  });
  afterAll(() => wh.close());

  it('counts states, spend12, moves and win-back as worked out by hand', async () => {
    const a = await tierAnalysis(wh, { from: '2026-04-01', to: '2026-04-30', thresholds });
    const summary = (s: typeof a.start) =>
      Object.fromEntries(s.map((x) => [x.state, [x.customers, x.spend12]]));
    expect(summary(a.start)).toEqual({
      high: [1, 800],
      medium: [3, 3950],
      low: [0, 0],
      dormant: [1, 600],
      churned: [2, 400],
    });
    expect(summary(a.end)).toEqual({
      high: [2, 1700],
      medium: [3, 4150],
      low: [2, 130],
      dormant: [1, 450],
      churned: [1, 0],
    });
    const m = a.movement;
    const moves = m.from.flatMap((f, i) =>
      m.to.flatMap((t, j) => (m.counts[i][j] ? [`${f}→${t} ${m.counts[i][j]}`] : [])),
    );
    expect(moves.sort()).toEqual(
      [
        'high→high 1',
        'medium→medium 2',
        'medium→dormant 1',
        'dormant→medium 1',
        'churned→low 1',
        'churned→churned 1',
        'new→high 1',
        'new→low 1',
      ].sort(),
    );
    expect([m.up, m.down]).toEqual([2, 1]);
    expect(a.winBack).toEqual({
      rate: 1,
      dormant: 1,
      returned: 1,
      gmv: 100,
      churnedRate: 0.5,
      churned: 2,
      churnedReturned: 1,
      churnedGmv: 50,
    });
  });

  it('equals the states taken at both days in every month around it', async () => {
    for (const month of ['2025-03', '2025-04', '2025-05', '2026-03', '2026-04', '2026-05', '2026-08']) {
      const { rows, perDay } = await bothPaths(wh, month, thresholds);
      expect(rows, month).toEqual(perDay);
    }
  });
});
