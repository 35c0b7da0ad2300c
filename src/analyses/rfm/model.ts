import type { RfmCellRow, RfmMoveRow } from './query.js';
import { RFM_SEGMENTS, type RfmSegment, rfmSegment } from './segments.js';

export interface RfmSegmentSummary {
  segment: RfmSegment;
  zh: string;
  en: string;
  customers: number;
  /** Σ monetary (GMV up to the as-of day) of the segment's customers. */
  gmv: number;
  customerShare: number;
  gmvShare: number;
  avgRecencyDays: number | null;
  avgFrequency: number | null;
  avgMonetary: number | null;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Segment counts, GMV shares and averages from the (R, F, M) cells; every segment listed, in order. */
export function rfmSegments(cells: readonly RfmCellRow[]): RfmSegmentSummary[] {
  const acc = new Map<
    RfmSegment,
    { customers: number; gmvCents: number; recency: number; frequency: number }
  >();
  for (const s of RFM_SEGMENTS) acc.set(s.key, { customers: 0, gmvCents: 0, recency: 0, frequency: 0 });
  let customers = 0;
  let gmvCents = 0;
  for (const c of cells) {
    const a = acc.get(rfmSegment(c.r, c.f))!;
    const cents = Math.round(c.gmv * 100);
    a.customers += c.customers;
    a.gmvCents += cents;
    a.recency += c.recencySum;
    a.frequency += c.frequencySum;
    customers += c.customers;
    gmvCents += cents;
  }
  return RFM_SEGMENTS.map((s) => {
    const a = acc.get(s.key)!;
    const n = a.customers;
    return {
      segment: s.key,
      zh: s.zh,
      en: s.en,
      customers: n,
      gmv: a.gmvCents / 100,
      customerShare: customers > 0 ? n / customers : 0,
      gmvShare: gmvCents > 0 ? a.gmvCents / gmvCents : 0,
      avgRecencyDays: n > 0 ? round2(a.recency / n) : null,
      avgFrequency: n > 0 ? round2(a.frequency / n) : null,
      avgMonetary: n > 0 ? round2(a.gmvCents / 100 / n) : null,
    };
  });
}

export interface RfmMigration {
  /** Rows: segment at the earlier day, or "new" for customers without a purchase before it. */
  from: Array<RfmSegment | 'new'>;
  /** Columns: segment at the later day. */
  to: RfmSegment[];
  /** counts[i][j]: customers in from[i] then in to[j]. */
  counts: number[][];
  /** Customers whose segment is the same on both days (excluding new ones). */
  stayed: number;
}

/** The segment migration matrix from the (R, F) pairs at two days. */
export function rfmMigration(moves: readonly RfmMoveRow[]): RfmMigration {
  const to = RFM_SEGMENTS.map((s) => s.key);
  const from: Array<RfmSegment | 'new'> = [...to, 'new'];
  const counts = from.map(() => to.map(() => 0));
  let stayed = 0;
  for (const m of moves) {
    const a = m.r0 === null || m.f0 === null ? 'new' : rfmSegment(m.r0, m.f0);
    const b = rfmSegment(m.r1, m.f1);
    counts[from.indexOf(a)][to.indexOf(b)] += m.customers;
    if (a === b) stayed += m.customers;
  }
  return { from, to, counts, stayed };
}
