import type { Period, QuerySpec } from '../metrics/types.js';

/**
 * The report model: metadata + ordered sections of blocks. Builders fill it from query results;
 * renderers (Markdown, HTML, later PDF and the dashboard) only read it. Values stay raw numbers with a
 * kind, so every renderer formats them the same way and tests compare them with `query()` directly.
 */
export type Lang = 'zh' | 'en';

/**
 * The analysis sections a report may leave out (`fupan report --sections`, `/api/report?sections=`):
 * each runs analyses of its own (customer insight; channel performance; diagnosis with anomalies).
 * Summary, scope, overview, GMV structure, daily trend and the appendix are always written.
 */
export const ANALYSIS_SECTIONS = ['customers', 'channels', 'diagnosis'] as const;
export type AnalysisSection = (typeof ANALYSIS_SECTIONS)[number];
/** What `--sections` and `sections=` take, for help texts and usage errors. */
export const SECTION_CHOICES = `all, none or a comma list of ${ANALYSIS_SECTIONS.join(', ')}`;

/** `all`, `none` or a comma list of ANALYSIS_SECTIONS, in the report's order; undefined for anything else. */
export function parseAnalysisSections(text: string): AnalysisSection[] | undefined {
  if (text === 'all') return [...ANALYSIS_SECTIONS];
  if (text === 'none') return [];
  const items = text.split(',').map((s) => s.trim());
  if (!items.every((i) => (ANALYSIS_SECTIONS as readonly string[]).includes(i))) return undefined;
  return ANALYSIS_SECTIONS.filter((s) => items.includes(s));
}

/**
 * How a raw value is shown.
 * - money: currency major units; count: integers; percent: a fraction shown as %;
 * - change: relative change (fraction, signed); pp: difference of two fractions (percentage points);
 * - roas: a ratio shown 1:x (zh) / x (en); number: plain; text: as is.
 */
export type FigureKind = 'money' | 'count' | 'percent' | 'change' | 'pp' | 'roas' | 'number' | 'text';

export interface Figure {
  kind: FigureKind;
  value: number | string | null;
  /** Decimal places where the kind allows a choice (percent, change, pp, number). */
  decimals?: number;
  /** Where the value came from: `Q3.gmv_mom` = field `gmv_mom` of query Q3 (row keys in `row`). */
  source?: FigureSource;
}

export interface FigureSource {
  query: string;
  field: string;
  /** Dimension values identifying the row (absent for a total without dimensions). */
  row?: Record<string, string | null>;
  /** When the figure is computed from query fields (share, pp change), how. */
  derived?: string;
}

/** One headline number with its comparisons. */
export interface KpiCard {
  metric: string;
  label: string;
  value: Figure;
  mom: Figure;
  yoy: Figure;
  /** Target and its completion, when a target exists for the month. */
  target?: Figure;
  completion?: Figure;
}

export interface Column {
  label: string;
  align?: 'left' | 'right';
}

export type ChartUnit = 'money' | 'count' | 'percent';

export interface ChartSeries {
  name: string;
  type: 'bar' | 'line';
  values: Array<number | null>;
  unit: ChartUnit;
  /** Which y-axis (0 left, 1 right) in a trend chart. */
  axis?: 0 | 1;
  /** Drawn quieter (a comparison period). */
  muted?: boolean;
}

/** Renderer-agnostic chart description; the HTML renderer draws it with ECharts (SVG). */
export type ChartSpec =
  | { kind: 'trend'; title: string; categories: string[]; series: ChartSeries[] }
  | { kind: 'bar'; title: string; categories: string[]; series: ChartSeries[]; horizontal?: boolean }
  | { kind: 'donut'; title: string; items: Array<{ name: string; value: number }>; unit: ChartUnit }
  | {
      /** A matrix of values coloured by size (cohort retention): cells [x index, y index, value]. */
      kind: 'heatmap';
      title: string;
      x: string[];
      y: string[];
      cells: Array<[number, number, number | null]>;
      unit: ChartUnit;
    };

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'kpis'; cards: KpiCard[]; trace: string[] }
  | { type: 'table'; title?: string; columns: Column[]; rows: Figure[][]; trace: string[] }
  | { type: 'chart'; chart: ChartSpec; trace: string[] }
  | { type: 'paragraph'; text: string; trace: string[] }
  | { type: 'note'; text: string }
  | { type: 'definitions'; items: Array<{ term: string; definition: string }> }
  | { type: 'queries'; queries: QueryTrace[] };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

/** An analysis run for the report outside the metric layer (cohorts, RFM, …): its name and arguments. */
export interface AnalysisCall {
  analysis: string;
  args: Record<string, string | number | boolean | undefined>;
}

/** One query run for the report, kept for the appendix. */
export interface QueryTrace {
  id: string;
  /** The metric layer's spec, or the analysis whose SQL this is. */
  spec: QuerySpec | AnalysisCall;
  sql: string[];
  /** Bound values of each statement ($1, $2, …), in the order of `sql`. */
  params?: Array<Array<string | number>>;
  rowCount: number;
}

/** One row of the import ledger, as shown in the scope section. */
export interface SourceFile {
  file: string;
  table: string;
  rows: number;
  importedAt: string;
}

export interface DataRange {
  table: string;
  from: string | null;
  to: string | null;
  rows: number;
}

export interface ReportMeta {
  title: string;
  shop: string;
  /** YYYY-MM */
  month: string;
  period: Period;
  language: Lang;
  currency: string;
  timeZone: string;
  dataRanges: DataRange[];
  sources: SourceFile[];
  /** Set by the caller (the CLI passes the clock); absent in golden files. */
  generatedAt?: string;
}

export interface Report {
  meta: ReportMeta;
  sections: Section[];
  queries: QueryTrace[];
}
