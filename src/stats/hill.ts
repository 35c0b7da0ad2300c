/**
 * Hill saturation, as in Meta's Robyn (`saturation_hill`): x^α ÷ (x^α + K^α), the share of the
 * maximum response reached at x; α is the shape (α > 1: S-shaped), K the half-saturation point. Robyn
 * parameterises K by γ in [0, 1] as the inflexion K = γ · max(x) over the series (the convention of the
 * shared reference values): 100, 150, 170, 190, 200 with α = 3, γ = 0.5 (K = 100) → 0.5, 0.771428571,
 * 0.830881109, 0.872757348, 0.888888889.
 *
 * @example hill(150, 3, 100) // 0.7714285714…
 */
export function hill(x: number, alpha: number, k: number): number {
  if (x <= 0) return 0;
  const r = (k / x) ** alpha;
  return 1 / (1 + r);
}

/** dHill/dx = α · H · (1 − H) ÷ x. */
export function hillDerivative(x: number, alpha: number, k: number): number {
  if (x <= 0) return alpha === 1 ? 1 / k : 0;
  const h = hill(x, alpha, k);
  return (alpha * h * (1 - h)) / x;
}

/** Robyn's saturation of a series with the inflexion at γ · max(x). */
export function hillSaturation(x: readonly number[], alpha: number, gamma: number): number[] {
  const k = gamma * Math.max(...x);
  return x.map((v) => hill(v, alpha, k));
}
