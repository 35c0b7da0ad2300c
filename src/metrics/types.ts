import type { Grain } from '../warehouse/dialect.js';

/** Contract of the metric layer (src/metrics/index.ts exports `query`, `METRICS`, `DIMENSIONS`). */
export type MetricKind = 'sum' | 'count' | 'distinct' | 'ratio';
export type MetricFormat = 'money' | 'integer' | 'percent' | 'ratio' | 'number';

export interface MetricDef {
  name: string;
  label: { zh: string; en: string };
  format: MetricFormat;
  kind: MetricKind;
  description: { zh: string; en: string };
  /** For ratios: numerator / denominator metric names. */
  ratio?: { num: string; den: string };
  /** Formula in words (docs/metrics.md, `fupan query --list`). */
  formula?: string;
  /** Tables the metric reads. */
  tables?: string[];
  /** What to watch out for when reading the number. */
  caveats?: string;
}

export interface DimensionDef {
  name: string;
  label: { zh: string; en: string };
  /** Date grains are conformed; others belong to one or more fact tables. */
  grain?: Grain;
  /** Where the values come from and what they mean. */
  description?: string;
}

export type FilterOp = 'eq' | 'neq' | 'in' | 'not_in';
export interface Filter {
  dimension: string;
  op: FilterOp;
  /** Values are always bound parameters, never spliced into SQL. */
  values: string[];
}

/** Inclusive date range in the store time zone. */
export interface Period {
  from: string; // YYYY-MM-DD
  to: string; // YYYY-MM-DD
}

export type Comparison = 'mom' | 'yoy';

export interface QuerySpec {
  metrics: string[];
  dimensions?: string[];
  filters?: Filter[];
  period: Period;
  /**
   * For each comparison c and metric m, rows gain `${m}_${c}_base` (value in the comparison period:
   * previous month/equal-length range for mom, same dates a year earlier for yoy) and `${m}_${c}`
   * (relative change (cur − base) / base; null when base is 0 or missing).
   */
  compare?: Comparison[];
  sort?: Array<{ field: string; desc?: boolean }>;
  limit?: number;
}

/** A row keyed by dimension names and metric names (plus comparison fields). */
export type MetricRow = Record<string, string | number | null>;

export interface QueryResult {
  rows: MetricRow[];
  /** The SQL that produced the rows (traceability: every figure to a query). */
  sql: string[];
  /** Bound values of each statement in `sql`, in placeholder order. */
  params?: Array<Array<string | number>>;
  period: Period;
  comparisons: Array<{ comparison: Comparison; period: Period }>;
}
