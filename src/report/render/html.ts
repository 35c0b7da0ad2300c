import { renderChartSvg } from '../charts/svg.js';
import { formatDateRange } from '../format/date.js';
import { type FormatContext, formatFigure } from '../format/figure.js';
import { messages } from '../i18n/messages.js';
import type { Block, Column, Figure, KpiCard, QueryTrace, Report, Section } from '../model.js';
import { REPORT_CSS } from './html-style.js';
import { queryAnchor } from './markdown.js';
import { specText, statementTexts } from './query-text.js';

export function escapeHtml(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** `up` / `down` for changes, so that CSS can colour them; empty for everything else. */
function direction(f: Figure): string {
  if ((f.kind !== 'change' && f.kind !== 'pp') || typeof f.value !== 'number') return '';
  const shown = formatFigure(f, { lang: 'en', currency: 'CNY' });
  if (shown.startsWith('+')) return 'up';
  if (shown.startsWith('\u2212')) return 'down';
  return '';
}

function figureHtml(f: Figure, fmt: FormatContext): string {
  const cls = direction(f);
  const text = escapeHtml(formatFigure(f, fmt));
  return cls ? `<span class="${cls}">${text}</span>` : text;
}

function traceHtml(ids: string[], fmt: FormatContext): string {
  if (ids.length === 0) return '';
  const links = ids.map((id) => `<a href="#${queryAnchor(id)}">${escapeHtml(id)}</a>`);
  return `<p class="trace">${messages(fmt.lang).source({ ids: links })}</p>`;
}

function tableHtml(columns: Column[], rows: Figure[][], fmt: FormatContext): string {
  const num = (c: Column) => (c.align === 'right' ? ' class="num"' : '');
  const head = columns.map((c) => `<th${num(c)}>${escapeHtml(c.label)}</th>`).join('');
  const body = rows
    .map(
      (r) => `<tr>${r.map((x, i) => `<td${num(columns[i] ?? {})}>${figureHtml(x, fmt)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function kpiHtml(c: KpiCard, fmt: FormatContext): string {
  const m = messages(fmt.lang).col;
  const rows: Array<[string, Figure]> = [
    [m.mom, c.mom],
    [m.yoy, c.yoy],
  ];
  if (c.target) rows.push([m.target, c.target]);
  if (c.completion) rows.push([m.completion, c.completion]);
  const dl = rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${figureHtml(v, fmt)}</dd>`).join('');
  return (
    `<div class="kpi" data-metric="${escapeHtml(c.metric)}"><div class="label">${escapeHtml(c.label)}</div>` +
    `<div class="value">${figureHtml(c.value, fmt)}</div><dl>${dl}</dl></div>`
  );
}

function queryHtml(q: QueryTrace, fmt: FormatContext): string {
  const msg = messages(fmt.lang);
  const statements = statementTexts(q, msg);
  const sql = statements
    .map(
      (s) =>
        `${s.label ? `<p class="note">${escapeHtml(s.label)}</p>\n` : ''}<pre class="sql"><code>${escapeHtml(s.text)}</code></pre>`,
    )
    .join('\n');
  return (
    `<div class="query" id="${queryAnchor(q.id)}">\n` +
    `<h4>${escapeHtml(msg.appendix.queryHeading({ id: q.id, rows: q.rowCount }))}</h4>\n` +
    `<pre class="spec"><code>${escapeHtml(specText(q))}</code></pre>\n` +
    `<details><summary>${escapeHtml(msg.appendix.sql({ count: statements.length }))}</summary>\n${sql}\n</details>\n</div>`
  );
}

function blockHtml(b: Block, fmt: FormatContext, chartId: () => string, sectionId: string): string {
  switch (b.type) {
    case 'heading':
      return `<h3>${escapeHtml(b.text)}</h3>`;
    case 'kpis':
      return `<div class="kpis">\n${b.cards.map((c) => kpiHtml(c, fmt)).join('\n')}\n</div>\n${traceHtml(b.trace, fmt)}`;
    case 'table':
      return (
        (b.title ? `<h4>${escapeHtml(b.title)}</h4>\n` : '') +
        `${tableHtml(b.columns, b.rows, fmt)}\n${traceHtml(b.trace, fmt)}`
      );
    case 'chart': {
      const svg = renderChartSvg(b.chart, fmt, chartId());
      return `<figure class="chart" role="img" aria-label="${escapeHtml(b.chart.title)}">\n${svg}\n</figure>`;
    }
    case 'paragraph':
      return `<p${sectionId === 'summary' ? ' class="summary"' : ''}>${escapeHtml(b.text)}</p>\n${traceHtml(b.trace, fmt)}`;
    case 'note':
      return `<p class="note">${escapeHtml(b.text)}</p>`;
    case 'definitions':
      return `<dl class="defs">\n${b.items
        .map((i) => `<dt>${escapeHtml(i.term)}</dt><dd>${escapeHtml(i.definition)}</dd>`)
        .join('\n')}\n</dl>`;
    case 'queries':
      return b.queries.map((q) => queryHtml(q, fmt)).join('\n');
  }
}

function sectionHtml(s: Section, fmt: FormatContext, chartId: () => string): string {
  const blocks = s.blocks.map((b) => blockHtml(b, fmt, chartId, s.id)).join('\n');
  return `<section id="${escapeHtml(s.id)}">\n<h2>${escapeHtml(s.title)}</h2>\n${blocks}\n</section>`;
}

/**
 * The report as ONE self-contained HTML file: inline CSS, inline SVG charts, no scripts, fonts or
 * links to anything outside the file, so it renders (Chinese included) offline and prints on A4.
 */
export function renderHtml(report: Report): string {
  const { meta } = report;
  const fmt: FormatContext = { lang: meta.language, currency: meta.currency };
  const msg = messages(meta.language);
  let charts = 0;
  const chartId = () => `c${++charts}`;
  const sub = [
    msg.labelled(msg.scope.period, formatDateRange(meta.period.from, meta.period.to, meta.language)),
  ];
  if (meta.generatedAt) sub.push(msg.generatedAt({ at: meta.generatedAt }));
  const nav = report.sections
    .map((s) => `<a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a>`)
    .join('');
  const body = report.sections.map((s) => sectionHtml(s, fmt, chartId)).join('\n');
  return `<!DOCTYPE html>
<html lang="${meta.language === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(meta.title)}</title>
<style>
${REPORT_CSS}
</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(meta.title)}</h1>
<p>${escapeHtml(sub.join(' · '))}</p>
</header>
<nav>${nav}</nav>
${body}
<footer>fupan · ${escapeHtml(meta.shop)} · ${escapeHtml(meta.month)}</footer>
</main>
</body>
</html>
`;
}
