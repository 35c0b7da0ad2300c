import type { MetricFormat } from '../metrics/types.js';
import { formatCount, formatMoney } from '../report/format/money.js';
import { formatChange, formatNumber, formatPercent, formatPp, formatRoas } from '../report/format/percent.js';
import type { Lang } from './state/view-state.js';

/**
 * Display text of a metric value, with the report's rules (one formatter for report and
 * dashboard): ¥ with 万/亿 in Chinese and K/M/B in English, counts, percentages, ROAS as 1:x / x.
 */
export function formatMetric(
  v: number | null | undefined,
  format: MetricFormat,
  lang: Lang,
  currency = 'CNY',
): string {
  switch (format) {
    case 'money':
      return formatMoney(v, lang, { currency });
    case 'integer':
      return formatCount(v, lang);
    case 'percent':
      return formatPercent(v, 1);
    case 'ratio':
      return formatRoas(v, lang, 1);
    case 'number':
      return formatNumber(v, 2);
  }
}

/**
 * A change against a comparison period: rates (percent metrics) move in percentage points
 * (cur − base), everything else as a relative change.
 */
export function formatDelta(
  cur: number | null | undefined,
  base: number | null | undefined,
  relative: number | null | undefined,
  format: MetricFormat,
  lang: Lang,
): string {
  if (format === 'percent') {
    if (cur === null || cur === undefined || base === null || base === undefined) return '—';
    return formatPp(cur - base, lang, 1);
  }
  return formatChange(relative, 1);
}

/** Chart axis ticks: the money format without a trailing ".00" (¥5,000 rather than ¥5,000.00). */
export function formatAxisMoney(v: number, lang: Lang, currency = 'CNY'): string {
  return formatMoney(v, lang, { currency }).replace(/\.00(?=$|万|亿|K|M|B)/, '');
}
