import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMonths,
  bucketLabel,
  bucketLabels,
  monthPeriod,
  previousPeriod,
  yoyPeriod,
} from '../../src/metrics/index.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';

describe('period helpers (calendar arithmetic checked by hand)', () => {
  it('monthPeriod', () => {
    expect(monthPeriod('2026-10')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(monthPeriod('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' }); // leap year
    expect(() => monthPeriod('2026-13')).toThrow(/not a month/);
  });

  it('previousPeriod: whole months shift by months, other ranges by their length', () => {
    expect(previousPeriod(monthPeriod('2026-03'))).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-10-01', to: '2026-12-31' })).toEqual({
      from: '2026-07-01',
      to: '2026-09-30',
    });
    // 7 days → the 7 days before
    expect(previousPeriod({ from: '2026-10-08', to: '2026-10-14' })).toEqual({
      from: '2026-10-01',
      to: '2026-10-07',
    });
    // month-to-date (1st..15th) is not whole months: the 15 days before
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-15' })).toEqual({
      from: '2026-02-14',
      to: '2026-02-28',
    });
  });

  it('yoyPeriod: same dates a year earlier, Feb 29 → Feb 28', () => {
    expect(yoyPeriod(monthPeriod('2024-02'))).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(yoyPeriod(monthPeriod('2025-02'))).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(yoyPeriod({ from: '2024-02-29', to: '2024-03-05' })).toEqual({
      from: '2023-02-28',
      to: '2023-03-05',
    });
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('bucket labels', () => {
    // 2026-10-01 is a Thursday: its Monday-week starts 09-28, its Sunday-week 09-27
    expect(bucketLabel('week', '2026-10-01', 1)).toBe('2026-09-28');
    expect(bucketLabel('week', '2026-10-01', 7)).toBe('2026-09-27');
    expect(bucketLabel('week', '2026-10-04', 7)).toBe('2026-10-04'); // a Sunday
    expect(bucketLabel('quarter', '2026-10-01', 1)).toBe('2026-Q4');
    expect(bucketLabels(monthPeriod('2026-10'), 'week', 1)).toEqual([
      '2026-09-28',
      '2026-10-05',
      '2026-10-12',
      '2026-10-19',
      '2026-10-26',
    ]);
    expect(bucketLabels({ from: '2026-11-15', to: '2027-02-01' }, 'month', 1)).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    expect(bucketLabels({ from: '2026-11-15', to: '2027-02-01' }, 'quarter', 1)).toEqual([
      '2026-Q4',
      '2027-Q1',
    ]);
    expect(bucketLabels(monthPeriod('2024-02'), 'day', 1)).toHaveLength(29);
  });
});

describe('TypeScript bucket labels equal the dialect’s SQL labels', () => {
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await Warehouse.open(':memory:');
  });
  afterAll(() => wh.close());

  it.each([1, 7] as const)('weekStart %i, every day of 2024-12-20 .. 2026-01-10', async (weekStart) => {
    const d = wh.dialect;
    const grains = ['day', 'week', 'month', 'quarter', 'year'] as const;
    const cols = grains.map((g) => `${d.dateLabel(g, 'x', weekStart)} AS ${g}`).join(', ');
    const rows = await wh.query(
      `SELECT strftime(x, '%Y-%m-%d') AS date, ${cols}
       FROM (SELECT CAST(range AS DATE) AS x FROM range(DATE '2024-12-20', DATE '2026-01-11', INTERVAL 1 DAY))`,
    );
    expect(rows).toHaveLength(387);
    for (const row of rows) {
      for (const g of grains) expect(bucketLabel(g, String(row.date), weekStart)).toBe(row[g]);
    }
  });
});
