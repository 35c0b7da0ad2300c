import {
  type CohortAnalysis,
  cohortAnalysis,
  type SecondPurchaseAnalysis,
  secondPurchase,
} from '../../analyses/cohorts/index.js';
import { type RepurchaseAnalysis, repurchaseAnalysis } from '../../analyses/repurchase/index.js';
import { type RfmAnalysis, rfmAnalysis } from '../../analyses/rfm/index.js';
import {
  dayAfter,
  type TierAnalysis,
  type TierThresholds,
  tierAnalysis,
} from '../../analyses/tiers/index.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import type { BuildContext } from '../context.js';
import { text } from '../figures.js';
import { formatDate, formatMonth } from '../format/date.js';
import { formatFigure } from '../format/figure.js';
import { CUSTOMERS_EN, CUSTOMERS_ZH } from '../i18n/customers.js';
import type { AnalysisCall, Block, ChartSpec, Figure, QueryTrace, Section } from '../model.js';
import { monthPeriod, shiftMonth } from '../period.js';
import { tracedWarehouse } from '../traced-warehouse.js';

/** What the customer insight section shows, computed once for all languages (docs/customers.md). */
export interface CustomerInsightData {
  month: string;
  thresholds: TierThresholds;
  cohorts: CohortAnalysis;
  second: SecondPurchaseAnalysis;
  rfm: RfmAnalysis;
  tiers: TierAnalysis;
  /** The month by channel, and the month with the one before (byMonth). */
  repurchase: RepurchaseAnalysis;
  /** The SQL each analysis ran, for the appendix. */
  traces: Record<'cohorts' | 'second' | 'rfm' | 'tiers' | 'repurchase', Omit<QueryTrace, 'id'>>;
}

const COHORT_MONTHS = 12;
const OFFSETS = 6;

/** Loads the section's data: all per-customer work runs in the database (analyses/*). */
export async function loadCustomerInsight(
  wh: Warehouse,
  month: string,
  thresholds: TierThresholds,
): Promise<CustomerInsightData> {
  const period = monthPeriod(month);
  const first = `${shiftMonth(month, -(COHORT_MONTHS - 1))}-01`;
  const t = tracedWarehouse(wh);
  const traced = (analysis: string, args: AnalysisCall['args']): Omit<QueryTrace, 'id'> => ({
    spec: { analysis, args },
    ...t.take(),
  });
  const cohortArgs = { from: first, to: period.to, asOf: period.to, maxOffset: OFFSETS };
  const cohorts = await cohortAnalysis(t.wh, cohortArgs);
  const tCohorts = traced('cohortAnalysis', cohortArgs);
  // the rates only: the section shows no gap distribution (fupan customers cohorts prints it)
  const secondArgs = { from: first, to: period.to, asOf: period.to, gaps: false };
  const second = await secondPurchase(t.wh, secondArgs);
  const tSecond = traced('secondPurchase', secondArgs);
  const rfmArgs = { asOf: dayAfter(period.to), migrationFrom: period.from };
  const rfm = await rfmAnalysis(t.wh, rfmArgs);
  const tRfm = traced('rfmAnalysis', rfmArgs);
  const tiers = await tierAnalysis(t.wh, { from: period.from, to: period.to, thresholds });
  const tTiers = traced('tierAnalysis', { from: period.from, to: period.to, ...thresholds });
  const trendFrom = monthPeriod(shiftMonth(month, -1)).from;
  const repurchase = await repurchaseAnalysis(t.wh, { period, trend: { from: trendFrom, to: period.to } });
  const tRepurchase = traced('repurchaseAnalysis', { from: period.from, to: period.to, trendFrom });
  return {
    month,
    thresholds,
    cohorts,
    second,
    rfm,
    tiers,
    repurchase,
    traces: { cohorts: tCohorts, second: tSecond, rfm: tRfm, tiers: tTiers, repurchase: tRepurchase },
  };
}

const fig = (kind: Figure['kind'], value: number | null, decimals?: number): Figure => ({
  kind,
  value,
  ...(decimals === undefined ? {} : { decimals }),
});

export function customerSection(data: CustomerInsightData, ctx: BuildContext): Section {
  const m = ctx.lang === 'zh' ? CUSTOMERS_ZH : CUSTOMERS_EN;
  const show = (f: Figure) => formatFigure(f, ctx.fmt);
  const id = {
    cohorts: ctx.q.record(data.traces.cohorts),
    second: ctx.q.record(data.traces.second),
    rfm: ctx.q.record(data.traces.rfm),
    tiers: ctx.q.record(data.traces.tiers),
    repurchase: ctx.q.record(data.traces.repurchase),
  };
  const blocks: Block[] = [{ type: 'paragraph', text: findings(data, ctx), trace: Object.values(id) }];

  blocks.push({ type: 'heading', text: m.retentionTitle });
  blocks.push({
    type: 'table',
    columns: [
      { label: m.col.cohort },
      { label: m.col.size, align: 'right' },
      ...Array.from({ length: OFFSETS + 1 }, (_, k) => ({ label: m.col.month(k), align: 'right' as const })),
    ],
    rows: data.cohorts.cohorts.map((c) => [
      text(formatMonth(c.cohort, ctx.lang)),
      fig('count', c.size),
      ...Array.from({ length: OFFSETS + 1 }, (_, k) => fig('percent', c.retention[k] ?? null, 1)),
    ]),
    trace: [id.cohorts],
  });

  blocks.push({ type: 'chart', chart: retentionHeatmap(data, ctx), trace: [id.cohorts] });

  const r = data.repurchase;
  blocks.push({ type: 'heading', text: m.repurchaseTitle });
  blocks.push({
    type: 'table',
    columns: [
      { label: m.col.channel },
      { label: m.col.buyers, align: 'right' },
      { label: m.col.repeatRate, align: 'right' },
      { label: m.col.returningRate, align: 'right' },
    ],
    rows: r.byChannel
      .filter((g) => g.buyers > 0)
      .map((g) => [
        text(g.group || '—'),
        fig('count', g.buyers),
        fig('percent', g.repeatRate, 1),
        fig('percent', g.returningCustomerRate, 1),
      ]),
    trace: [id.repurchase],
  });

  blocks.push({ type: 'heading', text: m.secondPurchaseTitle });
  blocks.push({
    type: 'table',
    columns: [
      { label: m.col.cohort },
      { label: m.col.size, align: 'right' },
      ...[30, 60, 90].map((d) => ({ label: m.col.within(d), align: 'right' as const })),
    ],
    rows: data.second.cohorts.map((c) => [
      text(formatMonth(c.cohort, ctx.lang)),
      fig('count', c.size),
      fig('percent', c.complete30 ? c.rate30 : null, 1),
      fig('percent', c.complete60 ? c.rate60 : null, 1),
      fig('percent', c.complete90 ? c.rate90 : null, 1),
    ]),
    trace: [id.second],
  });

  const segments = data.rfm.segments.filter((s) => s.customers > 0);
  const name = (s: (typeof segments)[number]) => (ctx.lang === 'zh' ? s.zh : s.en);
  blocks.push({ type: 'heading', text: m.rfmTitle({ date: formatDate(data.rfm.asOf, ctx.lang) }) });
  blocks.push({
    type: 'table',
    columns: [
      { label: m.col.segment },
      { label: m.col.customers, align: 'right' },
      { label: m.col.share, align: 'right' },
      { label: m.col.gmv, align: 'right' },
      { label: m.col.gmvShare, align: 'right' },
    ],
    rows: segments.map((s) => [
      text(name(s)),
      fig('count', s.customers),
      fig('percent', s.customerShare, 1),
      fig('money', s.gmv),
      fig('percent', s.gmvShare, 1),
    ]),
    trace: [id.rfm],
  });
  blocks.push({
    type: 'chart',
    chart: {
      kind: 'bar',
      title: m.rfmChartTitle,
      horizontal: true,
      categories: segments.map(name),
      series: [
        { name: m.col.customers, type: 'bar', unit: 'count', values: segments.map((s) => s.customers) },
      ],
    },
    trace: [id.rfm],
  });

  const t = data.tiers;
  blocks.push({ type: 'heading', text: m.tiersTitle });
  blocks.push({
    type: 'table',
    columns: [
      { label: m.col.state },
      { label: m.col.start, align: 'right' },
      { label: m.col.end, align: 'right' },
    ],
    rows: t.start.map((s, i) => [
      text(ctx.lang === 'zh' ? s.zh : s.en),
      fig('count', s.customers),
      fig('count', t.end[i].customers),
    ]),
    trace: [id.tiers],
  });
  const th = data.thresholds;
  blocks.push({
    type: 'note',
    text: m.note({
      high: show(fig('money', th.highValueMonthlySpend)),
      medium: show(fig('money', th.mediumValueMonthlySpend)),
      dormant: String(th.dormantDays),
      churned: String(th.churnedDays),
    }),
  });
  return { id: 'customers', title: m.title, blocks };
}

/** Retention of each cohort (rows) k months after its first purchase (columns), in percent. */
function retentionHeatmap(
  data: CustomerInsightData,
  ctx: BuildContext,
): Extract<ChartSpec, { kind: 'heatmap' }> {
  const m = ctx.lang === 'zh' ? CUSTOMERS_ZH : CUSTOMERS_EN;
  const cohorts = data.cohorts.cohorts;
  return {
    kind: 'heatmap',
    title: m.retentionChartTitle,
    x: Array.from({ length: OFFSETS }, (_, i) => m.col.month(i + 1)),
    y: cohorts.map((c) => formatMonth(c.cohort, ctx.lang)),
    // k = 0 is 100 % by definition and would only stretch the colour scale.
    cells: cohorts.flatMap((c, y) =>
      Array.from({ length: OFFSETS }, (_, i): [number, number, number | null] => [
        i,
        y,
        c.retention[i + 1] ?? null,
      ]),
    ),
    unit: 'percent',
  };
}

/** The findings in words: second purchase of last month's new buyers, win-back, top segment, tier moves. */
function findings(data: CustomerInsightData, ctx: BuildContext): string {
  const m = ctx.lang === 'zh' ? CUSTOMERS_ZH : CUSTOMERS_EN;
  const show = (f: Figure) => formatFigure(f, ctx.fmt);
  const parts: string[] = [];
  const byCohort = new Map(data.second.cohorts.map((c) => [c.cohort, c]));
  const last = byCohort.get(shiftMonth(data.month, -1));
  const before = byCohort.get(shiftMonth(data.month, -2));
  if (last && last.size > 0) {
    let s = m.secondPurchase({
      month: formatMonth(last.cohort, ctx.lang),
      buyers: show(fig('count', last.size)),
      rate: show(fig('percent', last.rate30, 1)),
      complete: last.complete30,
    });
    if (before && before.size > 0) {
      const diff = Math.round(last.rate30 * 1000) - Math.round(before.rate30 * 1000);
      s += m.secondPurchaseVs({
        month: formatMonth(before.cohort, ctx.lang),
        rate: show(fig('percent', before.rate30, 1)),
        higher: diff === 0 ? null : diff > 0,
      });
    }
    parts.push(`${s}${ctx.lang === 'zh' ? '。' : '.'}`);
  }
  const w = data.tiers.winBack;
  parts.push(
    w.rate === null
      ? m.noDormant
      : m.winBack({
          rate: show(fig('percent', w.rate, 1)),
          dormant: show(fig('count', w.dormant)),
          returned: show(fig('count', w.returned)),
          gmv: show(fig('money', w.gmv)),
        }),
  );
  const top = [...data.rfm.segments].sort((a, b) => b.customers - a.customers)[0];
  if (top && top.customers > 0) {
    parts.push(
      m.topSegment({
        segment: ctx.lang === 'zh' ? top.zh : top.en,
        share: show(fig('percent', top.customerShare, 1)),
        gmvShare: show(fig('percent', top.gmvShare, 1)),
      }),
    );
  }
  const [before2, now] = data.repurchase.byMonth;
  if (now?.repeatRate != null && before2?.repeatRate != null && now.group === data.month) {
    const diff = Math.round(now.repeatRate * 1000) - Math.round(before2.repeatRate * 1000);
    parts.push(
      m.repeatRate({
        rate: show(fig('percent', now.repeatRate, 1)),
        previous: show(fig('percent', before2.repeatRate, 1)),
        higher: diff === 0 ? null : diff > 0,
      }),
    );
  }
  parts.push(m.tierMoves({ up: String(data.tiers.movement.up), down: String(data.tiers.movement.down) }));
  return parts.join(ctx.lang === 'zh' ? '' : ' ');
}
