import { FupanError } from '../errors.js';

/**
 * The shop's calendar of days that are expected to be unusual: platform festivals, public holidays,
 * brand days and campaigns. Anomaly detection leaves these days out of its seasonal baseline and
 * labels them instead of flagging them (docs/diagnosis.md, "Anomalies").
 */
export type CalendarKind = 'festival' | 'holiday' | 'brand_day' | 'campaign';

export interface CalendarEvent {
  name: string;
  kind: CalendarKind;
  /** 'MM-DD' (every year) or 'YYYY-MM-DD' (once). */
  from: string;
  /** Same form as `from`; default `from` (one day). An 'MM-DD' range may cross the new year. */
  to?: string;
}

export interface CalendarConfig {
  /**
   * The built-in China calendar: 3.8 (03-08), 618 (06-01…06-20), 双11 (10-24 pre-sale … 11-14),
   * 双12 (12-08…12-12), 年货节 (4 to 2 weeks before 春节) and 春节 (from the couriers' stop 11 days before
   * to the recovery 2 weeks after, Lunar New Year dates 2020–2035).
   */
  chinaDefaults: boolean;
  /** More days: brand days (超级品牌日), store anniversaries, one-off campaigns. */
  events: CalendarEvent[];
  /**
   * Campaigns from the data: campaign ids of marketing_spend that run at most `maxCampaignDays` days
   * (an always-on id spans the whole data and is not a campaign).
   */
  campaignsFromData: boolean;
  maxCampaignDays: number;
}

export const DEFAULT_CALENDAR: CalendarConfig = {
  chinaDefaults: true,
  events: [],
  campaignsFromData: true,
  maxCampaignDays: 31,
};

/** Lunar New Year's Day (正月初一), real dates. */
export const LUNAR_NEW_YEAR: Readonly<Record<number, string>> = {
  2020: '01-25',
  2021: '02-12',
  2022: '02-01',
  2023: '01-22',
  2024: '02-10',
  2025: '01-29',
  2026: '02-17',
  2027: '02-06',
  2028: '01-26',
  2029: '02-13',
  2030: '02-03',
  2031: '01-23',
  2032: '02-11',
  2033: '01-31',
  2034: '02-19',
  2035: '02-08',
};

/** The recurring platform festivals of the built-in calendar. */
export const CHINA_FESTIVALS: readonly CalendarEvent[] = [
  { name: '3.8', kind: 'festival', from: '03-08' },
  { name: '618', kind: 'festival', from: '06-01', to: '06-20' },
  { name: '双11', kind: 'festival', from: '10-24', to: '11-14' },
  { name: '双12', kind: 'festival', from: '12-08', to: '12-12' },
];

/** A labelled day of the calendar. */
export interface CalendarDay {
  name: string;
  kind: CalendarKind;
  source: 'default' | 'config' | 'data';
}

const MD = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const YMD = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const KINDS = new Set<CalendarKind>(['festival', 'holiday', 'brand_day', 'campaign']);

const dayNum = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
const isoOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/** Checks a user calendar over the defaults; throws CONFIG_INVALID with the field at fault. */
export function resolveCalendar(user: unknown, source: string): CalendarConfig {
  if (user === undefined) return { ...DEFAULT_CALENDAR, events: [] };
  if (user === null || typeof user !== 'object' || Array.isArray(user))
    throw new FupanError('CONFIG_INVALID', `${source}: calendar must be an object`);
  const u = user as Record<string, unknown>;
  for (const k of Object.keys(u)) {
    if (!Object.hasOwn(DEFAULT_CALENDAR, k))
      throw new FupanError('CONFIG_INVALID', `${source}: unknown setting "calendar.${k}"`);
  }
  const cal = { ...DEFAULT_CALENDAR, ...u } as CalendarConfig;
  for (const k of ['chinaDefaults', 'campaignsFromData'] as const) {
    if (typeof cal[k] !== 'boolean')
      throw new FupanError('CONFIG_INVALID', `${source}: calendar.${k} must be true or false`);
  }
  if (!Number.isInteger(cal.maxCampaignDays) || cal.maxCampaignDays < 1)
    throw new FupanError('CONFIG_INVALID', `${source}: calendar.maxCampaignDays must be a positive integer`);
  if (!Array.isArray(cal.events))
    throw new FupanError('CONFIG_INVALID', `${source}: calendar.events must be a list`);
  cal.events = cal.events.map((e, i) => {
    const where = `${source}: calendar.events[${i}]`;
    if (e === null || typeof e !== 'object')
      throw new FupanError('CONFIG_INVALID', `${where} must be an object`);
    const { name, kind, from, to } = e as unknown as Record<string, unknown>;
    if (typeof name !== 'string' || name.trim() === '')
      throw new FupanError('CONFIG_INVALID', `${where}.name must be a non-empty string`);
    if (!KINDS.has(kind as CalendarKind))
      throw new FupanError(
        'CONFIG_INVALID',
        `${where}.kind must be festival, holiday, brand_day or campaign`,
      );
    const form = (v: unknown) =>
      typeof v === 'string' && MD.test(v) ? 'md' : typeof v === 'string' && YMD.test(v) ? 'ymd' : null;
    const f = form(from);
    if (!f) throw new FupanError('CONFIG_INVALID', `${where}.from must be MM-DD or YYYY-MM-DD`);
    if (to !== undefined && form(to) !== f)
      throw new FupanError(
        'CONFIG_INVALID',
        `${where}.to must have the same form as from (${f === 'md' ? 'MM-DD' : 'YYYY-MM-DD'})`,
      );
    if (f === 'ymd' && to !== undefined && (to as string) < (from as string))
      throw new FupanError('CONFIG_INVALID', `${where}: to is before from`);
    return {
      name,
      kind: kind as CalendarKind,
      from: from as string,
      ...(to === undefined ? {} : { to: to as string }),
    };
  });
  return cal;
}

/**
 * The labelled days between `from` and `to` (YYYY-MM-DD, inclusive): built-in festivals and Lunar New
 * Year windows when `chinaDefaults`, the configured events, and `extra` events (campaigns from data).
 * A day in several events keeps the first: configured events, then the built-in ones, then data.
 */
export function calendarDays(
  cal: CalendarConfig,
  from: string,
  to: string,
  extra: readonly CalendarEvent[] = [],
): Map<string, CalendarDay> {
  const out = new Map<string, CalendarDay>();
  const lo = dayNum(from);
  const hi = dayNum(to);
  const mark = (a: number, b: number, day: CalendarDay) => {
    for (let n = Math.max(a, lo); n <= Math.min(b, hi); n++) {
      const iso = isoOf(n);
      if (!out.has(iso)) out.set(iso, day);
    }
  };
  const years: number[] = [];
  for (let y = Number(from.slice(0, 4)) - 1; y <= Number(to.slice(0, 4)) + 1; y++) years.push(y);
  const add = (e: CalendarEvent, source: CalendarDay['source']) => {
    const day = { name: e.name, kind: e.kind, source };
    if (YMD.test(e.from)) {
      mark(dayNum(e.from), dayNum(e.to ?? e.from), day);
      return;
    }
    const end = e.to ?? e.from;
    for (const y of years) {
      const a = dayNum(`${y}-${e.from}`);
      mark(a, dayNum(`${end < e.from ? y + 1 : y}-${end}`), day);
    }
  };
  for (const e of cal.events) add(e, 'config');
  if (cal.chinaDefaults) {
    for (const e of CHINA_FESTIVALS) add(e, 'default');
    for (const y of years) {
      const d = LUNAR_NEW_YEAR[y];
      if (!d) continue;
      const cny = dayNum(`${y}-${d}`);
      mark(cny - 28, cny - 12, { name: '年货节', kind: 'festival', source: 'default' });
      mark(cny - 11, cny + 14, { name: '春节', kind: 'holiday', source: 'default' });
    }
  }
  for (const e of extra) add(e, 'data');
  return out;
}

export { dayNum as dayNumber, isoOf as isoDay };
