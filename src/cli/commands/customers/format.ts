/** A share as a percentage with one decimal, or "—" when there is none. */
export const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`;

export const fixed = (v: number, digits = 2) => v.toFixed(digits);
