import type { AnomalyResult } from '../../analyses/anomalies/index.js';
import { type Explanation, explain } from '../../analyses/explain/index.js';
import type { CalendarConfig } from '../../config/calendar.js';
import { isFupanError } from '../../errors.js';
import { compositionLeads, findingsFromExplanation, valueLabel } from '../../findings/index.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import type { BuildContext } from '../context.js';
import { text } from '../figures.js';
import { DIAGNOSIS_EN, DIAGNOSIS_ZH, type DiagnosisMessages } from '../i18n/diagnosis.js';
import type { Block, Figure, FigureKind, Section } from '../model.js';
import { loadAnomalies } from './anomalies.js';
import { findingSentences } from './findings-text.js';

/** The metrics the diagnosis explains, in order. */
export const DIAGNOSED = ['gmv', 'conversion', 'atv'] as const;

export interface DiagnosisData {
  month: string;
  /** One explanation per diagnosed metric against the month before (null when undefined, e.g. no traffic). */
  explanations: Array<{ metric: string; explanation: Explanation | null }>;
  /** The month's anomaly scan (the 异常监测 section after this one); absent when not loaded. */
  anomalies?: AnomalyResult;
}

/**
 * Explains GMV, conversion and 客单价 against the month before (src/analyses/explain), and scans the
 * month's days for anomalies with the store's calendar (src/analyses/anomalies).
 */
export async function loadDiagnosis(
  wh: Warehouse,
  month: string,
  store: 1 | 7 | { weekStart: 1 | 7; calendar?: CalendarConfig },
): Promise<DiagnosisData> {
  const { weekStart, calendar } =
    typeof store === 'number' ? { weekStart: store, calendar: undefined } : store;
  const explanations: DiagnosisData['explanations'] = [];
  const memo = new Map();
  for (const metric of DIAGNOSED) {
    try {
      explanations.push({ metric, explanation: await explain(wh, { metric, month, weekStart, memo }) });
    } catch (e) {
      if (!isFupanError(e) || (e.code !== 'NO_DATA' && e.code !== 'QUERY_INVALID')) throw e;
      explanations.push({ metric, explanation: null });
    }
  }
  return { month, explanations, anomalies: await loadAnomalies(wh, month, weekStart, calendar) };
}

const fig = (kind: FigureKind, value: number | null, decimals?: number): Figure => ({
  kind,
  value,
  ...(decimals === undefined ? {} : { decimals }),
});

function factorTable(e: Explanation, m: DiagnosisMessages): Block[] {
  if (!e.factors || e.previous === null || e.current === null) return [];
  const f = e.factors;
  return [
    { type: 'heading', text: m.gmvFactorsTitle },
    {
      type: 'table',
      columns: [{ label: m.col.factor }, { label: m.col.contribution, align: 'right' }],
      rows: [
        [text(m.factor.visitors), fig('money', f.visitors)],
        [text(m.factor.conversion), fig('money', f.conversion)],
        [text(m.factor.atv), fig('money', f.atv)],
        [text(m.factor.total), fig('money', e.change)],
      ],
      trace: [],
    },
  ];
}

function causesTable(e: Explanation, ctx: BuildContext, m: DiagnosisMessages): Block[] {
  if (e.type !== 'ratio' || !e.dimension || e.causes.length === 0) return [];
  const metric = ctx.metricLabel(e.metric);
  const own: FigureKind = e.format === 'money' ? 'money' : 'percent';
  const delta: FigureKind = e.format === 'money' ? 'money' : 'pp';
  const rows = e.causes
    .filter((c) => c.kind === 'value')
    .slice(0, 8)
    .map((c) => [
      text(
        Object.values(c.values)
          .map((v) => valueLabel(v, ctx.lang))
          .join(' × '),
      ),
      fig('percent', c.share?.[0] ?? null, 1),
      fig('percent', c.share?.[1] ?? null, 1),
      fig(own, c.own?.[0] ?? null, 2),
      fig(own, c.own?.[1] ?? null, 2),
      fig(delta, c.mix, 2),
      fig(delta, c.rate, 2),
      fig(delta, c.total, 2),
    ]);
  const dimension = e.dimension
    .split(' × ')
    .map((d) => ctx.dimensionLabel(d))
    .join(' × ');
  const overlap = e.causes.find((c) => c.kind === 'overlap');
  const rest = e.causes.filter((c) => c.kind === 'value').slice(8);
  if (rest.length > 0) {
    const sum = (k: 'mix' | 'rate' | 'total') => rest.reduce((a, c) => a + c[k], 0);
    rows.push([
      text(ctx.msg.others({ count: rest.length, what: dimension })),
      fig('percent', null),
      fig('percent', null),
      fig(own, null),
      fig(own, null),
      fig(delta, sum('mix'), 2),
      fig(delta, sum('rate'), 2),
      fig(delta, sum('total'), 2),
    ]);
  }
  if (overlap && overlap.total !== 0) {
    rows.push([
      text(m.overlap),
      fig('percent', null),
      fig('percent', null),
      fig(own, null),
      fig(own, null),
      fig(delta, 0, 2),
      fig(delta, overlap.total, 2),
      fig(delta, overlap.total, 2),
    ]);
  }
  rows.push([
    text(m.factor.total),
    fig('percent', null),
    fig('percent', null),
    fig(own, e.previous, 2),
    fig(own, e.current, 2),
    fig(delta, e.mix, 2),
    fig(delta, (e.rate ?? 0) + (e.overlap ?? 0), 2),
    fig(delta, e.change, 2),
  ]);
  return [
    { type: 'heading', text: m.causesTitle({ metric, dimension }) },
    {
      type: 'table',
      columns: [
        { label: dimension },
        { label: m.col.shareFrom, align: 'right' },
        { label: m.col.shareTo, align: 'right' },
        { label: m.col.ownFrom(metric), align: 'right' },
        { label: m.col.ownTo(metric), align: 'right' },
        { label: m.col.mix, align: 'right' },
        { label: m.col.rate, align: 'right' },
        { label: m.col.total, align: 'right' },
      ],
      rows,
      trace: [],
    },
  ];
}

function compositionTable(e: Explanation, ctx: BuildContext, m: DiagnosisMessages): Block[] {
  const split = e.composition[0];
  if (!split) return [];
  const dimension = ctx.dimensionLabel(split.dimension);
  return [
    { type: 'heading', text: m.compositionTitle({ metric: ctx.metricLabel(e.metric), dimension }) },
    {
      type: 'table',
      columns: [
        { label: dimension },
        { label: m.col.shareFrom, align: 'right' },
        { label: m.col.shareTo, align: 'right' },
        { label: m.col.change, align: 'right' },
      ],
      rows: split.causes.map((c) => [
        text(valueLabel(c.value ?? '', ctx.lang)),
        fig('percent', c.share?.[0] ?? null, 1),
        fig('percent', c.share?.[1] ?? null, 1),
        fig('pp', c.share ? c.share[1] - c.share[0] : null, 2),
      ]),
      trace: [],
    },
  ];
}

/** 问题诊断与根因分析 / diagnosis: ranked findings in words, the GMV factors and the causes tables. */
export function diagnosisSection(data: DiagnosisData, ctx: BuildContext): Section {
  const m = ctx.lang === 'zh' ? DIAGNOSIS_ZH : DIAGNOSIS_EN;
  const explained = data.explanations.flatMap((x) => (x.explanation ? [x.explanation] : []));
  // One story per metric (GMV, conversion, 客单价): the change, its factors, the split, the causes.
  const findings = explained.flatMap(findingsFromExplanation);
  const sentences = findingSentences(findings, ctx, 14, false);
  const blocks: Block[] =
    sentences.length > 0
      ? sentences.map((t) => ({ type: 'paragraph', text: t, trace: [] }))
      : [{ type: 'paragraph', text: m.noFindings, trace: [] }];
  for (const e of explained) {
    // 客单价 and AOV: the price mix first when it explains the change (the buyer-group split follows).
    const lead = compositionLeads(e);
    blocks.push(
      ...factorTable(e, m),
      ...(lead ? compositionTable(e, ctx, m) : []),
      ...causesTable(e, ctx, m),
      ...(lead ? [] : compositionTable(e, ctx, m)),
    );
  }
  blocks.push({ type: 'note', text: m.method });
  return { id: 'diagnosis', title: m.diagnosisTitle, blocks };
}
