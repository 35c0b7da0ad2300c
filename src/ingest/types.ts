import type { TableName } from '../schema/tables.js';

/** Contract of the ingest module (src/ingest/index.ts exports `importFiles`). */
export interface ImportOptions {
  /** Target table; inferred from the headers when absent. */
  table?: TableName;
  /** Mapping preset name (`shopify`, `cdnow`, …) or path of a JSON mapping file. */
  mapping?: string;
  /** Load the good rows and report the bad ones (default: a file with any bad row loads nothing). */
  skipBadRows?: boolean;
  /** Folder for `<file>.rejects.csv` (default: beside the database). */
  rejectsDir?: string;
  /** Progress callback: bytes or rows done of total, per file. */
  onProgress?: (p: { file: string; done: number; total: number; unit: 'bytes' | 'rows' }) => void;
}

export interface RejectedRow {
  file: string;
  /** 1-based physical line in the source file (header is line 1 for CSV). */
  line: number;
  column: string;
  value: string;
  reason: string;
}

export interface ImportResult {
  file: string;
  table: TableName;
  /** Derived tables also written (e.g. orders derived from a line-level export). */
  alsoLoaded: Array<{ table: TableName; inserted: number; updated: number }>;
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
}
