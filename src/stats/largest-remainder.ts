/**
 * Rounds real parts to integers that add up to a given integer total, by the largest remainder
 * method (Hamilton's apportionment method; see e.g. Balinski & Young, "Fair Representation", 2001,
 * ch. 2): every part is rounded down, then the units still missing go one each to the parts with the
 * largest fractional remainders (ties to the earlier part). When the parts do not quite add up to the
 * total (floating-point error, or a residue the caller wants spread), whole multiples of the number of
 * parts are spread evenly and the rest handed out, or taken back, one unit at a time in the same
 * order, so the result always sums to `total` exactly.
 *
 * @throws {RangeError} when `total` is not a safe integer or a part is not finite.
 * @example largestRemainder(10, [3.3, 3.3, 3.4]) // [3, 3, 4]
 */
export function largestRemainder(total: number, parts: readonly number[]): number[] {
  if (!Number.isSafeInteger(total)) throw new RangeError(`total must be a safe integer, got ${total}`);
  if (parts.some((p) => !Number.isFinite(p))) throw new RangeError('parts must be finite numbers');
  const out = parts.map((p) => Math.floor(p));
  if (out.length === 0) {
    if (total !== 0) throw new RangeError('no parts to carry a non-zero total');
    return out;
  }
  let missing = total - out.reduce((a, b) => a + b, 0);
  // A residue of many units is spread evenly first, so the loops below run fewer than n times.
  const even = Math.trunc(missing / out.length);
  if (even !== 0) {
    for (let i = 0; i < out.length; i++) out[i] += even;
    missing -= even * out.length;
  }
  const remainder = parts.map((p, i) => p - out[i]);
  const order = parts.map((_, i) => i).sort((a, b) => remainder[b] - remainder[a] || a - b);
  for (let k = 0; missing > 0; k = (k + 1) % order.length, missing--) out[order[k]] += 1;
  for (let k = order.length - 1; missing < 0; k = (k - 1 + order.length) % order.length, missing++) {
    out[order[k]] -= 1;
  }
  return out;
}
