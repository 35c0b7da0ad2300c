/**
 * Discounted expected value of a customer's purchases over the next `months` months: Σᵢ (E[Y(tᵢ)] −
 * E[Y(tᵢ₋₁)]) · spend / (1 + d)ⁱ with tᵢ the end of month i and d the monthly rate equivalent to the
 * annual `discountRate` (as lifetimes' customer_lifetime_value, with a monthly step).
 *
 * @example lifetimeValue((t) => t, 100, 12, 0, 1) // 1200: one purchase of 100 a month, undiscounted
 */
export function lifetimeValue(
  expectedPurchases: (t: number) => number,
  spendPerPurchase: number,
  months: number,
  discountRate: number,
  unitsPerMonth: number,
): number {
  const monthly = (1 + discountRate) ** (1 / 12) - 1;
  let value = 0;
  let before = 0;
  for (let i = 1; i <= months; i++) {
    const now = expectedPurchases(i * unitsPerMonth);
    value += ((now - before) * spendPerPurchase) / (1 + monthly) ** i;
    before = now;
  }
  return value;
}
