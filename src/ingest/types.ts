import type { FupanErrorCode } from '../errors.js';
import type { TableName } from '../schema/tables.js';

/** Contract of the ingest module (src/ingest/index.ts exports `importFiles`). */
export interface ImportOptions {
  /** Target table; inferred from the headers when absent. */
  table?: TableName;
  /** Mapping preset name (`shopify`, `cdnow`, `invoice-lines`, …) or path of a JSON mapping file. */
  mapping?: string;
  /** Load the good rows and report the bad ones (default: a file with any bad row loads nothing). */
  skipBadRows?: boolean;
  /** Folder for `<file>.rejects.csv` (default: beside the database). */
  rejectsDir?: string;
  /**
   * Progress callback per file. `unit: 'bytes'`: done/total are bytes of the file, weighted by phase
   * (reading and hashing up to 25 %, staging 50 %, validating 75 %, loading 100 %).
   */
  onProgress?: (p: { file: string; done: number; total: number; unit: 'bytes' | 'rows' }) => void;
  /**
   * What a refused file does to the batch. false (default): importFiles throws the file's FupanError
   * (files before it stay committed; `error.details.results` lists them). true: the refused file is
   * reported in its result's `error` and the remaining files are still imported.
   */
  keepGoing?: boolean;
  /** Re-apply a file even when identical content was imported before. */
  force?: boolean;
}

export interface RejectedRow {
  file: string;
  /**
   * 1-based physical line in the source file (header is line 1 for CSV; the worksheet row for XLSX;
   * the record number for JSON arrays and Parquet).
   */
  line: number;
  /** Source column (header) as written in the file. */
  column: string;
  value: string;
  reason: string;
}

export interface ImportResult {
  file: string;
  table: TableName;
  /** Derived tables also written (e.g. orders derived from a line-level export). */
  alsoLoaded: Array<{ table: TableName; inserted: number; updated: number; unchanged?: number }>;
  contentHash: string;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejects: RejectedRow[];
  rejectsFile?: string;
  /** true when this exact content was already imported (nothing done). */
  skippedAsDuplicate: boolean;
  ms: number;
  /** Mapping used: a preset name, a mapping file path, or `auto` (header synonyms). */
  mapping?: string;
  /**
   * How the file was read: `typed` — CSV read with the canonical types and validated in one statement
   * (the fast path); `validating` — staged as text and validated cell by cell (other formats, values
   * that need converting, bad rows, duplicate keys, line-level exports). Same results either way.
   */
  loadPath?: 'typed' | 'validating';
  /** Rows dropped because a later row of the same file had the same natural key (last row wins). */
  duplicateKeys?: number;
  /** Set when the file was refused (only returned with `keepGoing`; nothing of it was loaded). */
  error?: { code: FupanErrorCode; message: string; line?: number; column?: string };
}
