import { FupanError } from '../errors.js';
import { validatePeriod } from './period.js';
import { DIMENSIONS } from './registry/dimensions.js';
import { resolveMetric } from './registry/resolve.js';
import type { Comparison, Filter, QuerySpec } from './types.js';

const OPS = new Set(['eq', 'neq', 'in', 'not_in']);
const COMPARISONS: ReadonlySet<string> = new Set(['mom', 'yoy']);

/** A query spec checked against the registry: every name known, every value a string. */
export interface CheckedSpec extends QuerySpec {
  dimensions: string[];
  filters: Filter[];
  compare: Comparison[];
  sort: Array<{ field: string; desc: boolean }>;
}

const invalid = (message: string) => new FupanError('QUERY_INVALID', message);

function unique(names: string[], what: string): string[] {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw invalid(`${what} "${n}" is listed twice`);
    seen.add(n);
  }
  return names;
}

export function checkDimension(name: string): string {
  if (typeof name !== 'string' || !Object.hasOwn(DIMENSIONS, name)) {
    throw invalid(
      `unknown dimension "${String(name)}". Known dimensions: ${Object.keys(DIMENSIONS).join(', ')}`,
    );
  }
  return name;
}

/** Output field names of a spec: dimensions, metrics, then comparison fields. */
export function outputFields(spec: Pick<CheckedSpec, 'dimensions' | 'metrics' | 'compare'>): string[] {
  const fields = [...spec.dimensions, ...spec.metrics];
  for (const c of spec.compare) for (const m of spec.metrics) fields.push(`${m}_${c}_base`, `${m}_${c}`);
  return fields;
}

export function checkSpec(spec: QuerySpec): CheckedSpec {
  if (!spec || !Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    throw invalid('a query needs at least one metric');
  }
  const metrics = unique([...spec.metrics], 'metric');
  for (const m of metrics) {
    if (typeof m !== 'string') throw invalid('metric names must be strings');
    resolveMetric(m);
  }
  const dimensions = unique((spec.dimensions ?? []).map(checkDimension), 'dimension');
  for (const m of metrics) {
    if (dimensions.includes(m)) throw invalid(`"${m}" is both a metric and a dimension`);
  }
  const filters = (spec.filters ?? []).map((f) => {
    checkDimension(f?.dimension);
    if (!OPS.has(f.op))
      throw invalid(`filter on ${f.dimension}: unknown operator "${String(f.op)}" (eq, neq, in, not_in)`);
    if (!Array.isArray(f.values) || f.values.some((v) => typeof v !== 'string')) {
      throw invalid(`filter on ${f.dimension}: values must be a list of strings`);
    }
    if ((f.op === 'eq' || f.op === 'neq') && f.values.length !== 1) {
      throw invalid(
        `filter on ${f.dimension}: ${f.op} takes exactly one value (use in / not_in for several)`,
      );
    }
    return { dimension: f.dimension, op: f.op, values: [...f.values] };
  });
  const compare = unique([...(spec.compare ?? [])], 'comparison') as Comparison[];
  for (const c of compare) {
    if (!COMPARISONS.has(c)) throw invalid(`unknown comparison "${String(c)}" (mom, yoy)`);
  }
  if (!spec.period || typeof spec.period.from !== 'string' || typeof spec.period.to !== 'string') {
    throw invalid('a query needs a period {from, to} (YYYY-MM-DD, inclusive)');
  }
  const period = validatePeriod(spec.period);
  const checked: CheckedSpec = { metrics, dimensions, filters, period, compare, sort: [] };
  const fields = new Set(outputFields(checked));
  checked.sort = (spec.sort ?? []).map((s) => {
    if (!fields.has(s?.field)) {
      throw invalid(`cannot sort by "${String(s?.field)}": not an output field (${[...fields].join(', ')})`);
    }
    return { field: s.field, desc: Boolean(s.desc) };
  });
  if (spec.limit !== undefined) {
    if (!Number.isInteger(spec.limit) || spec.limit < 0) throw invalid(`limit must be a whole number ≥ 0`);
    checked.limit = spec.limit;
  }
  return checked;
}
