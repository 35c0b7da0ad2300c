/**
 * The digamma function ψ(x) = d/dx ln Γ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x
 * (Abramowitz & Stegun 6.3.5) up to x ≥ 10, then the asymptotic series
 * ψ(x) ≈ ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ) (A&S 6.3.18) to x⁻¹⁴ (the next term is below 5e-17 there).
 *
 * @throws {RangeError} when x is not a finite number > 0
 * @example digamma(1) // −0.5772156649015329 (minus the Euler–Mascheroni constant)
 */
export function digamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`digamma needs x > 0, got ${x}`);
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  // B₂/2 = 1/12, B₄/4 = −1/120, B₆/6 = 1/252, B₈/8 = −1/240, B₁₀/10 = 1/132, B₁₂/12 = −691/32760, B₁₄/14 = 1/12
  const series =
    inv2 *
    (1 / 12 -
      inv2 *
        (1 / 120 -
          inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760 - inv2 / 12))))));
  return shift + Math.log(x) - 0.5 / x - series;
}
