import { addDays, addMonths } from '../../metrics/period.js';
import type { Period } from '../../metrics/types.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string | null | undefined): s is string {
  if (!s || !ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export type Preset = 'this_month' | 'last_month' | 'last_7' | 'last_30' | 'this_quarter' | 'custom';
export const PRESETS: readonly Preset[] = [
  'this_month',
  'last_month',
  'last_7',
  'last_30',
  'this_quarter',
  'custom',
];

const monthStart = (iso: string) => `${iso.slice(0, 7)}-01`;

/**
 * The dates of a preset relative to `today` (the dashboard passes the latest data date, so a view of
 * an old export opens on data; `?today=` pins it). Month presets follow the calendar of the store.
 */
export function presetPeriod(preset: Preset, today: string, custom?: Partial<Period>): Period {
  switch (preset) {
    case 'this_month':
      return { from: monthStart(today), to: today };
    case 'last_month': {
      const from = addMonths(monthStart(today), -1);
      return { from, to: addDays(monthStart(today), -1) };
    }
    case 'last_7':
      return { from: addDays(today, -6), to: today };
    case 'last_30':
      return { from: addDays(today, -29), to: today };
    case 'this_quarter': {
      const m = Number(today.slice(5, 7));
      const qm = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: `${today.slice(0, 4)}-${String(qm).padStart(2, '0')}-01`, to: today };
    }
    case 'custom': {
      const from = isIsoDate(custom?.from) ? custom.from : monthStart(today);
      const to = isIsoDate(custom?.to) ? custom.to : today;
      return from <= to ? { from, to } : { from: to, to: from };
    }
  }
}
