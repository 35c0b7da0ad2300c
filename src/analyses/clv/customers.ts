import { bgnbdConditionalExpectedMemo, bgnbdPAlive } from './bgnbd.js';
import { gammaGammaExpectedSpend } from './gamma-gamma.js';
import { lifetimeValue } from './lifetime-value.js';
import type { BgNbdParams, GammaGammaParams } from './types.js';

/** One customer's calibration history, times in the fit's unit. */
export interface CustomerHistory {
  customerId: string;
  x: number;
  tx: number;
  T: number;
  /** Mean spend of the repeat purchases (0 when x = 0). */
  meanSpend: number;
}

export interface CustomerPrediction {
  customerId: string;
  pAlive: number;
  /** Expected repeat purchases over the horizon. */
  expectedPurchases: number;
  /** Gamma-Gamma expected spend per purchase. */
  expectedSpend: number;
  /** Discounted expected spend over `months`. */
  clv: number;
}

/** Per-customer P(alive), expected purchases, expected spend and CLV from fitted parameters. */
export function customerPredictions(
  histories: readonly CustomerHistory[],
  bg: BgNbdParams,
  gg: GammaGammaParams,
  o: { horizon: number; months: number; discountRate: number; unitsPerMonth: number },
): CustomerPrediction[] {
  // E[Y(t) | alive] depends on (t, x, T) only: computed once per distinct triple
  const expected = bgnbdConditionalExpectedMemo(bg);
  return histories.map((h) => {
    const e = (t: number) => expected(bg, t, h.x, h.tx, h.T);
    const expectedSpend = gammaGammaExpectedSpend(gg, h.x, h.meanSpend);
    return {
      customerId: h.customerId,
      pAlive: bgnbdPAlive(bg, h.x, h.tx, h.T),
      expectedPurchases: e(o.horizon),
      expectedSpend,
      clv: lifetimeValue(e, expectedSpend, o.months, o.discountRate, o.unitsPerMonth),
    };
  });
}
