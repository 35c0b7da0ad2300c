import {
  type CalendarConfig,
  type CalendarDay,
  calendarDays,
  DEFAULT_CALENDAR,
} from '../../config/calendar.js';
import { FupanError } from '../../errors.js';
import { addDays, bucketLabels, monthPeriod } from '../../metrics/index.js';
import type { Period } from '../../metrics/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { type AnomalyCause, type CompositionShift, causeData, compositionShift, dayCause } from './cause.js';
import { type ScoredDay, scoreSeries } from './model.js';
import { causeCubes, dailyKpis, spendCampaigns } from './query.js';
import { findStockouts, type Stockout } from './stockouts.js';

export type { AnomalyCause, CompositionShift } from './cause.js';
export { median, type ScoredDay, type SeriesScore, scoreSeries, theilSen } from './model.js';
export { findStockouts, STOCKOUT_MIN_EVIDENCE, STOCKOUT_MIN_UNITS, type Stockout } from './stockouts.js';

/** The daily KPIs checked, in report order. */
export const ANOMALY_METRICS = ['gmv', 'orders', 'buyers', 'visitors', 'conversion', 'atv'] as const;
export type AnomalyMetric = (typeof ANOMALY_METRICS)[number];
const RATIOS = new Set<string>(['conversion', 'atv']);

/** GMV = visitors × conversion × 客单价: the factor of a GMV anomaly that moved most the same way. */
export type GmvFactor = 'traffic' | 'conversion' | 'atv' | 'spend';

export interface DayScore {
  date: string;
  value: number;
  expected: number;
  /** value ÷ expected − 1. */
  change: number;
  /** Robust z of the log value against the baseline. */
  z: number;
}

export interface Anomaly extends DayScore {
  metric: AnomalyMetric;
  direction: 'up' | 'down';
  /** The dimension value that moved most against the same weekday of recent clean weeks. */
  cause: AnomalyCause | null;
  /** GMV only: visitors, conversion or 客单价 (the largest z the same way), or spend when ad spend jumped too. */
  factor: GmvFactor | null;
  /** 客单价 and GMV: the price band whose share of sales moved most beyond its noise (null when none did). */
  composition: CompositionShift | null;
}

/** Consecutive flagged days of one metric in one direction. */
export interface AnomalyRun {
  metric: AnomalyMetric;
  direction: 'up' | 'down';
  from: string;
  to: string;
  days: number;
  /** Mean change over the run's days, and the largest |z|. */
  change: number;
  z: number;
  /** The cause most days of the run share (with its mean contribution), null when none. */
  cause: AnomalyCause | null;
  /** GMV and 客单价: the composition shift most days share (mean shares), null when none. */
  composition: CompositionShift | null;
}

/** A calendar day in the period: scored against the baseline, labelled, never flagged. */
export interface KnownDay extends CalendarDay {
  date: string;
  /** The KPIs' size on the day (metrics with a baseline only). */
  scores: Partial<Record<AnomalyMetric, DayScore>>;
}

export interface AnomalyResult {
  period: Period;
  threshold: number;
  minChange: number;
  metrics: AnomalyMetric[];
  /** Flagged days, by date then metric. */
  anomalies: Anomaly[];
  runs: AnomalyRun[];
  known: KnownDay[];
  stockouts: Stockout[];
  /** Metrics without enough history for a baseline (fewer than 14 clean days in the 8 weeks before). */
  unscored: AnomalyMetric[];
}

export interface AnomalyOptions {
  /** A month (YYYY-MM) or a period; one of them. */
  month?: string;
  period?: Period;
  metrics?: readonly AnomalyMetric[];
  /** |z| at which a day is flagged (default 3.5) and the smallest |change| (default 0.05). */
  threshold?: number;
  minChange?: number;
  calendar?: CalendarConfig;
  weekStart?: 1 | 7;
}

/**
 * Days of history read before the period: the trend and weekday pattern use 13 weeks, the scale the
 * 8 weeks before the period, each of whose baselines looks back 4 weeks (12 weeks); 14 weeks cover both.
 */
const HISTORY_DAYS = 98;
/** The cause cubes reach this many days before the period (reference days further back are dropped). */
const CAUSE_DAYS = 35;

/**
 * Flags the days of a month (or period) whose GMV, orders, buyers, visitors, conversion or 客单价
 * departs from the seasonal baseline (src/analyses/anomalies/model.ts), with the size and a likely
 * cause; labels calendar days (festivals, holidays, brand days, campaigns from config and from
 * marketing_spend) instead; finds SKUs that stopped selling (stock-outs). Queries: the KPIs by day,
 * the campaigns, and — when something is flagged or for the SKU check — three grouped cause cubes.
 */
export async function anomalies(wh: Warehouse, opts: AnomalyOptions): Promise<AnomalyResult> {
  const period = opts.period ?? (opts.month ? monthPeriod(opts.month) : null);
  if (!period) throw new FupanError('USAGE', 'anomalies: give a month or a period');
  if (period.from > period.to) throw new FupanError('USAGE', 'anomalies: the period ends before it starts');
  const threshold = opts.threshold ?? 3.5;
  const minChange = opts.minChange ?? 0.05;
  const metrics = [...(opts.metrics ?? ANOMALY_METRICS)];
  const weekStart = opts.weekStart ?? 1;
  const cal = opts.calendar ?? DEFAULT_CALENDAR;
  const span = { from: addDays(period.from, -HISTORY_DAYS), to: period.to };
  const dates = bucketLabels(span, 'day', weekStart);
  const start = dates.indexOf(period.from);
  const rows = await dailyKpis(wh, span, weekStart);
  const totals = new Map(rows.map((r) => [String(r.day), r]));
  const campaigns = cal.campaignsFromData ? await spendCampaigns(wh, span, cal.maxCampaignDays) : [];
  const labels = calendarDays(cal, span.from, span.to, campaigns);
  const known = dates.map((d) => labels.has(d));
  const series = (m: string) => dates.map((d) => num(totals.get(d)?.[m]));

  const scored = new Map<string, ScoredDay[]>();
  const unscored: AnomalyMetric[] = [];
  for (const m of [...new Set([...metrics, 'visitors', 'conversion', 'atv', 'spend'])]) {
    const s = scoreSeries(series(m), known, start, { threshold, minChange, ratio: RATIOS.has(m) });
    if (s) scored.set(m, s.days);
    else if ((metrics as string[]).includes(m)) unscored.push(m as AnomalyMetric);
  }
  const zOn = (m: string, i: number) => scored.get(m)?.find((d) => d.index === i)?.z ?? 0;

  const flagged = metrics.flatMap((metric) =>
    (scored.get(metric) ?? []).filter((d) => d.flagged).map((d) => ({ metric, d })),
  );
  const first = Math.max(0, start - CAUSE_DAYS);
  for (const { d } of flagged) d.reference = d.reference.filter((i) => i >= first);
  const cubePeriod = { from: dates[first], to: period.to };
  const hasTraffic = series('visitors').some((v) => v > 0);
  const cubes = await causeCubes(wh, cubePeriod, weekStart, {
    orders: flagged.length > 0,
    traffic: hasTraffic && flagged.some(({ metric }) => metric === 'visitors' || metric === 'conversion'),
    lines: true,
  });
  const data = causeData(cubes, totals);

  const anomaliesOut: Anomaly[] = flagged.map(({ metric, d }) => ({
    date: dates[d.index],
    metric,
    direction: d.z > 0 ? 'up' : 'down',
    value: d.value,
    expected: d.expected,
    change: d.change,
    z: d.z,
    cause: dayCause(
      data,
      metric,
      dates[d.index],
      d.reference.map((i) => dates[i]),
    ),
    factor: metric === 'gmv' ? gmvFactor(d, zOn) : null,
    composition:
      metric === 'atv' || metric === 'gmv'
        ? compositionShift(
            data,
            dates[d.index],
            d.reference.map((i) => dates[i]),
          )
        : null,
  }));
  anomaliesOut.sort(
    (a, b) =>
      a.date.localeCompare(b.date) || ANOMALY_METRICS.indexOf(a.metric) - ANOMALY_METRICS.indexOf(b.metric),
  );

  const knownDays: KnownDay[] = [];
  for (let i = start; i < dates.length; i++) {
    const label = labels.get(dates[i]);
    if (!label) continue;
    const scores: KnownDay['scores'] = {};
    for (const m of metrics) {
      const d = scored.get(m)?.find((x) => x.index === i);
      if (d) scores[m] = { date: dates[i], value: d.value, expected: d.expected, change: d.change, z: d.z };
    }
    knownDays.push({ date: dates[i], ...label, scores });
  }

  const skuCells = data.byDimension.get('line:sku') ?? new Map();
  const cubeStart = dates.indexOf(cubePeriod.from);
  const stockouts = findStockouts(dates.slice(cubeStart), start - cubeStart, skuCells);

  return {
    period,
    threshold,
    minChange,
    metrics,
    anomalies: anomaliesOut,
    runs: runsOf(anomaliesOut),
    known: knownDays,
    stockouts,
    unscored,
  };
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function gmvFactor(d: ScoredDay, zOn: (m: string, i: number) => number): GmvFactor | null {
  const sign = Math.sign(d.z);
  if (sign > 0 && zOn('spend', d.index) >= 3) return 'spend';
  let best: GmvFactor | null = null;
  let bestZ = 0;
  for (const [factor, m] of [
    ['traffic', 'visitors'],
    ['conversion', 'conversion'],
    ['atv', 'atv'],
  ] as Array<[GmvFactor, string]>) {
    const z = zOn(m, d.index) * sign;
    if (z > bestZ) {
      bestZ = z;
      best = factor;
    }
  }
  return best;
}

const nextDay = (d: string) => addDays(d, 1);

/** Groups flagged days into runs of consecutive days (same metric and direction). */
export function runsOf(list: readonly Anomaly[]): AnomalyRun[] {
  const runs: Array<{ metric: AnomalyMetric; direction: 'up' | 'down'; days: Anomaly[] }> = [];
  const open = new Map<string, (typeof runs)[number]>();
  for (const a of list) {
    const key = `${a.metric}:${a.direction}`;
    const r = open.get(key);
    if (r && nextDay(r.days[r.days.length - 1].date) === a.date) r.days.push(a);
    else {
      const fresh = { metric: a.metric, direction: a.direction, days: [a] };
      runs.push(fresh);
      open.set(key, fresh);
    }
  }
  return runs.map((r) => ({
    metric: r.metric,
    direction: r.direction,
    from: r.days[0].date,
    to: r.days[r.days.length - 1].date,
    days: r.days.length,
    change: r.days.reduce((a, d) => a + d.change, 0) / r.days.length,
    z: r.days.reduce((a, d) => (Math.abs(d.z) > Math.abs(a) ? d.z : a), 0),
    cause: commonCause(r.days),
    composition: commonComposition(r.days),
  }));
}

/** The price band shift most days of a run share, with its shares averaged over those days. */
function commonComposition(days: readonly Anomaly[]): CompositionShift | null {
  const by = new Map<string, CompositionShift[]>();
  for (const d of days) {
    if (!d.composition) continue;
    const k = JSON.stringify([d.composition.dimension, d.composition.value, Math.sign(d.composition.z)]);
    by.set(k, [...(by.get(k) ?? []), d.composition]);
  }
  const best = [...by.values()].sort((a, b) => b.length - a.length)[0];
  if (!best || best.length * 2 < days.length) return null;
  const mean = (f: (c: CompositionShift) => number) => best.reduce((a, c) => a + f(c), 0) / best.length;
  return { ...best[0], share: [mean((c) => c.share[0]), mean((c) => c.share[1])], z: mean((c) => c.z) };
}

/** The cause shared by most days of a run (ties: the larger total contribution), its contribution averaged. */
function commonCause(days: readonly Anomaly[]): AnomalyCause | null {
  const by = new Map<string, AnomalyCause[]>();
  for (const d of days) {
    if (!d.cause) continue;
    const k = JSON.stringify([d.cause.dimension, d.cause.value]);
    by.set(k, [...(by.get(k) ?? []), d.cause]);
  }
  const best = [...by.values()].sort(
    (a, b) =>
      b.length - a.length ||
      Math.abs(b.reduce((s, c) => s + c.contribution, 0)) -
        Math.abs(a.reduce((s, c) => s + c.contribution, 0)),
  )[0];
  if (!best) return null;
  const mean = (f: (c: AnomalyCause) => number | null) => {
    const xs = best.map(f).filter((x): x is number => x !== null);
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  };
  return {
    ...best[0],
    actual: mean((c) => c.actual),
    expected: mean((c) => c.expected),
    contribution: mean((c) => c.contribution) ?? 0,
    shareOfChange: mean((c) => c.shareOfChange),
    surprise: mean((c) => c.surprise) ?? 0,
    broad: best.every((c) => c.broad),
  };
}
