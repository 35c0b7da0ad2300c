/**
 * The standard named RFM segments on the recency and frequency scores (1 … 5, 5 = best), as
 * commonly used in e-commerce CRM (e.g. the segment map of the "RFM analysis" literature and
 * Putler's RFM guide): a customer falls into the first segment whose ranges hold both scores.
 * Every (R, F) pair has exactly one segment.
 */
export interface RfmSegmentDef {
  key: RfmSegment;
  zh: string;
  en: string;
  r: readonly [number, number];
  f: readonly [number, number];
}

export type RfmSegment =
  | 'champions'
  | 'loyal'
  | 'potential_loyalist'
  | 'new'
  | 'promising'
  | 'need_attention'
  | 'about_to_sleep'
  | 'at_risk'
  | 'cant_lose'
  | 'hibernating'
  | 'lost';

export const RFM_SEGMENTS: readonly RfmSegmentDef[] = [
  { key: 'champions', zh: '重要价值客户', en: 'Champions', r: [5, 5], f: [4, 5] },
  { key: 'loyal', zh: '忠诚客户', en: 'Loyal', r: [3, 4], f: [4, 5] },
  { key: 'potential_loyalist', zh: '潜在忠诚客户', en: 'Potential loyalist', r: [4, 5], f: [2, 3] },
  { key: 'new', zh: '新客户', en: 'New customers', r: [5, 5], f: [1, 1] },
  { key: 'promising', zh: '有潜力客户', en: 'Promising', r: [4, 4], f: [1, 1] },
  { key: 'need_attention', zh: '需要关注客户', en: 'Need attention', r: [3, 3], f: [3, 3] },
  { key: 'about_to_sleep', zh: '即将沉睡客户', en: 'About to sleep', r: [3, 3], f: [1, 2] },
  { key: 'cant_lose', zh: '不能流失的客户', en: 'Can’t lose them', r: [1, 2], f: [5, 5] },
  { key: 'at_risk', zh: '流失风险客户', en: 'At risk', r: [1, 2], f: [3, 4] },
  { key: 'hibernating', zh: '休眠客户', en: 'Hibernating', r: [2, 2], f: [1, 2] },
  { key: 'lost', zh: '已流失客户', en: 'Lost', r: [1, 1], f: [1, 2] },
];

const inRange = (v: number, [lo, hi]: readonly [number, number]) => v >= lo && v <= hi;

/** The segment of a customer with recency score r and frequency score f. */
export function rfmSegment(r: number, f: number): RfmSegment {
  const def = RFM_SEGMENTS.find((s) => inRange(r, s.r) && inRange(f, s.f));
  if (!def) throw new Error(`no RFM segment for R=${r}, F=${f}`);
  return def.key;
}

export function isRfmSegment(key: string): key is RfmSegment {
  return RFM_SEGMENTS.some((s) => s.key === key);
}

/** A SQL CASE giving the segment key of score expressions (the same rules, for filtering in the database). */
export function rfmSegmentSql(rExpr: string, fExpr: string): string {
  const whens = RFM_SEGMENTS.map(
    (s) =>
      `WHEN ${rExpr} BETWEEN ${s.r[0]} AND ${s.r[1]} AND ${fExpr} BETWEEN ${s.f[0]} AND ${s.f[1]} THEN '${s.key}'`,
  );
  return `CASE ${whens.join(' ')} END`;
}
