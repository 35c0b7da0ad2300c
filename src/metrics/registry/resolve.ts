import { FupanError } from '../../errors.js';
import type { MetricDef } from '../types.js';
import { METRIC_IMPLS, type MetricImpl } from './metrics.js';

/**
 * A metric named in a query: a registry metric, or `${m}_target` / `${m}_target_completion` for a
 * registry metric m (monthly targets from the `targets` table).
 */
export type ResolvedMetric =
  | { kind: 'registry'; def: MetricImpl }
  | { kind: 'target'; def: MetricDef; of: MetricImpl }
  | { kind: 'target_completion'; def: MetricDef; of: MetricImpl };

export function resolveMetric(name: string): ResolvedMetric {
  if (Object.hasOwn(METRIC_IMPLS, name)) return { kind: 'registry', def: METRIC_IMPLS[name] };
  for (const suffix of ['_target_completion', '_target'] as const) {
    if (!name.endsWith(suffix)) continue;
    const base = name.slice(0, -suffix.length);
    if (!Object.hasOwn(METRIC_IMPLS, base)) continue;
    const of = METRIC_IMPLS[base];
    if (suffix === '_target') return { kind: 'target', def: targetDef(of), of };
    return { kind: 'target_completion', def: completionDef(of), of };
  }
  throw new FupanError(
    'QUERY_INVALID',
    `unknown metric "${name}". Known metrics: ${Object.keys(METRIC_IMPLS).join(', ')} ` +
      '(and <metric>_target, <metric>_target_completion). `fupan query --list` describes them.',
  );
}

/** The definition of any metric name a query accepts (throws QUERY_INVALID for unknown names). */
export function metricDef(name: string): MetricDef {
  return resolveMetric(name).def;
}

function targetDef(of: MetricImpl): MetricDef {
  const agg = of.kind === 'ratio' ? 'mean' : 'Σ';
  return {
    name: `${of.name}_target`,
    label: { zh: `${of.label.zh}目标`, en: `${of.label.en} target` },
    format: of.format,
    kind: of.kind === 'ratio' ? 'ratio' : 'sum',
    description: { zh: `${of.label.zh}的月度目标`, en: `Monthly target for ${of.label.en}` },
    formula: `${agg} targets.target where metric = '${of.name}' over the months the period overlaps`,
    tables: ['targets'],
    caveats:
      'Store-level rows have an empty dimension; grouped or filtered by one dimension, the rows for that dimension are used. Empty when no target exists.',
  };
}

function completionDef(of: MetricImpl): MetricDef {
  return {
    name: `${of.name}_target_completion`,
    label: { zh: `${of.label.zh}目标完成率`, en: `${of.label.en} target completion` },
    format: 'percent',
    kind: 'ratio',
    ratio: { num: of.name, den: `${of.name}_target` },
    description: { zh: `${of.label.zh} ÷ 目标`, en: `${of.label.en} ÷ target` },
    formula: `${of.name} ÷ ${of.name}_target`,
    tables: ['targets', ...(of.tables ?? [])],
  };
}
