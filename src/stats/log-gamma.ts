/**
 * Natural logarithm of the gamma function for x > 0, by the Lanczos approximation with g = 7 and
 * nine coefficients (Godfrey's set; Press et al., Numerical Recipes 3rd ed. §6.1; relative error
 * about 1e-15). Below 0.5 the reflection formula Γ(x)Γ(1 − x) = π / sin(πx) is used.
 *
 * @throws {RangeError} when x is not a finite number > 0
 * @example logGamma(5) // 3.1780538303479458 (= ln 24)
 */
const G = 7;
const COEFFS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = COEFFS[0];
  for (let i = 1; i < COEFFS.length; i++) sum += COEFFS[i] / (z + i);
  const t = z + G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
