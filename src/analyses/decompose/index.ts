/** Exact decompositions of a change: product factors (GMV identities) and mix vs rate across a dimension. */
export {
  binaryGrid,
  COUNT,
  type ExactSplit,
  type ExactTerm,
  exactFactors,
  exactSplit,
  FEN,
  fromTicks,
  type Grid,
  toTicks,
} from './exact.js';
export { type FactorMethod, factorContributions, lmdiFactors, logMean, shapleyFactors } from './factors.js';
export {
  additiveSplit,
  type Cell,
  type GroupInput,
  ratioSplit,
  type Split,
  type SplitTerm,
} from './mix-rate.js';
export {
  type GmvFactors,
  type GmvTotals,
  gmvFactors,
  type OrderFactors,
  orderFactors,
} from './product-factors.js';
