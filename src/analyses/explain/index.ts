/** "Why did the numbers move?": exact decomposition and a search across dimensions and pairs. */
export {
  candidateDimensions,
  candidatePairs,
  compositionSplits,
  type ExplainedMetric,
  explainedMetric,
} from './candidates.js';
export { type ExplainOptions, type Explanation, explain, type Factors } from './explain.js';
export type { Cause, DimensionSplit } from './model.js';
export { type ComparedPeriods, comparedPeriods, type Versus } from './periods.js';
