/** The metric layer: named metrics × conformed dimensions → SQL per dialect → typed rows. */

export { latestCompleteMonth, paidDateRange } from './data-range.js';
export {
  addDays,
  addMonths,
  bucketLabel,
  bucketLabels,
  comparisonPeriod,
  monthPeriod,
  previousPeriod,
  validatePeriod,
  yoyPeriod,
} from './period.js';
export { type PlannedStatement, planQuery, type QueryOptions, query, querySets } from './query.js';
export { DIMENSIONS } from './registry/dimensions.js';
export { METRICS } from './registry/metrics.js';
export { metricDef } from './registry/resolve.js';
export type * from './types.js';
