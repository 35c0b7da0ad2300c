import { describe, expect, it } from 'vitest';
import { isIsoDate, presetPeriod } from './date-presets.js';

describe('presetPeriod', () => {
  // dates worked out on a calendar; 2026-11-15 is a Sunday in Q4
  it('counts presets from the given today', () => {
    const today = '2026-11-15';
    expect(presetPeriod('this_month', today)).toEqual({ from: '2026-11-01', to: '2026-11-15' });
    expect(presetPeriod('last_month', today)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(presetPeriod('last_7', today)).toEqual({ from: '2026-11-09', to: '2026-11-15' });
    expect(presetPeriod('last_30', today)).toEqual({ from: '2026-10-17', to: '2026-11-15' });
    expect(presetPeriod('this_quarter', today)).toEqual({ from: '2026-10-01', to: '2026-11-15' });
  });

  it('handles month and year edges', () => {
    expect(presetPeriod('last_month', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('last_month', '2026-01-05')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('last_7', '2026-03-02')).toEqual({ from: '2026-02-24', to: '2026-03-02' });
    expect(presetPeriod('this_quarter', '2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });

  it('custom takes valid dates (in order), else the month to date', () => {
    expect(presetPeriod('custom', '2026-11-15', { from: '2026-10-03', to: '2026-10-09' })).toEqual({
      from: '2026-10-03',
      to: '2026-10-09',
    });
    expect(presetPeriod('custom', '2026-11-15', { from: '2026-10-09', to: '2026-10-03' })).toEqual({
      from: '2026-10-03',
      to: '2026-10-09',
    });
    expect(presetPeriod('custom', '2026-11-15', { from: '2026-02-30' })).toEqual({
      from: '2026-11-01',
      to: '2026-11-15',
    });
  });

  it('isIsoDate accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate("2026-10-01'")).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});
