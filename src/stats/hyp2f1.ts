/**
 * The Gaussian hypergeometric function ₂F₁(a, b; c; z) for real arguments, c > 0 and −1 < z < 1
 * (Abramowitz & Stegun 15.1.1: Σₖ (a)ₖ(b)ₖ / ((c)ₖ k!) zᵏ).
 *
 * - For z < 0 it first applies Pfaff's transformation (A&S 15.3.4),
 *   ₂F₁(a, b; c; z) = (1 − z)^(−a) ₂F₁(a, c − b; c; z / (z − 1)), so the series runs on [0, ½).
 * - For 0 ≤ z < 1 it applies Euler's transformation (A&S 15.3.3),
 *   ₂F₁(a, b; c; z) = (1 − z)^(c − a − b) ₂F₁(c − a, c − b; c; z), when that makes the parameters
 *   smaller: in the BG/NBD and Pareto/NBD expressions a and b grow with a customer's purchase count,
 *   and the direct series would overflow long before it converges.
 *
 * The series is summed term by term (each term from the last by the ratio
 * (a + k)(b + k) z / ((c + k)(k + 1))) until a term no longer changes the sum.
 *
 * @throws {RangeError} when z is outside (−1, 1), c ≤ 0, or the series does not converge
 * @example hyp2f1(1, 1, 2, 0.5) // 2 ln 2 = 1.3862943611198906 (₂F₁(1,1;2;z) = −ln(1 − z)/z)
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const { sign, log } = signedLogHyp2f1(a, b, c, z);
  return sign * Math.exp(log);
}

/**
 * log ₂F₁(a, b; c; z) for a positive value (see hyp2f1): stays finite where ₂F₁ itself overflows.
 *
 * @throws {RangeError} as hyp2f1, and when the value is not positive
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  const { sign, log } = signedLogHyp2f1(a, b, c, z);
  if (sign <= 0) throw new RangeError(`2F1(${a}, ${b}; ${c}; ${z}) is not positive`);
  return log;
}

const MAX_TERMS = 200_000;

function signedLogHyp2f1(a: number, b: number, c: number, z: number): { sign: number; log: number } {
  if (!(z > -1 && z < 1)) throw new RangeError(`hyp2f1 needs -1 < z < 1, got ${z}`);
  if (!(c > 0)) throw new RangeError(`hyp2f1 needs c > 0, got ${c}`);
  if (z < 0) {
    const inner = signedLogHyp2f1(a, c - b, c, z / (z - 1));
    return { sign: inner.sign, log: inner.log - a * Math.log1p(-z) };
  }
  if (Math.abs(c - a) + Math.abs(c - b) < Math.abs(a) + Math.abs(b)) {
    const s = series(c - a, c - b, c, z);
    return { sign: Math.sign(s), log: Math.log(Math.abs(s)) + (c - a - b) * Math.log1p(-z) };
  }
  const s = series(a, b, c, z);
  return { sign: Math.sign(s), log: Math.log(Math.abs(s)) };
}

function series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < MAX_TERMS; k++) {
    const ratio = ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    term *= ratio;
    const next = sum + term;
    // Stop when terms no longer change the sum and keep shrinking (or the series terminated).
    if (term === 0 || (next === sum && Math.abs(ratio) < 1)) return next;
    if (!Number.isFinite(next)) break;
    sum = next;
  }
  throw new RangeError(`hyp2f1 series did not converge (a=${a}, b=${b}, c=${c}, z=${z})`);
}
