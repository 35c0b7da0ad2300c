/** A cell value as the metric layer returns it. */
export type CsvValue = string | number | boolean | null | undefined;

/** Characters that make spreadsheets treat a cell as a formula (or hide one behind a control char). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180). Numbers stay numeric: written as plain digits, never escaped, so a real
 * −12.5 stays −12.5. Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at
 * the start, OWASP "CSV injection") gets a leading apostrophe, so '-1+1' is shown, not computed.
 */
export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const text = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Rows as CSV text with a header of the given columns, CRLF line ends and a UTF-8 byte-order mark
 * (without it Excel reads UTF-8 Chinese as mojibake).
 */
export function toCsv(columns: string[], rows: Array<Record<string, CsvValue>>): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const row of rows) lines.push(columns.map((col) => csvCell(row[col])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
