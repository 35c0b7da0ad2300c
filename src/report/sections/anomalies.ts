import { type AnomalyResult, anomalies } from '../../analyses/anomalies/index.js';
import type { CalendarConfig } from '../../config/calendar.js';
import { findingsFromAnomalies, valueLabel } from '../../findings/index.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import type { BuildContext } from '../context.js';
import { text } from '../figures.js';
import { formatFigure } from '../format/figure.js';
import { ANOMALIES_EN, ANOMALIES_ZH, type AnomalyMessages } from '../i18n/anomalies.js';
import type { Block, Figure, FigureKind, Section } from '../model.js';
import { findingSentences } from './findings-text.js';

/** Scans the month's daily KPIs for anomalies (src/analyses/anomalies) with the store's calendar. */
export function loadAnomalies(
  wh: Warehouse,
  month: string,
  weekStart: 1 | 7,
  calendar?: CalendarConfig,
): Promise<AnomalyResult> {
  return anomalies(wh, { month, weekStart, ...(calendar ? { calendar } : {}) });
}

/** Rows of the runs table at most (the largest runs; the findings above name the first ones). */
const MAX_ROWS = 12;

const fig = (kind: FigureKind, value: number | null, decimals?: number): Figure => ({
  kind,
  value,
  ...(decimals === undefined ? {} : { decimals }),
});

const shortDate = (d: string) => d.slice(5);
const span = (from: string, to: string) =>
  from === to ? shortDate(from) : `${shortDate(from)} – ${shortDate(to)}`;

function runsTable(r: AnomalyResult, ctx: BuildContext, m: AnomalyMessages): Block[] {
  if (r.runs.length === 0) return [];
  const rows = [...r.runs]
    .sort((a, b) => b.days * Math.abs(b.change) - a.days * Math.abs(a.change) || a.from.localeCompare(b.from))
    .slice(0, MAX_ROWS)
    .sort((a, b) => a.from.localeCompare(b.from) || a.metric.localeCompare(b.metric))
    .map((x) => [
      text(span(x.from, x.to)),
      fig('count', x.days),
      text(ctx.metricLabel(x.metric)),
      text(m.direction[x.direction]),
      fig('change', x.change, 1),
      fig('number', x.z, 1),
      text(
        !x.cause
          ? '—'
          : x.cause.broad
            ? m.broad
            : `${ctx.dimensionLabel(x.cause.dimension)}: ${valueLabel(x.cause.value, ctx.lang)}`,
      ),
    ]);
  return [
    { type: 'heading', text: m.runsTitle },
    {
      type: 'table',
      columns: [
        { label: m.col.dates },
        { label: m.col.days, align: 'right' },
        { label: m.col.metric },
        { label: m.col.direction },
        { label: m.col.change, align: 'right' },
        { label: m.col.z, align: 'right' },
        { label: m.col.cause },
      ],
      rows,
      trace: [],
    },
  ];
}

function knownTable(r: AnomalyResult, m: AnomalyMessages): Block[] {
  const events: Array<{ name: string; kind: string; from: string; to: string; changes: number[] }> = [];
  for (const k of r.known) {
    const last = events[events.length - 1];
    if (last && last.name === k.name) {
      last.to = k.date;
      if (k.scores.gmv) last.changes.push(k.scores.gmv.change);
    } else
      events.push({
        name: k.name,
        kind: k.kind,
        from: k.date,
        to: k.date,
        changes: k.scores.gmv ? [k.scores.gmv.change] : [],
      });
  }
  if (events.length === 0) return [];
  return [
    { type: 'heading', text: m.knownTitle },
    {
      type: 'table',
      columns: [
        { label: m.col.event },
        { label: m.col.kind },
        { label: m.col.dates },
        { label: m.col.gmvChange, align: 'right' },
      ],
      rows: events.map((e) => [
        text(e.name),
        text(m.kind[e.kind] ?? e.kind),
        text(span(e.from, e.to)),
        fig('change', e.changes.length ? e.changes.reduce((a, b) => a + b, 0) / e.changes.length : null, 1),
      ]),
      trace: [],
    },
  ];
}

function stockoutTable(r: AnomalyResult, m: AnomalyMessages): Block[] {
  if (r.stockouts.length === 0) return [];
  return [
    { type: 'heading', text: m.stockoutsTitle },
    {
      type: 'table',
      columns: [
        { label: m.col.sku },
        { label: m.col.dates },
        { label: m.col.days, align: 'right' },
        { label: m.col.usualUnits, align: 'right' },
        { label: m.col.usualGmv, align: 'right' },
      ],
      rows: r.stockouts.map((s) => [
        text(s.sku),
        text(span(s.from, s.to)),
        fig('count', s.days),
        fig('count', s.expectedUnitsPerDay),
        fig('money', s.expectedGmvPerDay),
      ]),
      trace: [],
    },
  ];
}

/** 异常监测 / Anomalies: findings in words, the runs of anomalous days, calendar days and stock-outs. */
export function anomaliesSection(r: AnomalyResult, ctx: BuildContext): Section {
  const m = ctx.lang === 'zh' ? ANOMALIES_ZH : ANOMALIES_EN;
  const sentences = findingSentences(findingsFromAnomalies(r), ctx, 10);
  const blocks: Block[] = [];
  if (r.anomalies.length === 0 && r.stockouts.length === 0 && r.unscored.length < r.metrics.length)
    blocks.push({ type: 'paragraph', text: m.none, trace: [] });
  for (const t of sentences) blocks.push({ type: 'paragraph', text: t, trace: [] });
  if (r.unscored.length)
    blocks.push({
      type: 'note',
      text: m.unscored(r.unscored.map((x) => ctx.metricLabel(x)).join(ctx.lang === 'zh' ? '、' : ', ')),
    });
  blocks.push(...runsTable(r, ctx, m), ...knownTable(r, m), ...stockoutTable(r, m));
  blocks.push({
    type: 'note',
    text: m.method({
      threshold: formatFigure(fig('number', r.threshold, 1), ctx.fmt),
      minChange: formatFigure(fig('percent', r.minChange, 0), ctx.fmt),
    }),
  });
  return { id: 'anomalies', title: m.title, blocks };
}
