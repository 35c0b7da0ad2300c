import { largestRemainder } from '../../stats/largest-remainder.js';
import type { Split } from './mix-rate.js';

/**
 * Contributions that add up exactly. Every number of a decomposition is put on an integer grid of
 * `ticks` per unit and the real-valued parts are rounded by largest remainder so that their ticks
 * add up to the change's ticks exactly:
 * - money sums: 100 ticks per yuan (fen), so contributions are whole cents;
 * - counts: 1 tick;
 * - ratios (conversion, 客单价 = GMV ÷ buyers, …): a power of two (at most 2⁴⁰ ≈ 10¹², fewer when the
 *   values are large), so tick counts ÷ 2ᵏ are exact binary fractions and adding the reported
 *   numbers in any order gives exactly the reported change (every partial sum stays below 2⁵³ ticks).
 */
export type Grid = { kind: 'fen' | 'count' | 'binary'; ticks: number };

export const FEN: Grid = { kind: 'fen', ticks: 100 };
export const COUNT: Grid = { kind: 'count', ticks: 1 };

/** A binary grid fine enough for values up to `maxAbs` summed over `parts` parts. */
export function binaryGrid(maxAbs: number, parts: number): Grid {
  const headroom = Math.ceil(Math.log2(Math.max(1, maxAbs) * Math.max(2, parts + 2)));
  const k = Math.max(0, Math.min(40, 52 - headroom));
  return { kind: 'binary', ticks: 2 ** k };
}

export const toTicks = (x: number, grid: Grid): number => Math.round(x * grid.ticks);
export const fromTicks = (t: number, grid: Grid): number => t / grid.ticks;

export interface ExactTerm {
  values: string[];
  share: [number, number];
  rate: [number | null, number | null];
  value: [number, number];
  den: [number, number] | null;
  /** Contributions in ticks of the grid: mix + rate = total. */
  mixTicks: number;
  rateTicks: number;
  totalTicks: number;
  weight: number;
}

export interface ExactSplit {
  kind: Split['kind'];
  grid: Grid;
  previousTicks: number;
  currentTicks: number;
  changeTicks: number;
  terms: ExactTerm[];
  overlapTicks: number;
}

/** Puts a split on a grid: Σ (mix + rate) + overlap = change, in integer ticks. */
export function exactSplit(split: Split, grid: Grid): ExactSplit {
  const previousTicks = toTicks(split.previous, grid);
  const currentTicks = toTicks(split.current, grid);
  const changeTicks = currentTicks - previousTicks;
  const reals = [...split.terms.flatMap((t) => [t.mix, t.rateEffect]), split.overlap].map(
    (x) => x * grid.ticks,
  );
  const drift = Math.abs(reals.reduce((a, b) => a + b, 0) - changeTicks);
  if (drift > reals.length + 2) throw new Error(`split does not add up to its change (${drift} ticks off)`);
  const ticks = largestRemainder(changeTicks, reals);
  const terms = split.terms.map((t, i): ExactTerm => {
    const mixTicks = ticks[2 * i];
    const rateTicks = ticks[2 * i + 1];
    return {
      values: t.values,
      share: t.share,
      rate: t.rate,
      value: t.value,
      den: t.den,
      mixTicks,
      rateTicks,
      totalTicks: mixTicks + rateTicks,
      weight: t.weight,
    };
  });
  return {
    kind: split.kind,
    grid,
    previousTicks,
    currentTicks,
    changeTicks,
    terms,
    overlapTicks: ticks[ticks.length - 1],
  };
}

/** Factor contributions on a grid, adding up to the change in ticks (current − previous). */
export function exactFactors(
  contributions: readonly number[],
  previousTicks: number,
  currentTicks: number,
  grid: Grid,
): number[] {
  return largestRemainder(
    currentTicks - previousTicks,
    contributions.map((c) => c * grid.ticks),
  );
}
