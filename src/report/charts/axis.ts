import { currencySymbol } from '../format/money.js';
import { roundTo } from '../format/round.js';
import type { Lang } from '../model.js';

function trim(x: number): string {
  return String(roundTo(x, 2));
}

/**
 * Short axis tick labels: zh `50万`, `1.2亿`; en `50K`, `1.2M`. Money gets the currency symbol.
 * @example axisLabel(500000, 'zh', 'money', 'CNY') === '¥50万'
 */
export function axisLabel(
  v: number,
  lang: Lang,
  unit: 'money' | 'count' | 'percent',
  currency: string,
): string {
  if (unit === 'percent') return `${trim(v * 100)}%`;
  const abs = Math.abs(v);
  let body: string;
  if (lang === 'zh') {
    body = abs >= 1e8 ? `${trim(v / 1e8)}亿` : abs >= 1e4 ? `${trim(v / 1e4)}万` : trim(v);
  } else {
    body =
      abs >= 1e9
        ? `${trim(v / 1e9)}B`
        : abs >= 1e6
          ? `${trim(v / 1e6)}M`
          : abs >= 1e3
            ? `${trim(v / 1e3)}K`
            : trim(v);
  }
  return unit === 'money' ? `${currencySymbol(currency)}${body}` : body;
}
