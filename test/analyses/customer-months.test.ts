import { rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cohortAnalysis,
  gapRows,
  secondPurchase,
  secondPurchaseRows,
} from '../../src/analyses/cohorts/index.js';
import { RFM_SEGMENTS, rfmAnalysis, rfmCells } from '../../src/analyses/rfm/index.js';
import { recallList, tierAnalysis } from '../../src/analyses/tiers/index.js';
import { importFiles } from '../../src/ingest/index.js';
import { hasCustomerMonths } from '../../src/warehouse/derived.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { runBeforeMigration2 } from '../helpers/before-migration.js';
import { tempDir } from '../helpers/tmp.js';
import { openCustomerShop } from './customer-shop.js';
import { PLANTED, type PlantedShop, plantedShop } from './planted-shop.js';

const thresholds = {
  highValueMonthlySpend: 300,
  mediumValueMonthlySpend: 100,
  dormantDays: 30,
  churnedDays: 60,
};

/** Every customer analysis with the arguments that take each path of the customer_months SQL. */
async function outputs(wh: Warehouse) {
  const out: Record<string, unknown> = {};
  const months = [`${PLANTED.previousMonth}`, `${PLANTED.endMonth}`];
  out.cohorts = await cohortAnalysis(wh);
  out.cohortsSplit = await cohortAnalysis(wh, { split: 'channel', asOf: `${months[0]}-30`, maxOffset: 2 });
  out.cohortsCampaign = await cohortAnalysis(wh, { split: 'campaign', asOf: `${months[1]}-17` });
  out.cohortsRange = await cohortAnalysis(wh, { from: `${months[0]}-12`, to: `${months[1]}-03` });
  for (const asOf of [`${months[1]}-01`, `${months[1]}-17`, `${months[1]}-31`, '2026-11-01']) {
    out[`second ${asOf}`] = await secondPurchase(wh, { asOf, from: `${months[0]}-05` });
    out[`rfm ${asOf}`] = await rfmAnalysis(wh, { asOf, migrationFrom: `${months[0]}-14` });
    out[`rfm thresholds ${asOf}`] = await rfmAnalysis(wh, {
      asOf,
      scoring: {
        kind: 'thresholds',
        recencyDays: [7, 14, 30, 60],
        frequency: [2, 3, 4, 6],
        monetary: [100, 300, 600, 1200],
      },
    });
    out[`recall ${asOf}`] = await recallList(wh, { asOf, segment: 'at_risk', thresholds, limit: 50 });
    out[`recall dormant ${asOf}`] = await recallList(wh, { asOf, segment: 'dormant', thresholds, limit: 50 });
  }
  out.tiersMonth = await tierAnalysis(wh, { from: `${months[1]}-01`, to: `${months[1]}-31`, thresholds });
  out.tiersDays = await tierAnalysis(wh, { from: `${months[0]}-09`, to: `${months[1]}-20`, thresholds });
  return out;
}

// The analyses read customer_months (and orders of a partial month); a database that predates the
// table (opened read-only, never migrated) takes the original SQL over all orders. Both must agree
// to the last digit on the demo shop, at month starts, month ends and days inside a month.
describe('customer analyses from customer_months equal the same analyses over all orders', () => {
  let shop: PlantedShop;
  beforeAll(async () => {
    shop = await plantedShop();
  }, 120_000);
  afterAll(() => {
    shop?.wh.close();
    if (shop) rmSync(shop.dir, { recursive: true, force: true });
  });

  it('cohorts, second purchase, RFM, tiers and recall lists', async () => {
    expect(await hasCustomerMonths(shop.wh)).toBe(true);
    const fromMonths = await outputs(shop.wh);
    await shop.wh.run("UPDATE _fupan_meta SET value = '1' WHERE key = 'schema_version'");
    shop.wh.close();
    const old = await Warehouse.open(shop.dbPath, { readOnly: true, timeZone: 'Asia/Shanghai' });
    try {
      expect(await hasCustomerMonths(old)).toBe(false);
      const fromOrders = await outputs(old);
      expect(fromOrders).toEqual(fromMonths);
      // not vacuous: customers in every RFM segment family and win-back candidates
      const rfm = fromMonths[`rfm ${PLANTED.endMonth}-17`] as Awaited<ReturnType<typeof rfmAnalysis>>;
      expect(rfm.customers).toBeGreaterThan(1000);
      expect(rfm.migration?.stayed).toBeGreaterThan(0);
      const tiers = fromMonths.tiersDays as Awaited<ReturnType<typeof tierAnalysis>>;
      expect(tiers.winBack.dormant).toBeGreaterThan(0);
    } finally {
      old.close();
    }
    // opening it writable migrates again: customer_months is rebuilt from orders
    shop.wh = await Warehouse.open(shop.dbPath, { timeZone: 'Asia/Shanghai' });
    expect(await hasCustomerMonths(shop.wh)).toBe(true);
    expect(await outputs(shop.wh)).toEqual(fromMonths);
  }, 120_000);
});

// Quintiles from customer_months come from boundary rows (quintile-bounds.ts), over all orders from
// SQL ntile: on the hand-made shop (0 to 10 customers, ties in every measure) they must agree on every
// day, including the days with fewer than five customers.
describe('RFM quintile boundaries equal ntile on every day of the customer fixture shop', () => {
  const dir = tempDir('fupan-rfm-days-');
  it('from the first paid day to the day after the last', async () => {
    const path = `${dir}/shop.duckdb`;
    const wh = await openCustomerShop(path);
    const days: string[] = [];
    for (let t = Date.parse('2025-09-01T00:00:00Z'); t <= Date.parse('2026-05-01T00:00:00Z'); t += 86_400_000)
      days.push(new Date(t).toISOString().slice(0, 10));
    const fromMonths = [];
    for (const day of days) fromMonths.push(await rfmCells(wh, day, { kind: 'quintile' }));
    await wh.run("UPDATE _fupan_meta SET value = '1' WHERE key = 'schema_version'");
    wh.close();
    const old = await Warehouse.open(path, { readOnly: true, timeZone: 'Asia/Shanghai' });
    try {
      const fromOrders = [];
      for (const day of days) fromOrders.push(await rfmCells(old, day, { kind: 'quintile' }));
      expect(fromMonths).toEqual(fromOrders);
      const sizes = new Set(fromMonths.map((cells) => cells.reduce((n, c) => n + c.customers, 0)));
      expect([...sizes].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    } finally {
      old.close();
    }
  }, 120_000);
});

// Recall lists score quintiles from the boundary ranks (quintileRanks, then a selection); over all
// orders they come from SQL ntile. On the hand-made shop (ties at every boundary, 0 to 10 customers)
// every RFM segment's list must agree, on month starts and on days inside a month.
describe('recall lists equal those scored by ntile on the customer fixture shop', () => {
  const dir = tempDir('fupan-recall-days-');
  it('for every RFM segment, every tenth day and every month start', async () => {
    const path = `${dir}/shop.duckdb`;
    const wh = await openCustomerShop(path);
    const days: string[] = [];
    for (
      let t = Date.parse('2025-09-01T00:00:00Z');
      t <= Date.parse('2026-05-01T00:00:00Z');
      t += 86_400_000
    ) {
      const day = new Date(t).toISOString().slice(0, 10);
      if (day.endsWith('-01') || (t / 86_400_000) % 10 === 0) days.push(day);
    }
    const run = async (w: Warehouse) => {
      const out: Record<string, unknown> = {};
      for (const day of days)
        for (const s of RFM_SEGMENTS)
          out[`${day} ${s.key}`] = await recallList(w, { asOf: day, segment: s.key, thresholds, limit: 100 });
      return out;
    };
    const fromMonths = await run(wh);
    // not vacuous: some lists hold customers whose quintile depends on the tie-break by customer_id
    expect(Object.values(fromMonths).filter((x) => (x as unknown[]).length > 0).length).toBeGreaterThan(100);
    expect(await runBeforeMigration2(wh, path, run)).toEqual(fromMonths);
  }, 120_000);
});

// The second purchase is the first order paid after the first instant: orders paid at the same
// instant as the first one do not count, in the first month or across months.
describe('second purchase when first orders share their instant', () => {
  const dir = tempDir('fupan-second-');
  it('gives the same days from customer_months as from all orders', async () => {
    const path = `${dir}/shop.duckdb`;
    const file = `${dir}/orders.csv`;
    writeFileSync(
      file,
      [
        'order_id,placed_at,customer_id,paid_at,paid_total',
        // t1: two orders at 09:00 on 10 January, the next on the 14th: 4 days
        'A1,2026-01-10 08:00,t1,2026-01-10 09:00,10',
        'A2,2026-01-10 08:30,t1,2026-01-10 09:00,20',
        'A3,2026-01-14 08:00,t1,2026-01-14 09:00,30',
        // t2: two orders at one instant, the next in February: 41 days
        'B1,2026-01-10 08:00,t2,2026-01-10 09:00,10',
        'B2,2026-01-10 08:00,t2,2026-01-10 09:00,10',
        'B3,2026-02-20 08:00,t2,2026-02-20 09:00,10',
        // t3: two instants on different days of January: 2 days
        'C1,2026-01-10 08:00,t3,2026-01-10 09:00,10',
        'C2,2026-01-12 08:00,t3,2026-01-12 09:00,10',
        // t4: one order only
        'D1,2026-01-20 08:00,t4,2026-01-20 09:00,10',
        '',
      ].join('\n'),
    );
    const wh = await Warehouse.open(path, { timeZone: 'Asia/Shanghai', allowedDirs: [dir] });
    await importFiles(wh, [file], { table: 'orders' });
    const run = async (w: Warehouse) => ({
      rows: await secondPurchaseRows(w, { from: '2026-01-01', to: '2026-01-31', asOf: '2026-03-31' }),
      gaps: await gapRows(w, { asOf: '2026-03-31' }),
      early: await gapRows(w, { asOf: '2026-02-19' }),
    });
    const fromMonths = await run(wh);
    expect(fromMonths).toEqual({
      rows: [{ cohort: '2026-01', size: 4, within30: 2, within60: 3, within90: 3 }],
      gaps: [
        { maxDays: 7, customers: 2 },
        { maxDays: 60, customers: 1 },
      ],
      early: [{ maxDays: 7, customers: 2 }],
    });
    expect(await runBeforeMigration2(wh, path, run)).toEqual(fromMonths);
  });
});
