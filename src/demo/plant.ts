import { addMonths, civil, monthStart } from './calendar.js';

/**
 * What the demo plants, and where. The planted month is the last month of the data (endMonth); it is
 * compared with the month before. Intended values are what an analyst should find; ground-truth.json
 * also records the values realised in the generated rows.
 */
export const PLANT = {
  /** 信息流广告 budget in the planted month relative to plan: clicks double, buyers saturate. */
  feedSpendMultiplier: 2.6,
  /** Non-paid traffic converts a little worse in the planted month (a rate effect next to the mix). */
  organicConversionFactor: 0.935,
  /**
   * Weight of the < ¥100 price band multiplied in every channel (a 9.9 special on cheap items). The
   * multiplier starts here and is then adjusted once a day (atvSteering): boost × exp(gain × (running
   * 客单价 change − intended change)), clamped to [min, max], where the running change compares the month
   * so far with the previous month at the same day of month. This lands the month near the intended
   * change despite sampling noise (about ±2 % at scale 1); cheap items always gain share (boost ≥ 1).
   */
  cheapBandBoost: 1.3,
  atvSteering: { gain: 8, min: 1, max: 3, fromDay: 3 },
  /** A returning buyer's purchase on days 1–22 triggers a coupon (复购券) order 2–8 days later. */
  repeatCoupon: { probability: 0.1, code: 'FUGOU20', valueFen: 2000, minFen: 9900, lastTriggerDay: 22 },
  intended: {
    feedVisitorShare: { previous: 0.15, planted: 0.27 },
    conversion: { previous: 0.08, planted: 0.06 },
    atvChange: -0.03,
    cheapBandGmvShareRises: true,
    returningRepeatRateRises: true,
  },
} as const;

/** A stock-out of one popular SKU: no sales at all between `from` and `to` (inclusive). */
export interface StockoutPlan {
  month: string;
  fromDay: number;
  toDay: number;
}

/** A campaign with a demand uplift on its days (new customers and returning purchase clocks). */
export interface BrandDayPlan {
  campaignId: string;
  name: string;
  month: string;
  fromDay: number;
  toDay: number;
  uplift: number;
  /** 满减 of the campaign. */
  thresholdFen: number;
  offFen: number;
}

/** Stock-out: days 10–21 of the month two months before the planted month. */
export function stockoutPlan(endMonth: string): StockoutPlan {
  return { month: addMonths(endMonth, -2), fromDay: 10, toDay: 21 };
}

/**
 * Brand day (品牌日): days 15–17 of the latest month at least three months before the planted month
 * that has no platform festival or New Year (not Jan, Feb, Jun, Nov, Dec).
 */
export function brandDayPlan(endMonth: string): BrandDayPlan {
  let month = addMonths(endMonth, -3);
  while ([1, 2, 6, 11, 12].includes(civil(monthStart(month)).month)) month = addMonths(month, -1);
  return {
    campaignId: `BRANDDAY-${month.replace('-', '')}`,
    name: `超级品牌日 ${month}`,
    month,
    fromDay: 15,
    toDay: 17,
    uplift: 1.8,
    thresholdFen: 19_900,
    offFen: 3_000,
  };
}
