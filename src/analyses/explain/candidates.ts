import { FupanError } from '../../errors.js';
import { DIMENSIONS, METRICS, planQuery } from '../../metrics/index.js';
import { LINE_DIMENSIONS } from '../../metrics/registry/dimensions.js';
import { isGrain } from '../../metrics/sources/source.js';
import type { MetricDef } from '../../metrics/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';

/** An explainable metric: additive (sum, count, distinct) or a ratio of two additive metrics. */
export interface ExplainedMetric {
  def: MetricDef;
  /** Metrics to query: [metric] for additive ones, [numerator, denominator] for ratios. */
  inputs: string[];
}

/** Dimensions too fine to be paired with another (hundreds of values). */
const UNPAIRED = new Set(['city', 'sku', 'subcategory']);

export function explainedMetric(name: string): ExplainedMetric {
  if (!Object.hasOwn(METRICS, name)) {
    throw new FupanError(
      'QUERY_INVALID',
      `cannot explain "${name}": not a metric (known: ${Object.keys(METRICS).join(', ')})`,
    );
  }
  const def = METRICS[name];
  return { def, inputs: def.ratio ? [def.ratio.num, def.ratio.den] : [name] };
}

/**
 * A line dimension (category, price band, …) splits an order into several groups: counts of orders or
 * buyers then add up to more than the total, and a mix/rate split over them measures nothing. Such
 * dimensions are left out for metrics that count orders or buyers (kind count or distinct).
 */
function structurallyOverlapping(m: ExplainedMetric, dim: string): boolean {
  return LINE_DIMENSIONS.has(dim) && m.inputs.some((i) => METRICS[i].kind !== 'sum');
}

/** The metric layer can group every input of the metric by these dimensions (checked by compiling). */
function supported(wh: Pick<Warehouse, 'dialect'>, m: ExplainedMetric, dims: string[]): boolean {
  try {
    planQuery(wh, { metrics: m.inputs, dimensions: dims, period: { from: '2000-01-01', to: '2000-01-31' } });
    return true;
  } catch (e) {
    if (e instanceof FupanError && e.code === 'QUERY_INVALID') return false;
    throw e;
  }
}

/** Non-date dimensions the metric's inputs can be grouped by, without structural overlap. */
export function candidateDimensions(wh: Pick<Warehouse, 'dialect'>, m: ExplainedMetric): string[] {
  return Object.keys(DIMENSIONS).filter(
    (d) => !isGrain(d) && !structurallyOverlapping(m, d) && supported(wh, m, [d]),
  );
}

/**
 * Pairs of the given dimensions (in their order) the metric can be grouped by, leaving out the finest
 * dimensions (city, sku, subcategory).
 */
export function candidatePairs(
  wh: Pick<Warehouse, 'dialect'>,
  m: ExplainedMetric,
  dims: string[],
): string[][] {
  const pairable = dims.filter((d) => !UNPAIRED.has(d));
  const pairs: string[][] = [];
  for (let i = 0; i < pairable.length; i++) {
    for (let j = i + 1; j < pairable.length; j++) {
      if (supported(wh, m, [pairable[i], pairable[j]])) pairs.push([pairable[i], pairable[j]]);
    }
  }
  return pairs;
}

/** Line dimensions a money numerator can be split by when the metric itself cannot (composition shifts). */
export function compositionSplits(wh: Pick<Warehouse, 'dialect'>, m: ExplainedMetric): string[][] {
  const num = m.inputs[0];
  if (m.inputs.length !== 2 || METRICS[num].kind !== 'sum') return [];
  const numerator = explainedMetric(num);
  return Object.keys(DIMENSIONS)
    .filter((d) => LINE_DIMENSIONS.has(d) && structurallyOverlapping(m, d) && supported(wh, numerator, [d]))
    .map((d) => [d]);
}
