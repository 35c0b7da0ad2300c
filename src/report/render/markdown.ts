import { formatDateRange } from '../format/date.js';
import { type FormatContext, formatFigure } from '../format/figure.js';
import { messages } from '../i18n/messages.js';
import type { Block, Column, Figure, KpiCard, QueryTrace, Report } from '../model.js';
import { specText, statementTexts } from './query-text.js';

function cell(s: string): string {
  return s.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function table(columns: Column[], rows: string[][]): string {
  const head = `| ${columns.map((c) => cell(c.label)).join(' | ')} |`;
  const rule = `| ${columns.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ')} |`;
  const body = rows.map((r) => `| ${r.map(cell).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}

export function queryAnchor(id: string): string {
  return id.toLowerCase();
}

function kpiTable(cards: KpiCard[], fmt: FormatContext): string {
  const m = messages(fmt.lang).col;
  const withTargets = cards.some((c) => c.target);
  const columns: Column[] = [
    { label: m.metric },
    { label: m.value, align: 'right' },
    { label: m.mom, align: 'right' },
    { label: m.yoy, align: 'right' },
    ...(withTargets
      ? [
          { label: m.target, align: 'right' as const },
          { label: m.completion, align: 'right' as const },
        ]
      : []),
  ];
  const f = (x: Figure | undefined) => (x ? formatFigure(x, fmt) : '—');
  const rows = cards.map((c) => [
    c.label,
    f(c.value),
    f(c.mom),
    f(c.yoy),
    ...(withTargets ? [f(c.target), f(c.completion)] : []),
  ]);
  return table(columns, rows);
}

function traceLine(ids: string[], fmt: FormatContext): string {
  if (ids.length === 0) return '';
  const links = ids.map((id) => `[${id}](#${queryAnchor(id)})`);
  return `\n\n<sub>${messages(fmt.lang).source({ ids: links })}</sub>`;
}

function queryBlock(q: QueryTrace, fmt: FormatContext): string {
  const msg = messages(fmt.lang);
  const statements = statementTexts(q, msg);
  return [
    `<a id="${queryAnchor(q.id)}"></a>`,
    '',
    `#### ${msg.appendix.queryHeading({ id: q.id, rows: q.rowCount })}`,
    '',
    '```json',
    specText(q),
    '```',
    '',
    '<details>',
    `<summary>${msg.appendix.sql({ count: statements.length })}</summary>`,
    '',
    ...statements.flatMap((s) => [...(s.label ? [`${s.label}:`, ''] : []), '```sql', s.text, '```', '']),
    '</details>',
  ].join('\n');
}

function block(b: Block, fmt: FormatContext): string {
  const msg = messages(fmt.lang);
  switch (b.type) {
    case 'heading':
      return `### ${b.text}`;
    case 'kpis':
      return kpiTable(b.cards, fmt) + traceLine(b.trace, fmt);
    case 'table': {
      const t = table(
        b.columns,
        b.rows.map((r) => r.map((x) => formatFigure(x, fmt))),
      );
      return (b.title ? `**${b.title}**\n\n` : '') + t + traceLine(b.trace, fmt);
    }
    case 'chart':
      return `*${msg.chartRef({ title: b.chart.title })}*`;
    case 'paragraph':
      return b.text + traceLine(b.trace, fmt);
    case 'note':
      return `> ${b.text}`;
    case 'definitions':
      return b.items.map((i) => `- **${i.term}**: ${i.definition}`).join('\n');
    case 'queries':
      return b.queries.map((q) => queryBlock(q, fmt)).join('\n\n');
  }
}

/** The report as Markdown: readable on its own (tables, no charts; they are in the HTML). */
export function renderMarkdown(report: Report): string {
  const { meta } = report;
  const fmt: FormatContext = { lang: meta.language, currency: meta.currency };
  const msg = messages(meta.language);
  const lines = [`# ${meta.title}`, ''];
  const sub = [
    msg.labelled(msg.scope.period, formatDateRange(meta.period.from, meta.period.to, meta.language)),
  ];
  if (meta.generatedAt) sub.push(msg.generatedAt({ at: meta.generatedAt }));
  lines.push(`> ${sub.join(' · ')}`, '', `> ${msg.chartsInHtml}`, '');
  for (const s of report.sections) {
    lines.push(`## ${s.title}`, '');
    for (const b of s.blocks) lines.push(block(b, fmt), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
