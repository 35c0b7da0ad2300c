import type { Period } from '../../metrics/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { comparedPeriods, type Versus } from '../explain/periods.js';
import { twoPeriodRows } from '../explain/query.js';
import { FUNNEL_STEPS, type Funnel, funnelOf, missingSteps } from './model.js';

export {
  FUNNEL_STEPS,
  type Funnel,
  type FunnelStep,
  type FunnelStepName,
  funnelOf,
  missingSteps,
} from './model.js';

export interface FunnelOptions {
  month: string;
  vs?: Versus;
  /** Split by channel, device, or both (default: the whole shop only). */
  by?: Array<'channel' | 'device'>;
  weekStart?: 1 | 7;
}

export interface FunnelResult {
  period: { current: Period; previous: Period; vs: Versus };
  by: string[];
  /** Steps the data has no values for (left out of every funnel). */
  missing: string[];
  total: Funnel;
  /** One funnel per group, largest by visitors first. */
  groups: Funnel[];
}

/**
 * Visitors → product views → add-to-cart → checkout → paid buyers for a month against another, for the
 * shop and by channel and/or device: step conversion, drop-off and its change. Two grouped queries
 * (total and split), each covering both periods.
 */
export async function funnelAnalysis(wh: Warehouse, opts: FunnelOptions): Promise<FunnelResult> {
  const periods = comparedPeriods(opts.month, opts.vs);
  const by = [...(opts.by ?? [])];
  const weekStart = opts.weekStart ?? 1;
  const totals = await twoPeriodRows(wh, [...FUNNEL_STEPS], [], periods, weekStart);
  const missing = missingSteps(totals.current.get('[]'), totals.previous.get('[]'));
  const total = funnelOf({}, totals.current.get('[]'), totals.previous.get('[]'), missing);
  const groups: Funnel[] = [];
  if (by.length > 0) {
    const rows = await twoPeriodRows(wh, [...FUNNEL_STEPS], by, periods, weekStart);
    for (const values of rows.keys) {
      const k = JSON.stringify(values);
      const named = Object.fromEntries(by.map((d, i) => [d, values[i]]));
      groups.push(funnelOf(named, rows.current.get(k), rows.previous.get(k), missing));
    }
    groups.sort(
      (a, b) =>
        b.steps[0].value - a.steps[0].value ||
        JSON.stringify(a.values).localeCompare(JSON.stringify(b.values)),
    );
  }
  return {
    period: { current: periods.current, previous: periods.previous, vs: periods.vs },
    by,
    missing: [...missing],
    total,
    groups,
  };
}
