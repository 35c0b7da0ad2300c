import type { Lang } from '../model.js';

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function parts(isoDate: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(isoDate);
  if (!m) throw new Error(`not an ISO date: ${isoDate}`);
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 1)];
}

/** `2026-10-05` → zh `2026年10月5日`, en `5 Oct 2026`. */
export function formatDate(isoDate: string, lang: Lang): string {
  const [y, m, d] = parts(isoDate);
  return lang === 'zh' ? `${y}年${m}月${d}日` : `${d} ${EN_MONTHS[m - 1].slice(0, 3)} ${y}`;
}

/** `2026-10` → zh `2026年10月`, en `October 2026`. */
export function formatMonth(month: string, lang: Lang): string {
  const [y, m] = parts(month);
  return lang === 'zh' ? `${y}年${m}月` : `${EN_MONTHS[m - 1]} ${y}`;
}

/** `2026-10` → zh `10月`, en `Oct`. */
export function formatMonthShort(month: string, lang: Lang): string {
  const [, m] = parts(month);
  return lang === 'zh' ? `${m}月` : EN_MONTHS[m - 1].slice(0, 3);
}

/** `2026-10-05` → zh `10月5日`, en `5 Oct`. */
export function formatDayShort(isoDate: string, lang: Lang): string {
  const [, m, d] = parts(isoDate);
  return lang === 'zh' ? `${m}月${d}日` : `${d} ${EN_MONTHS[m - 1].slice(0, 3)}`;
}

/** Inclusive range: zh `2026年10月1日至2026年10月31日`, en `1 Oct 2026 – 31 Oct 2026`. */
export function formatDateRange(from: string, to: string, lang: Lang): string {
  return lang === 'zh'
    ? `${formatDate(from, lang)}至${formatDate(to, lang)}`
    : `${formatDate(from, lang)} – ${formatDate(to, lang)}`;
}
