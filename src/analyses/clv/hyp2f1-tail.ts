import { logHyp2f1 } from '../../stats/hyp2f1.js';

/**
 * (1 − z)^a · ₂F₁(a, b; c; z), the factor the BG/NBD expectations share, computed in log space:
 * with Euler's transformation it is (1 − z)^(c − b) · ₂F₁(c − a, c − b; c; z), which stays finite
 * for customers with many purchases (large a and b) where ₂F₁ alone overflows.
 */
export function hyp2f1Tail(a: number, b: number, c: number, z: number): number {
  if (z === 0) return 1;
  return Math.exp(a * Math.log1p(-z) + logHyp2f1(a, b, c, z));
}
