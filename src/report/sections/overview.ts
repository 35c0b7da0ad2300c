import type { MetricRow } from '../../metrics/types.js';
import { type BuildContext, figureKind } from '../context.js';
import { derivedFigure, fieldFigure, num } from '../figures.js';
import type { Figure, KpiCard, Section } from '../model.js';

/** The headline metrics, in the order they are shown. */
export const KPI_METRICS = ['gmv', 'orders', 'buyers', 'atv', 'aov', 'visitors', 'conversion'] as const;

export interface OverviewData {
  query: string;
  targetsQuery: string;
  row: MetricRow;
  targets: MetricRow;
  comparisons: Array<{ comparison: 'mom' | 'yoy'; from: string; to: string }>;
}

export async function loadOverview(ctx: BuildContext): Promise<OverviewData> {
  const main = await ctx.q.run({ metrics: [...KPI_METRICS], period: ctx.period, compare: ['mom', 'yoy'] });
  const targets = await ctx.q.run({
    metrics: KPI_METRICS.flatMap((m) => [`${m}_target`, `${m}_target_completion`]),
    period: ctx.period,
  });
  return {
    query: main.id,
    targetsQuery: targets.id,
    row: main.result.rows[0] ?? {},
    targets: targets.result.rows[0] ?? {},
    comparisons: main.result.comparisons.map((c) => ({ comparison: c.comparison, ...c.period })),
  };
}

export function isRate(ctx: BuildContext, metric: string): boolean {
  return ctx.metric(metric)?.format === 'percent';
}

/**
 * The change of a metric against a comparison: relative for amounts and counts (the metric
 * layer's `${m}_${c}`), a difference in percentage points for rates (`m − ${m}_${c}_base`).
 */
export function changeFigure(
  ctx: BuildContext,
  row: MetricRow,
  metric: string,
  c: 'mom' | 'yoy',
  query: string,
): Figure {
  if (!isRate(ctx, metric)) return fieldFigure('change', row, `${metric}_${c}`, query);
  const cur = num(row[metric]);
  const base = num(row[`${metric}_${c}_base`]);
  const diff = cur === null || base === null ? null : cur - base;
  return derivedFigure('pp', diff, query, `${metric}_${c}_base`, `${metric} − ${metric}_${c}_base`, {
    decimals: 2,
  });
}

export function kpiCards(data: OverviewData, ctx: BuildContext): KpiCard[] {
  return KPI_METRICS.map((m) => {
    const { kind, decimals } = figureKind(ctx.metric(m)?.format);
    const card: KpiCard = {
      metric: m,
      label: ctx.metricLabel(m),
      value: fieldFigure(kind, data.row, m, data.query, { decimals }),
      mom: changeFigure(ctx, data.row, m, 'mom', data.query),
      yoy: changeFigure(ctx, data.row, m, 'yoy', data.query),
    };
    if (num(data.targets[`${m}_target`]) !== null) {
      card.target = fieldFigure(kind, data.targets, `${m}_target`, data.targetsQuery, { decimals });
      card.completion = fieldFigure('percent', data.targets, `${m}_target_completion`, data.targetsQuery);
    }
    return card;
  });
}

export function overviewSection(data: OverviewData, ctx: BuildContext): Section {
  const cards = kpiCards(data, ctx);
  const blocks: Section['blocks'] = [{ type: 'kpis', cards, trace: [data.query, data.targetsQuery] }];
  if (!cards.some((c) => c.target)) blocks.push({ type: 'note', text: ctx.msg.noTargets });
  if (!num(data.row.gmv_yoy_base)) blocks.push({ type: 'note', text: ctx.msg.scope.noPriorYear });
  blocks.push({ type: 'note', text: ctx.msg.changeNote });
  return { id: 'overview', title: ctx.msg.section.overview, blocks };
}
