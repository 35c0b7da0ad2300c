import {
  type ChannelPerformance,
  channelPerformance,
  relativeChange,
} from '../../analyses/channels/index.js';
import { type FunnelResult, funnelAnalysis } from '../../analyses/funnel/index.js';
import { type MarginalRoi, marginalRoi } from '../../analyses/response-curve/index.js';
import type { CalendarConfig } from '../../config/calendar.js';
import {
  findingsFromChannels,
  findingsFromFunnel,
  findingsFromRoi,
  valueLabel,
} from '../../findings/index.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import type { BuildContext } from '../context.js';
import { text } from '../figures.js';
import { formatFigure } from '../format/figure.js';
import { DIAGNOSIS_EN, DIAGNOSIS_ZH } from '../i18n/diagnosis.js';
import type { Block, Figure, FigureKind, Section } from '../model.js';
import { findingSentences } from './findings-text.js';

/** What the channel performance section shows, computed once for all languages. */
export interface ChannelSectionData {
  month: string;
  channels: ChannelPerformance;
  funnel: FunnelResult | null;
  /** Marginal ROI of the paid channels (null without a paid channel with 8 weeks of spend history). */
  roi: MarginalRoi | null;
}

/**
 * Loads channel performance and the shop's funnel for the month (both through the metric layer) and
 * the paid channels' response curves; given the store config, its calendar's days stay out of the fits.
 */
export async function loadChannelSection(
  wh: Warehouse,
  month: string,
  store: 1 | 7 | { weekStart: 1 | 7; calendar?: CalendarConfig },
): Promise<ChannelSectionData> {
  const { weekStart, calendar } =
    typeof store === 'number' ? { weekStart: store, calendar: undefined } : store;
  const channels = await channelPerformance(wh, { month, weekStart });
  const funnel = await funnelAnalysis(wh, { month, weekStart });
  const hasTraffic = funnel.total.steps[0].value > 0;
  const roi = await marginalRoi(wh, { month, weekStart, ...(calendar ? { calendar } : {}) });
  return { month, channels, funnel: hasTraffic ? funnel : null, roi: roi.channels.length > 0 ? roi : null };
}

const fig = (kind: FigureKind, value: number | null, decimals?: number): Figure => ({
  kind,
  value,
  ...(decimals === undefined ? {} : { decimals }),
});

function channelTable(c: ChannelPerformance, ctx: BuildContext, m: typeof DIAGNOSIS_ZH): Block {
  const metrics: Array<[string, FigureKind, number?]> = [
    ['visitors', 'count'],
    ['conversion', 'percent', 2],
    ['buyers', 'count'],
    ['gmv', 'money'],
    ['atv', 'money'],
    ['new_buyer_share', 'percent', 1],
    ['spend', 'money'],
    ['roas', 'roas', 1],
    ['cac', 'money'],
    ['cpc', 'money'],
    ['ctr', 'percent', 2],
  ];
  const row = (
    label: string,
    values: Record<string, { value: number | null }>,
    share: number | null,
    mom: number | null,
  ) => [
    text(label),
    fig('percent', share, 1),
    ...metrics.slice(0, 4).map(([k, kind, d]) => fig(kind, values[k].value, d)),
    fig('change', mom, 1),
    ...metrics.slice(4).map(([k, kind, d]) => fig(kind, values[k].value, d)),
  ];
  const rows = c.channels.map((r) =>
    row(
      valueLabel(r.channel, ctx.lang),
      r.metrics,
      r.visitorShare.value,
      relativeChange(r.metrics.gmv, 'mom'),
    ),
  );
  return {
    type: 'table',
    title: m.channelTableTitle,
    columns: [
      { label: m.col.channel },
      { label: m.col.visitorShare, align: 'right' },
      ...metrics.slice(0, 4).map(([k]) => ({ label: ctx.metricLabel(k), align: 'right' as const })),
      { label: m.col.gmvMom, align: 'right' },
      ...metrics.slice(4).map(([k]) => ({ label: ctx.metricLabel(k), align: 'right' as const })),
    ],
    rows,
    trace: [],
  };
}

function funnelBlocks(f: FunnelResult, ctx: BuildContext, m: typeof DIAGNOSIS_ZH): Block[] {
  const label = (s: string) => (s === 'visitors' || s === 'buyers' ? ctx.metricLabel(s) : ctx.metricLabel(s));
  return [
    { type: 'heading', text: m.funnelTitle },
    {
      type: 'table',
      columns: [
        { label: m.col.step },
        { label: m.col.current, align: 'right' },
        { label: m.col.previous, align: 'right' },
        { label: m.col.stepRate, align: 'right' },
        { label: m.col.previousRate, align: 'right' },
        { label: m.col.change, align: 'right' },
      ],
      rows: f.total.steps.map((s) => [
        text(label(s.step)),
        fig('count', s.value),
        fig('count', s.previous),
        fig('percent', s.rate, 1),
        fig('percent', s.previousRate, 1),
        fig('pp', s.rateChange, 2),
      ]),
      trace: [],
    },
    {
      type: 'chart',
      chart: {
        kind: 'bar',
        title: m.funnelChartTitle,
        categories: f.total.steps.map((s) => label(s.step)),
        series: [
          { name: m.col.current, type: 'bar', unit: 'count', values: f.total.steps.map((s) => s.value) },
          {
            name: m.col.previous,
            type: 'bar',
            unit: 'count',
            values: f.total.steps.map((s) => s.previous),
            muted: true,
          },
        ],
      },
      trace: [],
    },
  ];
}

function roiBlocks(r: MarginalRoi, ctx: BuildContext, m: typeof DIAGNOSIS_ZH): Block[] {
  const range = (x: { low: number | null; high: number | null }, kind: FigureKind) =>
    text(
      `${x.low === null ? '—' : formatFigure(fig(kind, x.low, 2), ctx.fmt)} – ${x.high === null ? '—' : formatFigure(fig(kind, x.high, 2), ctx.fmt)}`,
    );
  return [
    { type: 'heading', text: m.roiTitle },
    {
      type: 'table',
      columns: [
        { label: m.col.channel },
        { label: m.col.dailySpend, align: 'right' },
        { label: m.col.marginalRoas, align: 'right' },
        { label: m.col.interval, align: 'right' },
        { label: m.col.breakEven, align: 'right' },
        { label: m.col.status },
        { label: m.col.proposed, align: 'right' },
      ],
      rows: r.channels.map((c) => [
        text(c.channel),
        fig('money', c.dailySpend),
        fig('number', c.marginalRoas.value, 2),
        range(c.marginalRoas, 'number'),
        fig('money', c.breakEvenDailySpend.value),
        text(m.status[c.status]),
        fig('money', r.reallocation.proposed[c.channel]),
      ]),
      trace: [],
    },
    { type: 'note', text: m.roiMethod({ from: r.from, to: r.to, replicates: String(r.replicates) }) },
  ];
}

/** 渠道表现评估 / channel performance: findings, the channel table, share chart and the funnel. */
export function channelSection(data: ChannelSectionData, ctx: BuildContext): Section {
  const m = ctx.lang === 'zh' ? DIAGNOSIS_ZH : DIAGNOSIS_EN;
  const c = data.channels;
  const findings = [
    ...findingsFromChannels(c),
    ...(data.roi ? findingsFromRoi(data.roi) : []),
    ...(data.funnel ? findingsFromFunnel(data.funnel) : []),
  ];
  const blocks: Block[] = findingSentences(findings, ctx).map((t) => ({
    type: 'paragraph',
    text: t,
    trace: [],
  }));
  blocks.push(channelTable(c, ctx, m));
  blocks.push({
    type: 'chart',
    chart: {
      kind: 'bar',
      title: m.shareChartTitle,
      categories: c.channels.map((r) => valueLabel(r.channel, ctx.lang)),
      series: [
        {
          name: m.col.visitorShare,
          type: 'bar',
          unit: 'percent',
          values: c.channels.map((r) => r.visitorShare.value),
        },
        {
          name: m.col.gmvShare,
          type: 'bar',
          unit: 'percent',
          values: c.channels.map((r) => r.gmvShare.value),
        },
      ],
    },
    trace: [],
  });
  if (data.roi) blocks.push(...roiBlocks(data.roi, ctx, m));
  if (data.funnel) blocks.push(...funnelBlocks(data.funnel, ctx, m));
  else blocks.push({ type: 'note', text: m.noTraffic });
  return { id: 'channels', title: m.channelsTitle, blocks };
}
