import { describe, expect, it } from 'vitest';
import { rfmCellsAndMoves } from '../../src/analyses/rfm/index.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { tempDir } from '../helpers/tmp.js';
import { openCustomerShop } from './customer-shop.js';

// Between two month starts, quintile cells and moves come from one scan of customer_months
// (month-moves.ts); a database without the table joins the two days' customers from all orders.
// Every pair of month starts of the hand-made shop (consecutive or not, before the first customer,
// after the last order) must give the same rows both ways.
describe('RFM moves between month starts from one scan equal the two-day join', () => {
  const dir = tempDir('fupan-rfm-moves-');
  it('on every pair of month starts of the customer fixture shop', async () => {
    const path = `${dir}/shop.duckdb`;
    const wh = await openCustomerShop(path);
    const starts: string[] = [];
    for (let m = 7; m <= 18; m++) starts.push(new Date(Date.UTC(2025, m, 1)).toISOString().slice(0, 10));
    const pairs = starts.flatMap((a, i) => starts.slice(i + 1).map((b) => [a, b] as const));
    const oneScan = [];
    for (const [a, b] of pairs) oneScan.push(await rfmCellsAndMoves(wh, a, b, { kind: 'quintile' }));
    await wh.run("UPDATE _fupan_meta SET value = '1' WHERE key = 'schema_version'");
    wh.close();
    const old = await Warehouse.open(path, { readOnly: true, timeZone: 'Asia/Shanghai' });
    try {
      const joined = [];
      for (const [a, b] of pairs) joined.push(await rfmCellsAndMoves(old, a, b, { kind: 'quintile' }));
      expect(oneScan).toEqual(joined);
      // not vacuous: customers moving between days, and new ones
      const last = oneScan[pairs.findIndex(([a, b]) => a === '2026-04-01' && b === '2026-05-01')];
      expect(last.moves.some((x) => x.r0 === null)).toBe(true);
      expect(last.moves.reduce((n, x) => n + x.customers, 0)).toBe(10);
    } finally {
      old.close();
    }
  }, 120_000);
});
