export { type Breakdown, type BreakdownItem, breakdown, topN } from './model.js';
export { breakdownSpec } from './query.js';
