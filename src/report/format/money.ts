import type { Lang } from '../model.js';
import { groupDigits, roundTo } from './round.js';

const SYMBOLS: Record<string, string> = {
  CNY: '¥',
  USD: '$',
  EUR: '€',
  GBP: '£',
  JPY: '¥',
  HKD: 'HK$',
  TWD: 'NT$',
};

export function currencySymbol(currency: string): string {
  return SYMBOLS[currency] ?? `${currency} `;
}

export interface MoneyOptions {
  currency?: string;
  /** Full amount with two decimals, never abbreviated. */
  exact?: boolean;
}

/**
 * Money for reading, in the currency's major unit (yuan, dollars).
 * - zh: below 1万 exact (`¥9,999.00`); 万 with 2 decimals below 100万 (`¥4.57万`), 1 decimal up to
 *   1亿 (`¥1,234.5万`); 亿 with 2 decimals (`¥1.23亿`).
 * - en: below 10K exact; K with 1 decimal (`¥45.7K`); M with 2 (`¥12.35M`); B with 2 (`¥1.23B`).
 * Negative amounts get U+2212 before the symbol.
 * @example formatMoney(12345000, 'zh') === '¥1,234.5万'
 */
export function formatMoney(amount: number | null | undefined, lang: Lang, opts: MoneyOptions = {}): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  const symbol = currencySymbol(opts.currency ?? 'CNY');
  const body = opts.exact ? groupDigits(Math.abs(amount), 2) : compactAmount(Math.abs(amount), lang, 2);
  const text = `${symbol}${body}`;
  return roundTo(amount, 2) < 0 ? `\u2212${text}` : text;
}

/**
 * Counts (orders, buyers, visitors): exact below 100,000 (`45,678`); above, the money rules: zh (`12.35万`,
 * `1.23亿`) and en K/M/B (`123.5K`, `1.23M`).
 */
export function formatCount(n: number | null | undefined, lang: Lang): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  const body = abs < 100_000 ? groupDigits(abs, 0) : compactAmount(abs, lang, 0);
  return roundTo(n, 0) < 0 ? `\u2212${body}` : body;
}

/** Abbreviates a non-negative amount; below the first unit it keeps `smallDecimals` places. */
function compactAmount(abs: number, lang: Lang, smallDecimals: number): string {
  if (lang === 'zh') {
    if (abs >= 1e8) return `${groupDigits(abs / 1e8, 2)}亿`;
    if (abs >= 1e6) return `${groupDigits(abs / 1e4, 1)}万`;
    if (abs >= 1e4) return `${groupDigits(abs / 1e4, 2)}万`;
    return groupDigits(abs, smallDecimals);
  }
  if (abs >= 1e9) return `${groupDigits(abs / 1e9, 2)}B`;
  if (abs >= 1e6) return `${groupDigits(abs / 1e6, 2)}M`;
  if (abs >= 1e4) return `${groupDigits(abs / 1e3, 1)}K`;
  return groupDigits(abs, smallDecimals);
}
