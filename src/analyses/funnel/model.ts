import type { MetricRow } from '../../metrics/types.js';

/** The shop's funnel: traffic_daily's steps, then paid buyers (from orders). */
export const FUNNEL_STEPS = ['visitors', 'product_views', 'add_to_carts', 'checkouts', 'buyers'] as const;
export type FunnelStepName = (typeof FUNNEL_STEPS)[number];

export interface FunnelStep {
  step: FunnelStepName;
  value: number;
  previous: number;
  /** value ÷ the value of the step before (step conversion); null for the first step or a 0 base. */
  rate: number | null;
  previousRate: number | null;
  /** 1 − rate: the share lost at this step. */
  dropOff: number | null;
  /** value ÷ visitors. */
  ofVisitors: number | null;
  /** rate − previousRate (a difference of fractions: percentage points ÷ 100). */
  rateChange: number | null;
}

export interface Funnel {
  /** Dimension values of the group ({} for the whole shop). */
  values: Record<string, string>;
  steps: FunnelStep[];
  /** The step whose rate fell most against the previous period (null when none fell). */
  weakest: FunnelStepName | null;
}

const div = (a: number, b: number) => (b > 0 ? a / b : null);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * The funnel of one group from the current and previous values of each step. Steps in `missing` (no
 * data: a traffic export without the column) are left out, so rates skip over them.
 */
export function funnelOf(
  values: Record<string, string>,
  current: MetricRow | undefined,
  previous: MetricRow | undefined,
  missing: ReadonlySet<string>,
): Funnel {
  const steps: FunnelStep[] = [];
  const present = FUNNEL_STEPS.filter((s) => !missing.has(s));
  present.forEach((step, i) => {
    const value = num(current?.[step]);
    const prev = num(previous?.[step]);
    const before = i > 0 ? present[i - 1] : null;
    const rate = before ? div(value, num(current?.[before])) : null;
    const previousRate = before ? div(prev, num(previous?.[before])) : null;
    steps.push({
      step,
      value,
      previous: prev,
      rate,
      previousRate,
      dropOff: rate === null ? null : 1 - rate,
      ofVisitors: div(value, num(current?.visitors)),
      rateChange: rate === null || previousRate === null ? null : rate - previousRate,
    });
  });
  let weakest: FunnelStepName | null = null;
  let worst = 0;
  for (const s of steps) {
    if (s.rateChange !== null && s.rateChange < worst) {
      worst = s.rateChange;
      weakest = s.step;
    }
  }
  return { values, steps, weakest };
}

/** Steps without data in either period while visitors exist (the export has no such column). */
export function missingSteps(current: MetricRow | undefined, previous: MetricRow | undefined): Set<string> {
  const out = new Set<string>();
  const visitors = num(current?.visitors) + num(previous?.visitors);
  for (const s of FUNNEL_STEPS) {
    if (s === 'visitors' || s === 'buyers') continue;
    if (visitors > 0 && num(current?.[s]) === 0 && num(previous?.[s]) === 0) out.add(s);
  }
  return out;
}
