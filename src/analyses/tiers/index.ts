import type { Warehouse } from '../../warehouse/warehouse.js';
import {
  type StateMovement,
  type StateSummary,
  stateMovement,
  stateSummary,
  type WinBack,
  winBack,
} from './model.js';
import { stateCounts, stateMoves, winBackRows } from './query.js';
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
  const end = dayAfter(q.to);
  return {
    from: q.from,
    to: q.to,
    thresholds: q.thresholds,
    start: stateSummary(await stateCounts(wh, q.from, q.thresholds)),
    end: stateSummary(await stateCounts(wh, end, q.thresholds)),
    movement: stateMovement(await stateMoves(wh, q.from, end, q.thresholds)),
    winBack: winBack(await winBackRows(wh, q.from, q.to, q.thresholds)),
  };
}

/** The day after a YYYY-MM-DD day. */
export function dayAfter(day: string): string {
  return dayBefore(new Date(Date.parse(`${day}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10));
}
