import type { BuildContext } from '../context.js';
import { text } from '../figures.js';
import { formatDateRange } from '../format/date.js';
import type { Block, DataRange, Figure, Section, SourceFile } from '../model.js';
import type { OverviewData } from './overview.js';

export interface ScopeInput {
  timeZone: string;
  currency: string;
  dataRanges: DataRange[];
  sources: SourceFile[];
  /** false when the data ends before the month does. */
  complete: boolean;
  /** Last day with data (for the incomplete-month note). */
  lastDataDate?: string;
}

function range(from: string | null, to: string | null, ctx: BuildContext): string {
  if (!from || !to) return '—';
  // Targets are monthly (YYYY-MM): shown as they are.
  if (from.length === 10 && to.length === 10) return formatDateRange(from, to, ctx.lang);
  return from === to ? from : `${from} – ${to}`;
}

/** 数据范围: the period and its comparison periods, what the database holds, and where it came from. */
export function scopeSection(input: ScopeInput, overview: OverviewData, ctx: BuildContext): Section {
  const s = ctx.msg.scope;
  const c = ctx.msg.col;
  const item = (label: string, value: string): Figure[] => [text(label), text(value)];
  const rows: Figure[][] = [
    item(s.period, formatDateRange(ctx.period.from, ctx.period.to, ctx.lang)),
    ...overview.comparisons.map((cmp) =>
      item(cmp.comparison === 'mom' ? s.momPeriod : s.yoyPeriod, formatDateRange(cmp.from, cmp.to, ctx.lang)),
    ),
    item(s.timeZone, input.timeZone),
    item(s.currency, input.currency),
  ];
  const blocks: Block[] = [
    { type: 'table', columns: [{ label: c.item }, { label: c.detail }], rows, trace: [overview.query] },
  ];
  if (!input.complete && input.lastDataDate) {
    blocks.push({ type: 'note', text: s.partialMonth({ lastDate: input.lastDataDate }) });
  }
  blocks.push({ type: 'heading', text: s.dataRanges });
  blocks.push({
    type: 'table',
    columns: [{ label: c.table }, { label: `${c.from} – ${c.to}` }, { label: c.rows, align: 'right' }],
    rows: input.dataRanges.map((r) => [
      text(r.table === 'orders' ? s.paidOrders : ctx.msg.tableLabel(r.table)),
      text(range(r.from, r.to, ctx)),
      { kind: 'number', value: r.rows, decimals: 0 },
    ]),
    trace: [],
  });
  blocks.push({ type: 'heading', text: s.sources });
  if (input.sources.length === 0) {
    blocks.push({ type: 'note', text: s.noSources });
  } else {
    blocks.push({
      type: 'table',
      columns: [
        { label: c.file },
        { label: c.table },
        { label: c.rows, align: 'right' },
        { label: c.importedAt },
      ],
      rows: input.sources.map((f) => [
        text(f.file),
        text(ctx.msg.tableLabel(f.table)),
        { kind: 'number', value: f.rows, decimals: 0 },
        text(f.importedAt),
      ]),
      trace: [],
    });
  }
  blocks.push({
    type: 'paragraph',
    text: ctx.msg.labelled(s.definitions, ctx.msg.appendix.definitionsLink),
    trace: [],
  });
  return { id: 'scope', title: ctx.msg.section.scope, blocks };
}
