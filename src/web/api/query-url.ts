import type { Comparison, Period } from '../../metrics/types.js';

/** A metric request as the dashboard makes it; turned into the /api/query address. */
export interface QueryRequest {
  metrics: string[];
  by?: string[];
  period: Period;
  /** Dimension → value (equality filters). */
  filters?: Record<string, string | undefined>;
  compare?: Comparison[];
  sort?: { field: string; desc: boolean };
  limit?: number;
}

/** `/api/query?metrics=…&by=…&from=…&to=…&filter=dim=value…`: the parameters of `fupan query`. */
export function queryUrl(r: QueryRequest, path = '/api/query'): string {
  const q = new URLSearchParams();
  q.set('metrics', r.metrics.join(','));
  if (r.by && r.by.length > 0) q.set('by', r.by.join(','));
  q.set('from', r.period.from);
  q.set('to', r.period.to);
  for (const [dim, value] of Object.entries(r.filters ?? {})) {
    if (value !== undefined && value !== '') q.append('filter', `${dim}=${value}`);
  }
  if (r.compare && r.compare.length > 0) q.set('compare', r.compare.join(','));
  if (r.sort) q.set('sort', `${r.sort.field}:${r.sort.desc ? 'desc' : 'asc'}`);
  if (r.limit !== undefined) q.set('limit', String(r.limit));
  return `${path}?${q.toString()}`;
}
