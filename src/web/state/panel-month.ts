import { addDays } from '../../metrics/period.js';
import type { Period } from '../../metrics/types.js';

/** The month of a period that is one whole calendar month, else null. */
export function wholeMonth(p: Period): string | null {
  const whole =
    p.from.endsWith('-01') && p.from.slice(0, 7) === p.to.slice(0, 7) && addDays(p.to, 1).endsWith('-01');
  return whole ? p.from.slice(0, 7) : null;
}

/**
 * The report link of a panel: the monthly review of `month` (the server's last complete month when
 * null) in the page's language, opened at the section with id `section`.
 */
export function reportSectionUrl(lang: string, month: string | null, section: string): string {
  const q = new URLSearchParams({ lang, format: 'html', ...(month ? { month } : {}) });
  return `/api/report?${q}#${section}`;
}
