import type { Lang } from '../model.js';
import { groupDigits, MINUS, roundTo } from './round.js';

const DASH = '—';

function missing(x: number | null | undefined): x is null | undefined {
  return x === null || x === undefined || !Number.isFinite(x);
}

/** A rate or share given as a fraction: `0.0823` → `8.2%` (1 decimal by default). */
export function formatPercent(fraction: number | null | undefined, decimals = 1): string {
  if (missing(fraction)) return DASH;
  return `${groupDigits(fraction * 100, decimals)}%`;
}

function signed(x: number, decimals: number): string {
  const r = roundTo(x, decimals);
  const body = groupDigits(Math.abs(r), decimals);
  if (r > 0) return `+${body}`;
  if (r < 0) return `${MINUS}${body}`;
  return body;
}

/**
 * A relative change given as a fraction, always signed: `0.123` → `+12.3%`, `-0.041` → `−4.1%`,
 * `0` → `0.0%`; null (no base, or base 0) → `—`.
 */
export function formatChange(fraction: number | null | undefined, decimals = 1): string {
  if (missing(fraction)) return DASH;
  return `${signed(fraction * 100, decimals)}%`;
}

/**
 * The difference of two rates (both fractions) in percentage points: zh `−2.0个百分点`, en `−2.0 pp`.
 * @example formatPp(0.06 - 0.08, 'zh') === '−2.0个百分点'
 */
export function formatPp(diff: number | null | undefined, lang: Lang, decimals = 1): string {
  if (missing(diff)) return DASH;
  const body = signed(diff * 100, decimals);
  return lang === 'zh' ? `${body}个百分点` : `${body} pp`;
}

/** Return on ad spend: zh `1:5.3` (投入产出比), en `5.3x`. */
export function formatRoas(roas: number | null | undefined, lang: Lang, decimals = 1): string {
  if (missing(roas)) return DASH;
  const body = groupDigits(roas, decimals);
  return lang === 'zh' ? `1:${body}` : `${body}x`;
}

/** A plain number with grouping (`1,234.56`). */
export function formatNumber(x: number | null | undefined, decimals = 2): string {
  if (missing(x)) return DASH;
  return groupDigits(x, decimals);
}
