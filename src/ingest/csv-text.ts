import { closeSync, openSync, readSync } from 'node:fs';
import { FupanError } from '../errors.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Reads the first record of a UTF-8 CSV file (the header) and guesses the delimiter from it. */
export function readCsvHeader(path: string, delimiter?: string): { names: string[]; delimiter: string } {
  const fd = openSync(path, 'r');
  let text: string;
  try {
    const buf = Buffer.alloc(1 << 18);
    const n = readSync(fd, buf, 0, buf.length, 0);
    text = buf
      .subarray(0, n)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } finally {
    closeSync(fd);
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delim = delimiter ?? guessDelimiter(firstLine);
  const names: string[] = [];
  let field = '';
  let inQuote = false;
  let i = 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (inQuote) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuote = false;
      } else field += ch;
    } else if (ch === '"') inQuote = true;
    else if (ch === delim) {
      names.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') break;
    else field += ch;
  }
  if (inQuote) {
    throw new FupanError('INGEST_BAD_FILE', `${path}: line 1: the header has an unterminated quote`, {
      file: path,
      line: 1,
    });
  }
  names.push(field);
  if (names.length === 1 && names[0].trim() === '') {
    throw new FupanError('INGEST_BAD_FILE', `${path}: the file is empty (no header line)`, { file: path });
  }
  return { names: names.map((s) => s.trim()), delimiter: delim };
}

/** Tab, comma, semicolon or pipe: whichever occurs most often outside quotes in the header line. */
export function guessDelimiter(line: string): string {
  const unquoted = line.replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const d of ['\t', ',', ';', '|']) {
    const count = unquoted.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Physical line where each wanted data record starts (0-based record index after the header),
 * counting like DuckDB's reader: quoted fields may span lines, empty lines are no records.
 */
export function recordLines(path: string, wanted: Iterable<number>, quotes = true): Map<number, number> {
  const want = new Set(wanted);
  const out = new Map<number, number>();
  if (want.size === 0) return out;
  const maxWanted = Math.max(...want);
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let line = 1;
    let record = -2; // the header is record -1
    let inQuote = false;
    let atRecordStart = true;
    let prevCr = false;
    let pos = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) break;
      pos += n;
      for (let i = 0; i < n; i++) {
        const b = buf[i];
        if (b === LF || b === CR) {
          if (b === LF && prevCr) {
            prevCr = false;
            continue;
          }
          prevCr = b === CR;
          line++;
          if (!inQuote) atRecordStart = true;
          continue;
        }
        prevCr = false;
        if (atRecordStart) {
          atRecordStart = false;
          record++;
          if (want.has(record)) {
            out.set(record, line);
            if (record >= maxWanted && out.size === want.size) return out;
          }
        }
        if (quotes && b === QUOTE) inQuote = !inQuote;
      }
    }
  } finally {
    closeSync(fd);
  }
  return out;
}
