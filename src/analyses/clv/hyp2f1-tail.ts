import { logHyp2f1 } from '../../stats/hyp2f1.js';

/**
 * (1 − z)^a · ₂F₁(a, b; c; z), the factor the BG/NBD expectations share, computed in log space:
 * with Euler's transformation it is (1 − z)^(c − b) · ₂F₁(c − a, c − b; c; z), which stays finite
 * for customers with many purchases (large a and b) where ₂F₁ alone overflows. Needs c > 0.
 */
export function hyp2f1Tail(a: number, b: number, c: number, z: number): number {
  if (z === 0) return 1;
  return Math.exp(a * Math.log1p(-z) + logHyp2f1(a, b, c, z));
}

/**
 * c/(c − b) · [1 − (1 − z)^a · ₂F₁(a, b; c; z)] for a, b > 0, c > −1, c ≠ b and 0 ≤ z < 1: the BG/NBD
 * expected purchases of a customer still alive, with a = r+x, b = b+x, c = a+b+x−1, c − b = a − 1.
 *
 * Where c > 0 it is computed from hyp2f1Tail. Where −1 < c ≤ 0 (x = 0 and a fitted a + b ≤ 1, as on
 * short histories) the ₂F₁ series has the factor 1/c in every term ((c)ₖ = c·(c+1)ₖ₋₁), so the
 * product c·(₂F₁ − 1) is summed directly, without dividing by c (Abramowitz & Stegun 15.1.1):
 *
 *   c·(₂F₁(a, b; c; z) − 1) = Σₖ≥₁ (a)ₖ (b)ₖ zᵏ / ((c+1)ₖ₋₁ k!)  =: G,
 *   c·[1 − (1 − z)^a ₂F₁] = c·(1 − (1 − z)^a) − (1 − z)^a · G.
 *
 * Every (c+1)ₖ₋₁ is positive for c > −1, so the series is the analytic continuation of the c > 0
 * expression in c, finite also at c = 0, and it converges for |z| < 1. (The expectation itself,
 * E_p[(1 − (1 + p·t/(α+T))^−(r+x)) / p] over p ~ Beta(a, b+x), is finite for every a, b > 0; the
 * test checks the two against each other by quadrature.)
 *
 * @throws {RangeError} when c ≤ −1 or the series does not converge
 */
export function tailComplement(a: number, b: number, c: number, z: number): number {
  if (z === 0) return 0;
  if (c > 0) return (c / (c - b)) * (1 - hyp2f1Tail(a, b, c, z));
  if (!(c > -1)) throw new RangeError(`tailComplement needs c > -1, got ${c}`);
  const w = Math.exp(a * Math.log1p(-z));
  let term = a * b * z; // k = 1: (a)₁(b)₁z / ((c+1)₀ 1!)
  let g = term;
  for (let k = 1; k < 1_000_000; k++) {
    const ratio = ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    term *= ratio;
    const next = g + term;
    if (next === g && ratio < 1) return (c * (1 - w) - w * next) / (c - b);
    g = next;
  }
  throw new RangeError(`tailComplement series did not converge (a=${a}, b=${b}, c=${c}, z=${z})`);
}
