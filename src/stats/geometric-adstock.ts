/**
 * Geometric adstock, as in Meta's Robyn (`adstock_geometric`): the carry-over of advertising,
 * A(t) = x(t) + θ · A(t − 1) with A(0) = x(0). θ in [0, 1) is the share of today's effect left tomorrow.
 * Reference (Robyn's documentation, quoted in the shared reference data): 100, 100, 100, 100, 100 with
 * θ = 0.5 → 100, 150, 175, 187.5, 193.75.
 *
 * @throws {RangeError} when θ is outside [0, 1).
 * @example geometricAdstock([100, 100, 100, 100, 100], 0.5) // [100, 150, 175, 187.5, 193.75]
 */
export function geometricAdstock(x: readonly number[], theta: number): number[] {
  if (!(theta >= 0 && theta < 1)) throw new RangeError(`theta must be in [0, 1), got ${theta}`);
  const out = new Array<number>(x.length);
  let carry = 0;
  for (let t = 0; t < x.length; t++) {
    carry = x[t] + theta * carry;
    out[t] = carry;
  }
  return out;
}
