import { addDays, bucketLabels, monthPeriod, query } from '../../metrics/index.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { planResponse, reallocate } from './allocate.js';
import { bootstrapCurves, quantile } from './bootstrap.js';
import { breakEvenSpend, fitResponseCurve, marginalRoas, type ResponseCurve } from './model.js';

export { DEFAULT_BOUNDS, planResponse, reallocate, spendAtMarginal } from './allocate.js';
export { bootstrapCurves, quantile } from './bootstrap.js';
export {
  breakEvenSpend,
  type CurveFit,
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
}

/** Days with spend a channel needs before its curve is fitted. */
export const MIN_SPEND_DAYS = 56;

const interval = (value: number, xs: number[]): Interval => ({
  value,
  low: quantile(xs, 0.1),
  high: quantile(xs, 0.9),
});

/**
 * Marginal ROI per paid channel (spend in the month, and on at least 56 days of the history): a Robyn-style response curve of
 * the channel's new-buyer GMV to its daily spend (geometric adstock + Hill), the marginal ROAS at the
 * month's spend, the 临界值 spend where it falls below 1, and a split of the same total budget (each
 * channel within ½–2× its spend) that raises the expected GMV, each with bootstrap intervals. One
 * query through the metric layer.
 */
export async function marginalRoi(wh: Warehouse, opts: MarginalRoiOptions): Promise<MarginalRoi> {
  const month = monthPeriod(opts.month);
  const from = addDays(monthPeriod(addMonthsTo(opts.month, -((opts.historyMonths ?? 24) - 1))).from, 0);
  const period = { from, to: month.to };
  const replicates = opts.replicates ?? 30;
  const seed = opts.seed ?? 1;
  const { rows } = await query(
    wh,
    { metrics: ['new_buyer_gmv', 'spend'], dimensions: ['channel', 'day'], period },
    { weekStart: opts.weekStart ?? 1 },
  );
  const days = bucketLabels(period, 'day', 1);
  const series = new Map<string, { spend: number[]; y: number[] }>();
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  for (const r of rows) {
    const ch = String(r.channel ?? '');
    let s = series.get(ch);
    if (!s) {
      s = { spend: days.map(() => 0), y: days.map(() => 0) };
      series.set(ch, s);
    }
    const i = dayIndex.get(String(r.day))!;
    s.spend[i] = Number(r.spend ?? 0);
    s.y[i] = Number(r.new_buyer_gmv ?? 0);
  }
  // From the first day with any spend: before it, the channel was not being bought.
  const monthDays = days.filter((d) => d >= month.from);
  const channels: ChannelRoi[] = [];
  const boot: ResponseCurve[][] = [];
  for (const [channel, s] of [...series.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const dailySpend = monthDays.reduce((a, d) => a + s.spend[dayIndex.get(d)!], 0) / monthDays.length;
    if (!(dailySpend > 0)) continue;
    const first = s.spend.findIndex((v) => v > 0);
    const spend = s.spend.slice(first);
    const y = s.y.slice(first);
    // A curve needs weeks of varying spend: at least 8 weeks of days with spend.
    if (spend.filter((v) => v > 0).length < MIN_SPEND_DAYS) continue;
    const fit = fitResponseCurve(spend, y);
    const curves = bootstrapCurves(spend, y, fit, { replicates, seed: seed + channels.length });
    boot.push(curves);
    const m = marginalRoas(fit.curve, dailySpend);
    channels.push({
      channel,
      days: spend.length,
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
