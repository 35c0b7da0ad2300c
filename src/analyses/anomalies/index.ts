import { addDays, bucketLabels, monthPeriod, query } from '../../metrics/index.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { type DayPoint, type ScoredDay, scoreDays } from './model.js';

export { type DayPoint, type ScoredDay, scoreDays, seasonalBaseline } from './model.js';

/** The KPIs checked, and the GMV factors a GMV anomaly is traced to. */
const KPIS = ['gmv', 'orders', 'visitors', 'conversion', 'atv'] as const;
export type AnomalyMetric = (typeof KPIS)[number];

export type AnomalyCause = 'traffic' | 'conversion' | 'atv' | 'spend';

export interface Anomaly extends ScoredDay {
  metric: AnomalyMetric;
  direction: 'up' | 'down';
  /** GMV anomalies: the factor (visitors, conversion, 客单价) with the largest z in the same direction,
   * or 'spend' when ad spend jumped the same day (a campaign); null for other metrics. */
  cause: AnomalyCause | null;
  /** Known dates: platform festival days (from config or the built-in list). */
  known: string | null;
}

export interface AnomalyResult {
  month: string;
  threshold: number;
  anomalies: Anomaly[];
}

/** Built-in platform festival days (MM-DD): 3.8, 618, 双11, 双12; config can add more. */
export const FESTIVAL_DAYS: Readonly<Record<string, string>> = {
  '03-08': '3.8',
  '06-18': '618',
  '11-11': '双11',
  '12-12': '双12',
};

/**
 * Flags the days of a month whose GMV, orders, visitors, conversion or 客单价 departs from the seasonal
 * baseline (robust z ≥ threshold, default 3.5), with the size and a likely cause. One query: the KPIs
 * and spend by day over the month and the 8 weeks before it.
 */
export async function anomalies(
  wh: Warehouse,
  opts: { month: string; threshold?: number; knownDays?: Record<string, string>; weekStart?: 1 | 7 },
): Promise<AnomalyResult> {
  const threshold = opts.threshold ?? 3.5;
  const month = monthPeriod(opts.month);
  const period = { from: addDays(month.from, -56), to: month.to };
  const { rows } = await query(
    wh,
    { metrics: [...KPIS, 'spend'], dimensions: ['day'], period },
    { weekStart: opts.weekStart ?? 1 },
  );
  const byDay = new Map(rows.map((r) => [String(r.day), r]));
  const days = bucketLabels(period, 'day', 1);
  const start = days.indexOf(month.from);
  const series = (m: string): DayPoint[] =>
    days.map((date) => ({ date, value: Number(byDay.get(date)?.[m] ?? 0) || 0 }));
  const scored = new Map<string, Map<string, ScoredDay>>();
  for (const m of [...KPIS, 'spend']) {
    const s = scoreDays(series(m), start);
    scored.set(m, new Map((s ?? []).map((d) => [d.date, d])));
  }
  const known = { ...FESTIVAL_DAYS, ...(opts.knownDays ?? {}) };
  const out: Anomaly[] = [];
  for (const metric of KPIS) {
    for (const d of scored.get(metric)!.values()) {
      if (Math.abs(d.z) < threshold) continue;
      const direction = d.z > 0 ? 'up' : 'down';
      out.push({
        ...d,
        metric,
        direction,
        cause: metric === 'gmv' ? gmvCause(d, scored) : null,
        known: known[d.date.slice(5)] ?? known[d.date] ?? null,
      });
    }
  }
  out.sort((a, b) => a.date.localeCompare(b.date) || KPIS.indexOf(a.metric) - KPIS.indexOf(b.metric));
  return { month: opts.month, threshold, anomalies: out };
}

function gmvCause(d: ScoredDay, scored: Map<string, Map<string, ScoredDay>>): AnomalyCause | null {
  const sign = Math.sign(d.z);
  const spend = scored.get('spend')!.get(d.date);
  if (spend && sign > 0 && spend.z >= 3) return 'spend';
  const factors: Array<[AnomalyCause, string]> = [
    ['traffic', 'visitors'],
    ['conversion', 'conversion'],
    ['atv', 'atv'],
  ];
  let best: AnomalyCause | null = null;
  let bestZ = 0;
  for (const [cause, m] of factors) {
    const z = (scored.get(m)!.get(d.date)?.z ?? 0) * sign;
    if (z > bestZ) {
      bestZ = z;
      best = cause;
    }
  }
  return best;
}
