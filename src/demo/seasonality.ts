import { civil, dayNumber } from './calendar.js';

/**
 * The shop's demand calendar: weekday pattern, growth trend, Chinese New Year dip and the platform
 * festivals (618, 双11, 双12). `demandFactor` multiplies new-customer acquisition, ad spend and — through
 * a time warp — returning customers' purchase clocks, so peaks show up everywhere at once.
 */

/** Lunar New Year's Day (real dates). */
export const CNY_DATES: Record<number, [number, number]> = {
  2020: [1, 25],
  2021: [2, 12],
  2022: [2, 1],
  2023: [1, 22],
  2024: [2, 10],
  2025: [1, 29],
  2026: [2, 17],
  2027: [2, 6],
  2028: [1, 26],
  2029: [2, 13],
  2030: [2, 3],
};

/** Mon … Sun */
const WEEKDAY = [0.97, 0.95, 0.96, 0.98, 1.0, 1.06, 1.08];

/** Annual growth of the shop's demand. */
export const ANNUAL_GROWTH = 0.3;

export interface Festival {
  /** Campaign id written on orders and spend rows, e.g. `1111-2026`. */
  id: string;
  name: string;
  start: number;
  end: number;
}

/** The platform festivals of a year, as day ranges. */
export function festivals(year: number): Festival[] {
  return [
    {
      id: `618-${year}`,
      name: `618 年中大促 ${year}`,
      start: dayNumber(year, 6, 1),
      end: dayNumber(year, 6, 18),
    },
    { id: `1111-${year}`, name: `双11 ${year}`, start: dayNumber(year, 11, 1), end: dayNumber(year, 11, 11) },
    { id: `1212-${year}`, name: `双12 ${year}`, start: dayNumber(year, 12, 8), end: dayNumber(year, 12, 12) },
  ];
}

/** The festival running on a day, if any. */
export function festivalOn(dayNum: number): Festival | undefined {
  const { year } = civil(dayNum);
  return festivals(year).find((f) => dayNum >= f.start && dayNum <= f.end);
}

function cnyFactor(dayNum: number, year: number): number {
  let factor = 1;
  for (const y of [year - 1, year, year + 1]) {
    const date = CNY_DATES[y];
    if (!date) continue;
    const k = dayNum - dayNumber(y, date[0], date[1]);
    if (k >= -28 && k <= -12)
      factor *= 1.12; // 年货节 shopping before the holiday
    else if (k >= -11 && k <= -4)
      factor *= 0.8 - 0.04 * (k + 11); // couriers stop taking orders
    else if (k >= -3 && k <= 6)
      factor *= 0.45; // the holiday itself
    else if (k >= 7 && k <= 14) factor *= 0.55 + 0.05 * (k - 7); // recovery
  }
  return factor;
}

function festivalFactor(month: number, day: number): number {
  if (month === 6) {
    if (day <= 17) return 1.15 + 0.02 * day;
    if (day === 18) return 3.6;
    if (day <= 20) return 0.85;
  }
  if (month === 10 && day >= 24) return 0.92; // 双11 pre-sale: deposits placed now are paid on the 11th; spot buying waits
  if (month === 11) {
    if (day <= 10) return 1.45 + 0.03 * day;
    if (day === 11) return 8;
    if (day <= 14) return 0.8;
  }
  if (month === 12) {
    if (day >= 8 && day <= 11) return 1.2;
    if (day === 12) return 2.6;
  }
  if (month === 3 && day === 8) return 1.5; // 女王节
  return 1;
}

/** Seasonal demand of a day without the trend: weekday × festivals × Chinese New Year. */
export function seasonalFactor(dayNum: number): number {
  const { year, month, day, isoDow } = civil(dayNum);
  return WEEKDAY[isoDow - 1] * festivalFactor(month, day) * cnyFactor(dayNum, year);
}

/** Growth trend: 1 on the first day of the data, × (1 + ANNUAL_GROWTH) per year. */
export function trendFactor(dayNum: number, firstDay: number): number {
  return (1 + ANNUAL_GROWTH) ** ((dayNum - firstDay) / 365);
}
