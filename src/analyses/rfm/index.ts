import type { Warehouse } from '../../warehouse/warehouse.js';
import { type RfmMigration, type RfmSegmentSummary, rfmMigration, rfmSegments } from './model.js';
import { type RfmCellRow, type RfmScoring, rfmCells, rfmCellsAndMoves } from './query.js';

export * from './model.js';
export * from './query.js';
export * from './segments.js';

export interface RfmAnalysis {
  /** The state at the start of this day (orders paid before it). */
  asOf: string;
  scoring: RfmScoring;
  customers: number;
  gmv: number;
  segments: RfmSegmentSummary[];
  /** Customers per (R, F, M) score cell. */
  cells: Array<Pick<RfmCellRow, 'r' | 'f' | 'm' | 'customers' | 'gmv'>>;
  /** Segment migration from `migrationFrom` to asOf, when asked for. */
  migration?: RfmMigration & { fromDay: string };
}

/** RFM scores and segments as of a day; all per-customer work stays in the database. */
export async function rfmAnalysis(
  wh: Warehouse,
  q: { asOf: string; scoring?: RfmScoring; migrationFrom?: string },
): Promise<RfmAnalysis> {
  const scoring = q.scoring ?? { kind: 'quintile' };
  const both = q.migrationFrom ? await rfmCellsAndMoves(wh, q.migrationFrom, q.asOf, scoring) : undefined;
  const cells = both?.cells ?? (await rfmCells(wh, q.asOf, scoring));
  const segments = rfmSegments(cells);
  const result: RfmAnalysis = {
    asOf: q.asOf,
    scoring,
    customers: segments.reduce((s, x) => s + x.customers, 0),
    gmv: Math.round(segments.reduce((s, x) => s + x.gmv * 100, 0)) / 100,
    segments,
    cells: cells.map(({ r, f, m, customers, gmv }) => ({ r, f, m, customers, gmv })),
  };
  if (q.migrationFrom && both) result.migration = { fromDay: q.migrationFrom, ...rfmMigration(both.moves) };
  return result;
}

/** The same day one month earlier (clamped to the month's end): the default migration start. */
export function monthBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 2, Math.min(d, last))).toISOString().slice(0, 10);
}
