import { extname, join } from 'node:path';
import { FupanError } from '../errors.js';
import type { Param, Warehouse } from '../warehouse/warehouse.js';
import { readCsvHeader, recordLines } from './csv-text.js';
import { detectEncoding, transcodeToUtf8 } from './encoding.js';
import type { FormatSpec } from './mapping-spec.js';
import { makeTempDir, removeDir } from './temp-files.js';
import { readXlsx } from './xlsx.js';

/** The staging table: every source column as text (c0, c1, …), in file order (rowid = record index). */
export const RAW = '_fupan_raw';

export interface Staged {
  /** Source column names, in order (c0, c1, … in the staging table). */
  header: string[];
  rows: number;
  format: string;
  /** Source line (see RejectedRow.line) of data records, by 0-based record index. */
  lines(records: number[]): Map<number, number>;
  /** Removes temporary files. */
  dispose(): void;
}

export const rawCol = (i: number) => `c${i}`;

/**
 * `read_csv(…)` of a delimited UTF-8 file with columns c0, c1, … of the given DuckDB types: no
 * sniffing, `"` quoting, strict (a row with more or fewer fields, an unterminated quote or invalid
 * UTF-8 fails the read). The staging path reads every column as VARCHAR; the fast path (fast-load.ts)
 * reads with the canonical types, with exactly these options.
 */
export function csvReader(pathSql: string, types: string[], hasHeader: boolean, delimiter: string): string {
  const columns = `{${types.map((t, i) => `'${rawCol(i)}': '${t}'`).join(', ')}}`;
  const delim = delimiter.replaceAll("'", "''");
  return `read_csv(${pathSql}, columns = ${columns}, header = ${hasHeader}, auto_detect = false,
    delim = '${delim}', quote = '"', escape = '"', strict_mode = true, null_padding = false)`;
}

/** Turns DuckDB's reader errors into a refusal naming the line and the problem. */
function csvError(path: string, e: unknown): FupanError {
  const msg = (e as Error).message;
  const line = Number(/CSV Error on Line: (\d+)/.exec(msg)?.[1]) || undefined;
  let what = msg.split('\n')[0];
  const cols = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(msg);
  if (/unterminated quote/i.test(msg)) what = 'unterminated quote (a field opened with " never closes)';
  else if (cols) what = `the row has ${cols[2]} fields, the header has ${cols[1]}`;
  else if (/unicode|utf-?8/i.test(msg)) {
    what = 'bytes that are not valid UTF-8: the file mixes encodings; save it as UTF-8 and import again';
  } else if (/maximum line size/i.test(msg)) what = 'a line longer than the 2 MB limit (a quote left open?)';
  return new FupanError(
    'INGEST_BAD_FILE',
    `${path}${line ? `: line ${line}` : ''}: ${what}. The file was not loaded.`,
    {
      file: path,
      line,
    },
  );
}

export type SourceKind = 'csv' | 'xlsx' | 'parquet' | 'json' | 'whitespace';

export function sourceKind(path: string, format?: FormatSpec): SourceKind {
  if (format?.kind === 'whitespace') return 'whitespace';
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.xls') {
    throw new FupanError(
      'INGEST_BAD_FILE',
      `${path}: old Excel .xls files are not supported; save it as .xlsx or CSV`,
      {
        file: path,
      },
    );
  }
  if (ext === '.parquet') return 'parquet';
  if (ext === '.json' || ext === '.ndjson' || ext === '.jsonl') return 'json';
  return 'csv';
}

/** Loads a source file into the staging table as text. */
export async function stageFile(
  wh: Warehouse,
  path: string,
  format: FormatSpec | undefined,
  onBytes?: (done: number) => void,
): Promise<Staged> {
  await wh.exec(`DROP TABLE IF EXISTS ${RAW}`);
  const kind = sourceKind(path, format);
  if (kind === 'xlsx') return stageXlsx(wh, path);
  if (kind === 'parquet') return stageParquet(wh, path);
  if (kind === 'json') return stageJson(wh, path);
  return stageText(wh, path, kind, format, onBytes);
}

async function count(wh: Warehouse): Promise<number> {
  const [r] = await wh.query(`SELECT count(*) AS n FROM ${RAW}`);
  return Number(r.n);
}

async function stageText(
  wh: Warehouse,
  path: string,
  kind: 'csv' | 'whitespace',
  format: FormatSpec | undefined,
  onBytes?: (done: number) => void,
): Promise<Staged> {
  const encoding = detectEncoding(path);
  let utf8Path = path;
  let tempDir: string | undefined;
  try {
    if (encoding !== 'utf8' && encoding !== 'utf8-bom') {
      tempDir = await makeTempDir(wh);
      utf8Path = join(tempDir, 'utf8.csv');
      await transcodeToUtf8(path, encoding, utf8Path, onBytes);
    }
    const staged =
      kind === 'whitespace'
        ? await stageWhitespace(wh, utf8Path, format)
        : await stageCsv(wh, path, utf8Path, format);
    const dir = tempDir;
    return { ...staged, format: `${kind}/${encoding}`, dispose: () => removeDir(dir) };
  } catch (e) {
    removeDir(tempDir);
    throw e;
  }
}

/** A delimited UTF-8 file's header (or column names), delimiter and whether line 1 is a header. */
export interface CsvLayout {
  path: string;
  header: string[];
  delimiter: string;
  hasHeader: boolean;
}

export function csvLayout(utf8Path: string, format: FormatSpec | undefined): CsvLayout {
  const hasHeader = format?.header !== false;
  const { names, delimiter } = readCsvHeader(utf8Path, format?.delimiter);
  const header = hasHeader ? names : (format?.columnNames ?? names.map((_, i) => `column${i + 1}`));
  return { path: utf8Path, header, delimiter, hasHeader };
}

async function stageCsv(wh: Warehouse, path: string, utf8Path: string, format: FormatSpec | undefined) {
  const { header, delimiter, hasHeader } = csvLayout(utf8Path, format);
  try {
    await wh.run(
      `CREATE TEMP TABLE ${RAW} AS SELECT * FROM ${csvReader(
        '$1',
        header.map(() => 'VARCHAR'),
        hasHeader,
        delimiter,
      )}`,
      [utf8Path],
    );
  } catch (e) {
    throw csvError(path, e);
  }
  return {
    header,
    rows: await count(wh),
    lines: (records: number[]) => {
      const found = recordLines(utf8Path, hasHeader ? records : records.map((r) => r - 1), true);
      if (hasHeader) return found;
      return new Map([...found].map(([r, l]) => [r + 1, l]));
    },
  };
}

/** Blank-separated fields, no quoting (CDNOW); a first line without digits is a header. */
async function stageWhitespace(wh: Warehouse, utf8Path: string, format: FormatSpec | undefined) {
  const first = readCsvHeader(utf8Path, '\u0001').names[0] ?? '';
  const firstFields = first.trim().split(/\s+/);
  const hasHeader = format?.header ?? !/^[-+0-9.,\s]*$/.test(first);
  const width = firstFields.length;
  const header = Array.from({ length: width }, (_, i) => format?.columnNames?.[i] ?? `f${i + 1}`);
  const fields = header
    .map((_, i) => `string_split_regex(trim(line), '\\s+')[${i + 1}] AS ${rawCol(i)}`)
    .join(', ');
  await wh.run(
    `CREATE TEMP TABLE ${RAW} AS SELECT ${fields} FROM read_csv($1, columns = {'line': 'VARCHAR'},
       header = ${hasHeader}, auto_detect = false, delim = '\\0', quote = '', escape = '', strict_mode = false)`,
    [utf8Path],
  );
  return {
    header,
    rows: await count(wh),
    lines: (records: number[]) => {
      const found = recordLines(utf8Path, hasHeader ? records : records.map((r) => r - 1), false);
      if (hasHeader) return found;
      return new Map([...found].map(([r, l]) => [r + 1, l]));
    },
  };
}

async function stageXlsx(wh: Warehouse, path: string): Promise<Staged> {
  const sheet = readXlsx(path);
  const header = sheet.header;
  await wh.exec(`CREATE TEMP TABLE ${RAW} (${header.map((_, i) => `${rawCol(i)} VARCHAR`).join(', ')})`);
  const BATCH = 50_000;
  for (let i = 0; i < sheet.rows.length; i += BATCH) {
    await wh.appendRows(RAW, sheet.rows.slice(i, i + BATCH) as Param[][]);
  }
  return {
    header,
    rows: sheet.rows.length,
    format: 'xlsx',
    lines: (records) => new Map(records.map((r) => [r, sheet.rowNumbers[r]])),
    dispose: () => undefined,
  };
}

async function stageParquet(wh: Warehouse, path: string): Promise<Staged> {
  let names: string[];
  try {
    names = (await wh.query('DESCRIBE SELECT * FROM read_parquet($1)', [path])).map((r) =>
      String(r.column_name),
    );
  } catch (e) {
    throw new FupanError(
      'INGEST_BAD_FILE',
      `${path}: not a readable Parquet file (${(e as Error).message.split('\n')[0]})`,
      {
        file: path,
      },
    );
  }
  const cols = names.map((n, i) => `CAST(${wh.dialect.quoteIdent(n)} AS VARCHAR) AS ${rawCol(i)}`).join(', ');
  await wh.run(`CREATE TEMP TABLE ${RAW} AS SELECT ${cols} FROM read_parquet($1)`, [path]);
  return {
    header: names,
    rows: await count(wh),
    format: 'parquet',
    lines: (records) => new Map(records.map((r) => [r, r + 1])),
    dispose: () => undefined,
  };
}

/** A JSON array of objects or newline-delimited objects; nested values stay JSON text. */
async function stageJson(wh: Warehouse, path: string): Promise<Staged> {
  try {
    await wh.run(`CREATE TEMP TABLE _fupan_json AS SELECT json FROM read_json_objects($1, format = 'auto')`, [
      path,
    ]);
  } catch (e) {
    throw new FupanError(
      'INGEST_BAD_FILE',
      `${path}: not valid JSON (${(e as Error).message.split('\n')[0]})`,
      {
        file: path,
      },
    );
  }
  let keys: string[];
  try {
    keys = (
      await wh.query(
        `SELECT k FROM (SELECT unnest(json_keys(json)) AS k, rowid AS r FROM _fupan_json) GROUP BY k ORDER BY min(r), k`,
      )
    ).map((r) => String(r.k));
    if (keys.length === 0) {
      throw new FupanError('INGEST_BAD_FILE', `${path}: no JSON objects with fields found`, { file: path });
    }
    const paths = keys.map((k) => `$."${k.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`);
    const cols = paths.map((_, i) => `json_extract_string(json, $${i + 1}) AS ${rawCol(i)}`).join(', ');
    await wh.run(`CREATE TEMP TABLE ${RAW} AS SELECT ${cols} FROM _fupan_json`, paths);
  } finally {
    await wh.exec('DROP TABLE IF EXISTS _fupan_json');
  }
  return {
    header: keys,
    rows: await count(wh),
    format: 'json',
    lines: (records) => new Map(records.map((r) => [r, r + 1])),
    dispose: () => undefined,
  };
}
