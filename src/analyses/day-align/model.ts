import type { MetricRow } from '../../metrics/types.js';

/** One day of the month with the same day-of-month of the comparison month. */
export interface AlignedDay {
  /** 1-based day of month. */
  day: number;
  date: string;
  /** Metric values of this month's day (0 when there was no row: nothing sold that day). */
  current: Record<string, number>;
  /** The comparison month's same day; null when that month is shorter. */
  previous: Record<string, number> | null;
}

function byDay(rows: MetricRow[], dayField: string): Map<number, MetricRow> {
  const map = new Map<number, MetricRow>();
  for (const r of rows) {
    const date = String(r[dayField]);
    map.set(Number(date.slice(8, 10)), r);
  }
  return map;
}

function values(row: MetricRow | undefined, metrics: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of metrics) out[m] = row ? Number(row[m] ?? 0) : 0;
  return out;
}

/**
 * Lines up the days of two months by day of month (1st with 1st, …). Days of the current month
 * without rows count as 0; days the previous month does not have (31st after a 30-day month) are null.
 * `dates` are the current month's days, `previousDays` the number of days of the previous month.
 */
export function alignByDay(
  current: MetricRow[],
  previous: MetricRow[],
  p: { dates: string[]; previousDays: number; metrics: string[]; dayField?: string },
): AlignedDay[] {
  const field = p.dayField ?? 'day';
  const cur = byDay(current, field);
  const prev = byDay(previous, field);
  return p.dates.map((date, i) => {
    const day = i + 1;
    return {
      day,
      date,
      current: values(cur.get(day), p.metrics),
      previous: day <= p.previousDays ? values(prev.get(day), p.metrics) : null,
    };
  });
}
