/**
 * Money for the demo in integer fen: formatting with two decimals and exact allocation of an
 * order-level amount to lines (largest-remainder / Hamilton method), so that lines sum to the order.
 */

/** 12345 → '123.45'; negative values keep their sign. */
export function formatFen(fen: number): string {
  if (fen < 0) return `-${formatFen(-fen)}`;
  const cents = fen % 100;
  return `${(fen - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}

/** Scratch remainders, reused across calls (orders have at most a handful of lines). */
const REM: number[] = new Array<number>(16).fill(0);

/**
 * Splits `totalFen` over lines in proportion to `weights` (non-negative integers, e.g. line gross
 * amounts in fen): each line gets the floor of its exact share, and the fen left over go one each to
 * the lines with the largest fractional remainders (ties: lower index first). The result sums to
 * `totalFen` exactly.
 *
 * Pass `n` and `out` to use the first n weights and fill a reused array (no allocation).
 *
 * @example allocateLargestRemainder(100, [1, 1, 1]) → [34, 33, 33]
 */
export function allocateLargestRemainder(
  totalFen: number,
  weights: readonly number[],
  n = weights.length,
  out: number[] = new Array<number>(n),
): number[] {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i];
  if (n === 0) return out;
  if (sum <= 0) {
    for (let i = 0; i < n; i++) out[i] = 0;
    out[0] = totalFen;
    return out;
  }
  const rem = REM.length >= n ? REM : new Array<number>(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const exact = totalFen * weights[i];
    const base = Math.floor(exact / sum);
    out[i] = base;
    rem[i] = exact - base * sum;
    given += base;
  }
  // Fewer than n fen are left: hand them out one by one to the largest remainders (first index wins ties).
  for (let left = totalFen - given; left > 0; left--) {
    let best = 0;
    for (let i = 1; i < n; i++) if (rem[i] > rem[best]) best = i;
    out[best]++;
    rem[best] = -1;
  }
  return out;
}
