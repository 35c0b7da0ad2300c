import type { SpendGroup, SummaryGroup } from './types.js';

/**
 * Distinct histories as typed columns: entry i stands for n[i] customers with x[i] repeat purchases,
 * recency tx[i] and age T[i] (in the fit's time unit). The models read these, never an object per
 * customer or per history.
 */
export interface HistoryColumns {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  n: Float64Array;
}

/** Customers with x[i] > 0 repeat purchases averaging m[i] (currency units), n[i] of them. */
export interface SpendColumns {
  x: Float64Array;
  m: Float64Array;
  n: Float64Array;
}

export function historyColumns(groups: readonly SummaryGroup[] | HistoryColumns): HistoryColumns {
  if (!Array.isArray(groups)) return groups as HistoryColumns;
  const list = groups as readonly SummaryGroup[];
  return {
    x: Float64Array.from(list, (g) => g.x),
    tx: Float64Array.from(list, (g) => g.tx),
    T: Float64Array.from(list, (g) => g.T),
    n: Float64Array.from(list, (g) => g.n),
  };
}

export function spendColumns(groups: readonly SpendGroup[] | SpendColumns): SpendColumns {
  if (!Array.isArray(groups)) return groups as SpendColumns;
  const list = groups as readonly SpendGroup[];
  return {
    x: Float64Array.from(list, (g) => g.x),
    m: Float64Array.from(list, (g) => g.m),
    n: Float64Array.from(list, (g) => g.n),
  };
}

/**
 * The distinct values of a column (in order of first appearance) and each entry's position among
 * them: a likelihood then computes what depends on one value (a logarithm of α + T, a log-gamma of
 * r + x) once per distinct value instead of once per row.
 */
export function distinctIndex(values: Float64Array): { values: Float64Array; index: Int32Array } {
  const position = new Map<number, number>();
  const index = new Int32Array(values.length);
  const seen: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let k = position.get(v);
    if (k === undefined) {
      k = seen.length;
      seen.push(v);
      position.set(v, k);
    }
    index[i] = k;
  }
  return { values: Float64Array.from(seen), index };
}

/** Positions of the distinct pairs (first[i], second[i]) of two index columns, as distinctIndex. */
export function distinctPairs(
  first: Int32Array,
  second: Int32Array,
  secondSize: number,
): { first: Int32Array; second: Int32Array; index: Int32Array } {
  const position = new Map<number, number>();
  const index = new Int32Array(first.length);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < first.length; i++) {
    const key = first[i] * secondSize + second[i];
    let k = position.get(key);
    if (k === undefined) {
      k = a.length;
      a.push(first[i]);
      b.push(second[i]);
      position.set(key, k);
    }
    index[i] = k;
  }
  return { first: Int32Array.from(a), second: Int32Array.from(b), index };
}

/** Σ n. */
export function total(n: Float64Array): number {
  let s = 0;
  for (let i = 0; i < n.length; i++) s += n[i];
  return s;
}
