import { describe, expect, it } from 'vitest';
import { formatAxisMoney, formatDelta, formatMetric } from './format-metric.js';

describe('formatMetric (the report formatter, by metric format)', () => {
  it('formats money with 万/亿 in Chinese and K/M in English', () => {
    expect(formatMetric(360600, 'money', 'zh')).toBe('¥36.06万');
    expect(formatMetric(123456789, 'money', 'zh')).toBe('¥1.23亿');
    expect(formatMetric(360600, 'money', 'en')).toBe('¥360.6K');
    expect(formatMetric(988, 'money', 'zh')).toBe('¥988.00');
  });

  it('formats counts, rates and ROAS', () => {
    expect(formatMetric(1335, 'integer', 'zh')).toBe('1,335');
    expect(formatMetric(0.0598, 'percent', 'zh')).toBe('6.0%');
    expect(formatMetric(22.6, 'ratio', 'zh')).toBe('1:22.6');
    expect(formatMetric(22.6, 'ratio', 'en')).toBe('22.6x');
    expect(formatMetric(null, 'money', 'zh')).toBe('—');
  });

  it('shows changes of rates in percentage points, others as relative changes', () => {
    // 6 % against 8 %: −2.0 pp (not −25 %)
    expect(formatDelta(0.06, 0.08, -0.25, 'percent', 'zh')).toBe('−2.0个百分点');
    expect(formatDelta(0.06, 0.08, -0.25, 'percent', 'en')).toBe('−2.0 pp');
    expect(formatDelta(115.6, 100, 0.156, 'money', 'zh')).toBe('+15.6%');
    expect(formatDelta(5, null, null, 'integer', 'zh')).toBe('—');
  });

  it('axis ticks drop a trailing .00', () => {
    expect(formatAxisMoney(5000, 'zh')).toBe('¥5,000');
    expect(formatAxisMoney(25000, 'zh')).toBe('¥2.50万');
    expect(formatAxisMoney(0, 'en')).toBe('¥0');
  });
});
