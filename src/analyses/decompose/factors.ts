/**
 * Additive attribution of the change of a product Y = x₁ · x₂ · … · xₙ between two periods to its
 * factors. Both methods are exact: the contributions add up to Y₁ − Y₀ (up to floating-point error,
 * which `exactFactors` then removes on an integer grid).
 *
 * - Shapley: the contribution of xⱼ is its marginal effect averaged over every order in which the
 *   factors could change (Shapley 1953; for index decomposition Ang, Liu & Chung 2003, "A generalized
 *   Fisher index approach to energy decomposition analysis"). Defined for any values, zeros included.
 * - LMDI-I (log mean Divisia index, Ang 2005, "The LMDI approach to decomposition analysis: a practical
 *   guide"): L(Y₁, Y₀) · ln(xⱼ₁ / xⱼ₀) with the logarithmic mean L(a, b) = (a − b) / (ln a − ln b).
 *   Needs every factor positive in both periods.
 */
export type FactorMethod = 'shapley' | 'lmdi';

const product = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);

/** Shapley contributions of each factor (previous values x0, current values x1). */
export function shapleyFactors(x0: readonly number[], x1: readonly number[]): number[] {
  const n = checkSameLength(x0, x1);
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const out = new Array<number>(n).fill(0);
  // Every subset S of the factors already at their current value, as a bit mask.
  for (let mask = 0; mask < 1 << n; mask++) {
    const size = popCount(mask);
    const at = (withJ: number) => product(x0.map((v, i) => (mask & (1 << i) || i === withJ ? x1[i] : v)));
    const base = at(-1);
    for (let j = 0; j < n; j++) {
      if (mask & (1 << j)) continue;
      const weight = (fact(size) * fact(n - size - 1)) / fact(n);
      out[j] += weight * (at(j) - base);
    }
  }
  return out;
}

/** Logarithmic mean L(a, b) = (a − b) / (ln a − ln b), L(a, a) = a. */
export function logMean(a: number, b: number): number {
  if (a === b) return a;
  return (a - b) / (Math.log(a) - Math.log(b));
}

/** LMDI-I contributions; throws a RangeError when a factor is not positive in both periods. */
export function lmdiFactors(x0: readonly number[], x1: readonly number[]): number[] {
  checkSameLength(x0, x1);
  if ([...x0, ...x1].some((v) => !(v > 0))) throw new RangeError('LMDI needs positive factors');
  const weight = logMean(product(x1), product(x0));
  return x0.map((v, i) => weight * Math.log(x1[i] / v));
}

export function factorContributions(
  x0: readonly number[],
  x1: readonly number[],
  method: FactorMethod,
): number[] {
  return method === 'lmdi' ? lmdiFactors(x0, x1) : shapleyFactors(x0, x1);
}

function checkSameLength(x0: readonly number[], x1: readonly number[]): number {
  if (x0.length !== x1.length || x0.length === 0 || x0.length > 8) {
    throw new RangeError('factors: two lists of the same length (1–8) expected');
  }
  return x0.length;
}

function popCount(mask: number): number {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
}
