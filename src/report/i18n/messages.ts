import type { Lang } from '../model.js';
import { EN } from './en.js';
import { ZH } from './zh.js';

/**
 * Every sentence and label the report writes, per language. Parameters are already formatted
 * strings: the catalogue decides wording and word order, never numbers.
 */
export interface Messages {
  title(p: { shop: string; month: string }): string;
  /** `label：value` (zh) / `label: value` (en). */
  labelled(label: string, value: string): string;
  generatedAt(p: { at: string }): string;
  section: {
    summary: string;
    scope: string;
    overview: string;
    structure: string;
    dailyTrend: string;
    appendix: string;
  };
  col: {
    metric: string;
    value: string;
    mom: string;
    yoy: string;
    target: string;
    completion: string;
    share: string;
    shareChangeMom: string;
    valueMom: string;
    valueYoy: string;
    buyers: string;
    buyersMom: string;
    table: string;
    from: string;
    to: string;
    rows: string;
    file: string;
    importedAt: string;
    day: string;
    definition: string;
    item: string;
    detail: string;
  };
  /** "GMV 环比" etc. for a metric label. */
  metricMom(label: string): string;
  metricYoy(label: string): string;
  /** Series name of the same metric in the previous month. */
  previousMonth(p: { label: string; month: string }): string;
  dayLabel(day: number): string;
  newBuyers: string;
  returningBuyers: string;
  unknownValue: string;
  others(p: { count: number; what: string }): string;
  topN(p: { n: number; what: string }): string;
  breakdownTitle(p: { what: string }): string;
  gmvShareTitle(p: { what: string }): string;
  customerTypeTitle: string;
  dailyGmvTitle: string;
  dailyOrdersTitle: string;
  scope: {
    period: string;
    timeZone: string;
    currency: string;
    momPeriod: string;
    yoyPeriod: string;
    definitions: string;
    dataRanges: string;
    sources: string;
    noSources: string;
    partialMonth(p: { lastDate: string }): string;
    noPriorYear: string;
    /** The orders row of the coverage table: paid orders, dated by payment. */
    paidOrders: string;
  };
  tableLabel(table: string): string;
  chartsInHtml: string;
  chartRef(p: { title: string }): string;
  change: { up: string; down: string };
  shareNote: string;
  changeNote: string;
  noTargets: string;
  shortHistory(p: { from: string; months: number }): string;
  dailyHighlights(p: { avg: string; peakDay: string; peak: string; lowDay: string; low: string }): string;
  summary: {
    gmv(p: { month: string; gmv: string; mom?: string; yoy?: string; completion?: string }): string;
    orders(p: {
      orders: string;
      buyers: string;
      basket: string;
      basketLabel: string;
      basketMom?: string;
    }): string;
    conversion(p: { visitors: string; conversion: string; conversionMom?: string }): string;
    newBuyers(p: { share: string; shareChange?: string }): string;
    channels(p: {
      top: string;
      share: string;
      topChange?: string;
      fastest?: string;
      change?: string;
    }): string;
  };
  appendix: {
    definitions: string;
    definitionsLink: string;
    queries: string;
    queryHeading(p: { id: string; rows: number }): string;
    sql(p: { count: number }): string;
    statement(kind: 'period' | 'mom' | 'yoy'): string;
    params: string;
  };
  source(p: { ids: string[] }): string;
}

export function messages(lang: Lang): Messages {
  return lang === 'zh' ? ZH : EN;
}
