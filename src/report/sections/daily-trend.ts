import { type AlignedDay, alignByDay } from '../../analyses/day-align/index.js';
import type { BuildContext } from '../context.js';
import { derivedFigure, text } from '../figures.js';
import { formatDayShort, formatMonthShort } from '../format/date.js';
import { formatFigure } from '../format/figure.js';
import type { Block, ChartSpec, Figure, Section } from '../model.js';
import { daysInMonth, monthPeriod, shiftMonth } from '../period.js';

const METRICS = ['gmv', 'orders'];

export interface DailyTrendData {
  query: string;
  previousQuery: string;
  previousMonth: string;
  days: AlignedDay[];
}

export async function loadDailyTrend(ctx: BuildContext): Promise<DailyTrendData> {
  const previousMonth = shiftMonth(ctx.month, -1);
  const cur = await ctx.q.run({
    metrics: METRICS,
    dimensions: ['day'],
    period: ctx.period,
    sort: [{ field: 'day' }],
  });
  const prev = await ctx.q.run({
    metrics: METRICS,
    dimensions: ['day'],
    period: monthPeriod(previousMonth),
    sort: [{ field: 'day' }],
  });
  const n = daysInMonth(ctx.month);
  const dates = Array.from({ length: n }, (_, i) => `${ctx.month}-${String(i + 1).padStart(2, '0')}`);
  const days = alignByDay(cur.result.rows, prev.result.rows, {
    dates,
    previousDays: daysInMonth(previousMonth),
    metrics: METRICS,
  });
  return { query: cur.id, previousQuery: prev.id, previousMonth, days };
}

function trendChart(data: DailyTrendData, ctx: BuildContext, metric: 'gmv' | 'orders'): ChartSpec {
  const unit = metric === 'gmv' ? 'money' : 'count';
  return {
    kind: 'trend',
    title: metric === 'gmv' ? ctx.msg.dailyGmvTitle : ctx.msg.dailyOrdersTitle,
    categories: data.days.map((d) => ctx.msg.dayLabel(d.day)),
    series: [
      {
        name: formatMonthShort(ctx.month, ctx.lang),
        type: 'bar',
        unit,
        values: data.days.map((d) => d.current[metric]),
      },
      {
        name: formatMonthShort(data.previousMonth, ctx.lang),
        type: 'line',
        unit,
        muted: true,
        values: data.days.map((d) => d.previous?.[metric] ?? null),
      },
    ],
  };
}

/** Average, best and worst day of the month by GMV (ties: the earlier day). */
export function dailyHighlights(days: AlignedDay[]): { avg: number; peak: AlignedDay; low: AlignedDay } {
  let peak = days[0];
  let low = days[0];
  let sum = 0;
  for (const d of days) {
    sum += d.current.gmv;
    if (d.current.gmv > peak.current.gmv) peak = d;
    if (d.current.gmv < low.current.gmv) low = d;
  }
  return { avg: sum / days.length, peak, low };
}

export function dailyTrendSection(data: DailyTrendData, ctx: BuildContext): Section {
  const q = data.query;
  const pq = data.previousQuery;
  const cell = (
    kind: Figure['kind'],
    v: number | null,
    query: string,
    d: AlignedDay,
    field: string,
  ): Figure =>
    derivedFigure(kind, v, query, field, 'value of the day (0 when the query has no row for it)', {
      row: { day: query === q ? d.date : `${data.previousMonth}-${String(d.day).padStart(2, '0')}` },
    });
  const rows = data.days.map((d) => [
    text(formatDayShort(d.date, ctx.lang)),
    cell('money', d.current.gmv, q, d, 'gmv'),
    cell('money', d.previous?.gmv ?? null, pq, d, 'gmv'),
    cell('count', d.current.orders, q, d, 'orders'),
    cell('count', d.previous?.orders ?? null, pq, d, 'orders'),
  ]);
  const cur = formatMonthShort(ctx.month, ctx.lang);
  const prev = formatMonthShort(data.previousMonth, ctx.lang);
  const h = dailyHighlights(data.days);
  const money = (v: number) => formatFigure({ kind: 'money', value: v }, ctx.fmt);
  const blocks: Block[] = [
    {
      type: 'paragraph',
      text: ctx.msg.dailyHighlights({
        avg: money(h.avg),
        peakDay: formatDayShort(h.peak.date, ctx.lang),
        peak: money(h.peak.current.gmv),
        lowDay: formatDayShort(h.low.date, ctx.lang),
        low: money(h.low.current.gmv),
      }),
      trace: [q],
    },
    { type: 'chart', chart: trendChart(data, ctx, 'gmv'), trace: [q, pq] },
    { type: 'chart', chart: trendChart(data, ctx, 'orders'), trace: [q, pq] },
    {
      type: 'table',
      columns: [
        { label: ctx.msg.col.day },
        { label: `GMV ${cur}`, align: 'right' },
        { label: `GMV ${prev}`, align: 'right' },
        { label: `${ctx.metricLabel('orders')} ${cur}`, align: 'right' },
        { label: `${ctx.metricLabel('orders')} ${prev}`, align: 'right' },
      ],
      rows,
      trace: [q, pq],
    },
  ];
  return { id: 'daily-trend', title: ctx.msg.section.dailyTrend, blocks };
}
