import { FupanError } from '../../errors.js';
import { monthPeriod, previousPeriod, yoyPeriod } from '../../metrics/index.js';
import type { Comparison, Period } from '../../metrics/types.js';

/** What a change is measured against: the month before, the same month last year, or a given month. */
export type Versus = 'previous' | 'yoy' | string;

export interface ComparedPeriods {
  current: Period;
  previous: Period;
  vs: Versus;
  /** The metric layer's comparison that yields `previous` in the same statement, when there is one. */
  comparison: Comparison | null;
}

const same = (a: Period, b: Period) => a.from === b.from && a.to === b.to;

/** The two periods of an explanation: `month` (YYYY-MM) against `vs` (previous | yoy | YYYY-MM). */
export function comparedPeriods(month: string, vs: Versus = 'previous'): ComparedPeriods {
  const current = monthPeriod(month);
  if (vs === 'previous' || vs === 'mom')
    return { current, previous: previousPeriod(current), vs: 'previous', comparison: 'mom' };
  if (vs === 'yoy') return { current, previous: yoyPeriod(current), vs: 'yoy', comparison: 'yoy' };
  if (!/^\d{4}-\d{2}$/.test(vs)) {
    throw new FupanError('USAGE', `--vs must be previous, yoy or a month YYYY-MM, got "${vs}"`);
  }
  const previous = monthPeriod(vs);
  if (vs === month) throw new FupanError('USAGE', `--vs ${vs} is the month being explained`);
  const comparison = same(previous, previousPeriod(current))
    ? 'mom'
    : same(previous, yoyPeriod(current))
      ? 'yoy'
      : null;
  return { current, previous, vs, comparison };
}
