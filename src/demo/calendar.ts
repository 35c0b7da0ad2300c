/**
 * Civil-date arithmetic for the demo on integer day numbers (days since 1970-01-01 as a calendar
 * date, independent of any zone), plus the store zone's UTC offset per day for writing instants.
 */
const MS_PER_DAY = 86_400_000;

export interface CivilDate {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  /** ISO weekday: Monday = 1 … Sunday = 7 */
  isoDow: number;
}

export function dayNumber(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function civil(dayNum: number): CivilDate {
  const d = new Date(dayNum * MS_PER_DAY);
  const dow = d.getUTCDay();
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    isoDow: dow === 0 ? 7 : dow,
  };
}

/** 'YYYY-MM-DD' */
export function isoDate(dayNum: number): string {
  return new Date(dayNum * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 'YYYY-MM' of a day. */
export function monthKeyOfDay(dayNum: number): string {
  return isoDate(dayNum).slice(0, 7);
}

/** Parses 'YYYY-MM' → {year, month}; throws on anything else. */
export function parseMonth(key: string): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new Error(`not a month (YYYY-MM): ${key}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** The month `delta` months after `key` ('2026-10', -1 → '2026-09'). */
export function addMonths(key: string, delta: number): string {
  const { year, month } = parseMonth(key);
  const idx = year * 12 + (month - 1) + delta;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/** First day number of a month. */
export function monthStart(key: string): number {
  const { year, month } = parseMonth(key);
  return dayNumber(year, month, 1);
}

/** The last complete month before the instant `now` in `timeZone`. */
export function lastCompleteMonth(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(now);
  const y = parts.find((p) => p.type === 'year')!.value;
  const m = parts.find((p) => p.type === 'month')!.value;
  return addMonths(`${y}-${m}`, -1);
}

/**
 * The zone's UTC offset on a local day as '+08:00', taken at local noon. (A zone with daylight saving
 * changes its offset at night; the demo writes every instant of the day with the noon offset, which
 * keeps them valid instants — only a few night-time local clock readings shift by the DST hour.)
 */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

export function utcOffset(dayNum: number, timeZone: string): string {
  let fmt = offsetFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, fmt);
  }
  const probe = new Date(dayNum * MS_PER_DAY + 12 * 3_600_000);
  const name = fmt.formatToParts(probe).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  if (!m) return '+00:00';
  return `${m[1]}:${m[2] ?? '00'}`;
}
