import { largestRemainder } from '../../stats/largest-remainder.js';
import { type FactorMethod, factorContributions } from './factors.js';

/**
 * The two identities of GMV, attributed exactly to the cent:
 *   GMV = visitors × conversion × 客单价   (conversion = buyers ÷ visitors, 客单价 = GMV ÷ buyers)
 *   GMV = orders × AOV                     (AOV = GMV ÷ orders)
 * Factor contributions come from `factorContributions` (Shapley by default, LMDI on request), are
 * rounded to whole fen by largest remainder and add up to the GMV change in fen exactly.
 */
export interface GmvTotals {
  gmvFen: number;
  visitors: number;
  buyers: number;
  orders: number;
}

export interface GmvFactors {
  method: FactorMethod;
  /** Traffic, conversion and 客单价 effects in fen; their sum is the GMV change in fen. */
  visitorsFen: number;
  conversionFen: number;
  atvFen: number;
}

export interface OrderFactors {
  method: FactorMethod;
  ordersFen: number;
  aovFen: number;
}

/** The visitors × conversion × 客单价 split; null when visitors or buyers are 0 in a period. */
export function gmvFactors(
  prev: GmvTotals,
  cur: GmvTotals,
  method: FactorMethod = 'shapley',
): GmvFactors | null {
  if (prev.visitors <= 0 || cur.visitors <= 0 || prev.buyers <= 0 || cur.buyers <= 0) return null;
  const x = (t: GmvTotals) => [t.visitors, t.buyers / t.visitors, t.gmvFen / t.buyers];
  const m = method === 'lmdi' && (prev.gmvFen <= 0 || cur.gmvFen <= 0) ? 'shapley' : method;
  const [v, c, a] = largestRemainder(cur.gmvFen - prev.gmvFen, factorContributions(x(prev), x(cur), m));
  return { method: m, visitorsFen: v, conversionFen: c, atvFen: a };
}

/** The orders × AOV split; null when a period has no orders. */
export function orderFactors(
  prev: GmvTotals,
  cur: GmvTotals,
  method: FactorMethod = 'shapley',
): OrderFactors | null {
  if (prev.orders <= 0 || cur.orders <= 0) return null;
  const x = (t: GmvTotals) => [t.orders, t.gmvFen / t.orders];
  const m = method === 'lmdi' && (prev.gmvFen <= 0 || cur.gmvFen <= 0) ? 'shapley' : method;
  const [o, a] = largestRemainder(cur.gmvFen - prev.gmvFen, factorContributions(x(prev), x(cur), m));
  return { method: m, ordersFen: o, aovFen: a };
}
