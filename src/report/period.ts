import { FupanError } from '../errors.js';
import type { Period } from '../metrics/types.js';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function parseMonth(month: string): { year: number; month: number } {
  const m = MONTH.exec(month);
  if (!m) throw new FupanError('USAGE', `--month must look like 2026-10 (got "${month}")`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

export function daysInMonth(month: string): number {
  const { year, month: m } = parseMonth(month);
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

/** `2026-10` → 2026-10-01 … 2026-10-31 (dates in the store time zone). */
export function monthPeriod(month: string): Period {
  parseMonth(month);
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(month)).padStart(2, '0')}` };
}

export function shiftMonth(month: string, by: number): string {
  const { year, month: m } = parseMonth(month);
  const index = year * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function monthOf(isoDate: string): string {
  return isoDate.slice(0, 7);
}

export interface MonthChoice {
  month: string;
  /** false when the data ends before the month's last day (the report says so). */
  complete: boolean;
}

/**
 * The month a report covers when none is given: the latest month whose last day has passed
 * (`today` is in the store time zone) and that the data covers to its last day. When the data ends
 * mid-month (an export taken on the 20th), that month is incomplete and the month before it is
 * chosen — unless there is no earlier month with data, then the partial month is used and marked.
 * `lastDataDate` is the latest day with paid orders or traffic; `firstDataDate` the earliest.
 */
export function chooseReportMonth(p: {
  firstDataDate: string;
  lastDataDate: string;
  today: string;
}): MonthChoice {
  const lastMonth = monthOf(p.lastDataDate);
  const { to } = monthPeriod(lastMonth);
  if (p.lastDataDate >= to && to < p.today) return { month: lastMonth, complete: true };
  const before = shiftMonth(lastMonth, -1);
  if (before >= monthOf(p.firstDataDate)) return { month: before, complete: true };
  return { month: lastMonth, complete: false };
}

/** Today's date (YYYY-MM-DD) in an IANA time zone. */
export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
