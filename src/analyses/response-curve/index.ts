import { type CalendarConfig, calendarDays, DEFAULT_CALENDAR } from '../../config/calendar.js';
import { addDays, bucketLabels, monthPeriod } from '../../metrics/index.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { spendCampaigns } from '../anomalies/query.js';
import { planResponse, reallocate } from './allocate.js';
import { bootstrapCurves, quantile } from './bootstrap.js';
import { CurvePrep, fitCurve, smoothControl } from './fit.js';
import { breakEvenSpend, marginalRoas, type ResponseCurve } from './model.js';
import { newBuyersByDay, newBuyerValue, spendByDay, VALUE_DAYS } from './query.js';

export { DEFAULT_BOUNDS, planResponse, reallocate, spendAtMarginal } from './allocate.js';
export { bootstrapCurves, quantile } from './bootstrap.js';
export { type CurveData, type CurveFit, CurvePrep, fitCurve, smoothControl, THETA_GRID } from './fit.js';
export {
  breakEvenSpend,
  fitResponseCurve,
  marginalRoas,
  peakMarginalSpend,
  type ResponseCurve,
  steadyResponse,
} from './model.js';

/** A value with its 10th–90th percentile bootstrap interval. */
export interface Interval {
  value: number;
  low: number;
  high: number;
}

/** Like Interval; null where the value lies beyond 10× the highest daily spend seen (the curve says nothing there). */
export interface OpenInterval {
  value: number | null;
  low: number | null;
  high: number | null;
}

export interface ChannelRoi {
  channel: string;
  days: number;
  /** First-day GMV of a new buyer through the channel over the last 13 weeks (yuan): buyers → GMV. */
  valuePerNewBuyer: number;
  curve: ResponseCurve;
  r2: number;
  /** Average daily spend in the month. */
  dailySpend: number;
  /** GMV one more yuan a day would bring at that spend. */
  marginalRoas: Interval;
  /** 临界值: the daily spend beyond which marginal ROAS falls below 1 (null: beyond 10× the data). */
  breakEvenDailySpend: OpenInterval;
  /** over: spending beyond the 临界值 (marginal ROAS < 1); under: marginal ROAS ≥ 1.5; near otherwise. */
  status: 'over' | 'near' | 'under';
}

export interface MarginalRoi {
  month: string;
  /** Days of history the curves were fitted on. */
  from: string;
  to: string;
  response: 'new_buyer_gmv';
  /** The base's control: the new-buyer GMV of these channels (no spend in the history), smoothed; empty: a trend. */
  control: string[];
  /** Calendar days left out of the fit. */
  excludedDays: number;
  channels: ChannelRoi[];
  reallocation: {
    totalDailySpend: number;
    current: Record<string, number>;
    proposed: Record<string, number>;
    /** Expected extra spend-driven GMV per day of the proposed split, with its bootstrap interval. */
    gainPerDay: Interval;
    /** Share of bootstrap replicates in which the proposed split does better. */
    probabilityBetter: number;
  };
  replicates: number;
  seed: number;
}

export interface MarginalRoiOptions {
  month: string;
  /** Months of history up to the month's end (default 24; less when the data is shorter). */
  historyMonths?: number;
  /** Bootstrap replicates (default 30) and their seed (default 1). */
  replicates?: number;
  seed?: number;
  weekStart?: 1 | 7;
  /** Festivals, holidays and campaigns left out of the fit (default: the built-in China calendar). */
  calendar?: CalendarConfig;
}

/** Days with spend a channel needs before its curve is fitted. */
export const MIN_SPEND_DAYS = 56;

const interval = (value: number, xs: number[]): Interval => ({
  value,
  low: quantile(xs, 0.1),
  high: quantile(xs, 0.9),
});

/**
 * Marginal ROI per paid channel (spend in the month, and on at least 56 days of the history): a
 * Robyn-style response curve of the channel's new buyers to its daily spend (geometric adstock + Hill,
 * organic demand as a control, calendar days left out; fit.ts), valued at the recent first-day GMV per
 * new buyer; the marginal ROAS at the month's spend, the 临界值 spend where it falls below 1, and a
 * split of the same total budget (each channel within ½–2× its spend) that raises the expected GMV,
 * each with bootstrap intervals. Queries: new buyers by day (customer_facts), spend by day (metric
 * layer), the value of a new buyer (13 weeks of orders) and the spend campaigns.
 */
export async function marginalRoi(wh: Warehouse, opts: MarginalRoiOptions): Promise<MarginalRoi> {
  const month = monthPeriod(opts.month);
  const from = addDays(monthPeriod(addMonthsTo(opts.month, -((opts.historyMonths ?? 24) - 1))).from, 0);
  const period = { from, to: month.to };
  const replicates = opts.replicates ?? 30;
  const seed = opts.seed ?? 1;
  const weekStart = opts.weekStart ?? 1;
  const buyers = await newBuyersByDay(wh, period);
  const spends = await spendByDay(wh, period, weekStart);
  const values = await newBuyerValue(wh, { from: addDays(month.to, -(VALUE_DAYS - 1)), to: month.to });
  const days = bucketLabels(period, 'day', 1);
  const series = new Map<string, { spend: number[]; y: number[] }>();
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const cell = (ch: string) => {
    let c = series.get(ch);
    if (!c) {
      c = { spend: days.map(() => 0), y: days.map(() => 0) };
      series.set(ch, c);
    }
    return c;
  };
  for (const r of buyers) {
    const i = dayIndex.get(r.day);
    if (i !== undefined) cell(r.channel).y[i] = r.buyers;
  }
  for (const r of spends) {
    const i = dayIndex.get(r.day);
    if (i !== undefined) cell(r.channel).spend[i] = r.spend;
  }
  // The base's control: new buyers of channels that never spend follow the shop's organic demand.
  const organic = [...series.entries()].filter(
    ([, s]) => s.spend.every((v) => v === 0) && s.y.some((v) => v > 0),
  );
  const rawControl = days.map((_, i) => organic.reduce((a, [, s]) => a + s.y[i], 0));
  const control = organic.length ? smoothControl(rawControl) : null;
  const cal = opts.calendar ?? DEFAULT_CALENDAR;
  const campaigns = cal.campaignsFromData ? await spendCampaigns(wh, period, cal.maxCampaignDays) : [];
  const labelled = calendarDays(cal, period.from, period.to, campaigns);
  const exclude = days.map((d) => labelled.has(d));
  const monthDays = days.filter((d) => d >= month.from);
  const channels: ChannelRoi[] = [];
  const boot: ResponseCurve[][] = [];
  for (const [channel, s] of [...series.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const dailySpend = monthDays.reduce((a, d) => a + s.spend[dayIndex.get(d)!], 0) / monthDays.length;
    if (!(dailySpend > 0)) continue;
    // From the first day with any spend: before it, the channel was not being bought.
    const first = s.spend.findIndex((v) => v > 0);
    const spend = s.spend.slice(first);
    // A curve needs weeks of varying spend: at least 8 weeks of days with spend.
    if (spend.filter((v) => v > 0).length < MIN_SPEND_DAYS) continue;
    const prep = new CurvePrep({
      spend,
      y: s.y.slice(first),
      control: control ? control.slice(first) : null,
      exclude: exclude.slice(first),
    });
    // Fitted on new buyers a day; one new buyer is worth their first-day GMV (recent weeks' average).
    const value = values.get(channel) ?? 0;
    const inGmv = (c: ResponseCurve): ResponseCurve => ({ ...c, beta: c.beta * value, base: c.base * value });
    const fit = fitCurve(prep);
    fit.curve = inGmv(fit.curve);
    const curves = bootstrapCurves(prep, fit, { replicates, seed: seed + channels.length }).map(inGmv);
    boot.push(curves);
    const m = marginalRoas(fit.curve, dailySpend);
    channels.push({
      channel,
      days: spend.length,
      valuePerNewBuyer: value,
      curve: fit.curve,
      r2: fit.r2,
      dailySpend,
      marginalRoas: interval(
        m,
        curves.map((c) => marginalRoas(c, dailySpend)),
      ),
      breakEvenDailySpend: capped(
        interval(breakEvenSpend(fit.curve), curves.map(breakEvenSpend)),
        10 * Math.max(...spend),
      ),
      status: m < 1 ? 'over' : m < 1.5 ? 'near' : 'under',
    });
  }
  const current = channels.map((c) => c.dailySpend);
  const total = current.reduce((a, b) => a + b, 0);
  const proposed = reallocate(
    channels.map((c) => c.curve),
    current,
  );
  const gain = (cs: ResponseCurve[]) => planResponse(cs, proposed) - planResponse(cs, current);
  const gains = Array.from({ length: replicates }, (_, b) => gain(boot.map((cs) => cs[b])));
  const byChannel = (xs: number[]) => Object.fromEntries(channels.map((c, i) => [c.channel, xs[i]]));
  return {
    month: opts.month,
    from: period.from,
    to: period.to,
    response: 'new_buyer_gmv',
    control: organic.map(([c]) => c).sort(),
    excludedDays: exclude.filter(Boolean).length,
    channels,
    reallocation: {
      totalDailySpend: total,
      current: byChannel(current),
      proposed: byChannel(proposed),
      gainPerDay: interval(gain(channels.map((c) => c.curve)), gains),
      probabilityBetter: gains.length ? gains.filter((g) => g > 0).length / gains.length : 0,
    },
    replicates,
    seed,
  };
}

function capped(x: Interval, cap: number): OpenInterval {
  const c = (v: number) => (Number.isFinite(v) && v <= cap ? v : null);
  return { value: c(x.value), low: c(x.low), high: c(x.high) };
}

function addMonthsTo(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}
