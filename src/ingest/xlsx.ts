import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { FupanError } from '../errors.js';

/** A worksheet as text: the header row and the data rows with their worksheet row numbers. */
export interface SheetTable {
  header: string[];
  rows: Array<Array<string | null>>;
  /** Worksheet row number of each data row (1-based, as Excel shows it). */
  rowNumbers: number[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
        return String.fromCodePoint(code);
      }
      return ENTITIES[e] ?? m;
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]) : undefined;
}

/** Text of an <si> or <is> element: all <t> runs, without phonetic (<rPh>) runs. */
function richText(xml: string): string {
  const noPhonetic = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of noPhonetic.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += unescapeXml(m[1]);
  return out;
}

const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** A custom number format shows a date when it has date/time codes outside quotes and brackets. */
function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^[#0.,%\s]+$/.test(bare);
}

/** Style index → whether cells with that style show dates. */
function dateStyles(stylesXml: string | undefined): boolean[] {
  if (!stylesXml) return [];
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId'));
    custom.set(id, attr(m[0], 'formatCode') ?? '');
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id);
  });
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** An Excel serial day number as local date/time text (no zone: the store's zone applies). */
export function excelSerialToText(serial: number, date1904 = false): string {
  const ms = Math.round((serial + (date1904 ? 1462 : 0)) * 86_400_000) + Date.UTC(1899, 11, 30);
  const d = new Date(ms);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (Number.isInteger(serial)) return day;
  return `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * Reads the first worksheet of an .xlsx file. Numbers in date-formatted cells become date text;
 * other numbers keep the text Excel stored. Empty rows are skipped; the first non-empty row is the header.
 */
export function readXlsx(path: string): SheetTable {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(readFileSync(path));
  } catch (e) {
    throw new FupanError('INGEST_BAD_FILE', `${path}: not a readable .xlsx file (${(e as Error).message})`, {
      file: path,
    });
  }
  const text = (name: string) => (files[name] ? strFromU8(files[name]) : undefined);
  const workbook = text('xl/workbook.xml');
  if (!workbook) throw new FupanError('INGEST_BAD_FILE', `${path}: not an .xlsx workbook`, { file: path });
  const date1904 = /<workbookPr\b[^>]*date1904="(1|true)"/.test(workbook);
  const firstSheet = /<sheet\b[^>]*>/.exec(workbook)?.[0] ?? '';
  const rid = attr(firstSheet, 'r:id');
  const rels = text('xl/_rels/workbook.xml.rels') ?? '';
  let target = 'worksheets/sheet1.xml';
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    if (attr(m[0], 'Id') === rid) target = attr(m[0], 'Target') ?? target;
  }
  const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const sheet = text(sheetPath);
  if (!sheet)
    throw new FupanError('INGEST_BAD_FILE', `${path}: worksheet ${sheetPath} missing`, { file: path });
  const shared = [...(text('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map(
    (m) => (m[1] === undefined ? '' : richText(m[1])),
  );
  const isDate = dateStyles(text('xl/styles.xml'));

  const all: Array<{ r: number; cells: Array<string | null> }> = [];
  let autoRow = 0;
  for (const rm of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = Number(attr(rm[1] ?? '', 'r') ?? autoRow + 1);
    autoRow = r;
    const cells: Array<string | null> = [];
    let autoCol = 0;
    for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = attr(` ${cm[1]}`, 'r');
      const col = ref ? columnIndex(ref) : autoCol;
      autoCol = col + 1;
      const t = attr(` ${cm[1]}`, 't') ?? 'n';
      const s = Number(attr(` ${cm[1]}`, 's') ?? 0);
      const body = cm[2] ?? '';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value: string | null = null;
      if (t === 's') value = v === undefined ? null : (shared[Number(v)] ?? null);
      else if (t === 'inlineStr') value = richText(body);
      else if (t === 'str' || t === 'e') value = v === undefined ? null : unescapeXml(v);
      else if (t === 'b') value = v === '1' ? 'true' : v === '0' ? 'false' : null;
      else if (v !== undefined) {
        value = isDate[s] ? excelSerialToText(Number(v), date1904) : v;
      }
      while (cells.length < col) cells.push(null);
      cells[col] = value;
    }
    if (cells.some((c) => c !== null && c.trim() !== '')) all.push({ r, cells });
  }
  if (all.length === 0)
    throw new FupanError('INGEST_BAD_FILE', `${path}: the first worksheet is empty`, { file: path });
  const header = all[0].cells.map((c) => (c ?? '').trim());
  const width = header.length;
  const rows: Array<Array<string | null>> = [];
  const rowNumbers: number[] = [];
  for (const { r, cells } of all.slice(1)) {
    const row = cells.slice(0, width);
    while (row.length < width) row.push(null);
    rows.push(row);
    rowNumbers.push(r);
  }
  return { header, rows, rowNumbers };
}
