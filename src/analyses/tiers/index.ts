import type { Warehouse } from '../../warehouse/warehouse.js';
import {
  type StateMovement,
  type StateSummary,
  stateMovement,
  stateSummary,
  type WinBack,
  winBack,
} from './model.js';
import { tierRows } from './query.js';
import { dayBefore, type TierThresholds } from './states.js';

export * from './model.js';
export * from './query.js';
export * from './recall-list.js';
export * from './states.js';

export interface TierAnalysis {
  /** The period: states are taken at the start of `from` and at the start of the day after `to`. */
  from: string;
  to: string;
  thresholds: TierThresholds;
  start: StateSummary[];
  end: StateSummary[];
  movement: StateMovement;
  winBack: WinBack;
}

/** Value tiers and lifecycle at the start and end of a period, the movement between, and the win-back rate. */
export async function tierAnalysis(
  wh: Warehouse,
  q: { from: string; to: string; thresholds: TierThresholds },
): Promise<TierAnalysis> {
  const rows = await tierRows(wh, q.from, q.to, dayAfter(q.to), q.thresholds);
  return {
    from: q.from,
    to: q.to,
    thresholds: q.thresholds,
    start: stateSummary(rows.start),
    end: stateSummary(rows.end),
    movement: stateMovement(rows.moves),
    winBack: winBack(rows.winBack),
  };
}

/** The day after a YYYY-MM-DD day. */
export function dayAfter(day: string): string {
  return dayBefore(new Date(Date.parse(`${day}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10));
}
