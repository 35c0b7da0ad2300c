/**
 * log(e^a + e^b) without overflow or underflow (the "log-sum-exp trick"; e.g. Blanchard, Higham &
 * Higham 2021, "Accurately computing the log-sum-exp and softmax functions"). −Infinity is the log of 0.
 *
 * @example logAddExp(Math.log(2), Math.log(3)) // Math.log(5)
 */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  const m = Math.max(a, b);
  return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/**
 * log(e^a − e^b) for a ≥ b (−Infinity when they are equal).
 *
 * @throws {RangeError} when b > a (the difference would be negative)
 * @example logSubExp(Math.log(5), Math.log(3)) // Math.log(2)
 */
export function logSubExp(a: number, b: number): number {
  if (b > a) throw new RangeError(`logSubExp needs a >= b, got a=${a}, b=${b}`);
  if (b === Number.NEGATIVE_INFINITY) return a;
  if (a === b) return Number.NEGATIVE_INFINITY;
  return a + Math.log(-Math.expm1(b - a));
}
