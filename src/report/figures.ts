import type { MetricRow } from '../metrics/types.js';
import type { Figure, FigureKind } from './model.js';

/** A query field as a number; null for missing, empty or non-numeric values. */
export function num(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export interface FigureOptions {
  decimals?: number;
  /** Dimension values of the row the field was read from. */
  row?: Record<string, string | null>;
}

/** A figure read straight from field `field` of a row of query `query`. */
export function fieldFigure(
  kind: FigureKind,
  row: MetricRow | undefined,
  field: string,
  query: string,
  opts: FigureOptions = {},
): Figure {
  return {
    kind,
    value: num(row?.[field]),
    ...(opts.decimals === undefined ? {} : { decimals: opts.decimals }),
    source: { query, field, ...(opts.row ? { row: opts.row } : {}) },
  };
}

/** A figure computed from query fields (a share, a difference of rates); `derived` says how. */
export function derivedFigure(
  kind: FigureKind,
  value: number | null,
  query: string,
  field: string,
  derived: string,
  opts: FigureOptions = {},
): Figure {
  return {
    kind,
    value,
    ...(opts.decimals === undefined ? {} : { decimals: opts.decimals }),
    source: { query, field, derived, ...(opts.row ? { row: opts.row } : {}) },
  };
}

export function text(value: string): Figure {
  return { kind: 'text', value };
}
