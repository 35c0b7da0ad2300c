import type { Registry } from './context.js';
import { buildContext } from './context.js';
import { formatMonth } from './format/date.js';
import { messages } from './i18n/messages.js';
import type { DataRange, Lang, Report, SourceFile } from './model.js';
import { monthPeriod } from './period.js';
import { anomaliesSection } from './sections/anomalies.js';
import { appendixSection } from './sections/appendix.js';
import { type ChannelSectionData, channelSection } from './sections/channels.js';
import { type CustomerInsightData, customerSection } from './sections/customers.js';
import { dailyTrendSection, loadDailyTrend } from './sections/daily-trend.js';
import { type DiagnosisData, diagnosisSection } from './sections/diagnosis.js';
import { loadOverview, overviewSection } from './sections/overview.js';
import { scopeSection } from './sections/scope.js';
import { loadStructure, structureSection } from './sections/structure.js';
import { summarySection } from './sections/summary.js';
import { type QueryFn, QueryRecorder } from './trace.js';

export interface MonthlyReportInput {
  /** The metric layer's `query`, bound to a warehouse. */
  query: QueryFn;
  registry: Registry;
  /** YYYY-MM */
  month: string;
  lang: Lang;
  shop: string;
  currency: string;
  timeZone: string;
  dataRanges: DataRange[];
  sources: SourceFile[];
  /** false when the data ends before the month's last day. */
  complete?: boolean;
  lastDataDate?: string;
  /** Shown in the header when given; leave out for reproducible output. */
  generatedAt?: string;
  /** The customer insight section's data (loadCustomerInsight); the section is left out without it. */
  customers?: CustomerInsightData;
  /** The channel performance section's data (loadChannelSection); left out without it. */
  channels?: ChannelSectionData;
  /** The diagnosis section's data (loadDiagnosis); left out without it. */
  diagnosis?: DiagnosisData;
}

/** Runs a section's loading under a name (profiling); by default it just runs. */
export type SectionRunner = <T>(name: string, fn: () => Promise<T>) => Promise<T>;
const justRun: SectionRunner = (_, fn) => fn();

/**
 * The monthly review (复盘) v1: summary, scope, performance overview, GMV structure, daily trend and
 * the appendix. Queries run one after another in a fixed order, so Q-numbers are stable.
 */
export async function buildMonthlyReport(
  input: MonthlyReportInput,
  section: SectionRunner = justRun,
): Promise<Report> {
  const period = monthPeriod(input.month);
  const q = new QueryRecorder(input.query);
  const ctx = buildContext({
    lang: input.lang,
    currency: input.currency,
    month: input.month,
    period,
    q,
    registry: input.registry,
  });
  const overview = await section('overview', () => loadOverview(ctx));
  const structure = await section('structure', () => loadStructure(ctx));
  const trend = await section('daily-trend', () => loadDailyTrend(ctx));
  const sections = [
    summarySection(overview, structure, ctx),
    scopeSection(
      {
        timeZone: input.timeZone,
        currency: input.currency,
        dataRanges: input.dataRanges,
        sources: input.sources,
        complete: input.complete ?? true,
        lastDataDate: input.lastDataDate,
      },
      overview,
      ctx,
    ),
    overviewSection(overview, ctx),
    structureSection(structure, ctx, input.dataRanges.find((r) => r.table === 'orders')?.from ?? undefined),
    dailyTrendSection(trend, ctx),
  ];
  if (input.channels) sections.push(channelSection(input.channels, ctx));
  if (input.customers) sections.push(customerSection(input.customers, ctx));
  if (input.diagnosis) sections.push(diagnosisSection(input.diagnosis, ctx));
  if (input.diagnosis?.anomalies) sections.push(anomaliesSection(input.diagnosis.anomalies, ctx));
  sections.push(appendixSection(q.traces, ctx));
  return {
    meta: {
      title: messages(input.lang).title({ shop: input.shop, month: formatMonth(input.month, input.lang) }),
      shop: input.shop,
      month: input.month,
      period,
      language: input.lang,
      currency: input.currency,
      timeZone: input.timeZone,
      dataRanges: input.dataRanges,
      sources: input.sources,
      ...(input.generatedAt ? { generatedAt: input.generatedAt } : {}),
    },
    sections,
    queries: q.traces,
  };
}
