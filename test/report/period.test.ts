import { describe, expect, it } from 'vitest';
import { resolveMonth } from '../../src/report/monthly.js';
import { chooseReportMonth, daysInMonth, monthPeriod, shiftMonth, todayIn } from '../../src/report/period.js';

describe('report periods', () => {
  it('months as periods', () => {
    expect(monthPeriod('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthPeriod('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(daysInMonth('2026-10')).toBe(31);
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(() => monthPeriod('2026-13')).toThrow(/--month must look like 2026-10/);
  });

  it("today in the store's zone", () => {
    // 2026-10-31 16:30 UTC is already 1 November in Shanghai
    expect(todayIn('Asia/Shanghai', new Date('2026-10-31T16:30:00Z'))).toBe('2026-11-01');
    expect(todayIn('America/New_York', new Date('2026-10-31T16:30:00Z'))).toBe('2026-10-31');
  });

  it('the default month is the last one the data covers to its end and that is over', () => {
    const first = '2024-11-01';
    // data to the last day, month over
    expect(
      chooseReportMonth({ firstDataDate: first, lastDataDate: '2026-10-31', today: '2026-11-15' }),
    ).toEqual({
      month: '2026-10',
      complete: true,
    });
    // data stops mid-month (an export taken on the 20th): the month before
    expect(
      chooseReportMonth({ firstDataDate: first, lastDataDate: '2026-10-20', today: '2026-12-01' }),
    ).toEqual({
      month: '2026-09',
      complete: true,
    });
    // the current month is running: the month before, even with data up to today
    expect(
      chooseReportMonth({ firstDataDate: first, lastDataDate: '2026-11-30', today: '2026-11-30' }),
    ).toEqual({
      month: '2026-10',
      complete: true,
    });
    // only one, partial month of data: that month, marked incomplete
    expect(
      chooseReportMonth({ firstDataDate: '2026-10-05', lastDataDate: '2026-10-20', today: '2026-10-21' }),
    ).toEqual({ month: '2026-10', complete: false });
  });

  it('an explicit month must have data', () => {
    const paid = { from: '2025-10-10', to: '2026-11-01' };
    expect(resolveMonth('2026-10', paid, '2026-11-15')).toEqual({ month: '2026-10', complete: true });
    expect(resolveMonth('2026-11', paid, '2026-11-15')).toEqual({ month: '2026-11', complete: false });
    expect(() => resolveMonth('2030-01', paid, '2026-11-15')).toThrow(
      'no paid orders in 2030-01: the data covers 2025-10-10 to 2026-11-01. Choose a month in that range.',
    );
    expect(() => resolveMonth(undefined, { from: null, to: null }, '2026-11-15')).toThrow(/no paid orders/);
  });
});
