import { displayWidth, pad } from './display-width.js';

/** A plain aligned text table (CJK-width aware); numeric columns are right-aligned. */
export function textTable(headers: string[], rows: string[][], numeric: boolean[]): string {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i], numeric[i] ? 'right' : 'left'))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(headers), rule, ...rows.map(line)].join('\n') + '\n';
}
