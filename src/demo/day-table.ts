import { civil, dayNumber, isoDate, monthStart, utcOffset } from './calendar.js';
import { utf8 } from './csv-writer.js';
import type { BrandDayPlan } from './plant.js';
import { festivalOn, seasonalFactor } from './seasonality.js';

/**
 * Everything the simulation needs per day, computed once: the data month of the day, date text and
 * zone offset as bytes, seasonal demand and its running sum (the clock returning customers buy on),
 * and the promotion calendar (campaign id and 满减 rule of the day).
 */
export interface DayTable {
  /** Data month index of each day (−1 in the burn-in). */
  monthOf: Int16Array;
  /** 'YYYY-MM-DD' */
  date: string[];
  /** 'YYYY-MM-DD ' and '+08:00' as UTF-8 bytes. */
  stamp: Uint8Array[];
  offset: Uint8Array[];
  season: Float64Array;
  /** cum[d] = Σ season[0..d−1]; length days + 1. */
  cum: Float64Array;
  campaign: string[];
  thresholdFen: Int32Array;
  offFen: Int32Array;
  isDouble11: Uint8Array;
}

export function buildDayTable(
  firstDay: number,
  days: number,
  months: readonly string[],
  timeZone: string,
  brandDay: BrandDayPlan,
): DayTable {
  const bdStart = monthStart(brandDay.month) + brandDay.fromDay - 1;
  const bdEnd = monthStart(brandDay.month) + brandDay.toDay - 1;
  const t: DayTable = {
    monthOf: new Int16Array(days),
    date: [],
    stamp: [],
    offset: [],
    season: new Float64Array(days),
    cum: new Float64Array(days + 1),
    campaign: [],
    thresholdFen: new Int32Array(days),
    offFen: new Int32Array(days),
    isDouble11: new Uint8Array(days),
  };
  let monthOffset: Uint8Array = new Uint8Array(0);
  let monthChanges = false;
  for (let d = 0, m = -1; d < days; d++) {
    const dn = firstDay + d;
    if (m + 1 < months.length && dn >= monthStart(months[m + 1])) m++;
    t.monthOf[d] = m;
    const cal = civil(dn);
    t.date.push(isoDate(dn));
    t.stamp.push(utf8(`${t.date[d]} `));
    // The zone's offset changes at most twice a year: look it up on the 1st of each month and day by
    // day only in months whose last day has another offset.
    if (cal.day === 1 || d === 0) {
      const first = utcOffset(dn, timeZone);
      monthOffset = utf8(first);
      monthChanges = utcOffset(dayNumber(cal.year, cal.month + 1, 0), timeZone) !== first;
    }
    t.offset.push(monthChanges ? utf8(utcOffset(dn, timeZone)) : monthOffset);
    const inBrandDay = dn >= bdStart && dn <= bdEnd;
    t.season[d] = seasonalFactor(dn) * (inBrandDay ? brandDay.uplift : 1);
    t.cum[d + 1] = t.cum[d] + t.season[d];
    t.isDouble11[d] = cal.month === 11 && cal.day === 11 ? 1 : 0;
    const f = festivalOn(dn);
    if (f) {
      const kind = f.id.slice(0, f.id.indexOf('-'));
      t.campaign.push(f.id);
      t.thresholdFen[d] = kind === '1111' ? 30_000 : 20_000;
      t.offFen[d] = kind === '1111' ? 5_000 : kind === '618' ? 3_000 : 2_000;
    } else if (inBrandDay) {
      t.campaign.push(brandDay.campaignId);
      t.thresholdFen[d] = brandDay.thresholdFen;
      t.offFen[d] = brandDay.offFen;
    } else t.campaign.push('');
  }
  return t;
}
