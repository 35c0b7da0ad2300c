import type { DimensionDef, MetricDef, MetricFormat, Period } from '../metrics/types.js';
import type { FormatContext } from './format/figure.js';
import type { Messages } from './i18n/messages.js';
import { messages } from './i18n/messages.js';
import type { FigureKind, Lang } from './model.js';
import type { QueryRecorder } from './trace.js';

/** The metric layer's registry, as far as the report needs it (labels, formats, definitions). */
export interface Registry {
  metrics: MetricDef[];
  dimensions: DimensionDef[];
}

/** What every section builder gets. */
export interface BuildContext {
  lang: Lang;
  msg: Messages;
  fmt: FormatContext;
  month: string;
  period: Period;
  q: QueryRecorder;
  metric(name: string): MetricDef | undefined;
  metricLabel(name: string): string;
  dimensionLabel(name: string): string;
}

export function buildContext(p: {
  lang: Lang;
  currency: string;
  month: string;
  period: Period;
  q: QueryRecorder;
  registry: Registry;
}): BuildContext {
  const metrics = new Map(p.registry.metrics.map((m) => [m.name, m]));
  const dims = new Map(p.registry.dimensions.map((d) => [d.name, d]));
  return {
    lang: p.lang,
    msg: messages(p.lang),
    fmt: { lang: p.lang, currency: p.currency },
    month: p.month,
    period: p.period,
    q: p.q,
    metric: (name) => metrics.get(name),
    metricLabel: (name) => metrics.get(name)?.label[p.lang] ?? name,
    dimensionLabel: (name) => dims.get(name)?.label[p.lang] ?? name,
  };
}

/** How a metric of the registry is shown, and with how many decimals. */
export function figureKind(format: MetricFormat | undefined): { kind: FigureKind; decimals?: number } {
  switch (format) {
    case 'money':
      return { kind: 'money' };
    case 'integer':
      return { kind: 'count' };
    case 'percent':
      return { kind: 'percent', decimals: 2 };
    case 'ratio':
      return { kind: 'roas' };
    default:
      return { kind: 'number', decimals: 2 };
  }
}
