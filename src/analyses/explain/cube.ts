import type { MetricRow } from '../../metrics/types.js';
import { num, type TwoPeriodRows } from './query.js';

/**
 * Rolls rows grouped by `cubeDims` up to `target` (a subset of them) by summing `metrics`. Exact for
 * additive metrics (sums, and counts of orders by order dimensions): every row of the finer grouping
 * belongs to exactly one group of the coarser one. Lets one grouped query serve several splits.
 */
export function rollUp(
  rows: TwoPeriodRows,
  cubeDims: readonly string[],
  target: readonly string[],
  metrics: readonly string[],
): TwoPeriodRows {
  const idx = target.map((d) => cubeDims.indexOf(d));
  if (idx.some((i) => i < 0)) throw new Error(`rollUp: ${target.join(', ')} not in ${cubeDims.join(', ')}`);
  const out: TwoPeriodRows = { keys: [], previous: new Map(), current: new Map() };
  for (const values of rows.keys) {
    const k = JSON.stringify(values);
    const tv = idx.map((i) => values[i]);
    const tk = JSON.stringify(tv);
    if (!out.previous.has(tk) && !out.current.has(tk)) out.keys.push(tv);
    for (const period of ['previous', 'current'] as const) {
      const row = rows[period].get(k);
      let acc = out[period].get(tk);
      if (!acc) {
        acc = Object.fromEntries(target.map((d, i) => [d, tv[i]])) as MetricRow;
        for (const m of metrics) acc[m] = 0;
        out[period].set(tk, acc);
      }
      for (const m of metrics) acc[m] = (acc[m] as number) + num(row, m);
    }
  }
  return out;
}
