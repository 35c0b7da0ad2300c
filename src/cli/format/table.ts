import { displayWidth, pad } from './display-width.js';

/** A plain aligned text table (CJK-width aware); numeric columns are right-aligned. */
export function textTable(headers: string[], rows: string[][], numeric: boolean[]): string {
  const widths = headers.map((h, i) =>
    rows.reduce((w, r) => Math.max(w, displayWidth(r[i])), displayWidth(h)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i], numeric[i] ? 'right' : 'left'))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(headers), rule, ...rows.map(line)].join('\n') + '\n';
}
