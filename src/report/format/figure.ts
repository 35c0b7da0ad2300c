import type { Figure, Lang } from '../model.js';
import { formatCount, formatMoney } from './money.js';
import { formatChange, formatNumber, formatPercent, formatPp, formatRoas } from './percent.js';

export interface FormatContext {
  lang: Lang;
  currency: string;
}

/** The text of a figure in a report, by its kind. Missing values read `—`. */
export function formatFigure(f: Figure, ctx: FormatContext): string {
  if (f.kind === 'text') return f.value === null ? '—' : String(f.value);
  const v = typeof f.value === 'number' ? f.value : f.value === null ? null : Number(f.value);
  switch (f.kind) {
    case 'money':
      return formatMoney(v, ctx.lang, { currency: ctx.currency });
    case 'count':
      return formatCount(v, ctx.lang);
    case 'percent':
      return formatPercent(v, f.decimals ?? 1);
    case 'change':
      return formatChange(v, f.decimals ?? 1);
    case 'pp':
      return formatPp(v, ctx.lang, f.decimals ?? 1);
    case 'roas':
      return formatRoas(v, ctx.lang, f.decimals ?? 1);
    case 'number':
      return formatNumber(v, f.decimals ?? 2);
  }
}
