import { COLORS, FONT_STACK } from '../charts/theme.js';

/**
 * The report's only stylesheet, inlined in the HTML (no external fonts or files). Changes are
 * coloured by Chinese convention in zh reports (rise red, fall green) and Western in en reports.
 */
export const REPORT_CSS = `
:root { --text: ${COLORS.text}; --subtle: ${COLORS.subtle}; --line: ${COLORS.grid}; --accent: ${COLORS.primary};
  --up: #15803d; --down: #c2410c; }
html[lang="zh-CN"] { --up: #c8102e; --down: #15803d; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f7f9; color: var(--text); font-family: ${FONT_STACK};
  font-size: 14px; line-height: 1.6; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
main { max-width: 800px; margin: 0 auto; padding: 32px 24px 48px; background: #fff; }
p { margin: 8px 0; }
header h1 { font-size: 26px; margin: 0 0 4px; }
header p { margin: 0; color: var(--subtle); }
nav { margin: 16px 0 8px; padding: 8px 0; border-top: 1px solid var(--line); border-bottom: 1px solid var(--line); }
nav a { color: var(--accent); text-decoration: none; margin-right: 16px; white-space: nowrap; }
section { margin-top: 28px; }
h2 { font-size: 20px; margin: 0 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); }
h3 { font-size: 15px; margin: 22px 0 8px; }
h4 { font-size: 13px; margin: 16px 0 4px; }
.summary { font-size: 15px; background: #f1f5ff; border-left: 4px solid var(--accent); padding: 12px 16px; }
.note { color: var(--subtle); font-size: 12px; }
.trace { color: var(--subtle); font-size: 11px; margin: 2px 0 12px; }
.trace a, .kpi .trace a { color: var(--subtle); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 2px; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-weight: 600; font-size: 12px; color: var(--subtle); background: #fafafa; }
td.num, th.num { text-align: right; white-space: nowrap; }
.up { color: var(--up); }
.down { color: var(--down); }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; margin: 8px 0; }
.kpi { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; break-inside: avoid; }
.kpi .label { color: var(--subtle); font-size: 12px; }
.kpi .value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; margin: 2px 0 4px; }
.kpi dl { margin: 0; display: grid; grid-template-columns: auto 1fr; column-gap: 8px; font-size: 12px; }
.kpi dt { color: var(--subtle); }
.kpi dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure.chart { margin: 12px 0; break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: auto; }
dl.defs dt { font-weight: 600; margin-top: 6px; }
dl.defs dd { margin: 0 0 4px 0; color: var(--subtle); }
pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 4px; padding: 8px 10px; font-size: 11px;
  white-space: pre-wrap; word-break: break-word; font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, monospace; }
details summary { cursor: pointer; color: var(--accent); font-size: 12px; }
pre.spec { white-space: pre-wrap; }
footer { margin-top: 32px; color: var(--subtle); font-size: 12px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { background: #fff; font-size: 12px; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  section { break-before: auto; }
  h2, h3 { break-after: avoid; }
  table, pre { break-inside: auto; }
  tr { break-inside: avoid; }
}
`.trim();
