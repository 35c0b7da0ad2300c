import { FupanError } from '../errors.js';
import type { Grain } from '../warehouse/dialect.js';
import type { Comparison, Period } from './types.js';

/**
 * Periods are inclusive ranges of calendar dates ('YYYY-MM-DD') in the store time zone. Date maths
 * here is on calendar dates only (UTC midnight), so the machine's zone never matters.
 */
const DAY_MS = 86_400_000;

function parseDate(s: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s ? d : undefined;
}

const fmt = (d: Date) => d.toISOString().slice(0, 10);

function toDate(s: string): Date {
  const d = parseDate(s);
  if (!d) throw new FupanError('QUERY_INVALID', `"${s}" is not a date (expected YYYY-MM-DD)`);
  return d;
}

export function addDays(date: string, days: number): string {
  return fmt(new Date(toDate(date).getTime() + days * DAY_MS));
}

function lastDayOfMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/** The same day n months later (clamped to the month's last day: 03-31 − 1 month = 02-28/29). */
export function addMonths(date: string, months: number): string {
  const d = toDate(date);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month0 = total - year * 12;
  const day = Math.min(d.getUTCDate(), lastDayOfMonth(year, month0));
  return fmt(new Date(Date.UTC(year, month0, day)));
}

/** Checks a period and returns it; QUERY_INVALID when a date is malformed or from > to. */
export function validatePeriod(p: Period): Period {
  toDate(p.from);
  toDate(p.to);
  if (p.from > p.to)
    throw new FupanError('QUERY_INVALID', `period starts after it ends: ${p.from} > ${p.to}`);
  return { from: p.from, to: p.to };
}

/** The calendar month 'YYYY-MM' as a period. */
export function monthPeriod(month: string): Period {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const from = `${month}-01`;
  if (!m || !parseDate(from))
    throw new FupanError('QUERY_INVALID', `"${month}" is not a month (expected YYYY-MM)`);
  return { from, to: addDays(addMonths(from, 1), -1) };
}

/** Number of whole calendar months the period spans, or 0 when it is not a run of whole months. */
export function wholeMonths(p: Period): number {
  const from = toDate(p.from);
  if (from.getUTCDate() !== 1) return 0;
  const next = addDays(p.to, 1);
  if (toDate(next).getUTCDate() !== 1) return 0;
  const a = from.getUTCFullYear() * 12 + from.getUTCMonth();
  const nd = toDate(next);
  return nd.getUTCFullYear() * 12 + nd.getUTCMonth() - a;
}

/**
 * The period before (环比): for a run of n whole months, the n months before; otherwise the range of
 * equal length that ends the day before `from`.
 */
export function previousPeriod(p: Period): Period {
  const n = wholeMonths(p);
  if (n > 0) return { from: addMonths(p.from, -n), to: addDays(p.from, -1) };
  const days = Math.round((toDate(p.to).getTime() - toDate(p.from).getTime()) / DAY_MS) + 1;
  return { from: addDays(p.from, -days), to: addDays(p.from, -1) };
}

/** The same dates a year earlier (同比); whole months map to whole months (Feb 29 → Feb 28). */
export function yoyPeriod(p: Period): Period {
  if (wholeMonths(p) > 0) {
    const from = addMonths(p.from, -12);
    return { from, to: addDays(addMonths(addDays(p.to, 1), -12), -1) };
  }
  return { from: addMonths(p.from, -12), to: addMonths(p.to, -12) };
}

export function comparisonPeriod(p: Period, c: Comparison): Period {
  return c === 'mom' ? previousPeriod(p) : yoyPeriod(p);
}

/** Months 'YYYY-MM' the period overlaps, first and last. */
export function monthSpan(p: Period): { first: string; last: string } {
  return { first: p.from.slice(0, 7), last: p.to.slice(0, 7) };
}

/** Label of the bucket holding a date; identical to the SQL labels of `Dialect.dateLabel`. */
export function bucketLabel(grain: Grain, date: string, weekStart: 1 | 7): string {
  const d = toDate(date);
  switch (grain) {
    case 'day':
      return date;
    case 'week': {
      const isodow = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
      const back = weekStart === 1 ? isodow - 1 : isodow % 7;
      return addDays(date, -back);
    }
    case 'month':
      return date.slice(0, 7);
    case 'quarter':
      return `${date.slice(0, 4)}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
    case 'year':
      return date.slice(0, 4);
  }
}

/** Labels of every bucket the period overlaps, in order. */
export function bucketLabels(p: Period, grain: Grain, weekStart: 1 | 7): string[] {
  const out: string[] = [];
  const step = grain === 'day' ? 1 : grain === 'week' ? 7 : 0;
  let date = p.from;
  while (date <= p.to) {
    const label = bucketLabel(grain, date, weekStart);
    if (out[out.length - 1] !== label) out.push(label);
    if (step > 0) date = addDays(date, step);
    else {
      const months = grain === 'month' ? 1 : grain === 'quarter' ? 3 : 12;
      const start = grain === 'month' ? `${date.slice(0, 7)}-01` : firstOf(grain as 'quarter' | 'year', date);
      date = addMonths(start, months);
    }
  }
  if (grain === 'week') {
    const last = bucketLabel('week', p.to, weekStart);
    if (out[out.length - 1] !== last) out.push(last);
  }
  return out;
}

function firstOf(grain: 'quarter' | 'year', date: string): string {
  if (grain === 'year') return `${date.slice(0, 4)}-01-01`;
  const m0 = Math.floor((Number(date.slice(5, 7)) - 1) / 3) * 3 + 1;
  return `${date.slice(0, 4)}-${String(m0).padStart(2, '0')}-01`;
}
