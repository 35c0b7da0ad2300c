/**
 * Ingest: source files (CSV in UTF-8/GBK, XLSX, Parquet, JSON) → canonical tables, validated,
 * atomically and idempotently. See docs/ingest.md.
 */
import { type FupanError, isFupanError } from '../errors.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { importFile } from './import-file.js';
import type { ImportOptions, ImportResult, RejectedRow } from './types.js';

export { detectEncoding, type TextEncoding, transcodeToUtf8 } from './encoding.js';
export { type FormatSpec, loadMapping, type MappingSpec, PRESETS } from './mapping-spec.js';
export { HEADER_SYNONYMS, normalizeHeader, STATUS_SYNONYMS } from './synonyms.js';
export type { ImportOptions, ImportResult, RejectedRow } from './types.js';
export { excelSerialToText, readXlsx, type SheetTable } from './xlsx.js';

function refusedResult(file: string, e: FupanError, ms: number): ImportResult {
  const d = e.details;
  return {
    file,
    table: (d.table as ImportResult['table']) ?? 'orders',
    alsoLoaded: [],
    contentHash: '',
    // What was read before the file was refused (nothing of it was loaded).
    rowsRead: typeof d.rowsRead === 'number' ? d.rowsRead : 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: typeof d.rejected === 'number' ? d.rejected : 0,
    rejects: (d.rejects as RejectedRow[] | undefined) ?? [],
    rejectsFile: d.rejectsFile as string | undefined,
    skippedAsDuplicate: false,
    ms,
    error: { code: e.code, message: e.message, line: d.line, column: d.column },
  };
}

/**
 * Imports files in order, each in its own transaction: a file loads whole or not at all. A refused
 * file throws its FupanError (`details.results` holds the files already imported) unless `keepGoing`.
 */
export async function importFiles(
  wh: Warehouse,
  files: string[],
  opts: ImportOptions = {},
): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const file of files) {
    const t0 = performance.now();
    try {
      results.push(await importFile(wh, file, opts));
    } catch (e) {
      if (!isFupanError(e)) throw e;
      if (!opts.keepGoing) {
        e.details.results = results;
        throw e;
      }
      results.push(refusedResult(file, e, performance.now() - t0));
    }
  }
  return results;
}
