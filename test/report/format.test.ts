import { describe, expect, it } from 'vitest';
import { formatDate, formatDateRange, formatDayShort, formatMonth } from '../../src/report/format/date.js';
import { formatFigure } from '../../src/report/format/figure.js';
import { formatCount, formatMoney } from '../../src/report/format/money.js';
import {
  formatChange,
  formatNumber,
  formatPercent,
  formatPp,
  formatRoas,
} from '../../src/report/format/percent.js';
import { groupDigits, roundTo } from '../../src/report/format/round.js';

// Expected strings are written by hand from the rules in src/report/format/*.ts.
describe('rounding and grouping', () => {
  it('rounds half away from zero without binary artefacts', () => {
    expect(roundTo(1.005, 2)).toBe(1.01); // (1.005).toFixed(2) is '1.00'
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(0.125, 2)).toBe(0.13);
  });
  it('groups thousands and uses U+2212 for negatives', () => {
    expect(groupDigits(1234567.891, 2)).toBe('1,234,567.89');
    expect(groupDigits(999.995, 2)).toBe('1,000.00');
    expect(groupDigits(-1234.5, 1)).toBe('\u22121,234.5');
    expect(groupDigits(12, 0)).toBe('12');
  });
});

describe('money', () => {
  it('zh: exact below 1万, 万 with 2 then 1 decimals, 亿 with 2', () => {
    expect(formatMoney(186.42, 'zh')).toBe('¥186.42');
    expect(formatMoney(9999, 'zh')).toBe('¥9,999.00');
    expect(formatMoney(45678, 'zh')).toBe('¥4.57万');
    expect(formatMoney(12_345_000, 'zh')).toBe('¥1,234.5万');
    expect(formatMoney(99_999_999, 'zh')).toBe('¥10,000.0万');
    expect(formatMoney(123_456_789, 'zh')).toBe('¥1.23亿');
    expect(formatMoney(-45678, 'zh')).toBe('\u2212¥4.57万');
  });
  it('en: K, M, B', () => {
    expect(formatMoney(9999.5, 'en')).toBe('¥9,999.50');
    expect(formatMoney(45678, 'en')).toBe('¥45.7K');
    expect(formatMoney(12_345_000, 'en')).toBe('¥12.35M');
    expect(formatMoney(1_234_000_000, 'en')).toBe('¥1.23B');
    expect(formatMoney(1234.5, 'en', { currency: 'USD' })).toBe('$1,234.50');
    expect(formatMoney(1234.5, 'en', { currency: 'SEK' })).toBe('SEK 1,234.50');
  });
  it('exact amounts and missing values', () => {
    expect(formatMoney(12_345_678.9, 'zh', { exact: true })).toBe('¥12,345,678.90');
    expect(formatMoney(null, 'zh')).toBe('—');
    expect(formatMoney(-0.001, 'zh')).toBe('¥0.00');
  });
  it('counts: exact below 100,000', () => {
    expect(formatCount(45678, 'zh')).toBe('45,678');
    expect(formatCount(123_456, 'zh')).toBe('12.35万');
    expect(formatCount(1_234_567, 'zh')).toBe('123.5万');
    expect(formatCount(123_456, 'en')).toBe('123.5K');
    expect(formatCount(2_345_678, 'en')).toBe('2.35M');
    expect(formatCount(234_567_890, 'zh')).toBe('2.35亿');
    expect(formatCount(0, 'en')).toBe('0');
  });
});

describe('percentages, changes, points, ROAS', () => {
  it('rates and shares', () => {
    expect(formatPercent(0.0823)).toBe('8.2%');
    expect(formatPercent(0.0823, 2)).toBe('8.23%');
    expect(formatPercent(0.962)).toBe('96.2%');
    expect(formatPercent(null)).toBe('—');
  });
  it('changes are signed; zero has no sign; missing base is a dash', () => {
    expect(formatChange(0.123)).toBe('+12.3%');
    expect(formatChange(-0.041)).toBe('\u22124.1%');
    expect(formatChange(0)).toBe('0.0%');
    expect(formatChange(-0.00004)).toBe('0.0%');
    expect(formatChange(12.5)).toBe('+1,250.0%');
    expect(formatChange(null)).toBe('—');
  });
  it('rate changes in percentage points', () => {
    expect(formatPp(0.06 - 0.08, 'zh')).toBe('\u22122.0个百分点');
    expect(formatPp(0.012, 'en')).toBe('+1.2 pp');
    expect(formatPp(0.00123, 'en', 2)).toBe('+0.12 pp');
  });
  it('ROAS 1:x in Chinese', () => {
    expect(formatRoas(5.26, 'zh')).toBe('1:5.3');
    expect(formatRoas(5.26, 'en')).toBe('5.3x');
    expect(formatNumber(1234.5)).toBe('1,234.50');
  });
});

describe('dates', () => {
  it('per language', () => {
    expect(formatDate('2026-10-05', 'zh')).toBe('2026年10月5日');
    expect(formatDate('2026-10-05', 'en')).toBe('5 Oct 2026');
    expect(formatMonth('2026-10', 'zh')).toBe('2026年10月');
    expect(formatMonth('2026-10', 'en')).toBe('October 2026');
    expect(formatDayShort('2026-02-28', 'zh')).toBe('2月28日');
    expect(formatDateRange('2026-10-01', '2026-10-31', 'zh')).toBe('2026年10月1日至2026年10月31日');
    expect(formatDateRange('2026-10-01', '2026-10-31', 'en')).toBe('1 Oct 2026 – 31 Oct 2026');
  });
});

describe('figures', () => {
  it('dispatches on kind', () => {
    const zh = { lang: 'zh' as const, currency: 'CNY' };
    expect(formatFigure({ kind: 'money', value: 12_345_000 }, zh)).toBe('¥1,234.5万');
    expect(formatFigure({ kind: 'pp', value: -0.02 }, zh)).toBe('\u22122.0个百分点');
    expect(formatFigure({ kind: 'percent', value: 0.0612, decimals: 2 }, zh)).toBe('6.12%');
    expect(formatFigure({ kind: 'roas', value: 4 }, zh)).toBe('1:4.0');
    expect(formatFigure({ kind: 'text', value: null }, zh)).toBe('—');
    expect(formatFigure({ kind: 'count', value: '42' }, zh)).toBe('42');
  });
});
