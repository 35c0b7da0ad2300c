import type { Period, QuerySpec } from '../../metrics/types.js';

/** The query a breakdown needs: the metric by one dimension, with MoM and YoY bases. */
export function breakdownSpec(dimension: string, metric: string, period: Period): QuerySpec {
  return {
    metrics: [metric],
    dimensions: [dimension],
    period,
    compare: ['mom', 'yoy'],
    sort: [{ field: metric, desc: true }],
  };
}
