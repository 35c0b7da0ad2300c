import type { DimensionDef, MetricDef, MetricRow, Period } from '../../metrics/types.js';
import type { TableStats } from '../../warehouse/table-stats.js';

/** GET /api/meta: what the dashboard needs to label, format and scope everything. */
export interface Meta {
  version: string;
  language: 'zh' | 'en';
  currency: string;
  timeZone: string;
  weekStart: 1 | 7;
  metrics: MetricDef[];
  dimensions: DimensionDef[];
  tables: TableStats[];
  /** Paid-order dates (else traffic dates) the warehouse holds; null when it is empty. */
  dataRange: Period | null;
}

export type { MetricRow, Period };

/** The body of every API error. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}
